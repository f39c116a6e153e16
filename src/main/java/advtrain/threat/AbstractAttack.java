package advtrain.threat;

import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.Workspace;

/**
 * What every attack shares: its spec and set, argument checks at the public edge (shapes, batch size,
 * every centre admissible for the set), the batch objective and a row-buffer helper. Attacks that follow
 * gradients run through {@link BatchSlices}: weights packed once, the batch cut across the pool's threads.
 */
abstract class AbstractAttack implements Attack {

    final AttackSpec spec;
    final PerturbationSet set;
    final BatchObjective objective = new BatchObjective();
    final Starts starts = new Starts();
    private final BatchSlices slices;
    private final Parallel.RangeBody ascendBody = this::ascendRows;
    // The arguments of the ascent step in progress (fields, so its loop body is made once).
    private int ascD;
    private double[] ascCur;
    private int ascCurOff;
    private double[] ascGrad;
    private double ascStep;
    private double[] ascX;
    private int ascXOff;

    AbstractAttack(AttackSpec spec) {
        this.spec = spec;
        this.set = spec.perturbationSet();
        this.slices = spec.usesGradients() ? new BatchSlices(spec) : null;
    }

    @Override
    public final String toSpec() {
        return spec.toString();
    }

    @Override
    public String toString() {
        return spec.toString();
    }

    @Override
    public final void perturb(Network net, Workspace ws, Loss loss, double[] x, int xOff, int[] y, int yOff, int batch,
                              int[] sampleIds, int idOff, long seed, long step, double[] xAdv, int xAdvOff, double[] lossOut) {
        int d = net.inputDim();
        if (batch < 0 || batch > ws.maxBatch()) {
            throw new IllegalArgumentException(spec.name() + ": batch " + batch + " outside [0, workspace maxBatch "
                    + ws.maxBatch() + "]");
        }
        if ((long) xOff + (long) batch * d > x.length || (long) xAdvOff + (long) batch * d > xAdv.length
                || yOff + batch > y.length || idOff + batch > sampleIds.length || batch > lossOut.length) {
            throw new IllegalArgumentException(spec.name() + ": arrays too short for batch " + batch + " of dimension " + d);
        }
        if (batch == 0) {
            return;
        }
        for (int b = 0; b < batch; b++) {
            set.checkCentre(d, x, xOff + b * d, sampleIds[idOff + b]);
        }
        if (slices == null) {
            run(net, ws, loss, x, xOff, y, yOff, batch, sampleIds, idOff, seed, step, xAdv, xAdvOff, lossOut);
        } else {
            slices.run(this, net, ws, loss, x, xOff, y, yOff, batch, sampleIds, idOff, seed, step, xAdv, xAdvOff, lossOut);
        }
    }

    @Override
    public final boolean usesFusedPacks(Network net) {
        return slices != null && BatchSlices.fuses(spec, net);
    }

    /** The attack proper, after the checks of {@link #perturb}. */
    abstract void run(Network net, Workspace ws, Loss loss, double[] x, int xOff, int[] y, int yOff, int batch,
                      int[] sampleIds, int idOff, long seed, long step, double[] xAdv, int xAdvOff, double[] lossOut);

    /**
     * One ascent step for each of {@code batch} rows of {@code cur} (batch x d from {@code curOff}) along
     * {@code grad} (batch x d), projected into the set around the matching row of x ({@link PerturbationSet#ascend}),
     * on {@code par} in fixed chunks of rows. The loop body is bound once: a step allocates nothing.
     */
    final void ascend(Parallel par, int batch, int d, double[] cur, int curOff, double[] grad, double step, double[] x,
                      int xOff) {
        ascD = d;
        ascCur = cur;
        ascCurOff = curOff;
        ascGrad = grad;
        ascStep = step;
        ascX = x;
        ascXOff = xOff;
        try {
            par.forRange(batch, Starts.SAMPLE_GRAIN, ascendBody);
        } finally {
            ascCur = null; // do not keep the caller's arrays alive
            ascGrad = null;
            ascX = null;
        }
    }

    private void ascendRows(int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            set.ascend(ascD, ascCur, ascCurOff + b * ascD, ascGrad, b * ascD, ascStep, ascX, ascXOff + b * ascD);
        }
    }

    /** {@code a} if it holds n values, else a new array of n. */
    static double[] ensure(double[] a, int n) {
        return a != null && a.length >= n ? a : new double[n];
    }

    /** Losses of the given points (one forward, no gradient) into lossOut[0 .. batch). */
    void lossAt(Network net, Workspace ws, Loss loss, double[] p, int pOff, int[] y, int yOff, int batch, double[] lossOut) {
        objective.evaluate(net, ws, loss, p, pOff, y, yOff, batch, false);
        System.arraycopy(objective.loss, 0, lossOut, 0, batch);
    }
}
