package advtrain.bench;

import advtrain.kernel.Gemm;
import advtrain.kernel.PackedMatrix;
import advtrain.kernel.Parallel;
import advtrain.kernel.Simd;
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
 * {@link Gemm} throughput: {@code C = A * B} (alpha 1, beta 0) for square sizes and the network's shapes
 * (batch 128 times 784 or 1024 inputs times 1024 units), in the op pairs the layers use: NN (forward),
 * NT (backward to the input) and TN (backward to the weights). {@code threads} is the size of the
 * engine's own pool (JMH itself runs one benchmark thread).
 *
 * {@code gemmPackedB} runs the same product with B packed once beforehand ({@link PackedMatrix}), as an
 * attack's passes multiply by a network's packed weights.
 *
 * <p>The secondary result {@code gflops} is the rate in GFLOP/s (2mnk per call); the primary result is
 * calls per second. Run: {@code java --add-modules=jdk.incubator.vector -jar bench/target/benchmarks.jar Gemm}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBench {

    /** {@code m x k x n}: C is m x n, the inner dimension k. */
    @Param({"256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048", "128x784x1024", "128x1024x1024"})
    public String shape;

    /** op(A) and op(B). */
    @Param({"NN", "NT", "TN"})
    public String op;

    /** Threads of the engine's pool. */
    @Param({"1", "2"})
    public int threads;

    int m;
    int n;
    int k;
    Gemm.Op opA;
    Gemm.Op opB;
    int lda;
    int ldb;
    double[] a;
    double[] b;
    double[] c;
    Parallel par;
    PackedMatrix packedB;

    /** Counts GFLOP done; JMH reports it per second, i.e. in GFLOP/s. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Rate {
        /** GFLOP done in this iteration. */
        public double gflops;

        @Setup(Level.Iteration)
        public void reset() {
            gflops = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        String[] dims = shape.split("x");
        m = Integer.parseInt(dims[0]);
        k = Integer.parseInt(dims[1]);
        n = Integer.parseInt(dims[2]);
        opA = Gemm.Op.valueOf(op.substring(0, 1));
        opB = Gemm.Op.valueOf(op.substring(1, 2));
        lda = opA == Gemm.Op.N ? k : m;
        ldb = opB == Gemm.Op.N ? n : k;
        a = new double[m * k];
        b = new double[k * n];
        c = new double[m * n];
        RandomStream rs = RandomStream.of(1, "bench.gemm", m, k, n);
        rs.fillGaussian(a, 0, a.length, 1);
        rs.fillGaussian(b, 0, b.length, 1);
        par = Parallel.create(threads);
        packedB = PackedMatrix.of(Simd.kernels(), opB, k, n);
        packedB.pack(par, b, 0, ldb);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        par.close();
    }

    @Benchmark
    public double[] gemm(Rate rate) {
        Gemm.gemm(par, opA, opB, m, n, k, 1.0, a, 0, lda, b, 0, ldb, 0.0, c, 0, n);
        rate.gflops += 2e-9 * m * n * k;
        return c;
    }

    /** The same product with B packed once in the set-up ({@link PackedMatrix}): what an attack's passes run. */
    @Benchmark
    public double[] gemmPackedB(Rate rate) {
        Gemm.gemm(Simd.kernels(), par, opA, m, 1.0, a, 0, lda, packedB, 0.0, c, 0, n);
        rate.gflops += 2e-9 * m * n * k;
        return c;
    }
}
