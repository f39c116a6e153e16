package advtrain.bench;

import advtrain.kernel.Parallel;
import advtrain.model.DeepReluNet;
import advtrain.model.Workspace;
import advtrain.random.RandomStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One forward and one backward (to the weights and to the inputs, {@code Network.backward}) of the deep ReLU
 * net over a batch, in a workspace made in {@code @Setup}: the training step's network work, without the loss.
 * Configurations {@code d-m-H-B-k}: the Fashion-MNIST-sized net (784-1024-2-128-10) and the theory-sized one
 * (100-256-3-64-1).
 *
 * <p>Secondary results: {@code samples} (rows per second) and {@code gflops}, counting 2 flops per multiply-add
 * of the GEMMs: forward 2B(md + H m^2 + km), backward 2B(km + 2H m^2 + md). Compare {@code gflops} with
 * {@link GemmBench} at the same shapes for the fraction of GEMM throughput reached. Run:
 * {@code java --add-modules=jdk.incubator.vector -jar bench/target/benchmarks.jar NetworkBench -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class NetworkBench {

    /** {@code d-m-H-B-k}. */
    @Param({"784-1024-2-128-10", "100-256-3-64-1"})
    public String config;

    /** Threads of the engine's pool. */
    @Param({"1", "2"})
    public int threads;

    int batch;
    double flopsPerCall;
    DeepReluNet net;
    Workspace ws;
    double[] x;
    double[] gOut;
    double[] grad;
    double[] gx;
    Parallel par;

    /** Per-iteration counters, reported per second by JMH. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Rate {
        /** Samples (batch rows) through forward and backward. */
        public double samples;
        /** GFLOP done. */
        public double gflops;

        @Setup(Level.Iteration)
        public void reset() {
            samples = 0;
            gflops = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = config.split("-");
        int d = Integer.parseInt(p[0]);
        int m = Integer.parseInt(p[1]);
        int depth = Integer.parseInt(p[2]);
        batch = Integer.parseInt(p[3]);
        int k = Integer.parseInt(p[4]);
        par = Parallel.create(threads);
        net = DeepReluNet.init(d, m, depth, k, 1, par);
        ws = net.newWorkspace(batch, par);
        x = new double[batch * d];
        gOut = new double[batch * k];
        grad = new double[net.paramCount()];
        gx = new double[batch * d];
        RandomStream rs = RandomStream.of(2, "bench.network");
        rs.fillGaussian(x, 0, x.length, 1.0 / Math.sqrt(d));
        rs.fillGaussian(gOut, 0, gOut.length, 1.0);
        double fwd = 2.0 * batch * ((double) m * d + (double) depth * m * m + (double) k * m);
        double bwd = 2.0 * batch * ((double) k * m + 2.0 * depth * m * m + (double) m * d);
        flopsPerCall = fwd + bwd;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        par.close();
    }

    @Benchmark
    public double[] forwardBackward(Rate rate) {
        net.forward(ws, x, 0, batch);
        net.backward(ws, gOut, 0, 0.0, grad, gx, 0);
        rate.samples += batch;
        rate.gflops += 1e-9 * flopsPerCall;
        return gx;
    }
}
