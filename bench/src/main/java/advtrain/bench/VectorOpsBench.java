package advtrain.bench;

import advtrain.kernel.Simd;
import advtrain.kernel.VectorKernels;
import advtrain.random.RandomStream;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The element-wise and reduction kernels of {@link VectorKernels}, vector path against scalar path
 * ({@code path}: {@code vector} is {@link Simd#vector()}, {@code scalar} is {@link Simd#scalar()}), on
 * a length that fits L1 (1024), one that fits L2 (32768) and the length of a 128 x 1024 activation
 * (131072). Each fork uses one path only (NOTES.md: one species per JVM). Ops that write in place keep
 * their values bounded (scale by 1, clamp, axpy with 0), so repeated calls measure the same work; those
 * constants are read from fields, so the JIT cannot fold the work away (a literal {@code scale(n, 1.0)}
 * compiled to nothing on the scalar path).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class VectorOpsBench {

    @Param({"1024", "32768", "131072"})
    public int n;

    @Param({"vector", "scalar"})
    public String path;

    /** Factors read from fields (not literals): 1 for scale, 0 for axpy. */
    double one = 1.0;
    double zero = 0.0;
    double step = 0.01;
    double eps = 0.1;
    double lo = -1.0;
    double hi = 1.0;

    VectorKernels kern;
    double[] x;
    double[] y;
    double[] g;
    double[] out;

    @Setup(Level.Trial)
    public void setUp() {
        kern = path.equals("vector") ? Simd.vector() : Simd.scalar();
        if (kern == null) {
            throw new IllegalStateException("the vector path is not available (run with --add-modules=jdk.incubator.vector)");
        }
        RandomStream rs = RandomStream.of(2, "bench.vector", n);
        x = new double[n];
        y = new double[n];
        g = new double[n];
        out = new double[n];
        rs.fillGaussian(x, 0, n, 1);
        rs.fillGaussian(y, 0, n, 1);
        rs.fillGaussian(g, 0, n, 1);
    }

    @Benchmark
    public double[] relu() {
        kern.relu(n, x, 0, out, 0);
        return out;
    }

    @Benchmark
    public double[] reluBackward() {
        kern.reluBackward(n, g, 0, x, 0, out, 0);
        return out;
    }

    @Benchmark
    public double[] axpy() {
        kern.axpy(n, zero, x, 0, out, 0);
        return out;
    }

    @Benchmark
    public double[] scale() {
        kern.scale(n, one, out, 0);
        return out;
    }

    @Benchmark
    public double[] mul() {
        kern.mul(n, x, 0, y, 0, out, 0);
        return out;
    }

    @Benchmark
    public double[] sign() {
        kern.sign(n, g, 0, out, 0);
        return out;
    }

    @Benchmark
    public double[] clamp() {
        kern.clamp(n, lo, hi, y, 0);
        return y;
    }

    @Benchmark
    public void dot(Blackhole bh) {
        bh.consume(kern.dot(n, x, 0, y, 0));
    }

    @Benchmark
    public void sum(Blackhole bh) {
        bh.consume(kern.sum(n, x, 0));
    }

    @Benchmark
    public void sumSquaresOfDifference(Blackhole bh) {
        bh.consume(kern.sumSquares(n, x, 0, y, 0));
    }

    @Benchmark
    public void normInf(Blackhole bh) {
        bh.consume(kern.normInf(n, x, 0));
    }

    @Benchmark
    public double[] signStepClip() {
        // x stays within [y - 0.1, y + 0.1] after the first call, so every call does the same work.
        kern.signStepClip(n, out, 0, g, 0, step, y, 0, eps, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        return out;
    }
}
