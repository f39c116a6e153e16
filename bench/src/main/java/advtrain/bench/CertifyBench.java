package advtrain.bench;

import advtrain.certify.Ball;
import advtrain.certify.Certifier;
import advtrain.certify.Method;
import advtrain.kernel.Parallel;
import advtrain.model.DeepReluNet;
import advtrain.random.RandomStream;
import advtrain.threat.Norm;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-sample cost of certified bounds for the deep net at (d=784, m=1024, H=2, k=10), a batch of
 * {@link #BATCH} samples per call (JMH multiplies by it: the score is samples per second; the per-sample
 * cost is its inverse).
 *
 * <p>Inputs: Gaussian rows of norm about 1 (the unit-sphere scale); the l-infinity ball of radius {@code eps}.
 * CROWN's cost is dominated by the layer-2 bounds: 2 rows per neuron that the interval step leaves unstable,
 * each row pushed through W_2 and W_1 A by GEMMs of (rows x m) by (m x d), about 2 x unstable x m x d x 2 flops
 * per sample; eps = 0.001 leaves roughly half the layer-2 neurons unstable, eps = 0.01 nearly all (the worst
 * case, full CROWN on every neuron). IBP is a handful of (BATCH x m) GEMMs. The certifier (with its W_1 A
 * product) is built in {@code @Setup}. Secondary results: {@code rows} (backward rows per second; per sample:
 * divide by the samples rate) and {@code gflops}, counting 2 m d flops per backward row (its multiply by
 * W_1 A; the final rows' extra multiply by W_2 is left out, so this undercounts slightly). Compare with
 * {@link GemmBench} at {@code 2048x1024x784 NN} for the fraction of GEMM throughput reached. Run:
 * {@code java --add-modules=jdk.incubator.vector -jar bench/target/benchmarks.jar CertifyBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
public class CertifyBench {

    /** Samples per call. */
    static final int BATCH = 16;

    /** {@code crown} or {@code ibp}. */
    @Param({"crown", "ibp"})
    public String method;

    /** l-infinity radius. */
    @Param({"0.001", "0.01"})
    public double eps;

    /** Threads of the engine's pool. */
    @Param({"1", "2"})
    public int threads;

    Parallel par;
    Certifier cert;
    Method m;
    Ball ball;
    double[] x;
    int[] y;
    double[] out;

    /** Per-iteration counters, reported per second by JMH. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Rate {
        /** Backward rows. */
        public double rows;
        /** GFLOP in the backward GEMMs (2 m d per row). */
        public double gflops;

        @Setup(Level.Iteration)
        public void reset() {
            rows = 0;
            gflops = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        int d = 784;
        int k = 10;
        par = Parallel.create(threads);
        DeepReluNet net = DeepReluNet.init(d, 1024, 2, k, 1);
        cert = Certifier.of(net, par);
        m = Method.parse(method);
        ball = Ball.of(Norm.LINF, eps);
        x = new double[BATCH * d];
        RandomStream.of(2, "bench.certify").fillGaussian(x, 0, x.length, 1.0 / Math.sqrt(d));
        y = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            y[i] = i % k;
        }
        out = new double[BATCH * k];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        par.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double[] bounds(Rate rate) {
        long before = cert.backwardRows();
        cert.bounds(m, ball, x, 0, y, 0, BATCH, out, 0);
        double rows = cert.backwardRows() - before;
        rate.rows += rows;
        rate.gflops += 1e-9 * rows * 2.0 * 1024 * 784;
        return out;
    }
}
