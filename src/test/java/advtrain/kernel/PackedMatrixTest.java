package advtrain.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.random.RandomStream;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** A product through a {@link PackedMatrix} has the bits of the plain GEMM on the matrix it was packed from. */
class PackedMatrixTest {

    /** Odd shapes, and shapes across KC (depth) and NC (columns of a panel): m x k x n. */
    private static final int[][] SHAPES = {{1, 1, 1}, {7, 33, 1}, {33, 7, 257}, {5, Gemm.KC + 7, 9}, {3, 5, Gemm.NC + 9},
        {Gemm.MC + 1, Gemm.KC + 1, Gemm.TASK_COLS + 3}, {2, 2 * Gemm.KC + 3, Gemm.NC + 13}};

    @Test
    void packedProductsEqualPlainProductsBitForBit() {
        int checked = 0;
        try (Parallel two = Parallel.create(2)) {
            for (VectorKernels kern : VectorKernelsTest.kernels()) {
                for (int[] s : SHAPES) {
                    for (Gemm.Op opA : Gemm.Op.values()) {
                        for (Gemm.Op opB : Gemm.Op.values()) {
                            for (Parallel par : new Parallel[] {Parallel.serial(), two}) {
                                check(kern, par, opA, opB, s[0], s[1], s[2]);
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertEquals(VectorKernelsTest.kernels().size() * SHAPES.length * 8, checked);
    }

    private static void check(VectorKernels kern, Parallel par, Gemm.Op opA, Gemm.Op opB, int m, int k, int n) {
        RandomStream rs = RandomStream.of(11, "packed", m, k, n, opA.ordinal(), opB.ordinal());
        int lda = (opA == Gemm.Op.N ? k : m) + 2, ldb = (opB == Gemm.Op.N ? n : k) + 3, ldc = n + 1;
        double[] a = gaussian(rs, 1 + (opA == Gemm.Op.N ? m : k) * lda);
        double[] b = gaussian(rs, 4 + (opB == Gemm.Op.N ? k : n) * ldb);
        double[] c = gaussian(rs, 2 + m * ldc);
        double[] plain = c.clone();
        PackedMatrix pb = PackedMatrix.of(kern, opB, k, n);
        pb.pack(par, b, 4, ldb);
        Gemm.gemm(kern, par, opA, m, 0.75, a, 1, lda, pb, 0.5, c, 2, ldc);
        Gemm.gemm(kern, par, opA, opB, m, n, k, 0.75, a, 1, lda, b, 4, ldb, 0.5, plain, 2, ldc);
        VectorKernelsTest.assertBits(plain, c, () -> kern.name() + " " + opA + opB + " m=" + m + " k=" + k + " n=" + n
                + " " + par);
        // Packing again after B changed gives the new product (no stale panel survives a repack).
        for (int i = 0; i < b.length; i++) {
            b[i] = -2 * b[i];
        }
        pb.pack(par, b, 4, ldb);
        Gemm.gemm(kern, par, opA, m, 0.75, a, 1, lda, pb, 0.0, c, 2, ldc);
        Gemm.gemm(kern, par, opA, opB, m, n, k, 0.75, a, 1, lda, b, 4, ldb, 0.0, plain, 2, ldc);
        VectorKernelsTest.assertBits(plain, c, () -> "repacked " + kern.name() + " " + opA + opB + " m=" + m);
    }

    private static double[] gaussian(RandomStream rs, int n) {
        double[] x = new double[n];
        rs.fillGaussian(x, 0, x.length, 1);
        return x;
    }

    @Test
    void mismatchedKernelsShapesAndShortArraysAreRefused() {
        VectorKernels kern = Simd.kernels();
        PackedMatrix pb = PackedMatrix.of(kern, Gemm.Op.T, 4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pb.pack(Parallel.serial(), new double[11], 0, 4));
        assertTrue(e.getMessage().contains("B is too short"), e.getMessage());
        pb.pack(Parallel.serial(), new double[12], 0, 4);
        e = assertThrows(IllegalArgumentException.class, () ->
                Gemm.gemm(kern, Parallel.serial(), Gemm.Op.N, 2, 1.0, new double[7], 0, 4, pb, 0.0, new double[6], 0, 3));
        assertTrue(e.getMessage().contains("A is too short"), e.getMessage());
        // The same kernels with another micro-panel width: a layout packed for kern cannot serve them.
        VectorKernels other = (VectorKernels) java.lang.reflect.Proxy.newProxyInstance(VectorKernels.class.getClassLoader(),
                new Class<?>[] {VectorKernels.class},
                (proxy, method, args) -> method.getName().equals("nr") ? kern.nr() + 1 : method.invoke(kern, args));
        e = assertThrows(IllegalArgumentException.class, () ->
                Gemm.gemm(other, Parallel.serial(), Gemm.Op.N, 2, 1.0, new double[8], 0, 4, pb, 0.0, new double[6], 0, 3));
        assertTrue(e.getMessage().contains("packed for other kernels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PackedMatrix.of(kern, Gemm.Op.N, 0, 3));
    }

    @Test
    void packingAndPackedProductsAllocateNothingInSteadyState() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        int m = 37, n = 41, k = 300;
        double[] a = new double[m * k], b = new double[k * n], c = new double[m * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = i % 5 - 2;
        }
        PackedMatrix pb = PackedMatrix.of(Simd.scalar(), Gemm.Op.T, k, n);
        for (int rep = 0; rep < 40; rep++) {
            if (rep == 20) {
                long before = bean.getThreadAllocatedBytes(self);
                for (int r = 0; r < 20; r++) {
                    pb.pack(Parallel.serial(), b, 0, k);
                    Gemm.gemm(Simd.scalar(), Parallel.serial(), Gemm.Op.N, m, 1.0, a, 0, k, pb, 0.0, c, 0, n);
                }
                assertEquals(0, bean.getThreadAllocatedBytes(self) - before, "bytes allocated by 20 packs and products");
            }
            pb.pack(Parallel.serial(), b, 0, k);
            Gemm.gemm(Simd.scalar(), Parallel.serial(), Gemm.Op.N, m, 1.0, a, 0, k, pb, 0.0, c, 0, n);
        }
    }
}
