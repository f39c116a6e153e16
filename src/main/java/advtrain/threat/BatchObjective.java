package advtrain.threat;

import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.Workspace;

/**
 * Per-sample objective values and input gradients of a batch: one forward, the loss and ∂ℓ/∂f per sample,
 * and (when asked) one backward to the inputs. Buffers grow to the largest batch seen and are reused.
 */
final class BatchObjective {

    /** ℓ per sample of the last {@link #evaluate}. */
    double[] loss = new double[0];
    /** ∂ℓ/∂x per sample (batch x d) of the last {@link #evaluate} with gradients. */
    double[] grad = new double[0];
    private double[] gOut = new double[0];

    void ensure(int batch, int d, int k) {
        if (loss.length < batch) {
            loss = new double[batch];
        }
        if (grad.length < batch * d) {
            grad = new double[batch * d];
        }
        if (gOut.length < batch * k) {
            gOut = new double[batch * k];
        }
    }

    /** Evaluates {@code obj} at {@code batch} rows of x from {@code xOff} (rows contiguous, d apart). */
    void evaluate(Network net, Workspace ws, Loss obj, double[] x, int xOff, int[] y, int yOff, int batch,
                  boolean withGrad) {
        int k = net.outputDim();
        ensure(batch, net.inputDim(), k);
        net.forward(ws, x, xOff, batch);
        double[] f = ws.output();
        for (int b = 0; b < batch; b++) {
            loss[b] = withGrad ? obj.valueAndGradient(f, b * k, k, y[yOff + b], gOut, b * k)
                    : obj.value(f, b * k, k, y[yOff + b]);
        }
        if (withGrad) {
            net.backwardInput(ws, gOut, 0, grad, 0);
        }
    }
}
