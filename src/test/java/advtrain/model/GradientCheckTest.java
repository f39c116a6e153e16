package advtrain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.kernel.Parallel;
import advtrain.loss.CrossEntropy;
import advtrain.loss.Logistic;
import advtrain.loss.Loss;
import advtrain.loss.Square;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Backward passes against central finite differences of the batch loss, for every network x activation x loss
 * (scalar and vector outputs). Tolerance: relative error max_i |g_i - fd_i| / max_i |g_i| < 1e-6; with step
 * h = 1e-5 the central difference errs by O(h^2 L''') + O(eps L / h), about 1e-10 and 1e-11 here, far below.
 * Points are drawn (deterministically) until every pre-activation is at least 1e-3 from 0, so no step of
 * size h crosses a ReLU kink (a unit's pre-activation moves by at most h times a weight norm below 10).
 */
class GradientCheckTest {

    private static final double STEP = 1e-5;
    private static final double TOLERANCE = 1e-6;
    private static final double KINK_MARGIN = 1e-3;
    private static final int BATCH = 3;

    @Test
    void deepNetGradientsMatchFiniteDifferences() {
        int checked = 0;
        for (int k : new int[] {1, 3}) {
            for (Loss loss : lossesFor(k)) {
                for (int depth : new int[] {1, 3}) {
                    DeepReluNet net = TestNets.deep(4, 6, depth, k, 11 + depth * 7L + k);
                    check(net, loss, "deep H=" + depth + " k=" + k + " " + loss);
                    checked++;
                }
            }
        }
        assertEquals(8, checked);
    }

    @Test
    void twoLayerGradientsMatchFiniteDifferencesForEveryActivation() {
        int checked = 0;
        for (Activation act : Activation.values()) {
            for (int k : new int[] {1, 3}) {
                for (Loss loss : lossesFor(k)) {
                    TwoLayerNet net = TestNets.twoLayer(5, 8, k, act, 23 + k);
                    check(net, loss, "two-layer " + act + " k=" + k + " " + loss);
                    checked++;
                }
            }
        }
        assertEquals(Activation.values().length * 4, checked);
    }

    private static List<Loss> lossesFor(int k) {
        List<Loss> l = new ArrayList<>();
        l.add(k == 1 ? Logistic.INSTANCE : CrossEntropy.INSTANCE);
        l.add(Square.INSTANCE);
        return l;
    }

    private static void check(Network net, Loss loss, String what) {
        int d = net.inputDim();
        Workspace ws = net.newWorkspace(BATCH, Parallel.serial());
        double[] x = null;
        for (long draw = 0; draw < 100; draw++) {
            double[] cand = TestNets.inputs(BATCH, d, 1000 + draw);
            net.forward(ws, cand, 0, BATCH);
            if (TestNets.kinkMargin(net, ws) >= KINK_MARGIN) {
                x = cand;
                break;
            }
        }
        assertTrue(x != null, what + ": no input with all pre-activations 1e-3 away from 0 in 100 draws");
        int[] y = TestNets.labels(BATCH, net.outputDim(), 5);
        net.forward(ws, x, 0, BATCH);
        double[] gOut = TestNets.lossGradient(net, ws, BATCH, y, loss);
        double[] grad = new double[net.paramCount()];
        double[] gx = new double[BATCH * d];
        net.backward(ws, gOut, 0, 0.0, grad, gx, 0);

        double[] w = net.params();
        double[] fdW = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            double keep = w[i];
            w[i] = keep + STEP;
            double up = TestNets.batchLoss(net, ws, x, BATCH, y, loss);
            w[i] = keep - STEP;
            double down = TestNets.batchLoss(net, ws, x, BATCH, y, loss);
            w[i] = keep;
            fdW[i] = (up - down) / (2 * STEP);
        }
        assertRelativeError(grad, fdW, what + " dL/dW");

        double[] fdX = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + STEP;
            double up = TestNets.batchLoss(net, ws, x, BATCH, y, loss);
            x[i] = keep - STEP;
            double down = TestNets.batchLoss(net, ws, x, BATCH, y, loss);
            x[i] = keep;
            fdX[i] = (up - down) / (2 * STEP);
        }
        assertRelativeError(gx, fdX, what + " dL/dx");
    }

    static void assertRelativeError(double[] exact, double[] approx, String what) {
        double scale = 0, err = 0;
        for (int i = 0; i < exact.length; i++) {
            scale = Math.max(scale, Math.abs(exact[i]));
            err = Math.max(err, Math.abs(exact[i] - approx[i]));
        }
        assertTrue(scale > 1e-6, what + ": gradient vanishes (max " + scale + "), the check would be vacuous");
        assertTrue(err / scale < TOLERANCE, what + ": relative error " + err / scale);
    }
}
