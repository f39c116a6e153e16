package advtrain.threat;

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
                    ascend(ws.parallel(), batch, d, xCur, 0, objective.grad, stepSize, x, xOff);
                }
            }
        }
        System.arraycopy(best, 0, lossOut, 0, batch);
    }
}
