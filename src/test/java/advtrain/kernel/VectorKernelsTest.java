package advtrain.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every vector op of every implementation available in this JVM (scalar, and the vector path at its
 * default width) against the naive references of {@link NaiveOps}: element-wise ops bit for bit,
 * sums within the rounding bound of their dimension, and the reductions' documented order exactly.
 * The forced widths run in {@link KernelWidthTest}.
 */
class VectorKernelsTest {

    /** 0..17 covers every tail of 2, 4 and 8 lanes and of the 8 reduction partials; then odd larger lengths. */
    static final int[] SIZES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 31, 32, 33, 63, 65, 257, 1031};
    static final int[] OFFSETS = {0, 3};

    static List<VectorKernels> kernels() {
        List<VectorKernels> ks = new ArrayList<>();
        ks.add(Simd.scalar());
        if (Simd.vector() != null) {
            ks.add(Simd.vector());
        }
        return ks;
    }

    static void assertBits(double[] expected, double[] actual, Supplier<String> what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            int at = i;
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
                    () -> what.get() + " at " + at + ": expected " + expected[at] + ", got " + actual[at]);
        }
    }

    @Test
    void theVectorPathIsPresentInTestJvms() {
        // The test JVMs get --add-modules=jdk.incubator.vector; without it only the scalar path would be tested.
        assertTrue(Simd.vector() != null, "jdk.incubator.vector is not in the test JVM");
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void elementwiseOpsMatchNaiveBitForBit(VectorKernels k) {
        for (boolean special : new boolean[] {false, true}) {
            for (int n : SIZES) {
                for (int off : OFFSETS) {
                    double[][] in = OpsTranscript.inputs(11, n, off, special);
                    double[] x = in[0], y = in[1], g = in[2], c = in[3];
                    String ctx = k.name() + " n=" + n + " off=" + off + " special=" + special;
                    double[] e = new double[x.length], a = new double[x.length];
                    NaiveOps.relu(n, x, off, e, 1);
                    k.relu(n, x, off, a, 1);
                    assertBits(e, a, () -> "relu " + ctx);
                    e = new double[x.length];
                    a = new double[x.length];
                    NaiveOps.reluBackward(n, g, off, x, off, e, off);
                    k.reluBackward(n, g, off, x, off, a, off);
                    assertBits(e, a, () -> "reluBackward " + ctx);
                    e = y.clone();
                    a = y.clone();
                    NaiveOps.axpy(n, 0.3, x, off, e, off);
                    k.axpy(n, 0.3, x, off, a, off);
                    assertBits(e, a, () -> "axpy " + ctx);
                    e = x.clone();
                    a = x.clone();
                    NaiveOps.scale(n, -1.7, e, off);
                    k.scale(n, -1.7, a, off);
                    assertBits(e, a, () -> "scale " + ctx);
                    e = new double[x.length];
                    a = new double[x.length];
                    NaiveOps.mul(n, x, off, y, off, e, off);
                    k.mul(n, x, off, y, off, a, off);
                    assertBits(e, a, () -> "mul " + ctx);
                    e = new double[x.length];
                    a = new double[x.length];
                    NaiveOps.sign(n, g, off, e, off);
                    k.sign(n, g, off, a, off);
                    assertBits(e, a, () -> "sign " + ctx);
                    for (double[] lohi : new double[][] {{-0.5, 0.25}, {0.0, 0.0}, {-0.0, 0.0}, {1, 1}}) {
                        e = x.clone();
                        a = x.clone();
                        NaiveOps.clamp(n, lohi[0], lohi[1], e, off);
                        k.clamp(n, lohi[0], lohi[1], a, off);
                        assertBits(e, a, () -> "clamp " + lohi[0] + " " + lohi[1] + " " + ctx);
                    }
                    for (double[] box : new double[][] {{Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}, {-0.25, 1.0}}) {
                        e = y.clone();
                        a = y.clone();
                        NaiveOps.signStepClip(n, e, off, g, off, 0.2, c, off, 0.3, box[0], box[1]);
                        k.signStepClip(n, a, off, g, off, 0.2, c, off, 0.3, box[0], box[1]);
                        assertBits(e, a, () -> "signStepClip box " + box[0] + " " + ctx);
                    }
                    assertEquals(Double.doubleToLongBits(NaiveOps.normInf(n, x, off)), Double.doubleToLongBits(k.normInf(n, x, off)),
                            () -> "normInf " + ctx);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void reductionsMatchNaiveWithinTheirDimensionsRoundingBound(VectorKernels k) {
        for (int n : SIZES) {
            for (int off : OFFSETS) {
                double[][] in = OpsTranscript.inputs(12, n, off, false);
                double[] x = in[0], y = in[1];
                String ctx = k.name() + " n=" + n + " off=" + off;
                // Both sides are sums of n rounded products: each within gamma(n+1) sum|x y| of the exact value.
                double tol = 2 * NaiveOps.sumBound(n + 1, NaiveOps.absDot(n, x, off, y, off));
                assertEquals(NaiveOps.dot(n, x, off, y, off), k.dot(n, x, off, y, off), tol, () -> "dot " + ctx);
                tol = 2 * NaiveOps.sumBound(n, NaiveOps.absSum(n, x, off));
                assertEquals(NaiveOps.sum(n, x, off), k.sum(n, x, off), tol, () -> "sum " + ctx);
                tol = 2 * NaiveOps.sumBound(n + 1, NaiveOps.absDot(n, x, off, x, off));
                assertEquals(NaiveOps.dot(n, x, off, x, off), k.sumSquares(n, x, off, null, 0), tol, () -> "sumSquares " + ctx);
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = x[off + i] - y[off + i];
                }
                tol = 2 * NaiveOps.sumBound(n + 1, NaiveOps.absDot(n, d, 0, d, 0));
                assertEquals(NaiveOps.dot(n, d, 0, d, 0), k.sumSquares(n, x, off, y, off), tol, () -> "sumSquares(x - y) " + ctx);
            }
        }
    }

    /** The order documented on VectorKernels, written out here: partial i % 8 over the body, a fixed tree, then the tail. */
    private static double documentedDot(int n, double[] x, int xo, double[] y, int yo) {
        double[] p = new double[8];
        int body = n / 8 * 8;
        for (int i = 0; i < body; i++) {
            p[i % 8] = Math.fma(x[xo + i], y[yo + i], p[i % 8]);
        }
        double s = ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]));
        for (int i = body; i < n; i++) {
            s = Math.fma(x[xo + i], y[yo + i], s);
        }
        return s;
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void reductionsFollowTheDocumentedOrderExactly(VectorKernels k) {
        for (int n : SIZES) {
            double[][] in = OpsTranscript.inputs(13, n, 1, false);
            double[] x = in[0], y = in[1];
            double[] ones = new double[x.length];
            java.util.Arrays.fill(ones, 1.0);
            String ctx = k.name() + " n=" + n;
            assertEquals(documentedDot(n, x, 1, y, 1), k.dot(n, x, 1, y, 1), 0.0, () -> "dot " + ctx);
            // sum(x) = dot(x, 1) in the same order (x * 1 is exact, so the fma is an add).
            assertEquals(documentedDot(n, x, 1, ones, 1), k.sum(n, x, 1), 0.0, () -> "sum " + ctx);
            assertEquals(documentedDot(n, x, 1, x, 1), k.sumSquares(n, x, 1, null, 0), 0.0, () -> "sumSquares " + ctx);
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void reductionsSeeNaNAndInfinity(VectorKernels k) {
        for (int n : new int[] {1, 5, 8, 9, 33}) {
            for (int at = 0; at < n; at += Math.max(1, n / 4)) {
                double[] x = new double[n];
                java.util.Arrays.fill(x, 0.5);
                x[at] = Double.NaN;
                assertTrue(Double.isNaN(k.sum(n, x, 0)) && Double.isNaN(k.dot(n, x, 0, x, 0))
                        && Double.isNaN(k.normInf(n, x, 0)) && Double.isNaN(k.sumSquares(n, x, 0, null, 0)),
                        k.name() + " NaN at " + at + " of " + n);
                x[at] = Double.NEGATIVE_INFINITY;
                assertEquals(Double.NEGATIVE_INFINITY, k.sum(n, x, 0), k.name() + " -inf at " + at);
                assertEquals(Double.POSITIVE_INFINITY, k.normInf(n, x, 0), k.name() + " -inf at " + at);
            }
        }
        assertEquals(0.0, k.normInf(0, new double[0], 0));
        assertEquals(0.0, k.sum(0, new double[0], 0));
    }

    @Test
    void scalarAndVectorTranscriptsAreBitIdenticalAtTheDefaultWidth() {
        OpsTranscript.assertCoversInterface();
        for (int n : SIZES) {
            for (boolean special : new boolean[] {false, true}) {
                double[][] in = OpsTranscript.inputs(14, n, 2, special);
                int nn = n;
                assertBits(OpsTranscript.record(Simd.scalar(), in, n, 2), OpsTranscript.record(Simd.vector(), in, n, 2),
                        () -> "transcript n=" + nn + " special=" + special + " " + Simd.vector().name());
            }
        }
    }

    @Test
    void sizesCoverEveryTailOfEveryWidth() {
        // Guards the size list: each residue modulo 2, 4 and 8 (lanes and reduction partials) appears with n >= 8.
        for (int mod : new int[] {2, 4, 8}) {
            for (int r = 0; r < mod; r++) {
                boolean seen = false;
                for (int n : SIZES) {
                    seen |= n >= 8 && n % mod == r;
                }
                assertTrue(seen, "no size with n % " + mod + " == " + r);
            }
        }
    }
}
