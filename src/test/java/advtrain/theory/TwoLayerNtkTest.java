package advtrain.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.model.Activation;
import advtrain.random.RandomStream;
import org.junit.jupiter.api.Test;

class TwoLayerNtkTest {

    /** Three pairs in d = 3 with different norms and angles (acute, obtuse, nearly parallel). */
    static final double[][][] PAIRS = {
        {{1.3, 0.0, 0.2}, {0.4, 0.6, -0.1}},
        {{0.5, -0.8, 0.3}, {-0.7, 0.9, 0.6}},
        {{1.0, 1.0, 0.0}, {1.0, 1.01, 0.02}},
    };

    /**
     * Monte Carlo estimate of (x.y) E[sigma'(w.x) sigma'(w.y)] with w ~ N(0, I_3) drawn directly (not through
     * the covariance factor the quadrature uses), and its standard error: {mean, se}.
     */
    static double[] monteCarlo(Activation act, double[] x, double[] y, int draws, long seed) {
        RandomStream rs = RandomStream.of(seed, "test.ntk.mc");
        double xy = x[0] * y[0] + x[1] * y[1] + x[2] * y[2];
        double s = 0;
        double s2 = 0;
        for (int t = 0; t < draws; t++) {
            double w0 = rs.nextGaussian();
            double w1 = rs.nextGaussian();
            double w2 = rs.nextGaussian();
            double u = w0 * x[0] + w1 * x[1] + w2 * x[2];
            double v = w0 * y[0] + w1 * y[1] + w2 * y[2];
            double g = xy * act.derivative(u) * act.derivative(v);
            s += g;
            s2 += g * g;
        }
        double mean = s / draws;
        double var = s2 / draws - mean * mean;
        return new double[] {mean, Math.sqrt(var / draws)};
    }

    /** Smooth sigma: quadrature (tol 1e-10) within 5 standard errors of 100k Monte Carlo draws. */
    @Test
    void quadratureMatchesMonteCarloForSmoothActivations() {
        for (Activation act : new Activation[] {Activation.SOFTPLUS, Activation.TANH, Activation.SIGMOID, Activation.GELU}) {
            TwoLayerNtk k = TwoLayerNtk.of(act);
            assertTrue(!k.closedForm());
            for (int p = 0; p < PAIRS.length; p++) {
                double[] x = PAIRS[p][0];
                double[] y = PAIRS[p][1];
                double[] err = {0};
                double q = k.eval(x, 0, y, 0, 3, err);
                assertTrue(err[0] <= 1e-9, act + " pair " + p + ": quadrature error estimate " + err[0]);
                double[] mc = monteCarlo(act, x, y, 100_000, 10 * p + act.ordinal());
                assertEquals(mc[0], q, 5 * mc[1] + err[0], act + " pair " + p);
            }
        }
    }

    /** ReLU: the closed form (pi - theta)/(2 pi) within 5 standard errors of Monte Carlo; quadratic ReLU too. */
    @Test
    void closedFormsMatchMonteCarlo() {
        for (Activation act : new Activation[] {Activation.RELU, Activation.QUADRATIC_RELU}) {
            TwoLayerNtk k = TwoLayerNtk.of(act);
            assertTrue(k.closedForm());
            for (int p = 0; p < PAIRS.length; p++) {
                double[] mc = monteCarlo(act, PAIRS[p][0], PAIRS[p][1], 100_000, 100 + p);
                assertEquals(mc[0], k.eval(PAIRS[p][0], 0, PAIRS[p][1], 0, 3, null), 5 * mc[1], act + " pair " + p);
            }
        }
    }

    /** Exact values: orthogonal inputs give 0; x = y gives |x|^2 / 2 for ReLU; theta = pi/3 gives (x.y)/3. */
    @Test
    void reluClosedFormAtKnownAngles() {
        TwoLayerNtk k = TwoLayerNtk.of(Activation.RELU);
        assertEquals(0.0, k.eval(new double[] {1, 0}, 0, new double[] {0, 2}, 0, 2, null), 0.0);
        assertEquals(2.5, k.eval(new double[] {1, 2}, 0, new double[] {1, 2}, 0, 2, null), 1e-15);
        double[] x = {1, 0};
        double[] y = {0.5, Math.sqrt(3) / 2};
        assertEquals(0.5 / 3, k.eval(x, 0, y, 0, 2, null), 1e-15);
    }

    /**
     * Against an exact value: for g(z) = exp(-z^2 / 2), E[g(u) g(v)] = det(I + C)^(-1/2) for (u, v) ~ N(0, C).
     * g is entire, so the rule converges fast: to the tolerance 1e-12, and the reported error bounds the
     * true one. At a loose tolerance (1e-4) the reported error still bounds the distance to the exact value.
     */
    @Test
    void quadratureMeetsExactGaussianExpectationWithinItsErrorEstimate() {
        double[][] covs = {{1, 1, 0.3}, {2, 0.5, -0.9}, {1.7, 1.7, 1.69}, {0.2, 3, 0}};
        for (double tol : new double[] {1e-12, 1e-4}) {
            GaussianPairExpectation q = new GaussianPairExpectation(z -> StrictMath.exp(-0.5 * z * z), tol);
            for (double[] c : covs) {
                double exact = 1.0 / Math.sqrt((1 + c[0]) * (1 + c[1]) - c[2] * c[2]);
                GaussianPairExpectation.Estimate e = q.expect(c[0], c[1], c[2]);
                assertTrue(e.error() <= tol, "estimate " + e);
                assertTrue(Math.abs(e.value() - exact) <= e.error() + 1e-15, "estimate " + e + " exact " + exact);
            }
        }
    }

    /**
     * The quadrature agrees with the closed form of the quadratic ReLU. Its sigma' = 2 max(0, z) has a kink, so
     * the rule converges only algebraically (measured: successive differences fall by 1/sqrt(2) per doubling,
     * i.e. error ~ n^(-1/2), 3e-3 relative at n = 512): the two agree to 5e-3 relative, and the remaining
     * error is at most 3 times the reported estimate (the tail of a geometric series of ratio 1/sqrt(2) is
     * 2.4 times its last step), so a wrong closed form (a wrong factor) would fail. Not for the nearly
     * parallel pair: there orders 8 and 16 already agree to 1e-14 while both are 4e-7 off (measured), the
     * n-vs-2n estimate is fooled by the kink: one more reason kinked sigma use their closed forms.
     */
    @Test
    void quadratureApproachesQuadraticReluClosedForm() {
        TwoLayerNtk closed = TwoLayerNtk.of(Activation.QUADRATIC_RELU);
        TwoLayerNtk quad = TwoLayerNtk.byQuadrature("quadratic-relu", Activation.QUADRATIC_RELU::derivative, 1e-12);
        for (int p = 0; p < PAIRS.length; p++) {
            double[][] pair = PAIRS[p];
            double c = closed.eval(pair[0], 0, pair[1], 0, 3, null);
            double[] err = {0};
            double q = quad.eval(pair[0], 0, pair[1], 0, 3, err);
            assertEquals(c, q, 5e-3 * Math.abs(c));
            assertTrue(p == 2 || Math.abs(c - q) <= 3 * err[0] + 1e-12 * Math.abs(c), "|" + c + " - " + q + "| vs estimate " + err[0]);
        }
    }
}
