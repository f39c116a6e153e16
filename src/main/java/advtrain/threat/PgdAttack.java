package advtrain.threat;

import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.Workspace;

/**
 * Projected gradient ascent (Madry et al. 2018) on the training loss: from a start point (x, or a random point
 * of the set drawn from the stream (seed, "pgd.start", sample id, restart, step)), {@code steps} times
 * {@code x = P(x + step * dir(g))} with dir = sign for l-inf and g / ||g|| for l2 and the cap
 * ({@link PerturbationSet#ascend}). Returns per sample the point with the <b>highest loss seen</b> over every
 * iterate of every restart (start points included), not the last iterate. Since a restart's trajectory does
 * not depend on how many steps or restarts follow it, the returned loss never decreases when steps or
 * restarts grow (the step size held fixed). Cost: steps + 1 forwards and steps backwards per restart; the
 * per-sample steps and projections run on the workspace's {@link advtrain.kernel.Parallel} in fixed chunks.
 */
final class PgdAttack extends AbstractAttack {

    private double[] xCur;
    private double[] best;
    private final Parallel.RangeBody ascendBody = this::ascendRows;
    // The arguments of the ascent step in progress (fields, so its loop body is made once).
    private int d;
    private double stepSize;
    private double[] x;
    private int xOff;
    private double[] grad;

    PgdAttack(AttackSpec spec) {
        super(spec);
    }

    @Override
    void run(Network net, Workspace ws, Loss loss, double[] x, int xOff, int[] y, int yOff, int batch,
             int[] sampleIds, int idOff, long seed, long step, double[] xAdv, int xAdvOff, double[] lossOut) {
        int d = net.inputDim();
        xCur = ensure(xCur, batch * d);
        best = ensure(best, batch);
        double stepSize = spec.effectiveStep();
        for (int r = 0; r < spec.restarts(); r++) {
            starts.start(ws.parallel(), spec.randomStart(), set, "pgd.start", d, batch, x, xOff, sampleIds, idOff, seed, r, step,
                    xCur);
            for (int s = 0; s <= spec.steps(); s++) {
                boolean more = s < spec.steps();
                objective.evaluate(net, ws, loss, xCur, 0, y, yOff, batch, more);
                Tracker.keepBest(r == 0 && s == 0, batch, d, objective.loss, xCur, best, xAdv, xAdvOff);
                if (more) {
                    this.d = d;
                    this.stepSize = stepSize;
                    this.x = x;
                    this.xOff = xOff;
                    this.grad = objective.grad;
                    ws.parallel().forRange(batch, Starts.SAMPLE_GRAIN, ascendBody);
                    this.x = null; // do not keep the caller's array alive
                }
            }
        }
        System.arraycopy(best, 0, lossOut, 0, batch);
    }

    /** One ascent step of rows [b0, b1) of the current iterates, from the gradients of the last evaluation. */
    private void ascendRows(int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            set.ascend(d, xCur, b * d, grad, b * d, stepSize, x, xOff + b * d);
        }
    }
}
