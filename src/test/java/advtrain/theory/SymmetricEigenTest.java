package advtrain.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import advtrain.random.RandomStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    /** Q diag(lambda) Q^T with Q a product of three random Householder reflections (orthogonal). */
    static double[] withSpectrum(double[] lambda, long seed) {
        int n = lambda.length;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = lambda[i];
        }
        RandomStream rs = RandomStream.of(seed, "test.eigen.householder");
        double[] v = new double[n];
        for (int r = 0; r < 3; r++) {
            rs.fillGaussian(v, 0, n, 1.0);
            double vv = 0;
            for (double x : v) {
                vv += x * x;
            }
            // a <- (I - 2vv^T/vv) a (I - 2vv^T/vv)
            double[] av = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    av[i] += a[i * n + j] * v[j];
                }
            }
            double vav = 0;
            for (int i = 0; i < n; i++) {
                vav += v[i] * av[i];
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i * n + j] += -2 * (v[i] * av[j] + av[i] * v[j]) / vv + 4 * vav * v[i] * v[j] / (vv * vv);
                }
            }
        }
        return a;
    }

    /** Backward-stable algorithm: eigenvalue errors below c * n * eps * ||A|| (c = 10, generous for 3 reflections of rounding). */
    @Test
    void eigenvaluesOfKnownSpectrumOnOddSizes() {
        for (int n : new int[] {1, 2, 3, 7, 31, 64}) {
            RandomStream rs = RandomStream.of(n, "test.eigen.spectrum");
            double[] lambda = new double[n];
            rs.fillUniform(lambda, 0, n, -5, 5);
            if (n > 3) {
                lambda[1] = lambda[0]; // a repeated eigenvalue
            }
            double[] a = withSpectrum(lambda, n);
            double[] got = SymmetricEigen.eigenvalues(a, 0, n);
            double[] want = lambda.clone();
            Arrays.sort(want);
            assertArrayEquals(want, got, 10 * n * 0x1p-52 * 5 * n, "n=" + n);
        }
    }

    @Test
    void twoByTwoClosedForm() {
        double[] a = {2, 1, 1, 3};
        double[] got = SymmetricEigen.eigenvalues(a, 0, 2);
        double mid = 2.5;
        double rad = Math.sqrt(0.25 + 1);
        assertEquals(mid - rad, got[0], 1e-15 * 4);
        assertEquals(mid + rad, got[1], 1e-15 * 4);
    }

    @Test
    void sameInputSameBits() {
        double[] lambda = new double[40];
        RandomStream.of(3, "test.eigen.bits").fillGaussian(lambda, 0, 40, 1);
        double[] a = withSpectrum(lambda, 9);
        double[] first = SymmetricEigen.eigenvalues(a, 0, 40);
        double[] second = SymmetricEigen.eigenvalues(a, 0, 40);
        for (int i = 0; i < 40; i++) {
            assertEquals(Double.doubleToRawLongBits(first[i]), Double.doubleToRawLongBits(second[i]));
        }
    }

    @Test
    void nonFiniteEntryIsNamed() {
        double[] a = {1, 0, Double.NaN, 1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.eigenvalues(a, 0, 2));
        assertEquals("matrix entry (1, 0) is NaN", e.getMessage());
    }
}
