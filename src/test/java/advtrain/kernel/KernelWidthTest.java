package advtrain.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * SIMD == scalar, bit for bit, at a forced vector width. The build runs this class in four JVMs of its
 * own, with {@code -Dadvtrain.simd.bits=128}, {@code 256}, {@code 512} and {@code -Dadvtrain.simd=false}
 * (one species per JVM: NOTES.md). 512 bits are emulated on AVX2 machines, so the sizes stay small.
 */
class KernelWidthTest {

    /** Every residue of 2, 4 and 8 lanes, twice, and a few longer odd lengths. */
    private static final int[] SIZES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
        22, 23, 24, 25, 31, 33, 63, 65, 129};

    /** Every register tile of this width (the default one is chosen by JDK version): each must give the same bits. */
    private static final java.util.List<VectorKernels> TILES = new java.util.ArrayList<>();

    static {
        for (int rows : PanamaKernels.tileRows()) {
            TILES.add(new PanamaKernels(rows));
        }
    }

    @Test
    void theForcedConfigurationIsTheOneInUse() {
        String bits = System.getProperty("advtrain.simd.bits");
        boolean scalarForced = "false".equals(System.getProperty("advtrain.simd"));
        assertTrue(bits != null || scalarForced,
                "width tests run in the forced-width JVMs (-Dadvtrain.simd.bits=128|256|512 or -Dadvtrain.simd=false)");
        assertNotNull(Simd.vector(), "jdk.incubator.vector is not in the test JVM");
        if (scalarForced) {
            assertSame(Simd.scalar(), Simd.kernels(), "advtrain.simd=false must select the scalar kernels");
            assertEquals("scalar", Simd.describe());
        } else {
            assertSame(Simd.vector(), Simd.kernels(), "the vector kernels must be selected");
            assertEquals(Integer.parseInt(bits), Simd.kernels().bits(), "forced width");
            assertEquals("vector-" + bits, Simd.describe());
        }
    }

    @Test
    void everyOpIsBitIdenticalToScalar() {
        OpsTranscript.assertCoversInterface();
        for (int n : SIZES) {
            for (int off : new int[] {0, 1, 5}) {
                for (boolean special : new boolean[] {false, true}) {
                    double[][] in = OpsTranscript.inputs(21, n, off, special);
                    String ctx = "n=" + n + " off=" + off + " special=" + special + " " + Simd.vector().name();
                    VectorKernelsTest.assertBits(OpsTranscript.record(Simd.scalar(), in, n, off),
                            OpsTranscript.record(Simd.vector(), in, n, off), () -> ctx);
                }
            }
        }
    }

    /**
     * Gemm on the vector kernels (every register tile of this width) == on the scalar kernels ==
     * GemmReference, bit for bit: every op pair,
     * m and n across the tile edges of this width (MR 4 or 6, NR 4, 8 or 32 doubles), k across one fma chain
     * of a few steps, strided sub-matrices, beta in {0, 1, 0.5}.
     */
    @Test
    void gemmIsBitIdenticalToScalarAndReference() {
        int[] ms = {1, 2, 5, 6, 7, 13};
        int[] ns = {1, 3, 4, 5, 8, 9, 31, 33};
        int[] ks = {1, 2, 7, 19};
        int cases = 0;
        for (Gemm.Op opA : Gemm.Op.values()) {
            for (Gemm.Op opB : Gemm.Op.values()) {
                for (int m : ms) {
                    for (int n : ns) {
                        for (int k : ks) {
                            double beta = new double[] {0, 1, 0.5}[cases % 3];
                            compare(opA, opB, m, n, k, beta);
                            cases++;
                        }
                    }
                }
            }
        }
        assertEquals(4 * ms.length * ns.length * ks.length, cases);
    }

    private static void compare(Gemm.Op opA, Gemm.Op opB, int m, int n, int k, double beta) {
        RandomStream rs = RandomStream.of(22, "kernel.width.gemm", m, n, k);
        int lda = (opA == Gemm.Op.N ? k : m) + 2, ldb = (opB == Gemm.Op.N ? n : k) + 1, ldc = n + 3;
        double[] a = new double[3 + (opA == Gemm.Op.N ? m : k) * lda];
        double[] b = new double[(opB == Gemm.Op.N ? k : n) * ldb];
        double[] c = new double[1 + m * ldc];
        rs.fillGaussian(a, 0, a.length, 1);
        rs.fillGaussian(b, 0, b.length, 1);
        rs.fillGaussian(c, 0, c.length, 1);
        double[] cs = c.clone(), cr = c.clone();
        Gemm.gemm(Simd.scalar(), Parallel.serial(), opA, opB, m, n, k, -0.7, a, 3, lda, b, 0, ldb, beta, cs, 1, ldc);
        GemmReference.gemm(opA, opB, m, n, k, -0.7, a, 3, lda, b, 0, ldb, beta, cr, 1, ldc);
        String ctx = opA + "" + opB + " m=" + m + " n=" + n + " k=" + k + " beta=" + beta + " " + Simd.vector().name();
        VectorKernelsTest.assertBits(cr, cs, () -> "scalar vs reference " + ctx);
        for (VectorKernels tile : TILES) {
            double[] cv = c.clone();
            Gemm.gemm(tile, Parallel.serial(), opA, opB, m, n, k, -0.7, a, 3, lda, b, 0, ldb, beta, cv, 1, ldc);
            VectorKernelsTest.assertBits(cr, cv, () -> "vector " + tile.mr() + "x" + tile.nr() + " tile vs reference " + ctx);
        }
    }
}
