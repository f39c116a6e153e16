package advtrain.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GaussHermiteTest {

    /** The n-point rule integrates z^(2k) exactly for 2k <= 2n - 1: E z^(2k) = (2k-1)!!, odd moments 0. */
    @Test
    void exactOnPolynomialsUpToDegree2nMinus1() {
        for (int n : new int[] {1, 2, 5, 8, 16, 33, 64}) {
            GaussHermite gh = GaussHermite.of(n);
            double dfact = 1.0; // (2k-1)!!
            for (int k = 0; 2 * k <= 2 * n - 1 && k <= 20; k++) {
                if (k > 0) {
                    dfact *= 2 * k - 1;
                }
                double even = 0;
                double odd = 0;
                for (int i = 0; i < n; i++) {
                    even += gh.weight(i) * Math.pow(gh.node(i), 2 * k);
                    odd += gh.weight(i) * Math.pow(gh.node(i), 2 * k + 1);
                }
                // rounding grows with the size of the terms: |z|^(2k) weights sum ~ (2k-1)!!
                assertEquals(dfact, even, 1e-12 * dfact * n, "n=" + n + " k=" + k);
                assertEquals(0.0, odd, 1e-12 * dfact * n * 10, "n=" + n + " odd k=" + k);
            }
        }
    }

    @Test
    void nodesAscendingSymmetricWeightsPositive() {
        GaussHermite gh = GaussHermite.of(21);
        for (int i = 0; i < 21; i++) {
            assertEquals(-gh.node(20 - i), gh.node(i), 0.0);
            assertEquals(gh.weight(20 - i), gh.weight(i), 0.0);
            assertEquals(true, gh.weight(i) > 0);
            if (i > 0) {
                assertEquals(true, gh.node(i) > gh.node(i - 1));
            }
        }
        // the 2-point rule: nodes +-1, weights 1/2
        GaussHermite two = GaussHermite.of(2);
        assertEquals(1.0, two.node(1), 1e-15);
        assertEquals(0.5, two.weight(0), 1e-15);
    }

    @Test
    void orderOutOfRangeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GaussHermite.of(0));
        assertEquals("Gauss-Hermite order must be in 1..1024, got 0", e.getMessage());
    }
}
