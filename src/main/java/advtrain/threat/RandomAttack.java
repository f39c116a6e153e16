package advtrain.threat;

import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.Workspace;

/**
 * Random points of the set, no gradients: {@code restarts} draws per sample (each from the set's own law, see
 * the {@link PerturbationSet} implementations), keeping per sample the draw with the highest loss. Draw r of a
 * sample comes from the stream (seed, "random.point", sample id, r, step). The black-box baseline of the
 * evaluation's gradient-masking check.
 */
final class RandomAttack extends AbstractAttack {

    private double[] xCur;
    private double[] best;

    RandomAttack(AttackSpec spec) {
        super(spec);
    }

    @Override
    void run(Network net, Workspace ws, Loss loss, double[] x, int xOff, int[] y, int yOff, int batch,
             int[] sampleIds, int idOff, long seed, long step, double[] xAdv, int xAdvOff, double[] lossOut) {
        int d = net.inputDim();
        xCur = ensure(xCur, batch * d);
        best = ensure(best, batch);
        for (int r = 0; r < spec.restarts(); r++) {
            starts.start(ws.parallel(), true, set, "random.point", d, batch, x, xOff, sampleIds, idOff, seed, r, step, xCur);
            objective.evaluate(net, ws, loss, xCur, 0, y, yOff, batch, false);
            Tracker.keepBest(r == 0, batch, d, objective.loss, xCur, best, xAdv, xAdvOff);
        }
        System.arraycopy(best, 0, lossOut, 0, batch);
    }
}
