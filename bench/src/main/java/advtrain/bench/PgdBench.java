package advtrain.bench;

import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.loss.Losses;
import advtrain.model.DeepReluNet;
import advtrain.model.Workspace;
import advtrain.random.RandomStream;
import advtrain.threat.Attack;
import advtrain.threat.AttackSpec;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * PGD-10 attack throughput in samples/s on the paper's deep ReLU net at (d=784, m=1024, H=2, k=10) with a batch
 * of B=128 ({@code pgd10}: 11 forwards and 10 backwards to the input per sample, l-inf ball eps=0.03, random
 * start), next to one forward + backward-to-input of the same batch ({@code forwardBackwardInput}). An attack step
 * should cost about one forward + backward, so pgd10 should run at about 1/10.5 of forwardBackwardInput's rate.
 * Results are per sample (OperationsPerInvocation = B). Everything is allocated in {@code @Setup}.
 * Run: {@code java --add-modules=jdk.incubator.vector -jar bench/target/benchmarks.jar Pgd}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class PgdBench {

    static final int D = 784;
    static final int M = 1024;
    static final int H = 2;
    static final int K = 10;
    static final int B = 128;

    /** Threads of the engine's pool. */
    @Param({"1", "2"})
    public int threads;

    Parallel par;
    DeepReluNet net;
    Workspace ws;
    Loss loss;
    Attack pgd;
    double[] x;
    int[] y;
    int[] ids;
    double[] xAdv;
    double[] lossOut;
    double[] gOut;
    double[] gx;

    @Setup(Level.Trial)
    public void setUp() {
        par = Parallel.create(threads);
        net = DeepReluNet.init(D, M, H, K, 1);
        ws = net.newWorkspace(B, par);
        loss = Losses.defaultFor(K);
        pgd = AttackSpec.parse("pgd:norm=linf,eps=0.03,steps=10").newAttack();
        x = new double[B * D];
        y = new int[B];
        ids = new int[B];
        RandomStream rs = RandomStream.of(2, "bench.pgd");
        for (int i = 0; i < B; i++) {
            double s = 0;
            for (int j = 0; j < D; j++) {
                double v = rs.nextDouble();
                x[i * D + j] = v;
                s += v * v;
            }
            for (int j = 0; j < D; j++) {
                x[i * D + j] /= Math.sqrt(s); // on the unit sphere, as the paper's inputs
            }
            y[i] = rs.nextInt(K);
            ids[i] = i;
        }
        xAdv = new double[B * D];
        lossOut = new double[B];
        gOut = new double[B * K];
        gx = new double[B * D];
        rs.fillGaussian(gOut, 0, gOut.length, 1.0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        par.close();
    }

    @Benchmark
    @OperationsPerInvocation(B)
    public void pgd10(Blackhole bh) {
        pgd.perturb(net, ws, loss, x, 0, y, 0, B, ids, 0, 7, 0, xAdv, 0, lossOut);
        bh.consume(lossOut[0]);
    }

    @Benchmark
    @OperationsPerInvocation(B)
    public void forwardBackwardInput(Blackhole bh) {
        net.forward(ws, x, 0, B);
        net.backwardInput(ws, gOut, 0, gx, 0);
        bh.consume(gx[0]);
    }
}
