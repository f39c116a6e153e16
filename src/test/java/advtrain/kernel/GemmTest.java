package advtrain.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
