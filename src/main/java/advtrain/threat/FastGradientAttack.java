package advtrain.threat;

import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.Workspace;

/**
 * One gradient step of size eps from x, then the projection: FGSM (Goodfellow et al. 2015) for l-inf,
 * {@code x + eps * sign(g)}; FGM for l2 (and the cap), {@code x + eps * g / ||g||_2}. Deterministic. Returns
 * the stepped point (not the better of x and it). On a linear model it reaches the exact worst case of the
 * plain balls.
 */
final class FastGradientAttack extends AbstractAttack {

    FastGradientAttack(AttackSpec spec) {
        super(spec);
    }

    @Override
    void run(Network net, Workspace ws, Loss loss, double[] x, int xOff, int[] y, int yOff, int batch,
             int[] sampleIds, int idOff, long seed, long step, double[] xAdv, int xAdvOff, double[] lossOut) {
        int d = net.inputDim();
        objective.evaluate(net, ws, loss, x, xOff, y, yOff, batch, true);
        System.arraycopy(x, xOff, xAdv, xAdvOff, batch * d);
        ascend(ws.parallel(), batch, d, xAdv, xAdvOff, objective.grad, spec.eps(), x, xOff);
        lossAt(net, ws, loss, xAdv, xAdvOff, y, yOff, batch, lossOut);
    }
}
