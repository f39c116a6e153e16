package advtrain.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import advtrain.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * The linear relaxations and ranges of every activation are sound on dense samples of many intervals
 * (crossing inflection points, tiny, wide, one-sided), tight where they should be, and the declared shapes
 * (inflection points, convexity) match second differences.
 *
 * <p>Tolerance for soundness: 0 for the smooth curves: their intercepts carry their own padding
 * ({@link SmoothRelaxation#PAD_ULPS}), which covers the rounding of evaluating {@code a z + b} here with a wide
 * margin. ReLU's relaxation is deliberately unpadded (exact in real arithmetic), so there the check allows
 * 4 ulps of max(|l|, |u|), the rounding of {@code s z - s l}. Any slip in a construction is far larger.
 */
class SmoothRelaxationTest {

    private static final int SAMPLES = 2001;

    @Test
    void relaxationLinesEncloseEveryActivationOnDenseSamples() {
        double[] dst = new double[4];
        double[] rng = new double[2];
        for (Curve c : Curve.values()) {
            RandomStream r = RandomStream.of(7, "test.relax", c.ordinal());
            for (int t = 0; t < 300; t++) {
                double l;
                double u;
                switch (t % 5) {
                    case 0 -> { l = -6 + 12 * r.nextDouble(); u = l + 12 * r.nextDouble(); }
                    case 1 -> { l = -3 + 6 * r.nextDouble(); u = l + 1e-3 * r.nextDouble(); }
                    case 2 -> { l = -4 * r.nextDouble(); u = 4 * r.nextDouble(); }
                    case 3 -> { l = -2 - 2 * r.nextDouble(); u = -1 - r.nextDouble(); }
                    default -> { l = 1.2 + r.nextDouble(); u = l + 3 * r.nextDouble(); }
                }
                SmoothRelaxation.relax(c, l, u, dst, 0);
                SmoothRelaxation.range(c, l, u, rng, 0);
                double tol = c == Curve.RELU ? 4 * Math.ulp(Math.max(Math.abs(l), Math.abs(u))) : 0.0;
                for (int s = 0; s < SAMPLES; s++) {
                    double z = s == SAMPLES - 1 ? u : l + (u - l) * s / (SAMPLES - 1);
                    double v = c.value(z);
                    if (dst[0] * z + dst[1] > v + tol || dst[2] * z + dst[3] < v - tol) {
                        fail(c + " on [" + l + ", " + u + "] at z=" + z + ": " + v + " not in ["
                                + (dst[0] * z + dst[1]) + ", " + (dst[2] * z + dst[3]) + "]");
                    }
                    if (v < rng[0] || v > rng[1]) {
                        fail(c + " range on [" + l + ", " + u + "] misses " + v + " at z=" + z);
                    }
                }
            }
        }
    }

    @Test
    void reluRelaxationIsTheAdaptiveCrownOne() {
        double[] dst = new double[4];
        SmoothRelaxation.relax(Curve.RELU, -1, 3, dst, 0);
        assertEquals(1.0, dst[0]);
        assertEquals(0.0, dst[1]);
        assertEquals(0.75, dst[2]);
        assertEquals(0.75, dst[3]);
        SmoothRelaxation.relax(Curve.RELU, -3, 1, dst, 0);
        assertEquals(0.0, dst[0]);
        assertEquals(0.25, dst[2]);
        assertEquals(0.75, dst[3]);
    }

    /** On a convex piece the upper line is the chord: it meets sigma at both ends (to the padding). */
    @Test
    void upperLineIsTheChordOnConvexPieces() {
        double[] dst = new double[4];
        for (Curve c : new Curve[] {Curve.SOFTPLUS, Curve.QUADRATIC_RELU, Curve.TANH, Curve.SIGMOID}) {
            double l = -2.5;
            double u = -0.5;
            SmoothRelaxation.relax(c, l, u, dst, 0);
            double tol = 1e-13;
            assertEquals(c.value(l), dst[2] * l + dst[3], tol, c + " chord at l");
            assertEquals(c.value(u), dst[2] * u + dst[3], tol, c + " chord at u");
            double mid = 0.5 * (l + u);
            assertEquals(c.value(mid), dst[0] * mid + dst[1], tol, c + " tangent at the midpoint");
        }
    }

    /** The declared inflection points and convexity agree with second differences on a dense grid. */
    @Test
    void declaredShapesMatchSecondDifferences() {
        double h = 1e-3;
        for (Curve c : Curve.values()) {
            if (c == Curve.RELU) {
                continue;
            }
            int checked = 0;
            for (double z = -8; z <= 8; z += 0.01) {
                double dist = Double.POSITIVE_INFINITY;
                int piece = 0;
                for (int i = 0; i < c.inflectionCount(); i++) {
                    dist = Math.min(dist, Math.abs(z - c.inflection(i)));
                    if (c.inflection(i) < z) {
                        piece = i + 1;
                    }
                }
                double second = c.value(z + h) - 2 * c.value(z) + c.value(z - h);
                // away from inflections (and from the flat half of quadratic-relu and far tails) the sign must match
                if (dist < 0.05 || Math.abs(second) < 1e-12) {
                    continue;
                }
                boolean convex = second > 0;
                assertEquals(c.convexOnPiece(piece), convex, c + " at z=" + z + " (second difference " + second + ")");
                checked++;
            }
            assertTrue(checked > 300, c + ": only " + checked + " points checked");
        }
        assertEquals(1.5, Curve.GELU.inflection(1), 0.1);
        assertTrue(Math.abs(Curve.geluCurvatureSign(Curve.GELU.inflection(1))) < 1e-12);
    }
}
