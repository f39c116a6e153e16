package advtrain.certify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.loss.Losses;
import advtrain.model.Activation;
import advtrain.model.DeepReluNet;
import advtrain.model.Network;
import advtrain.model.TwoLayerNet;
import advtrain.model.Workspace;
import advtrain.random.RandomStream;
import advtrain.threat.Norm;
import org.junit.jupiter.api.Test;

/**
 * Brute force on tiny real networks (d = 2, m = 8, built by the model package and evaluated by its own
 * forward pass): a dense grid over B(x) gives the true max loss up to the grid's resolution, and it must lie
 * between the attack's loss and the certified loss upper bound:
 * {@code attack <= gridMax + slack} and {@code gridMax <= certified}. The slack is the largest loss change
 * between neighbouring grid points (the loss between grid points cannot exceed the grid maximum by more than
 * that, for these piecewise-smooth losses at this resolution). Also: certified accuracy <= accuracy under the
 * attack, sample by sample (a certified sample is classified correctly at the attack's point and at every
 * grid point).
 *
 * <p>Inputs lie inside the box, so clipping to the box keeps an l2 point in the ball (each coordinate moves
 * toward x) and the attack stays feasible.
 *
 * <p>Tolerance on {@code gridMax <= certified}: 1e-10 x (1 + |certified|), rounding of the two computations.
 */
class BruteForceTest {

    private static final int GRID = 121;
    private static final int N = 6;

    @Test
    void gridMaximumLiesBetweenAttackAndCertifiedBoundOnTinyNets() {
        Network[] nets = {
            DeepReluNet.init(2, 8, 2, 1, 5),
            DeepReluNet.init(2, 8, 2, 3, 6),
            TwoLayerNet.init(2, 8, 1, Activation.TANH, 7),
            TwoLayerNet.init(2, 8, 3, Activation.GELU, 8),
            TwoLayerNet.init(2, 8, 1, Activation.RELU, 9),
        };
        int checkedCertified = 0;
        for (Network net : nets) {
            perturbWeights(net);
            int k = net.outputDim();
            Loss[] losses = k == 1 ? new Loss[] {Losses.parse("logistic"), Losses.parse("square")}
                                   : new Loss[] {Losses.parse("cross-entropy")};
            double[] x = TestNets.inputs(90 + k, N, 2);
            int[] y = TestNets.labels(90 + k, N, k);
            Certifier cert = Certifier.of(net, Parallel.serial());
            for (Ball ball : new Ball[] {Ball.of(Norm.LINF, 0.05), Ball.of(Norm.LINF, 0.4), Ball.of(Norm.L2, 0.4),
                                         Ball.of(Norm.L2, 0.4).withBox(-1, 1)}) {
                for (Loss loss : losses) {
                    Certificate[] certs = {cert.certify(Method.IBP, ball, loss, x, y, N),
                                           cert.certify(Method.CROWN, ball, loss, x, y, N)};
                    checkedCertified += check(net, loss, ball, x, y, certs);
                }
            }
        }
        assertTrue(checkedCertified > 0, "no sample was certified anywhere: the accuracy check never bit");
    }

    /** Moves the weights off their initialisation (so the two-layer nets are not identically zero). */
    private static void perturbWeights(Network net) {
        RandomStream r = RandomStream.of(4, "test.perturb", net.outputDim(), net.kind().length());
        for (int i = 0; i < net.paramCount(); i++) {
            net.params()[i] += 0.5 * r.nextGaussian();
        }
    }

    private static TestNets.Net naive(Network net) {
        if (net instanceof DeepReluNet deep) {
            DeepReluView v = Certifier.view(deep);
            return (p, o) -> TestNets.forward(v, p, o);
        }
        TwoLayerView v = Certifier.view((TwoLayerNet) net);
        return (p, o) -> TestNets.forward(v, p, o);
    }

    /** Returns the number of certified samples checked. */
    private static int check(Network net, Loss loss, Ball ball, double[] x, int[] y, Certificate[] certs) {
        int k = net.outputDim();
        Workspace ws = net.newWorkspace(GRID * GRID, Parallel.serial());
        int certifiedSeen = 0;
        int attackCorrect = 0;
        for (int b = 0; b < N; b++) {
            double[] grid = new double[GRID * GRID * 2];
            boolean[] inside = new boolean[GRID * GRID];
            for (int i = 0; i < GRID; i++) {
                for (int j = 0; j < GRID; j++) {
                    int q = i * GRID + j;
                    double u = x[b * 2] + ball.eps() * (2.0 * i / (GRID - 1) - 1);
                    double v = x[b * 2 + 1] + ball.eps() * (2.0 * j / (GRID - 1) - 1);
                    double du = u - x[b * 2];
                    double dv = v - x[b * 2 + 1];
                    inside[q] = (ball.norm() == Norm.LINF || du * du + dv * dv <= ball.eps() * ball.eps())
                            && u >= ball.lo() && u <= ball.hi() && v >= ball.lo() && v <= ball.hi();
                    grid[2 * q] = u;
                    grid[2 * q + 1] = v;
                }
            }
            net.forward(ws, grid, 0, GRID * GRID);
            double gridMax = Double.NEGATIVE_INFINITY;
            double slack = 0;
            boolean allCorrect = true;
            double[] lossGrid = new double[GRID * GRID];
            for (int q = 0; q < GRID * GRID; q++) {
                lossGrid[q] = Double.NaN;
                if (inside[q]) {
                    lossGrid[q] = loss.value(ws.output(), q * k, k, y[b]);
                    gridMax = Math.max(gridMax, lossGrid[q]);
                    allCorrect &= Loss.correct(ws.output(), q * k, k, y[b]);
                }
            }
            for (int i = 0; i < GRID; i++) {
                for (int j = 0; j < GRID; j++) {
                    int q = i * GRID + j;
                    if (Double.isNaN(lossGrid[q])) {
                        continue;
                    }
                    if (j > 0 && !Double.isNaN(lossGrid[q - 1])) {
                        slack = Math.max(slack, Math.abs(lossGrid[q] - lossGrid[q - 1]));
                    }
                    if (i > 0 && !Double.isNaN(lossGrid[q - GRID])) {
                        slack = Math.max(slack, Math.abs(lossGrid[q] - lossGrid[q - GRID]));
                    }
                }
            }
            // the attack: projected finite-difference gradient ascent on the loss, several random starts
            final int bb = b;
            // (its forward: the naive one over the certifier's view, a second implementation next to the model's)
            TestNets.Net naive = naive(net);
            java.util.function.ToDoubleFunction<double[]> lossAt = p -> loss.value(naive.f(p, 0), 0, k, y[bb]);
            RandomStream r = RandomStream.of(11, "test.attack", b);
            double attack = Double.NEGATIVE_INFINITY;
            double[] best = null;
            for (int restart = 0; restart < 4; restart++) {
                double[] start = TestNets.uniform(r, ball, x, b * 2, 2);
                double[] p = TestNets.ascend(lossAt, ball, x, b * 2, start, 40, q -> { });
                double v = lossAt.applyAsDouble(p);
                if (v > attack) {
                    attack = v;
                    best = p;
                }
            }
            Workspace one = net.newWorkspace(1, Parallel.serial());
            net.forward(one, best, 0, 1);
            boolean attackedCorrect = Loss.correct(one.output(), 0, k, y[b]);
            if (attackedCorrect) {
                attackCorrect++;
            }
            for (Certificate c : certs) {
                double upper = c.lossUpper()[b];
                String what = net.kind() + " k=" + k + " " + loss.name() + " " + ball + " " + c.method() + " sample " + b;
                assertTrue(gridMax <= upper + 1e-10 * (1 + Math.abs(upper)), what + ": grid max " + gridMax + " > certified " + upper);
                assertTrue(attack <= gridMax + slack, what + ": attack " + attack + " above grid max " + gridMax + " + " + slack);
                if (c.certified()[b]) {
                    certifiedSeen++;
                    assertTrue(attackedCorrect && allCorrect, what + ": certified but misclassified inside the ball");
                }
            }
        }
        for (Certificate c : certs) {
            assertTrue(c.certifiedAccuracy() <= (double) attackCorrect / N, "certified accuracy above attacked accuracy");
        }
        return certifiedSeen;
    }
}
