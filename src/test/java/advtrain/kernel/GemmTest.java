package advtrain.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.random.RandomStream;
import org.junit.jupiter.api.Test;

class GemmTest {

    private static final int[] SIZES = {1, 2, 7, 33, 257};

    /** Blocked GEMM == naive reference bit for bit, on every op pair, odd shapes, strided operands and beta in {0, 1, 0.5}. */
    @Test
    void gemmMatchesNaiveOnOddShapesAllOps() {
        int checked = 0;
        try (Parallel par = Parallel.create(2)) {
            for (Gemm.Op opA : Gemm.Op.values()) {
                for (Gemm.Op opB : Gemm.Op.values()) {
                    for (int m : SIZES) {
                        for (int n : new int[] {1, 7, 33, 100}) {
                            for (int k : new int[] {1, 33, 520}) {
                                for (double beta : new double[] {0, 1, 0.5}) {
                                    check(par, opA, opB, m, n, k, 1.5, beta, 3);
                                    checked++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(checked == 4 * 5 * 4 * 3 * 3);
    }

    private static void check(Parallel par, Gemm.Op opA, Gemm.Op opB, int m, int n, int k, double alpha, double beta, int pad) {
        RandomStream rs = RandomStream.of(42, "gemm.test", m, n, k);
        int aRows = opA == Gemm.Op.N ? m : k, aCols = opA == Gemm.Op.N ? k : m;
        int bRows = opB == Gemm.Op.N ? k : n, bCols = opB == Gemm.Op.N ? n : k;
        int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;
        double[] a = new double[5 + aRows * lda];
        double[] b = new double[2 + bRows * ldb];
        double[] c = new double[1 + m * ldc];
        rs.fillGaussian(a, 0, a.length, 1);
        rs.fillGaussian(b, 0, b.length, 1);
        rs.fillGaussian(c, 0, c.length, 1);
        double[] ref = c.clone();
        Gemm.gemm(par, opA, opB, m, n, k, alpha, a, 5, lda, b, 2, ldb, beta, c, 1, ldc);
        GemmReference.gemm(opA, opB, m, n, k, alpha, a, 5, lda, b, 2, ldb, beta, ref, 1, ldc);
        assertArrayEquals(ref, c, 0.0, () -> opA + "" + opB + " m=" + m + " n=" + n + " k=" + k + " beta=" + beta);
    }

    /** A Gaussian array holding {@code rows} rows of leading dimension {@code ld} after {@code off} leading values. */
    private static double[] operand(RandomStream rs, int rows, int ld, int off) {
        double[] x = new double[off + rows * ld];
        rs.fillGaussian(x, 0, x.length, 1);
        return x;
    }

    /**
     * Against a naive triple loop written independently (products rounded, then added left to right; alpha
     * and beta applied at the end): |difference| <= 2 gamma(k + 2) (|alpha| sum_p |a_ip b_pj| + |beta c_ij|)
     * per element, the rounding bound of a length-(k + 1) sum of rounded products for each side.
     */
    @Test
    void gemmMatchesIndependentNaiveWithinItsRoundingBound() {
        int[][] shapes = {{1, 1, 1}, {2, 7, 33}, {33, 2, 7}, {7, 33, 257}, {257, 33, 2}, {65, 129, 300}, {13, 257, 1031}};
        int checked = 0;
        for (Gemm.Op opA : Gemm.Op.values()) {
            for (Gemm.Op opB : Gemm.Op.values()) {
                for (int[] s : shapes) {
                    int m = s[0], n = s[1], k = s[2];
                    RandomStream rs = RandomStream.of(7, "gemm.naive", m, n, k, opA.ordinal(), opB.ordinal());
                    int lda = (opA == Gemm.Op.N ? k : m) + 1, ldb = (opB == Gemm.Op.N ? n : k) + 4, ldc = n + 2;
                    double[] a = operand(rs, opA == Gemm.Op.N ? m : k, lda, 2);
                    double[] b = operand(rs, opB == Gemm.Op.N ? k : n, ldb, 0);
                    double[] c = operand(rs, m, ldc, 3);
                    double alpha = 0.8, beta = 0.5;
                    double[] got = c.clone();
                    Gemm.gemm(Parallel.serial(), opA, opB, m, n, k, alpha, a, 2, lda, b, 0, ldb, beta, got, 3, ldc);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = 0, abs = 0;
                            for (int p = 0; p < k; p++) {
                                double x = opA == Gemm.Op.N ? a[2 + i * lda + p] : a[2 + p * lda + i];
                                double y = opB == Gemm.Op.N ? b[p * ldb + j] : b[j * ldb + p];
                                sum += x * y;
                                abs += Math.abs(x * y);
                            }
                            double ci = c[3 + i * ldc + j];
                            double expect = alpha * sum + beta * ci;
                            double tol = 2 * NaiveOps.sumBound(k + 3, Math.abs(alpha) * abs + Math.abs(beta * ci));
                            int ii = i, jj = j;
                            assertEquals(expect, got[3 + i * ldc + j], tol,
                                    () -> opA + "" + opB + " m=" + m + " n=" + n + " k=" + k + " at " + ii + "," + jj);
                        }
                    }
                    checked++;
                }
            }
        }
        assertEquals(4 * shapes.length, checked);
    }

    /**
     * Shapes that cross KC (depth), NC (columns of a B panel) and M_PACK (rows packed at once) by a few; beta 0.5,
     * and beta 0 on a C full of NaN (the first depth block of every column block overwrites C, edge tiles included).
     */
    @Test
    void gemmAcrossBlockBoundariesMatchesReferenceOnBothPaths() {
        int[][] shapes = {{5, 9, Gemm.KC + 7}, {7, Gemm.NC + 9, 5}, {Gemm.M_PACK + 5, 9, 3}, {Gemm.MC + 1, Gemm.TASK_COLS + 3, Gemm.KC + 1},
            {Gemm.MC + 3, Gemm.NC + 11, 2 * Gemm.KC + 5}};
        for (VectorKernels kern : VectorKernelsTest.kernels()) {
            for (int[] s : shapes) {
                for (double beta : new double[] {0.5, 0.0}) {
                    for (Gemm.Op opA : Gemm.Op.values()) {
                        checkBlocks(kern, opA, s[0], s[1], s[2], beta);
                    }
                }
            }
        }
    }

    private static void checkBlocks(VectorKernels kern, Gemm.Op opA, int m, int n, int k, double beta) {
        Gemm.Op opB = opA == Gemm.Op.N ? Gemm.Op.T : Gemm.Op.N;
        RandomStream rs = RandomStream.of(8, "gemm.blocks", m, n, k);
        int lda = opA == Gemm.Op.N ? k : m, ldb = opB == Gemm.Op.N ? n : k;
        double[] a = operand(rs, opA == Gemm.Op.N ? m : k, lda, 0);
        double[] b = operand(rs, opB == Gemm.Op.N ? k : n, ldb, 0);
        double[] c = operand(rs, m, n, 0);
        if (beta == 0.0) {
            java.util.Arrays.fill(c, Double.NaN);
        }
        double[] ref = c.clone();
        try (Parallel par = Parallel.create(2)) {
            Gemm.gemm(kern, par, opA, opB, m, n, k, 1.25, a, 0, lda, b, 0, ldb, beta, c, 0, n);
        }
        GemmReference.gemm(opA, opB, m, n, k, 1.25, a, 0, lda, b, 0, ldb, beta, ref, 0, n);
        VectorKernelsTest.assertBits(ref, c, () -> kern.name() + " " + opA + opB + " m=" + m + " n=" + n + " k=" + k + " beta=" + beta);
    }

    /** Results do not depend on the thread count: 1, 2 and 3 threads give the same bits (shapes with many tasks and KC blocks). */
    @Test
    void gemmIsBitIdenticalOnOneTwoAndThreeThreads() {
        int m = Gemm.MC + 50, n = 2 * Gemm.TASK_COLS + 37, k = Gemm.KC + 100;
        for (Gemm.Op[] ops : new Gemm.Op[][] {{Gemm.Op.N, Gemm.Op.N}, {Gemm.Op.N, Gemm.Op.T}, {Gemm.Op.T, Gemm.Op.N}}) {
            RandomStream rs = RandomStream.of(9, "gemm.threads", ops[0].ordinal(), ops[1].ordinal());
            int lda = ops[0] == Gemm.Op.N ? k : m, ldb = ops[1] == Gemm.Op.N ? n : k;
            double[] a = operand(rs, ops[0] == Gemm.Op.N ? m : k, lda, 0);
            double[] b = operand(rs, ops[1] == Gemm.Op.N ? k : n, ldb, 0);
            double[] c0 = operand(rs, m, n, 0);
            double[] first = null;
            for (int t = 1; t <= 3; t++) {
                double[] c = c0.clone();
                try (Parallel par = Parallel.create(t)) {
                    Gemm.gemm(par, ops[0], ops[1], m, n, k, 1.0, a, 0, lda, b, 0, ldb, 0.5, c, 0, n);
                }
                if (first == null) {
                    first = c;
                } else {
                    int tt = t;
                    VectorKernelsTest.assertBits(first, c, () -> ops[0] + "" + ops[1] + " threads=" + tt + " vs 1");
                }
            }
        }
    }

    @Test
    void gemmWithZeroDepthOrZeroAlphaOnlyScalesCAndBetaZeroOverwritesNaN() {
        double[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8};
        double[] c = {1, 2, Double.NaN, 4};
        Gemm.gemm(Parallel.serial(), Gemm.Op.N, Gemm.Op.N, 2, 2, 0, 1, a, 0, 2, b, 0, 2, 0.5, c, 0, 2);
        assertArrayEquals(new double[] {0.5, 1, Double.NaN, 2}, c, 0.0);
        c = new double[] {1, 2, Double.NaN, 4};
        Gemm.gemm(Parallel.serial(), Gemm.Op.N, Gemm.Op.N, 2, 2, 2, 0.0, a, 0, 2, b, 0, 2, 2.0, c, 0, 2);
        assertArrayEquals(new double[] {2, 4, Double.NaN, 8}, c, 0.0);
        c = new double[] {Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, 4};
        Gemm.gemm(Parallel.serial(), Gemm.Op.N, Gemm.Op.N, 2, 2, 2, 1.0, a, 0, 2, b, 0, 2, 0.0, c, 0, 2);
        assertArrayEquals(new double[] {19, 22, 43, 50}, c, 0.0);
    }

    @Test
    void gemmRejectsShortArraysAndBadLeadingDimensions() {
        double[] a = new double[6], b = new double[6], c = new double[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Gemm.gemm(Parallel.serial(), Gemm.Op.N, Gemm.Op.N, 2, 2, 3, 1, a, 0, 3, b, 0, 2, 0, c, 1, 2));
        assertTrue(e.getMessage().contains("C is too short") && e.getMessage().contains("length is 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                Gemm.gemm(Parallel.serial(), Gemm.Op.N, Gemm.Op.N, 2, 2, 3, 1, a, 0, 2, b, 0, 2, 0, c, 0, 2));
        assertTrue(e.getMessage().contains("leading dimension of A must be >= 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                Gemm.gemm(Parallel.serial(), Gemm.Op.N, Gemm.Op.N, -1, 2, 3, 1, a, 0, 3, b, 0, 2, 0, c, 0, 2));
        assertTrue(e.getMessage().contains("m=-1"), e.getMessage());
    }
}
