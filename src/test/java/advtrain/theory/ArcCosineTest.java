package advtrain.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ArcCosineTest {

    /** Away from 0 the versine form agrees with arccos of the map itself (well conditioned there) to 1e-14. */
    @Test
    void nextAngleMatchesArccosForm() {
        for (double t = 0.1; t <= Math.PI; t += 0.1) {
            double direct = Math.acos((Math.sin(t) + (Math.PI - t) * Math.cos(t)) / Math.PI);
            assertEquals(direct, ArcCosine.nextAngle(t), 1e-14, "theta " + t);
        }
        assertEquals(Math.acos(1 / Math.PI), ArcCosine.nextAngle(Math.PI / 2), 1e-15);
    }

    /**
     * Near 0: cos theta' = 1 - theta^2/2 + theta^3/(3 pi) + O(theta^4), so theta' = theta (1 - theta/(3 pi)) + O(theta^3);
     * at theta = 1e-6 that is checked to 1e-11 relative (arccos of the map would be off by 1e-2 relative there).
     */
    @Test
    void nextAngleIsAccurateNearZero() {
        double t = 1e-6;
        assertEquals(t * (1 - t / (3 * Math.PI)), ArcCosine.nextAngle(t), 1e-11 * t);
        assertEquals(0.0, ArcCosine.nextAngle(0.0), 0.0);
    }

    /** Kahan's angle: exactly 0 for equal (and positively scaled) rows, pi for opposite, 1e-9 resolved. */
    @Test
    void angleIsExactAtTheEnds() {
        double[] x = {0.3, -1.2, 0.4};
        assertEquals(0.0, ArcCosine.angle(x, 0, x, 0, 3), 0.0);
        assertEquals(0.0, ArcCosine.angle(x, 0, new double[] {0.6, -2.4, 0.8}, 0, 3), 1e-16);
        assertEquals(Math.PI, ArcCosine.angle(x, 0, new double[] {-0.3, 1.2, -0.4}, 0, 3), 1e-15);
        double e = 1e-9;
        assertEquals(e, ArcCosine.angle(new double[] {1, 0}, 0, new double[] {Math.cos(e), Math.sin(e)}, 0, 2), 1e-15 * e + 1e-24);
    }
}
