package advtrain.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.kernel.Parallel;
import advtrain.random.RandomStream;
import advtrain.threat.Norm;
import org.junit.jupiter.api.Test;

/**
 * Exactness on networks that are linear over the whole ball, and CROWN versus IBP.
 *
 * <p>Construction (justified in each test): inputs and pre-activations stay positive over B(x), checked by
 * the interval bounds themselves (every layer's IBP lower bound > 0), so every ReLU is the identity there and
 * f is linear, f(x') = c . x'. Then the CROWN bound must equal f at the explicit minimiser of c . x' over the
 * ball (x - eps sign(c) for l-inf, x - eps c / ||c|| for l2, clipped box corners with a box). IBP is exact
 * too when every weight is nonnegative and the ball is an l-inf box (all neurons are then increasing in every
 * input, so one corner minimises all of them at once); with mixed signs IBP is strictly looser than CROWN.
 *
 * <p>Tolerance: 1e-12 x (1 + |f|): the bound and the forward pass sum a few hundred terms in different orders.
 */
class ExactnessTest {

    private static final int D = 4;
    private static final int M = 16;

    /** Deep net: A >= 0, W_h = (1 + mix g) / m, a = (1 + mix g); mix = 0 gives all weights > 0. */
    private static DeepReluView positiveDeep(long seed, double mix, int k) {
        RandomStream r = RandomStream.of(seed, "test.linear");
        double[] a0 = new double[M * D];
        for (int i = 0; i < a0.length; i++) {
            a0[i] = Math.abs(r.nextGaussian()) / D;
        }
        double[][] ws = new double[2][M * M];
        for (double[] w : ws) {
            for (int i = 0; i < w.length; i++) {
                w[i] = (1 + mix * r.nextGaussian()) / M;
            }
        }
        double[] a = new double[k * M];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1 + mix * r.nextGaussian();
        }
        return DeepReluView.of(D, M, k, a0, ws, a);
    }

    private static double[] positiveInputs() {
        double[] x = new double[3 * D];
        RandomStream.of(3, "test.linear.x").fillUniform(x, 0, x.length, 0.5, 0.9);
        return x;
    }

    /** Asserts every pre-activation of every layer is positive over the balls (IBP lower bounds > 0). */
    private static void assertLinearOverBall(DeepReluView net, Ball ball, double[] x, int[] y) {
        DeepBounds db = new DeepBounds(net, Parallel.serial());
        BallGeometry geo = new BallGeometry(ball, D);
        geo.prepare(x, 0, 3, 0);
        db.bound(Method.IBP, false, geo, y, 0, new double[3 * Specs.outputs(net.outputDim())], 0);
        for (int h = 1; h <= net.depth(); h++) {
            for (int i = 0; i < 3 * M; i++) {
                assertTrue(db.layerLower(h)[i] > 0, "construction: layer " + h + " neuron " + i + " not active over " + ball);
            }
        }
    }

    /** c = a_spec W_2 W_1 A (the gradient of the linear net's spec row). */
    private static double[] gradient(DeepReluView net, double[] spec) {
        double[] v = spec.clone();
        for (int h = net.depth(); h >= 1; h--) {
            double[] nv = new double[M];
            for (int i = 0; i < M; i++) {
                for (int j = 0; j < M; j++) {
                    nv[j] += v[i] * net.params()[net.layerOffset(h) + i * M + j];
                }
            }
            v = nv;
        }
        double[] c = new double[D];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < D; j++) {
                c[j] += v[i] * net.inputMatrix()[i * D + j];
            }
        }
        return c;
    }

    /** The minimiser of c . x' over the ball around x[xOff ..]. */
    private static double[] minimiser(Ball ball, double[] c, double[] x, int xOff) {
        double[] p = new double[D];
        double norm = 0;
        for (double v : c) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < D; i++) {
            double step = ball.norm() == Norm.LINF ? ball.eps() * Math.signum(c[i]) : ball.eps() * c[i] / norm;
            p[i] = Math.min(Math.max(x[xOff + i] - step, ball.lo()), ball.hi());
        }
        return p;
    }

    private static double[] specVector(DeepReluView net, int y, int s) {
        double[] v = new double[M];
        Specs.fold(net.outputWeights(), net.outputDim(), M, 1.0, y, s, v, 0);
        return v;
    }

    @Test
    void ibpAndCrownAreExactOnANonnegativeLinearNetOverLinfBoxes() {
        DeepReluView net = positiveDeep(41, 0.0, 1);
        double[] x = positiveInputs();
        int[] y = {1, -1, 1};
        for (Ball ball : new Ball[] {Ball.of(Norm.LINF, 0.2), Ball.of(Norm.LINF, 0.2).withBox(0.45, 0.95)}) {
            assertLinearOverBall(net, ball, x, y);
            Certifier cert = Certifier.of(net, Parallel.serial());
            for (Method method : Method.values()) {
                double[] out = new double[6];
                cert.bounds(method, ball, x, 0, y, 0, 3, out, 0);
                for (int b = 0; b < 3; b++) {
                    double[] lowCorner = new double[D];
                    double[] highCorner = new double[D];
                    for (int i = 0; i < D; i++) {
                        lowCorner[i] = Math.max(x[b * D + i] - ball.eps(), ball.lo());
                        highCorner[i] = Math.min(x[b * D + i] + ball.eps(), ball.hi());
                    }
                    double fLow = TestNets.forward(net, lowCorner, 0)[0];
                    double fHigh = TestNets.forward(net, highCorner, 0)[0];
                    assertEquals(fLow, out[2 * b], 1e-12 * (1 + Math.abs(fLow)), method + " " + ball + " f_lower");
                    assertEquals(fHigh, out[2 * b + 1], 1e-12 * (1 + Math.abs(fHigh)), method + " " + ball + " f_upper");
                }
            }
        }
    }

    @Test
    void crownIsExactAndIbpStrictlyLooserOnAMixedSignLinearNet() {
        for (int k : new int[] {1, 3}) {
            DeepReluView net = positiveDeep(42, 1.0, k);
            double[] x = positiveInputs();
            int[] y = k == 1 ? new int[] {1, -1, 1} : new int[] {0, 2, 1};
            Ball[] balls = {Ball.of(Norm.LINF, 0.05), Ball.of(Norm.L2, 0.08), Ball.of(Norm.LINF, 0.05).withBox(0.5, 0.9)};
            for (Ball ball : balls) {
                assertLinearOverBall(net, ball, x, y);
                Certifier cert = Certifier.of(net, Parallel.serial());
                int per = Specs.outputs(k);
                double[] crown = new double[3 * per];
                double[] pure = new double[3 * per];
                double[] ibp = new double[3 * per];
                cert.bounds(Method.CROWN, false, ball, x, 0, y, 0, 3, crown, 0);
                cert.bounds(Method.CROWN, true, ball, x, 0, y, 0, 3, pure, 0);
                cert.bounds(Method.IBP, false, ball, x, 0, y, 0, 3, ibp, 0);
                double gap = 0;
                for (int b = 0; b < 3; b++) {
                    for (int s = 0; s < Specs.rows(k); s++) {
                        double[] c = gradient(net, specVector(net, y[b], s));
                        double[] p = minimiser(ball, c, x, b * D);
                        double truth = SoundnessTest.spec(TestNets.forward(net, p, 0), k, y[b], s);
                        double tol = 1e-12 * (1 + Math.abs(truth));
                        String what = ball + " k=" + k + " sample " + b + " spec " + s;
                        assertEquals(truth, SoundnessTest.specLowerFromOutputs(crown, b * per, k, y[b], s), tol, "crown " + what);
                        assertEquals(truth, SoundnessTest.specLowerFromOutputs(pure, b * per, k, y[b], s), tol, "pure crown " + what);
                        double ib = SoundnessTest.specLowerFromOutputs(ibp, b * per, k, y[b], s);
                        assertTrue(ib <= truth + tol, "ibp unsound " + what);
                        gap = Math.max(gap, truth - ib);
                    }
                }
                if (!ball.hasBox() || ball.norm() == Norm.LINF) {
                    assertTrue(gap > 1e-6, "IBP should lose to CROWN with mixed signs on " + ball + ", gap " + gap);
                }
            }
        }
    }

    @Test
    void twoLayerCrownIsExactWhenEveryPreactivationIsPositive() {
        int m = 10;
        RandomStream r = RandomStream.of(43, "test.linear.two");
        double[] w = new double[m * D];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.abs(r.nextGaussian());
        }
        double[] a = new double[m];
        double[] aPos = new double[m];
        for (int i = 0; i < m; i++) {
            a[i] = r.nextSign();
            aPos[i] = 1.0;
        }
        double[] x = positiveInputs();
        int[] y = {1, -1, 1};
        Ball ball = Ball.of(Norm.LINF, 0.3);
        for (double[] out : new double[][] {a, aPos}) {
            TwoLayerView net = new TwoLayerView(D, m, 1, w, 0, out, 1.0 / Math.sqrt(m), Curve.RELU);
            double[] crown = new double[6];
            double[] ibp = new double[6];
            Certifier cert = Certifier.of(net, Parallel.serial());
            cert.bounds(Method.CROWN, true, ball, x, 0, y, 0, 3, crown, 0);
            cert.bounds(Method.IBP, false, ball, x, 0, y, 0, 3, ibp, 0);
            for (int b = 0; b < 3; b++) {
                double[] c = new double[D];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < D; j++) {
                        c[j] += out[i] * w[i * D + j] / Math.sqrt(m);
                    }
                }
                double lowTruth = TestNets.forward(net, minimiser(ball, c, x, b * D), 0)[0];
                for (int j = 0; j < D; j++) {
                    c[j] = -c[j];
                }
                double highTruth = TestNets.forward(net, minimiser(ball, c, x, b * D), 0)[0];
                assertEquals(lowTruth, crown[2 * b], 1e-12 * (1 + Math.abs(lowTruth)));
                assertEquals(highTruth, crown[2 * b + 1], 1e-12 * (1 + Math.abs(highTruth)));
                if (out == aPos) {
                    assertEquals(lowTruth, ibp[2 * b], 1e-12 * (1 + Math.abs(lowTruth)), "ibp exact with a >= 0, w >= 0");
                    assertEquals(highTruth, ibp[2 * b + 1], 1e-12 * (1 + Math.abs(highTruth)), "ibp exact with a >= 0, w >= 0");
                }
            }
        }
    }

    /** On random nets, CROWN (intersected with the interval step) is never looser than IBP. */
    @Test
    void crownNeverLooserThanIbp() {
        Ball[] balls = {Ball.of(Norm.LINF, 0.3), Ball.of(Norm.L2, 0.6), Ball.of(Norm.L2, 0.6).withBox(-1, 1)};
        int n = 8;
        for (Ball ball : balls) {
            for (int k : new int[] {1, 4}) {
                compare(Certifier.of(TestNets.deep(50 + k, 6, 20, 3, k), Parallel.serial()), ball, 6, k, n);
                for (Curve c : Curve.values()) {
                    compare(Certifier.of(TestNets.two(60 + k, 6, 20, k, c), Parallel.serial()), ball, 6, k, n);
                }
            }
        }
    }

    private static void compare(Certifier cert, Ball ball, int d, int k, int n) {
        double[] x = TestNets.inputs(77, n, d);
        int[] y = TestNets.labels(77, n, k);
        int per = Specs.outputs(k);
        double[] crown = new double[n * per];
        double[] ibp = new double[n * per];
        cert.bounds(Method.CROWN, ball, x, 0, y, 0, n, crown, 0);
        cert.bounds(Method.IBP, ball, x, 0, y, 0, n, ibp, 0);
        for (int b = 0; b < n; b++) {
            for (int s = 0; s < Specs.rows(k); s++) {
                double cr = SoundnessTest.specLowerFromOutputs(crown, b * per, k, y[b], s);
                double ib = SoundnessTest.specLowerFromOutputs(ibp, b * per, k, y[b], s);
                assertTrue(cr >= ib - 1e-12 * (1 + Math.abs(ib)), ball + " k=" + k + " sample " + b + " spec " + s
                        + ": crown " + cr + " looser than ibp " + ib);
            }
        }
    }
}
