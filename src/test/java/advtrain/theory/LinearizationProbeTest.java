package advtrain.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.kernel.Parallel;
import advtrain.model.Activation;
import advtrain.model.DeepReluNet;
import advtrain.model.Network;
import advtrain.model.TwoLayerNet;
import advtrain.model.Workspace;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LinearizationProbeTest {

    static final int N = 8;
    static final int D = 6;

    /**
     * Sets the weights to W(0) + radius * g_h / ||g_h|| per block, with g the gradient of sum_b f(x_b) at W(0)
     * (the direction a gradient step on the probes takes): the training-like move.
     */
    static void moveAlongGradient(Network net, double[] x, double radius) {
        System.arraycopy(net.initialParams(), 0, net.params(), 0, net.paramCount());
        Workspace ws = net.newWorkspace(N, Parallel.serial());
        net.forward(ws, x, 0, N);
        double[] g = new double[net.paramCount()];
        double[] ones = new double[N * net.outputDim()];
        Arrays.fill(ones, 1.0);
        net.backwardWeights(ws, ones, 0, 0.0, g);
        for (int b = 0; b < net.blocks(); b++) {
            int off = net.blockOffset(b);
            int size = net.blockSize(b);
            double s = 0;
            for (int i = 0; i < size; i++) {
                s += g[off + i] * g[off + i];
            }
            s = Math.sqrt(s);
            for (int i = 0; i < size; i++) {
                net.params()[off + i] = net.initialParams()[off + i] + radius * g[off + i] / s;
            }
        }
    }

    static double outputAt(Network net, double[] x, int b) {
        Workspace ws = net.newWorkspace(N, Parallel.serial());
        net.forward(ws, x, 0, N);
        return ws.output()[b * net.outputDim()];
    }

    /** At W(0) the error is exactly 0 (f(W(0)) comes from the network's own forward, the first-order term is 0). */
    @Test
    void errorIsZeroAtInitialisation() {
        double[] x = TestPoints.onSphere(N, D, 11);
        for (Network net : new Network[] {DeepReluNet.init(D, 64, 2, 1, 1), TwoLayerNet.init(D, 64, 1, Activation.TANH, 1)}) {
            LinearizationProbe p = new LinearizationProbe(net, x, N, 0, Parallel.serial());
            assertEquals(0.0, p.measure(net), 0.0, net.kind());
            assertEquals(0.0, p.meanError(), 0.0, net.kind());
        }
    }

    /**
     * The first-order term is the true derivative: for small steps t the error is o(t). Measured ratios
     * err(t) / |f(W) - f(W(0))| below 1e-2 at t = 1e-3 (deep: second order within a fixed ReLU pattern;
     * two-layer: third order, the paired init cancels the second), and err(10 t) / err(t) >= 30 (quadratic
     * or faster, against 10 for an error in the linear term).
     */
    @Test
    void errorIsSuperlinearForSmallSteps() {
        double[] x = TestPoints.onSphere(N, D, 12);
        Network[] nets = {DeepReluNet.init(D, 128, 2, 1, 2), TwoLayerNet.init(D, 128, 1, Activation.SOFTPLUS, 2)};
        double[] units = {1.0 / Math.sqrt(128), 1.0};
        for (int i = 0; i < nets.length; i++) {
            Network net = nets[i];
            LinearizationProbe p = new LinearizationProbe(net, x, N, 0, Parallel.serial());
            moveAlongGradient(net, x, 1e-3 * units[i]);
            double small = p.measure(net);
            double change = Math.abs(outputAt(net, x, 0) - p.initialOutputs()[0]);
            assertTrue(p.errors()[0] < 1e-2 * change, net.kind() + ": error " + p.errors()[0] + " vs change " + change);
            moveAlongGradient(net, x, 1e-2 * units[i]);
            double larger = p.measure(net);
            assertTrue(larger >= 30 * small, net.kind() + ": " + small + " -> " + larger);
        }
    }

    /**
     * Grows as the weights move (R = 0.5, 1, 2, 4 in the ball's units: sqrt(m) ||Wh - Wh(0)||_F = R for the
     * deep net, ||W - W(0)||_F = R for the two-layer net) and, at fixed R = 1, shrinks with the width
     * m = 64, 256, 1024 (measured: deep H=2 0.25, 0.097, 0.019; two-layer tanh 1.7e-3, 4.8e-4, 1.0e-4).
     */
    @Test
    void errorGrowsWithDistanceAndShrinksWithWidth() {
        double[] x = TestPoints.onSphere(N, D, 1);
        String[] kinds = {"deep", "two-layer"};
        for (String kind : kinds) {
            double prevAtOne = Double.POSITIVE_INFINITY;
            for (int m : new int[] {64, 256, 1024}) {
                Network net = kind.equals("deep") ? DeepReluNet.init(D, m, 2, 1, 1) : TwoLayerNet.init(D, m, 1, Activation.TANH, 1);
                double unit = kind.equals("deep") ? 1.0 / Math.sqrt(m) : 1.0;
                LinearizationProbe p = new LinearizationProbe(net, x, N, 0, Parallel.serial());
                double prev = 0.0;
                double atOne = 0.0;
                for (double r : new double[] {0.5, 1, 2, 4}) {
                    moveAlongGradient(net, x, r * unit);
                    double e = p.measure(net);
                    assertTrue(e > prev, kind + " m=" + m + " R=" + r + ": " + e + " after " + prev);
                    prev = e;
                    if (r == 1) {
                        atOne = e;
                    }
                }
                assertTrue(atOne < prevAtOne, kind + " m=" + m + ": " + atOne + " after " + prevAtOne);
                prevAtOne = atOne;
            }
        }
    }
}
