package advtrain.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.loss.Losses;
import advtrain.random.RandomStream;
import advtrain.threat.Norm;
import org.junit.jupiter.api.Test;

/**
 * The loss upper bounds dominate the model's losses at every output consistent with the bounds, and are
 * attained by the worst consistent output (so they are the tightest bound the output bounds allow).
 * Tolerance: 1e-12 x (1 + |loss|), the rounding of two evaluations of the same formula in different forms.
 */
class LossBoundTest {

    @Test
    void lossUpperBoundDominatesEveryConsistentOutputAndIsAttained() {
        RandomStream r = RandomStream.of(1, "test.lossbound");
        for (int t = 0; t < 500; t++) {
            // k = 1
            double fl = -4 + 8 * r.nextDouble();
            double fu = fl + 3 * r.nextDouble();
            int y = r.nextSign() > 0 ? 1 : -1;
            double[] out = {fl, fu};
            for (String name : new String[] {"logistic", "square"}) {
                Loss loss = Losses.parse(name);
                double up = LossBound.upper(name, 1, y, out, 0);
                double worst = Double.NEGATIVE_INFINITY;
                for (int s = 0; s <= 50; s++) {
                    double f = fl + (fu - fl) * s / 50;
                    double v = loss.value(new double[] {f}, 0, 1, y);
                    worst = Math.max(worst, v);
                    assertTrue(v <= up + 1e-12 * (1 + Math.abs(v)), name + " f=" + f + " loss " + v + " > bound " + up);
                }
                assertEquals(worst, up, 1e-12 * (1 + Math.abs(up)), name + ": bound attained at an end of [f_lower, f_upper]");
            }
            // k = 4, cross-entropy: margins f_y - f_j >= lower_j
            int k = 4;
            int yc = r.nextInt(k);
            double[] ml = new double[k];
            for (int j = 0; j < k; j++) {
                ml[j] = j == yc ? 0 : -3 + 6 * r.nextDouble();
            }
            double up = LossBound.upper("cross-entropy", k, yc, ml, 0);
            Loss ce = Losses.parse("cross-entropy");
            double[] f = new double[k];
            for (int j = 0; j < k; j++) {
                f[j] = -ml[j];
            }
            assertEquals(ce.value(f, 0, k, yc), up, 1e-12 * (1 + Math.abs(up)), "attained with every margin at its bound");
            for (int s = 0; s < 20; s++) {
                for (int j = 0; j < k; j++) {
                    f[j] = j == yc ? 0 : -ml[j] - 2 * r.nextDouble();
                }
                double v = ce.value(f, 0, k, yc);
                assertTrue(v <= up + 1e-12 * (1 + Math.abs(v)));
            }
        }
    }

    @Test
    void certifiedMeansEveryMarginLowerBoundPositive() {
        assertTrue(LossBound.certified(1, 1, new double[] {0.1, 2}, 0));
        assertFalse(LossBound.certified(1, 1, new double[] {0.0, 2}, 0));
        assertTrue(LossBound.certified(1, -1, new double[] {-3, -0.1}, 0));
        assertFalse(LossBound.certified(1, -1, new double[] {-3, 0.1}, 0));
        assertTrue(LossBound.certified(3, 1, new double[] {0.2, 0, 0.1}, 0));
        assertFalse(LossBound.certified(3, 1, new double[] {0.2, 0, -0.1}, 0));
    }

    @Test
    void unsupportedLossIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossBound.check(Losses.parse("square"), 3));
        assertTrue(e.getMessage().contains("square") && e.getMessage().contains("k = 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LossBound.check(Losses.parse("logistic"), 2));
    }

    @Test
    void ballSpecsParseBackAndBadInputIsNamed() {
        for (String s : new String[] {"linf:0.1", "l2:0.5", "linf:0.03:box=0.0,1.0", "l2:0.0:box=-1.0,1.0"}) {
            Ball b = Ball.parse(s);
            assertEquals(b, Ball.parse(b.toString()));
        }
        assertEquals(Norm.L2, Ball.parse("L2:1").norm());
        assertThrows(IllegalArgumentException.class, () -> Ball.parse("l3:0.1"));
        assertThrows(IllegalArgumentException.class, () -> Ball.parse("linf:-1"));
        assertThrows(IllegalArgumentException.class, () -> Ball.parseBox("1,0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ball.parseBox("a,1"));
        assertTrue(e.getMessage().contains("--box"), e.getMessage());
    }

    @Test
    void emptyBallBoxIntersectionNamesTheRow() {
        DeepReluView net = TestNets.deep(1, 2, 4, 1, 1);
        double[] x = {0.5, 0.5, 3.0, 0.5};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Certifier.of(net, Parallel.serial()).bounds(Method.IBP, Ball.of(Norm.LINF, 0.1).withBox(0, 1), x, 0,
                        new int[] {1, 1}, 0, 2, new double[4], 0));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () ->
                Certifier.of(net, Parallel.serial()).bounds(Method.IBP, Ball.of(Norm.LINF, 0.1), x, 0,
                        new int[] {1, 0}, 0, 2, new double[4], 0));
        assertTrue(bad.getMessage().contains("row 1"), bad.getMessage());
    }
}
