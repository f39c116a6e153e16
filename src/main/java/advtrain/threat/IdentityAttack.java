package advtrain.threat;

import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.Workspace;

/** A(W, x) = x: clean training and clean evaluation (x is in every B(x)). */
final class IdentityAttack extends AbstractAttack {

    IdentityAttack(AttackSpec spec) {
        super(spec);
    }

    @Override
    void run(Network net, Workspace ws, Loss loss, double[] x, int xOff, int[] y, int yOff, int batch,
             int[] sampleIds, int idOff, long seed, long step, double[] xAdv, int xAdvOff, double[] lossOut) {
        int d = net.inputDim();
        System.arraycopy(x, xOff, xAdv, xAdvOff, batch * d);
        lossAt(net, ws, loss, xAdv, xAdvOff, y, yOff, batch, lossOut);
    }
}
