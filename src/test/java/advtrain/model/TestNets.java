package advtrain.model;

import advtrain.loss.Loss;
import advtrain.random.RandomStream;

/** Shared builders for the model tests: perturbed networks, inputs, labels, the batch loss. */
final class TestNets {

    private TestNets() {
    }

    /** A deep net moved off its initialisation by N(0, (0.3 sqrt(2/m))^2) per weight. */
    static DeepReluNet deep(int d, int m, int depth, int k, long seed) {
        DeepReluNet net = DeepReluNet.init(d, m, depth, k, seed);
        perturb(net.params(), 0.3 * Math.sqrt(2.0 / m), seed);
        return net;
    }

    /** A two-layer net moved off its initialisation by N(0, 0.3^2) per weight (so f != 0). */
    static TwoLayerNet twoLayer(int d, int m, int k, Activation act, long seed) {
        TwoLayerNet net = TwoLayerNet.init(d, m, k, act, seed);
        perturb(net.params(), 0.3, seed);
        return net;
    }

    static void perturb(double[] w, double std, long seed) {
        RandomStream rs = RandomStream.of(seed, "test.perturb");
        for (int i = 0; i < w.length; i++) {
            w[i] += std * rs.nextGaussian();
        }
    }

    /** batch x d Gaussian inputs, rows scaled onto the unit sphere (the paper's setting). */
    static double[] inputs(int batch, int d, long seed) {
        double[] x = new double[batch * d];
        for (int b = 0; b < batch; b++) {
            RandomStream rs = RandomStream.of(seed, "test.x", b);
            rs.fillGaussian(x, b * d, d, 1.0);
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += x[b * d + i] * x[b * d + i];
            }
            double inv = 1.0 / Math.sqrt(s);
            for (int i = 0; i < d; i++) {
                x[b * d + i] *= inv;
            }
        }
        return x;
    }

    /** Labels: +-1 for k = 1, 0..k-1 otherwise. */
    static int[] labels(int batch, int k, long seed) {
        RandomStream rs = RandomStream.of(seed, "test.y");
        int[] y = new int[batch];
        for (int b = 0; b < batch; b++) {
            y[b] = k == 1 ? (rs.nextSign() > 0 ? 1 : -1) : rs.nextInt(k);
        }
        return y;
    }

    /** Sum over the batch of the loss, after a forward on {@code ws}. */
    static double batchLoss(Network net, Workspace ws, double[] x, int batch, int[] y, Loss loss) {
        net.forward(ws, x, 0, batch);
        int k = net.outputDim();
        double s = 0;
        for (int b = 0; b < batch; b++) {
            s += loss.value(ws.output(), b * k, k, y[b]);
        }
        return s;
    }

    /** After a forward: G = dL/df per row (batch x k). */
    static double[] lossGradient(Network net, Workspace ws, int batch, int[] y, Loss loss) {
        int k = net.outputDim();
        double[] g = new double[batch * k];
        for (int b = 0; b < batch; b++) {
            loss.valueAndGradient(ws.output(), b * k, k, y[b], g, b * k);
        }
        return g;
    }

    /** Smallest |pre-activation| over every unit of the last forward: the distance from a ReLU kink. */
    static double kinkMargin(Network net, Workspace ws) {
        double min = Double.POSITIVE_INFINITY;
        int batch = ws.batch();
        if (net instanceof DeepReluNet deep) {
            DeepReluWorkspace w = (DeepReluWorkspace) ws;
            int m = deep.width();
            for (int h = 1; h <= deep.depth(); h++) {
                double[] p = w.preActivation(h);
                for (int i = 0; i < batch * m; i++) {
                    min = Math.min(min, Math.abs(p[i]));
                }
            }
        } else {
            TwoLayerWorkspace w = (TwoLayerWorkspace) ws;
            double[] p = w.preActivation();
            int m = p.length / w.maxBatch();
            for (int i = 0; i < batch * m; i++) {
                min = Math.min(min, Math.abs(p[i]));
            }
        }
        return min;
    }
}
