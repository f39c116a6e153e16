package advtrain.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DeepReluNtkTest {

    /** H = 1: Theta = (x.y) (pi - theta) / pi; at theta = pi/2 it is 0 and at x = y it is |x|^2. */
    @Test
    void oneLayerIsScaledStepKernel() {
        DeepReluNtk k = new DeepReluNtk(1);
        double[] x = {1, 0};
        double[] y = {0.5, Math.sqrt(3) / 2};
        assertEquals(0.5 * (2.0 / 3.0), k.eval(x, 0, y, 0, 2, null), 1e-15);
        assertEquals(0.0, k.eval(x, 0, new double[] {0, 3}, 0, 2, null), 0.0);
    }

    /**
     * On the diagonal every Sdot is 1 and every Sigma_h is |x|^2, so Theta(x, x) = H |x|^2, to a few ulps (the
     * angle is exactly 0; arccos of a rounded correlation would give 5e-9 relative errors here).
     */
    @Test
    void diagonalIsDepthTimesSquaredNorm() {
        double[] x = {0.3, -1.2, 0.4};
        double n2 = 0.09 + 1.44 + 0.16;
        for (int h = 1; h <= 5; h++) {
            assertEquals(h * n2, new DeepReluNtk(h).eval(x, 0, x, 0, 3, null), 4 * h * Math.ulp(h * n2));
        }
    }

    /** H = 2 by hand: Sigma1 = (sin t + (pi - t) cos t)/pi, Theta = Sigma0 Sdot1 Sdot2 + Sigma1 Sdot2. */
    @Test
    void twoLayersByHand() {
        double t = 1.1;
        double[] x = {1, 0};
        double[] y = {Math.cos(t), Math.sin(t)};
        double sdot1 = (Math.PI - t) / Math.PI;
        double sigma1 = (Math.sin(t) + (Math.PI - t) * Math.cos(t)) / Math.PI;
        double t1 = Math.acos(sigma1);
        double sdot2 = (Math.PI - t1) / Math.PI;
        double want = Math.cos(t) * sdot1 * sdot2 + sigma1 * sdot2;
        assertEquals(want, new DeepReluNtk(2).eval(x, 0, y, 0, 2, null), 1e-14);
    }

    @Test
    void depthBelowOneIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DeepReluNtk(0));
        assertEquals("--depth must be >= 1, got 0", e.getMessage());
    }
}
