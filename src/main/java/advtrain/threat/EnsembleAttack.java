package advtrain.threat;

import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.Workspace;

/**
 * Several attacks; per sample the member point with the highest training loss (ties: the earlier member).
 * Each member runs on the whole batch with its own keyed streams, so the result is as reproducible as the
 * members. The strongest practical lower bound on the robust loss L_* (paper Definition 3.4).
 */
final class EnsembleAttack extends AbstractAttack {

    private final Attack[] members;
    private double[] xTmp;
    private double[] lossTmp;

    EnsembleAttack(AttackSpec spec) {
        super(spec);
        members = new Attack[spec.members().size()];
        for (int i = 0; i < members.length; i++) {
            members[i] = spec.members().get(i).newAttack();
        }
    }

    @Override
    void run(Network net, Workspace ws, Loss loss, double[] x, int xOff, int[] y, int yOff, int batch,
             int[] sampleIds, int idOff, long seed, long step, double[] xAdv, int xAdvOff, double[] lossOut) {
        int d = net.inputDim();
        xTmp = ensure(xTmp, batch * d);
        lossTmp = ensure(lossTmp, batch);
        for (int i = 0; i < members.length; i++) {
            members[i].perturb(net, ws, loss, x, xOff, y, yOff, batch, sampleIds, idOff, seed, step, xTmp, 0, lossTmp);
            Tracker.keepBest(i == 0, batch, d, lossTmp, xTmp, lossOut, xAdv, xAdvOff);
        }
    }
}
