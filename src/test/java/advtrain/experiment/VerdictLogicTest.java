package advtrain.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.random.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * The verdict rules on sweeps whose answer is known: loss = 3 w^b e^(s z), widths 64..4096, z keyed
 * standard normals. Claim: "falls with width" (log-log slope below -0.05).
 */
class VerdictLogicTest {

    private static final int[] WIDTHS = {64, 128, 256, 512, 1024, 2048, 4096};

    private static Finding falls(double slope, double noise, int seeds, int[] widths) {
        int n = widths.length * seeds;
        double[] x = new double[n];
        double[] y = new double[n];
        String[] g = new String[n];
        int i = 0;
        for (int s = 0; s < seeds; s++) {
            for (int w : widths) {
                double z = RandomStream.of(s, "test.verdict", w).nextGaussian();
                x[i] = w;
                y[i] = 3 * StrictMath.pow(w, slope) * StrictMath.exp(noise * z);
                g[i] = Integer.toString(s);
                i++;
            }
        }
        return Checks.below("falls", "slope", Stats.logLogSlope(x, y, g), -0.05);
    }

    @Test
    void clearlyFallingLossHolds() {
        assertEquals(Verdict.HOLDS, falls(-0.5, 0.05, 3, WIDTHS).verdict());
        assertEquals(Verdict.HOLDS, falls(-0.5, 0.05, 1, WIDTHS).verdict());
    }

    @Test
    void flatOrRisingLossDoesNotHold() {
        assertEquals(Verdict.DOES_NOT_HOLD, falls(0.0, 0.01, 3, WIDTHS).verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, falls(0.3, 0.05, 2, WIDTHS).verdict());
    }

    @Test
    void noiseWithoutTrendIsInconclusive() {
        Finding f = falls(0.0, 1.0, 3, new int[] {64, 256, 1024});
        assertEquals(Verdict.INCONCLUSIVE, f.verdict(), f.evidence());
    }

    @Test
    void twoPointsOneSeedCannotDecide() {
        assertEquals(Verdict.INCONCLUSIVE, falls(-0.5, 0.0, 1, new int[] {64, 4096}).verdict());
    }

    @Test
    void noiselessPowerLawGivesItsExactSlope() {
        double[] x = {64, 128, 256, 512};
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) {
            y[i] = 2 * StrictMath.pow(x[i], -0.5);
        }
        Interval iv = Stats.logLogSlope(x, y, new String[] {"0", "0", "0", "0"});
        // ln of exact powers of two: error a few ulps of ln(512) ~ 6.2, so 1e-12 is ample.
        assertEquals(-0.5, iv.estimate(), 1e-12);
        assertTrue(iv.hi() - iv.lo() < 1e-9, iv.text());
    }

    @Test
    void tQuantilesMatchTables() {
        assertEquals(12.706, Stats.t975(1), 1e-3);
        assertEquals(2.042, Stats.t975(30), 1e-3);
        assertEquals(2.021, Stats.t975(40), 1e-3); // table value 2.0211
        assertEquals(1.984, Stats.t975(100), 1e-3); // table value 1.9840
    }

    @Test
    void withinAndAboveFollowTheirRules() {
        Interval tight = new Interval(0.01, -0.02, 0.03, "test", 5);
        assertEquals(Verdict.HOLDS, Checks.within("same", "d", tight, 0.05).verdict());
        assertEquals(Verdict.INCONCLUSIVE, Checks.within("same", "d", tight, 0.025).verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, Checks.within("same", "d", new Interval(0.5, 0.4, 0.6, "t", 5), 0.1).verdict());
        assertEquals(Verdict.HOLDS, Checks.above("up", "d", new Interval(0.5, 0.4, 0.6, "t", 5), 0.0).verdict());
        assertEquals(Verdict.DOES_NOT_HOLD, Checks.above("up", "d", new Interval(-0.5, -0.6, -0.4, "t", 5), 0.0).verdict());
        assertEquals(Verdict.INCONCLUSIVE, Checks.above("up", "d", Interval.none("no data"), 0.0).verdict());
    }

    @Test
    void combinedVerdictFailsOnAnyFailure() {
        assertEquals(Verdict.HOLDS, Verdict.all(Verdict.HOLDS, Verdict.HOLDS));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.all(Verdict.HOLDS, Verdict.INCONCLUSIVE));
        assertEquals(Verdict.DOES_NOT_HOLD, Verdict.all(Verdict.INCONCLUSIVE, Verdict.DOES_NOT_HOLD));
    }
}
