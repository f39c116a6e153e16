package advtrain.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import advtrain.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * GEMM called from inside parallel bodies on the same pool: a worker that joins inside one GEMM may run
 * another chunk's GEMM on the same thread (work stealing), so per-thread packing buffers must not be shared
 * between the two. Every result must still equal the reference bit for bit.
 */
class GemmReentrancyTest {

    @Test
    void nestedGemmCallsOnTheSamePoolMatchTheReference() {
        int chunks = 24, m = 150, n = 70, k = 600;
        double[][] a = new double[chunks][], b = new double[chunks][], c = new double[chunks][], ref = new double[chunks][];
        for (int t = 0; t < chunks; t++) {
            RandomStream rs = RandomStream.of(9, "reentrancy", t);
            a[t] = new double[m * k];
            b[t] = new double[k * n];
            c[t] = new double[m * n];
            rs.fillGaussian(a[t], 0, a[t].length, 1);
            rs.fillGaussian(b[t], 0, b[t].length, 1);
            ref[t] = new double[m * n];
            GemmReference.gemm(Gemm.Op.N, Gemm.Op.N, m, n, k, 1.0, a[t], 0, k, b[t], 0, n, 0.0, ref[t], 0, n);
        }
        try (Parallel par = Parallel.create(2)) {
            for (int round = 0; round < 5; round++) {
                par.forRange(chunks, 1, (t0, t1) -> {
                    for (int t = t0; t < t1; t++) {
                        Gemm.gemm(par, Gemm.Op.N, Gemm.Op.N, m, n, k, 1.0, a[t], 0, k, b[t], 0, n, 0.0, c[t], 0, n);
                    }
                });
                for (int t = 0; t < chunks; t++) {
                    final int tt = t;
                    assertArrayEquals(ref[t], c[t], 0.0, () -> "chunk " + tt);
                }
            }
        }
    }
}
