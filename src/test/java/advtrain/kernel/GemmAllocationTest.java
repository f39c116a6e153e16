package advtrain.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * A steady-state GEMM call allocates nothing on the serial path: packing buffers and loop bodies are
 * reused. Measured with the scalar kernels, since Vector API code allocates until C2 has compiled it
 * (a JIT matter, not the engine's).
 */
class GemmAllocationTest {

    @Test
    void steadyStateGemmAllocatesNothingOnTheSerialPath() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        int m = 37, n = 41, k = 300;
        double[] a = new double[m * k], b = new double[k * n], c = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 7 - 3;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = i % 5 - 2;
        }
        for (Gemm.Op opA : Gemm.Op.values()) {
            for (Gemm.Op opB : Gemm.Op.values()) {
                int lda = opA == Gemm.Op.N ? k : m;
                int ldb = opB == Gemm.Op.N ? n : k;
                for (int warm = 0; warm < 20; warm++) {
                    Gemm.gemm(Simd.scalar(), Parallel.serial(), opA, opB, m, n, k, 1.0, a, 0, lda, b, 0, ldb, 0.5, c, 0, n);
                }
                long before = bean.getThreadAllocatedBytes(self);
                for (int rep = 0; rep < 20; rep++) {
                    Gemm.gemm(Simd.scalar(), Parallel.serial(), opA, opB, m, n, k, 1.0, a, 0, lda, b, 0, ldb, 0.5, c, 0, n);
                }
                long after = bean.getThreadAllocatedBytes(self);
                assertEquals(0, after - before, "bytes allocated by 20 " + opA + opB + " calls");
            }
        }
    }
}
