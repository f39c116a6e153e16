package advtrain.model;

import advtrain.kernel.Parallel;
import advtrain.kernel.VectorKernels;

/**
 * Buffers of a {@link TwoLayerNet} for batches of up to {@link #maxBatch()} rows: a copy of the inputs
 * (batch x d; the weight gradient needs them), the pre-activations W x and activations σ(W x) (batch x m),
 * the paired differences σ(w_r·x) - σ(w̄_r·x) (batch x m/2), the backward scratch (batch x m) and a one-hot
 * output gradient (batch x k). Allocated once; forward and backward allocate nothing here. Element-wise work
 * runs in row chunks whose size depends on m only.
 */
public final class TwoLayerWorkspace extends DenseWorkspace {

    private final Activation activation;
    final double[] x;
    final double[] pre;
    final double[] post;
    final double[] diff;
    final double[] grad;

    private double[] argOut;
    private int argOutOff;
    private final Parallel.RangeBody activateBody;
    private final Parallel.RangeBody backwardBody;
    private final Parallel.RangeBody outerBody;

    TwoLayerWorkspace(TwoLayerNet net, int maxBatch, Parallel par, VectorKernels kern) {
        super(net, maxBatch, par, kern);
        this.activation = net.activation();
        this.x = new double[maxBatch * d];
        this.pre = new double[maxBatch * m];
        this.post = new double[maxBatch * m];
        this.diff = new double[maxBatch * (m / 2)];
        this.grad = new double[maxBatch * m];
        this.activateBody = this::activateRows;
        this.backwardBody = (r0, r1) ->
                activation.backward(kern, (r1 - r0) * m, grad, r0 * m, pre, r0 * m, grad, r0 * m);
        this.outerBody = this::outerRows;
    }

    boolean fits(TwoLayerNet net) {
        return net.inputDim() == d && net.width() == m && net.outputDim() == k && net.activation() == activation;
    }

    /** W x of the last forward (batch x m, row-major), live. */
    public double[] preActivation() {
        return pre;
    }

    /** σ(W x) of the last forward (batch x m, row-major), live. */
    public double[] activation() {
        return post;
    }

    /** As the base class's, also keeping a copy of the inputs (the weight gradient needs them). */
    @Override
    void begin(int rows, double[] src, int srcOff) {
        super.begin(rows, src, srcOff);
        System.arraycopy(src, srcOff, x, 0, rows * d);
    }

    /** post = σ(pre); diff[b][r] = post[b][r] - post[b][r + m/2]. */
    void activate() {
        parallel().forRange(batch, rowGrain, activateBody);
    }

    private void activateRows(int r0, int r1) {
        activation.forward(kern, (r1 - r0) * m, pre, r0 * m, post, r0 * m);
        int half = m / 2;
        for (int b = r0; b < r1; b++) {
            int p = b * m;
            int q = b * half;
            for (int r = 0; r < half; r++) {
                diff[q + r] = post[p + r] - post[p + r + half];
            }
        }
    }

    /** grad = grad ⊙ σ'(pre), in place. */
    void activationBackward() {
        parallel().forRange(batch, rowGrain, backwardBody);
    }

    /** out[outOff + b*(m d) + i*d + l] = grad[b][i] * x[b][l]. */
    void outerProducts(double[] out, int outOff) {
        argOut = out;
        argOutOff = outOff;
        parallel().forRange(batch, 1, outerBody);
        argOut = null;
    }

    private void outerRows(int r0, int r1) {
        for (int b = r0; b < r1; b++) {
            OuterProduct.write(grad, b * m, m, x, b * d, d, argOut, argOutOff + b * m * d);
        }
    }

    @Override
    public String toString() {
        return "TwoLayerWorkspace[d=" + d + ", m=" + m + ", k=" + k + ", " + activation + ", maxBatch=" + maxBatch()
                + ", " + kern.name() + ", " + parallel() + "]";
    }
}
