package advtrain.model;

import advtrain.kernel.Parallel;
import advtrain.kernel.VectorKernels;

/**
 * A network f(W, x) with fixed (untrained) parts and trainable weights W held in one flat array
 * ({@link #params()}), next to its initialisation W(0) ({@link #initialParams()}).
 *
 * <p>Shapes: inputs are batches of B rows of dimension {@link #inputDim()} (row-major, B x d); outputs
 * are B x {@link #outputDim()} (k = 1: scalar output, binary labels +-1; k >= 2: k classes).
 * The trainable weights form {@link #blocks()} blocks (the deep net: one per hidden layer W1..WH, each
 * m x m; the two-layer net: one block W, m x d); projection onto B(R) acts per block with radius
 * {@link #blockRadius(double)}.
 *
 * <p>Every method is deterministic for any thread count of the workspace's {@link Parallel}. Passes through
 * different workspaces may run on different threads at once (attacks run one slice of a batch per thread), so
 * a network keeps its per-pass state in the workspace, never in itself.
 */
public interface Network {

    /** {@code deep} or {@code two-layer}. */
    String kind();

    /** d. */
    int inputDim();

    /** k (1 for the scalar output). */
    int outputDim();

    /** m. */
    int width();

    /** Number of trainable weights. */
    int paramCount();

    /** The trainable weights, live: the trainer updates them in place. */
    double[] params();

    /** W(0), same layout as {@link #params()}. Never modified. */
    double[] initialParams();

    /** Number of projection blocks. */
    int blocks();

    /** Offset of block b in {@link #params()}. */
    int blockOffset(int b);

    /** Length of block b. */
    int blockSize(int b);

    /**
     * Radius of block b's ball for a given R: the deep net uses ||Wh - Wh(0)||_F <= R / sqrt(m) (eq. 2),
     * the two-layer net ||W - W(0)||_F <= R (section 5).
     */
    double blockRadius(double r);

    /** A workspace for batches of up to {@code maxBatch} samples, computing on {@code par}. */
    Workspace newWorkspace(int maxBatch, Parallel par);

    /**
     * A workspace computing on the given kernels (tests compare the scalar and vector paths). The default serves
     * only the kernels of {@link #newWorkspace(int, Parallel)}'s workspaces.
     */
    default Workspace newWorkspace(int maxBatch, Parallel par, VectorKernels kern) {
        Workspace ws = newWorkspace(maxBatch, par);
        if (ws.kernels() != kern) {
            throw new UnsupportedOperationException(kind() + " networks compute on " + ws.kernels().name() + " only, not "
                    + kern.name());
        }
        return ws;
    }

    /**
     * Packs the current weights for repeated passes ({@link PackedWeights}, to {@link Workspace#attach attach}):
     * exact packs, or with {@code fuse} fused ones where this network has a layer to fuse. Refills {@code reuse}
     * when it holds this network's packs of that kind for {@code kern}, else makes new ones (the fixed parts are
     * packed then). The default returns null: nothing packed, every product packs on the fly.
     */
    default PackedWeights packWeights(PackedWeights reuse, boolean fuse, VectorKernels kern, Parallel par) {
        return packWeights(reuse, fuse, kern, par, null);
    }

    /**
     * As {@link #packWeights(PackedWeights, boolean, VectorKernels, Parallel)}, where {@code exact} (may be null)
     * holds exact packs of the current weights for {@code kern}: fused packs then share every packed matrix they
     * have in common with it instead of packing their own copy, and build their fused layers from its packs. The
     * same bits either way; {@code exact} must be repacked before these whenever the weights change. The default
     * returns null: nothing packed, every product packs on the fly.
     */
    default PackedWeights packWeights(PackedWeights reuse, boolean fuse, VectorKernels kern, Parallel par,
                                      PackedWeights exact) {
        return null;
    }

    /**
     * Whether {@link #carryFused} costs less than packing fused packs afresh after a step of {@code rows} rows. The
     * default: false (nothing fused to carry).
     */
    default boolean carriesFused(int rows) {
        return false;
    }

    /**
     * Brings {@code fused} packs of the weights before a plain gradient step to the weights after it, from the
     * rank-{@code rows} change of the step instead of fusing the layers afresh: the same function as fresh packs,
     * rounded differently (the rounding depends on the steps carried through, so callers refresh now and then).
     * The step must be exactly: the weights backward of one batch on {@code ws} into {@code grad} (beta = 0),
     * {@code W -= lr * grad}, then every block b's offset from W(0) scaled by {@code blockScales[b]} (1: untouched).
     * The default refuses: only networks that answer {@link #carriesFused} true carry.
     */
    default void carryFused(PackedWeights fused, Workspace ws, double lr, double[] blockScales) {
        throw new UnsupportedOperationException(kind() + " networks have no fused packs to carry");
    }

    /** Sets the fused matrix of {@code fused} packs to {@code state} (a {@link PackedWeights#fusedState()}) and packs it. */
    default void loadFused(PackedWeights fused, double[] state, Parallel par) {
        throw new UnsupportedOperationException(kind() + " networks have no fused packs to load");
    }

    /** Forward pass of {@code batch} rows of {@code x} starting at {@code xOff}; outputs in {@code ws.output()}. */
    void forward(Workspace ws, double[] x, int xOff, int batch);

    /**
     * After {@link #forward}: given ∂L/∂f per sample ({@code gOut}, batch x k from {@code gOutOff}), writes
     * ∂L/∂x per sample to {@code gx} (batch x d from {@code gxOff}). Attacks step on this.
     */
    void backwardInput(Workspace ws, double[] gOut, int gOutOff, double[] gx, int gxOff);

    /**
     * After {@link #forward}: {@code grad = beta * grad + sum over the batch of J_b^T gOut_b}, with J_b the
     * Jacobian of f(x_b) with respect to the trainable weights; {@code grad} has {@link #paramCount()} entries.
     */
    void backwardWeights(Workspace ws, double[] gOut, int gOutOff, double beta, double[] grad);

    /**
     * After {@link #forward}: both backward passes for one {@code gOut}, as {@link #backwardWeights} then
     * {@link #backwardInput} (same results, bit for bit); implementations may share the work of the chain.
     */
    default void backward(Workspace ws, double[] gOut, int gOutOff, double beta, double[] grad, double[] gx, int gxOff) {
        backwardWeights(ws, gOut, gOutOff, beta, grad);
        backwardInput(ws, gOut, gOutOff, gx, gxOff);
    }

    /**
     * After {@link #forward}: writes the gradient of output {@code output} (0..k-1) with respect to the
     * trainable weights, ∇W f_output(x_b), for every row b of the last batch: {@code out} holds
     * batch x {@link #paramCount()} values, row-major, from {@code outOff}. The empirical NTK is built from these.
     *
     * <p>The default runs {@link #backwardWeights} once per row with a one-hot {@code gOut} (correct for any
     * network, allocates one batch x k array); the engine's networks override it with one batched pass.
     */
    default void perSampleGradients(Workspace ws, int output, double[] out, int outOff) {
        int k = outputDim();
        if (output < 0 || output >= k) {
            throw new IllegalArgumentException("output must be in 0.." + (k - 1) + ", got " + output);
        }
        int batch = ws.batch();
        int p = paramCount();
        double[] gOut = new double[batch * k];
        double[] row = new double[p];
        for (int b = 0; b < batch; b++) {
            gOut[b * k + output] = 1.0;
            backwardWeights(ws, gOut, 0, 0.0, row);
            System.arraycopy(row, 0, out, outOff + b * p, p);
            gOut[b * k + output] = 0.0;
        }
    }

    /** A deep copy (weights, initial weights and fixed parts). */
    Network copy();
}
