package advtrain.train;

import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.Workspace;
import advtrain.threat.Attack;

/** Test-only perturbation function A(W, x) = x (the surrogate loss is then the clean loss). */
final class IdentityTestAttack implements Attack {

    @Override
    public String toSpec() {
        return "identity";
    }

    @Override
    public void perturb(Network net, Workspace ws, Loss loss, double[] x, int xOff, int[] y, int yOff, int batch,
                        int[] sampleIds, int idOff, long seed, long step, double[] xAdv, int xAdvOff, double[] lossOut) {
        int d = net.inputDim();
        int k = net.outputDim();
        System.arraycopy(x, xOff, xAdv, xAdvOff, batch * d);
        net.forward(ws, xAdv, xAdvOff, batch);
        for (int b = 0; b < batch; b++) {
            lossOut[b] = loss.value(ws.output(), b * k, k, y[yOff + b]);
        }
    }
}
