package advtrain.threat;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.Workspace;

/**
 * An attack over a whole dataset, in batches: per sample the loss at the attacked point, whether the network
 * still classifies it correctly, and optionally the points and outputs. Sample ids are the dataset row
 * indices, so results do not depend on the batch size or the thread count. The surrogate loss of
 * Definition 3.3 is {@link Result#surrogateLoss()}.
 */
public final class AttackRun {

    /** Default batch size of evaluations. */
    public static final int DEFAULT_BATCH = 128;

    /**
     * Per-sample results (arrays are not copied).
     *
     * @param loss    ℓ(f(A(W, x_i)), y_i), n values
     * @param correct whether the prediction at the attacked point is correct, n values
     * @param xAdv    attacked points, n x d (null unless asked for)
     * @param f       outputs at the attacked points, n x k (null unless asked for)
     */
    public record Result(AttackSpec spec, double[] loss, boolean[] correct, double[] xAdv, double[] f) {

        /** L_A = (1/n) Σ ℓ (0 for n = 0), summed in row order. */
        public double surrogateLoss() {
            return mean(loss);
        }

        /** Fraction of samples still classified correctly. */
        public double accuracy() {
            int c = 0;
            for (boolean b : correct) {
                c += b ? 1 : 0;
            }
            return correct.length == 0 ? 0.0 : (double) c / correct.length;
        }
    }

    private AttackRun() {
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return a.length == 0 ? 0.0 : s / a.length;
    }

    /**
     * Runs {@code spec} over every row of {@code data}.
     *
     * @param keepPoints also return the attacked points and the outputs there (n x d and n x k doubles)
     */
    public static Result run(Network net, Loss loss, Dataset data, AttackSpec spec, long seed, int batch, Parallel par,
                             boolean keepPoints) {
        if (data.d() != net.inputDim()) {
            throw new IllegalArgumentException("data " + data.name() + " has d=" + data.d() + " but the network expects d="
                    + net.inputDim());
        }
        if (data.outputDim() != net.outputDim()) {
            throw new IllegalArgumentException("data " + data.name() + " has " + data.classes() + " classes (k="
                    + data.outputDim() + ") but the network has k=" + net.outputDim());
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        int n = data.n();
        int d = data.d();
        int k = net.outputDim();
        int bs = Math.max(1, Math.min(batch, n));
        Attack attack = spec.newAttack();
        Workspace ws = net.newWorkspace(bs, par);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        double[] lossOut = new double[n];
        boolean[] correct = new boolean[n];
        double[] xAdv = keepPoints ? new double[n * d] : null;
        double[] f = keepPoints ? new double[n * k] : null;
        double[] xb = keepPoints ? null : new double[bs * d];
        double[] lb = new double[bs];
        for (int start = 0; start < n; start += bs) {
            int b = Math.min(bs, n - start);
            double[] dst = keepPoints ? xAdv : xb;
            int dstOff = keepPoints ? start * d : 0;
            attack.perturb(net, ws, loss, data.x(), start * d, data.y(), start, b, ids, start, seed, 0, dst, dstOff, lb);
            System.arraycopy(lb, 0, lossOut, start, b);
            net.forward(ws, dst, dstOff, b);
            double[] out = ws.output();
            for (int i = 0; i < b; i++) {
                correct[start + i] = Loss.correct(out, i * k, k, data.y()[start + i]);
            }
            if (keepPoints) {
                System.arraycopy(out, 0, f, start * k, b * k);
            }
        }
        return new Result(spec, lossOut, correct, xAdv, f);
    }
}
