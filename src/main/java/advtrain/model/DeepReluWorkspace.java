package advtrain.model;

import advtrain.kernel.Parallel;
import advtrain.kernel.VectorKernels;

/**
 * Buffers of a {@link DeepReluNet} for batches of up to {@link #maxBatch()} rows: the forward caches
 * x0 = A x and, per layer h, the pre-activation x̄h and the activation xh (each batch x m, row-major), two
 * backward scratch matrices (batch x m) and a one-hot output gradient (batch x k). Allocated once; the
 * forward and backward passes allocate nothing here. Element-wise work runs in chunks of {@link #rowGrain}
 * rows on the workspace's {@link Parallel}; chunk boundaries depend on m only.
 */
public final class DeepReluWorkspace extends DenseWorkspace {

    private final int depth;
    /** pre[h] = x̄h for h = 1..H (pre[0] unused). */
    final double[][] pre;
    /** post[0] = x0 = A x, post[h] = xh = ReLU(x̄h). */
    final double[][] post;
    /** Whether the last forward ran through fused packs (x0 = A x was not computed). */
    boolean fusedForward;
    /**
     * G1, the first layer's backward signal of the last weights backward (gradA or gradB; the weight gradient of
     * W1 is G1^T x0), or null when a forward came after it. {@link DeepReluNet#carryFused} reads it.
     */
    double[] firstDelta;
    final double[] gradA;
    final double[] gradB;

    // Arguments of the element-wise bodies (fields, so the bodies are made once and calls allocate nothing).
    private int argLayer;
    private double[] argG;
    private double[] argX;
    private double[] argOut;
    private int argOutOff;
    private int argStride;
    private int argParamOff;
    private final Parallel.RangeBody reluForwardBody;
    private final Parallel.RangeBody reluBackwardBody;
    private final Parallel.RangeBody outerBody;

    DeepReluWorkspace(DeepReluNet net, int maxBatch, Parallel par, VectorKernels kern) {
        super(net, maxBatch, par, kern);
        this.depth = net.depth();
        this.pre = new double[depth + 1][];
        this.post = new double[depth + 1][];
        for (int h = 0; h <= depth; h++) {
            pre[h] = h == 0 ? null : new double[maxBatch * m];
            post[h] = new double[maxBatch * m];
        }
        this.gradA = new double[maxBatch * m];
        this.gradB = new double[maxBatch * m];
        this.reluForwardBody = (r0, r1) ->
                kern.relu((r1 - r0) * m, pre[argLayer], r0 * m, post[argLayer], r0 * m);
        this.reluBackwardBody = (r0, r1) ->
                kern.reluBackward((r1 - r0) * m, argG, r0 * m, pre[argLayer], r0 * m, argG, r0 * m);
        this.outerBody = this::outerRows;
    }

    boolean fits(DeepReluNet net) {
        return net.inputDim() == d && net.width() == m && net.depth() == depth && net.outputDim() == k;
    }

    /** x̄h of the last forward (batch x m, row-major; h = 1..H), live. */
    public double[] preActivation(int h) {
        checkLayer(h, 1);
        return pre[h];
    }

    /** xh of the last forward (batch x m, row-major; h = 0 gives x0 = A x), live. */
    public double[] activation(int h) {
        checkLayer(h, 0);
        if (h == 0 && fusedForward) {
            throw new IllegalStateException("x0 = A x is not computed by a forward through fused packs");
        }
        return post[h];
    }

    private void checkLayer(int h, int lo) {
        if (h < lo || h > depth) {
            throw new IllegalArgumentException("layer must be in " + lo + ".." + depth + ", got " + h);
        }
    }

    @Override
    void begin(int rows, double[] x, int xOff) {
        super.begin(rows, x, xOff);
        firstDelta = null;
    }

    /** As {@link #requireForward}, refusing a forward through fused packs (weight gradients need x0). */
    int requireExactForward() {
        int rows = requireForward();
        if (fusedForward) {
            throw new IllegalStateException("weight gradients need an exact forward; the last one ran through fused packs"
                    + " (attacks use those)");
        }
        return rows;
    }

    void reluForward(int h) {
        argLayer = h;
        parallel().forRange(batch, rowGrain, reluForwardBody);
    }

    /** g = g ⊙ 1[x̄h > 0], in place (g: batch x m). */
    void reluBackward(int h, double[] g) {
        argLayer = h;
        argG = g;
        parallel().forRange(batch, rowGrain, reluBackwardBody);
        argG = null;
    }

    /** For every row b: out[outOff + b*stride + paramOff + i*m + l] = g[b][i] * x[b][l]. */
    void outerProducts(double[] g, double[] x, double[] out, int outOff, int stride, int paramOff) {
        argG = g;
        argX = x;
        argOut = out;
        argOutOff = outOff;
        argStride = stride;
        argParamOff = paramOff;
        parallel().forRange(batch, 1, outerBody);
        argG = null;
        argX = null;
        argOut = null;
    }

    private void outerRows(int r0, int r1) {
        for (int b = r0; b < r1; b++) {
            OuterProduct.write(argG, b * m, m, argX, b * m, m, argOut, argOutOff + b * argStride + argParamOff);
        }
    }

    @Override
    public String toString() {
        return "DeepReluWorkspace[d=" + d + ", m=" + m + ", H=" + depth + ", k=" + k + ", maxBatch=" + maxBatch()
                + ", " + kern.name() + ", " + parallel() + "]";
    }
}
