package advtrain.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.random.RandomStream;
import org.junit.jupiter.api.Test;

class CholeskyTest {

    /** A = B B^T + I (well conditioned): ||A x - b|| / ||b|| at a few ulps times n. */
    @Test
    void solvesSpdSystemsOnOddSizes() {
        for (int n : new int[] {1, 3, 17, 40}) {
            RandomStream rs = RandomStream.of(n, "test.cholesky");
            double[] b = new double[n * n];
            rs.fillGaussian(b, 0, b.length, 1);
            double[] a = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = i == j ? 1 : 0;
                    for (int k = 0; k < n; k++) {
                        s += b[i * n + k] * b[j * n + k];
                    }
                    a[i * n + j] = s;
                }
            }
            double[] rhs = new double[n * 2];
            rs.fillGaussian(rhs, 0, rhs.length, 1);
            double[] x = rhs.clone();
            Cholesky.factor(a, 0, n, 0.0).solveInPlace(x, 0, 2);
            for (int c = 0; c < 2; c++) {
                double res = 0;
                double nb = 0;
                for (int i = 0; i < n; i++) {
                    double s = -rhs[i * 2 + c];
                    for (int j = 0; j < n; j++) {
                        s += a[i * n + j] * x[j * 2 + c];
                    }
                    res += s * s;
                    nb += rhs[i * 2 + c] * rhs[i * 2 + c];
                }
                // cond(A) <= 1 + sigma_max(B)^2 ~ 4n: residual bound cond * n * eps, with a factor 10
                assertTrue(Math.sqrt(res / nb) < 10 * 4 * n * n * 0x1p-52, "n=" + n + " residual " + Math.sqrt(res / nb));
            }
        }
    }

    @Test
    void singularMatrixNeedsRidgeAndSaysSo() {
        double[] a = {1, 1, 1, 1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cholesky.factor(a, 0, 2, 0.0));
        assertTrue(e.getMessage().contains("pivot 1"), e.getMessage());
        assertTrue(e.getMessage().contains("larger ridge"), e.getMessage());
        double[] x = {1, 1};
        Cholesky.factor(a, 0, 2, 1.0).solveInPlace(x, 0, 1);
        // (A + I) x = 1: x = (1/3, 1/3)
        assertEquals(1.0 / 3, x[0], 1e-15);
        assertEquals(1.0 / 3, x[1], 1e-15);
    }
}
