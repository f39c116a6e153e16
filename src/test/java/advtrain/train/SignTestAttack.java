package advtrain.train;

import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.Workspace;
import advtrain.random.RandomStream;
import advtrain.threat.Attack;

/**
 * Test-only perturbation function: one FGSM-like l-inf step of size eps along the sign of the input
 * gradient plus a random sign term keyed by (seed, row, step), so tests see an attack that depends on W,
 * on the keyed streams and on the workspace, like the real ones.
 */
final class SignTestAttack implements Attack {

    private final double eps;
    private double[] gOut = new double[0];
    private double[] gx = new double[0];

    SignTestAttack(double eps) {
        this.eps = eps;
    }

    @Override
    public String toSpec() {
        return "test-sign:eps=" + eps;
    }

    @Override
    public void perturb(Network net, Workspace ws, Loss loss, double[] x, int xOff, int[] y, int yOff, int batch,
                        int[] sampleIds, int idOff, long seed, long step, double[] xAdv, int xAdvOff, double[] lossOut) {
        int d = net.inputDim();
        int k = net.outputDim();
        if (gOut.length < batch * k) {
            gOut = new double[batch * k];
            gx = new double[batch * d];
        }
        net.forward(ws, x, xOff, batch);
        for (int b = 0; b < batch; b++) {
            loss.valueAndGradient(ws.output(), b * k, k, y[yOff + b], gOut, b * k);
        }
        net.backwardInput(ws, gOut, 0, gx, 0);
        for (int b = 0; b < batch; b++) {
            RandomStream rs = RandomStream.of(seed, "test.sign", sampleIds[idOff + b], step);
            for (int i = 0; i < d; i++) {
                double s = gx[b * d + i] > 0 ? 1 : gx[b * d + i] < 0 ? -1 : rs.nextSign();
                xAdv[xAdvOff + b * d + i] = x[xOff + b * d + i] + eps * (0.75 * s + 0.25 * rs.nextSign());
            }
        }
        net.forward(ws, xAdv, xAdvOff, batch);
        for (int b = 0; b < batch; b++) {
            lossOut[b] = loss.value(ws.output(), b * k, k, y[yOff + b]);
        }
    }
}
