package advtrain.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.kernel.Parallel;
import advtrain.model.Activation;
import org.junit.jupiter.api.Test;

class KernelMatrixTest {

    /** Gram and cross matrices (a quadrature kernel and the deep recursion) are bit-identical on 1 and 2 threads, with the same error. */
    @Test
    void sameBitsOnOneAndTwoThreads() {
        int n = 13;
        int p = 5;
        double[] x = TestPoints.onSphere(n, 4, 31);
        double[] t = TestPoints.onSphere(p, 4, 32);
        try (Parallel two = Parallel.create(2)) {
            for (PointKernel k : new PointKernel[] {TwoLayerNtk.of(Activation.SOFTPLUS), new DeepReluNtk(3)}) {
                KernelMatrix one = new KernelMatrix(k);
                KernelMatrix par = new KernelMatrix(k);
                double[] g1 = one.gram(x, n, 4);
                double[] g2 = par.gram(x, n, 4, two);
                assertEquals(one.lastError(), par.lastError(), 0.0);
                double[] c1 = one.cross(t, p, x, n, 4);
                double[] c2 = par.cross(t, p, x, n, 4, two);
                for (int i = 0; i < g1.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(g1[i]), Double.doubleToRawLongBits(g2[i]), k.describe() + " gram " + i);
                }
                for (int i = 0; i < c1.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(c1[i]), Double.doubleToRawLongBits(c2[i]), k.describe() + " cross " + i);
                    // the cross matrix's entries are the kernel's: K(t_i, x_j) = K(x_j, t_i)
                    assertEquals(c1[i], k.eval(x, (i % n) * 4, t, (i / n) * 4, 4, null), 1e-15);
                }
                assertTrue(one.lastError() <= TwoLayerNtk.DEFAULT_TOLERANCE * 4, k.describe() + " error " + one.lastError());
            }
        }
    }
}
