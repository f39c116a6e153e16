package advtrain.train;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.Workspace;
import advtrain.threat.Attack;

/**
 * Mean loss and accuracy of a network on (a prefix of) a dataset, clean or at the points an attack returns:
 * with the training attack this is the surrogate loss L_A(W) on the full set (Def. 3.3); with the strongest
 * attack ensemble it is a LOWER bound on the robust loss L_*(W) (Def. 3.4), since any attack's loss is at
 * most the loss at the exact argmax. Rows are processed in chunks through one workspace and summed in row
 * order: thread-count-invariant. Buffers are allocated once.
 */
public final class Evaluator {

    /** Mean loss and accuracy over {@code n} rows. */
    public record Result(double loss, double accuracy, int n) {
    }

    private final Network net;
    private final Loss loss;
    private final Workspace ws;
    private final int chunk;
    private final double[] xChunk;
    private final int[] yChunk;
    private final int[] ids;
    private final double[] xAdv;
    private final double[] lossOut;

    public Evaluator(Network net, Loss loss, int chunk, Parallel par) {
        this.net = net;
        this.loss = loss;
        this.chunk = chunk;
        this.ws = net.newWorkspace(chunk, par);
        int d = net.inputDim();
        this.xChunk = new double[chunk * d];
        this.yChunk = new int[chunk];
        this.ids = new int[chunk];
        this.xAdv = new double[chunk * d];
        this.lossOut = new double[chunk];
    }

    /**
     * Evaluates the first {@code limit} rows of {@code data} (all when {@code limit <= 0} or larger than n),
     * clean when {@code attack} is null, else at the attacked points (attack streams keyed by {@code seed}
     * and step 0).
     */
    public Result evaluate(Attack attack, Dataset data, int limit, long seed) {
        if (data.d() != net.inputDim()) {
            throw new IllegalArgumentException("dataset " + data.name() + " has d=" + data.d() + ", the network expects "
                    + net.inputDim());
        }
        int n = limit <= 0 ? data.n() : Math.min(limit, data.n());
        int d = data.d();
        int k = net.outputDim();
        double sum = 0.0;
        int correct = 0;
        for (int c0 = 0; c0 < n; c0 += chunk) {
            int cb = Math.min(chunk, n - c0);
            System.arraycopy(data.x(), c0 * d, xChunk, 0, cb * d);
            System.arraycopy(data.y(), c0, yChunk, 0, cb);
            for (int r = 0; r < cb; r++) {
                ids[r] = c0 + r;
            }
            double[] at = xChunk;
            if (attack != null) {
                attack.perturb(net, ws, loss, xChunk, 0, yChunk, 0, cb, ids, 0, seed, 0, xAdv, 0, lossOut);
                at = xAdv;
            }
            net.forward(ws, at, 0, cb);
            double[] out = ws.output();
            for (int r = 0; r < cb; r++) {
                sum += loss.value(out, r * k, k, yChunk[r]);
                correct += Loss.correct(out, r * k, k, yChunk[r]) ? 1 : 0;
            }
        }
        return new Result(n == 0 ? Double.NaN : sum / n, n == 0 ? Double.NaN : (double) correct / n, n);
    }
}
