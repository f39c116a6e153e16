package advtrain.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import advtrain.random.RandomStream;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs every op of a {@link VectorKernels} on one set of inputs and records every output (whole
 * arrays, so writes outside {@code [off, off + n)} show too, and every reduction's value). Two
 * implementations that agree bit for bit give transcripts with the same bits. {@link #OPS} names the
 * methods a transcript covers; {@link #assertCoversInterface()} fails when the interface gains a method
 * the transcript does not run.
 */
final class OpsTranscript {

    /** The VectorKernels methods a transcript exercises (the rest describe the implementation). */
    static final Set<String> OPS = new TreeSet<>(Arrays.asList("relu", "reluBackward", "axpy", "scale", "mul",
            "sign", "clamp", "dot", "sum", "sumSquares", "normInf", "signStepClip", "microKernel"));
    // microKernel is exercised through Gemm (the tile shape differs between implementations, C must not).
    private static final Set<String> DESCRIPTIVE = Set.of("name", "bits", "mr", "nr");

    private OpsTranscript() {
    }

    static void assertCoversInterface() {
        Set<String> declared = new TreeSet<>();
        for (java.lang.reflect.Method m : VectorKernels.class.getDeclaredMethods()) {
            if (!DESCRIPTIVE.contains(m.getName())) {
                declared.add(m.getName());
            }
        }
        assertEquals(declared, OPS, "every op of VectorKernels must be in the transcript");
    }

    /**
     * Inputs of length {@code off + n + 2}: Gaussian values with, when {@code special}, every fifth
     * element replaced by one of NaN, +-0, +-infinity, a subnormal, or a value at a clamp bound.
     */
    static double[][] inputs(long seed, int n, int off, boolean special) {
        RandomStream rs = RandomStream.of(seed, "kernel.transcript", n, off);
        double[][] in = new double[4][off + n + 2];
        double[] specials = {Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE, 0.5, -0.5, 1e300};
        for (double[] a : in) {
            rs.fillGaussian(a, 0, a.length, 1.0);
            if (special) {
                for (int i = rs.nextInt(5); i < a.length; i += 5) {
                    a[i] = specials[rs.nextInt(specials.length)];
                }
            }
        }
        return in;
    }

    /** Every op on copies of {@code in} (x, y, g, c); the outputs concatenated. */
    static double[] record(VectorKernels k, double[][] in, int n, int off) {
        double[] x = in[0], y = in[1], g = in[2], c = in[3];
        int len = x.length;
        double[] out = new double[0];
        double[] w = new double[len];
        double[] v;

        k.relu(n, x, off, w, 1 + off / 2);
        out = cat(out, w);
        v = x.clone();
        k.relu(n, v, off, v, off); // in place
        out = cat(out, v);
        w = new double[len];
        k.reluBackward(n, g, off, x, off, w, off);
        out = cat(out, w);
        v = y.clone();
        k.axpy(n, -0.75, x, off, v, off);
        out = cat(out, v);
        v = x.clone();
        k.scale(n, 1.0 / 3.0, v, off);
        out = cat(out, v);
        w = new double[len];
        k.mul(n, x, off, y, off, w, off);
        out = cat(out, w);
        v = g.clone();
        k.sign(n, v, off, v, off);
        out = cat(out, v);
        v = x.clone();
        k.clamp(n, -0.5, 0.5, v, off);
        out = cat(out, v);
        v = x.clone();
        k.clamp(n, 0.0, 0.0, v, off);
        out = cat(out, v);
        v = y.clone();
        k.signStepClip(n, v, off, g, off, 0.25, c, off, 0.5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        out = cat(out, v);
        v = y.clone();
        k.signStepClip(n, v, off, g, off, 0.25, c, off, 0.5, -0.25, 1.0);
        out = cat(out, v);
        double[] sums = {
            k.dot(n, x, off, y, off), k.dot(n, x, off, x, off), k.sum(n, x, off), k.sum(n, g, off),
            k.sumSquares(n, x, off, null, 0), k.sumSquares(n, x, off, y, off), k.normInf(n, x, off), k.normInf(n, c, off),
        };
        out = cat(out, sums);
        return cat(out, gemm(k, in, n));
    }

    /**
     * {@link Gemm} on these kernels (its micro-kernel, edge tiles and packing): C (7 x n, padded rows)
     * = 1.5 op(A) op(B) + 0.5 C with depth 1 + n % 37, for all four op pairs. The register tile differs
     * between implementations, the bits must not.
     */
    private static double[] gemm(VectorKernels k, double[][] in, int n) {
        int m = 7, depth = 1 + n % 37, ldc = n + 3;
        double[] out = new double[0];
        for (Gemm.Op opA : Gemm.Op.values()) {
            for (Gemm.Op opB : Gemm.Op.values()) {
                int lda = (opA == Gemm.Op.N ? depth : m) + 1;
                int ldb = (opB == Gemm.Op.N ? n : depth) + 2;
                double[] a = fill(in[0], 1 + (opA == Gemm.Op.N ? m : depth) * lda);
                double[] b = fill(in[1], (opB == Gemm.Op.N ? depth : n) * ldb);
                double[] c = fill(in[3], 2 + m * ldc);
                Gemm.gemm(k, Parallel.serial(), opA, opB, m, n, depth, 1.5, a, 1, lda, b, 0, ldb, 0.5, c, 2, ldc);
                out = cat(out, c);
            }
        }
        return out;
    }

    /** {@code len} values cycled from {@code src}, with non-finite ones replaced (GEMM inputs stay finite). */
    private static double[] fill(double[] src, int len) {
        double[] r = new double[len];
        for (int i = 0; i < len; i++) {
            double v = src[i % src.length];
            r[i] = Double.isFinite(v) && Math.abs(v) < 1e100 ? v : 0.25 * (i % 7) - 0.5;
        }
        return r;
    }

    private static double[] cat(double[] a, double[] b) {
        double[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
