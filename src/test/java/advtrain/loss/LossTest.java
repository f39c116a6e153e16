package advtrain.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.random.RandomStream;
import org.junit.jupiter.api.Test;

class LossTest {

    private static final double ULP_TOL = 4 * Math.ulp(1.0);

    /** Gradients agree with central differences: error O(h^2 l''') + O(eps l / h) < 1e-8 for h = 1e-5 and |f| <= 3. */
    @Test
    void gradientsMatchCentralDifferences() {
        RandomStream rs = RandomStream.of(7, "loss.fd");
        for (Loss loss : new Loss[] {Logistic.INSTANCE, Square.INSTANCE, CrossEntropy.INSTANCE}) {
            for (int k : new int[] {1, 2, 5}) {
                if (loss == Logistic.INSTANCE && k != 1 || loss == CrossEntropy.INSTANCE && k == 1) {
                    continue;
                }
                for (int trial = 0; trial < 20; trial++) {
                    double[] f = new double[k + 2];
                    rs.fillUniform(f, 0, f.length, -3, 3);
                    int y = k == 1 ? (rs.nextSign() > 0 ? 1 : -1) : rs.nextInt(k);
                    double[] g = new double[k + 1];
                    double v = loss.valueAndGradient(f, 1, k, y, g, 1);
                    assertEquals(loss.value(f, 1, k, y), v, 0.0, loss + " value == valueAndGradient's value");
                    double h = 1e-5;
                    for (int j = 0; j < k; j++) {
                        double keep = f[1 + j];
                        f[1 + j] = keep + h;
                        double up = loss.value(f, 1, k, y);
                        f[1 + j] = keep - h;
                        double down = loss.value(f, 1, k, y);
                        f[1 + j] = keep;
                        assertEquals((up - down) / (2 * h), g[1 + j], 1e-8, loss + " k=" + k + " j=" + j);
                    }
                }
            }
        }
    }

    /** Known values: log 2 at f = 0, l(f, y) = log(1 + e^-yf), and the square loss with one-hot targets. */
    @Test
    void valuesMatchDefinitions() {
        assertEquals(Math.log(2), Logistic.INSTANCE.value(new double[] {0}, 0, 1, 1), ULP_TOL);
        assertEquals(Math.log1p(Math.exp(-0.75)), Logistic.INSTANCE.value(new double[] {0.75}, 0, 1, 1), ULP_TOL);
        assertEquals(Math.log1p(Math.exp(0.75)), Logistic.INSTANCE.value(new double[] {0.75}, 0, 1, -1), 2 * ULP_TOL);
        assertEquals(0.5 * (0.25 * 0.25), Square.INSTANCE.value(new double[] {-0.75}, 0, 1, -1), 0.0);
        // k = 3, class 1: 1/2 ((0.5)^2 + (2 - 1)^2 + (-1)^2)
        assertEquals(0.5 * (0.25 + 1 + 1), Square.INSTANCE.value(new double[] {0.5, 2, -1}, 0, 3, 1), 0.0);
        double[] f = {1, 2, 3};
        double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        assertEquals(lse - 2, CrossEntropy.INSTANCE.value(f, 0, 3, 1), 4 * ULP_TOL);
    }

    /** No overflow and full precision at |f| = 1000: the naive formulas give inf or 0 there. */
    @Test
    void logisticAndCrossEntropyStayFiniteForHugeOutputs() {
        double[] g = new double[3];
        assertEquals(1000.0, Logistic.INSTANCE.valueAndGradient(new double[] {-1000}, 0, 1, 1, g, 0), 0.0);
        assertEquals(-1.0, g[0], 0.0);
        double tiny = Logistic.INSTANCE.valueAndGradient(new double[] {40}, 0, 1, 1, g, 0);
        assertEquals(Math.exp(-40), tiny, Math.exp(-40) * 1e-15, "log1p keeps relative precision");
        assertEquals(-Math.exp(-40), g[0], Math.exp(-40) * 1e-15);
        assertEquals(0.0, Logistic.INSTANCE.value(new double[] {1000}, 0, 1, 1), 0.0);
        double v = CrossEntropy.INSTANCE.valueAndGradient(new double[] {1000, 0, -1000}, 0, 3, 2, g, 0);
        assertEquals(2000.0, v, 0.0);
        assertEquals(1.0, g[0], 0.0);
        assertEquals(-1.0, g[2], 0.0);
        assertTrue(Double.isFinite(g[1]));
    }

    @Test
    void badLabelsAndShapesAreRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Logistic.INSTANCE.value(new double[] {0}, 0, 1, 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Logistic.INSTANCE.value(new double[2], 0, 2, 1));
        assertTrue(e.getMessage().contains("k = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CrossEntropy.INSTANCE.value(new double[3], 0, 3, 3));
        assertTrue(e.getMessage().contains("0..2") && e.getMessage().contains("got 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CrossEntropy.INSTANCE.value(new double[1], 0, 1, 1));
        assertTrue(e.getMessage().contains("k = 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Square.INSTANCE.value(new double[3], 0, 3, -1));
        assertTrue(e.getMessage().contains("got -1"), e.getMessage());
    }

    @Test
    void parseNamesEachLossAndRejectsUnknownOnes() {
        assertSame(Logistic.INSTANCE, Losses.parse("logistic"));
        assertSame(Square.INSTANCE, Losses.parse(" Square "));
        assertSame(CrossEntropy.INSTANCE, Losses.parse("cross-entropy"));
        for (Loss l : new Loss[] {Logistic.INSTANCE, Square.INSTANCE, CrossEntropy.INSTANCE}) {
            assertSame(l, Losses.parse(l.name()), "name parses back");
            assertTrue(l.assumption31().contains("Assumption 3.1"));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.parse("hinge"));
        assertTrue(e.getMessage().contains("'hinge'") && e.getMessage().contains(Losses.NAMES), e.getMessage());
        assertSame(Logistic.INSTANCE, Losses.defaultFor(1));
        assertSame(CrossEntropy.INSTANCE, Losses.defaultFor(10));
        assertThrows(IllegalArgumentException.class, () -> Losses.checkFor(Logistic.INSTANCE, 3));
        assertThrows(IllegalArgumentException.class, () -> Losses.checkFor(CrossEntropy.INSTANCE, 1));
        assertSame(Square.INSTANCE, Losses.checkFor(Square.INSTANCE, 4));
    }
}
