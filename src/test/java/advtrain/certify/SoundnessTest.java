package advtrain.certify;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import advtrain.kernel.Parallel;
import advtrain.random.RandomStream;
import advtrain.threat.Norm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Soundness: for random small models, many points inside B(x) (uniform, corners of the l-inf box / points on
 * the l2 sphere, finite-difference gradient-ascent iterates that push each bounded quantity toward its bound)
 * all give outputs inside the IBP, CROWN and pure-CROWN bounds.
 *
 * <p>Tolerance: 1e-10 x (1 + largest |bound|). The bounds and the naive forward sum at most a few hundred
 * terms of that magnitude in different orders (rounding ~1e-14 relative); any real relaxation error is many
 * orders larger.
 */
class SoundnessTest {

    private static final int N = 5;
    private static final Ball[] BALLS = {
        Ball.of(Norm.LINF, 0.3), Ball.of(Norm.L2, 0.6),
        Ball.of(Norm.LINF, 0.3).withBox(-1, 1), Ball.of(Norm.L2, 0.6).withBox(-1, 1)};

    @Test
    void deepBoundsContainEverySampledOutputScalar() {
        DeepReluView net = TestNets.deep(11, 5, 12, 3, 1);
        for (Ball ball : BALLS) {
            check(Certifier.of(net, Parallel.serial()), (x, o) -> TestNets.forward(net, x, o), 5, 1, ball, 101);
        }
    }

    @Test
    void deepBoundsContainEverySampledMargin() {
        DeepReluView net = TestNets.deep(12, 4, 10, 2, 3);
        for (Ball ball : BALLS) {
            check(Certifier.of(net, Parallel.serial()), (x, o) -> TestNets.forward(net, x, o), 4, 3, ball, 102);
        }
    }

    @Test
    void twoLayerBoundsContainEverySampledOutputForEachActivation() {
        for (Curve c : Curve.values()) {
            TwoLayerView net = TestNets.two(13 + c.ordinal(), 4, 16, 1, c);
            TwoLayerView net3 = TestNets.two(23 + c.ordinal(), 3, 12, 3, c);
            for (Ball ball : BALLS) {
                check(Certifier.of(net, Parallel.serial()), (x, o) -> TestNets.forward(net, x, o), 4, 1, ball, 103);
                check(Certifier.of(net3, Parallel.serial()), (x, o) -> TestNets.forward(net3, x, o), 3, 3, ball, 104);
            }
        }
    }

    /** Checks every method's bounds against sampled points for N random samples. */
    static void check(Certifier cert, TestNets.Net net, int d, int k, Ball ball, long seed) {
        double[] x = TestNets.inputs(seed, N, d);
        int[] y = TestNets.labels(seed, N, k);
        int per = Specs.outputs(k);
        List<double[]> all = new ArrayList<>();
        for (Method method : Method.values()) {
            double[] out = new double[N * per];
            cert.bounds(method, false, ball, x, 0, y, 0, N, out, 0);
            all.add(out);
        }
        double[] pure = new double[N * per];
        cert.bounds(Method.CROWN, true, ball, x, 0, y, 0, N, pure, 0);
        all.add(pure);
        String[] names = {"ibp", "crown", "pure-crown"};
        for (int b = 0; b < N; b++) {
            final int bb = b;
            RandomStream r = RandomStream.of(seed, "test.points", b);
            List<double[]> pts = new ArrayList<>();
            for (int t = 0; t < 300; t++) {
                pts.add(TestNets.uniform(r, ball, x, b * d, d));
                pts.add(TestNets.corner(r, ball, x, b * d, d));
            }
            int objectives = Specs.rows(k);
            for (int s = 0; s < objectives; s++) {
                final int ss = s;
                java.util.function.ToDoubleFunction<double[]> obj = p -> -spec(net.f(p, 0), k, y[bb], ss);
                for (int restart = 0; restart < 3; restart++) {
                    TestNets.ascend(obj, ball, x, b * d, TestNets.uniform(r, ball, x, b * d, d), 25, p -> pts.add(p.clone()));
                }
            }
            for (int q = 0; q < all.size(); q++) {
                double[] out = all.get(q);
                double scale = 1;
                for (int i = 0; i < per; i++) {
                    scale = Math.max(scale, Math.abs(out[b * per + i]));
                }
                double tol = 1e-10 * (1 + scale);
                for (double[] p : pts) {
                    double[] f = net.f(p, 0);
                    for (int s = 0; s < objectives; s++) {
                        double v = spec(f, k, y[b], s);
                        double lowB = specLowerFromOutputs(out, b * per, k, y[b], s);
                        if (v < lowB - tol) {
                            fail(names[q] + " " + ball + " sample " + b + " spec " + s + ": value " + v + " below bound " + lowB);
                        }
                    }
                }
                assertTrue(pts.size() > 600);
            }
        }
    }

    /** Spec row s of outputs f: k = 1: +f, -f; else f_y - f_j. */
    static double spec(double[] f, int k, int y, int s) {
        if (k == 1) {
            return s == 0 ? f[0] : -f[0];
        }
        int j = Specs.other(y, s);
        return f[y] - f[j];
    }

    static double specLowerFromOutputs(double[] out, int off, int k, int y, int s) {
        if (k == 1) {
            return s == 0 ? out[off] : -out[off + 1];
        }
        return out[off + Specs.other(y, s)];
    }
}
