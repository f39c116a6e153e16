package advtrain.model;

import advtrain.kernel.Parallel;
import advtrain.kernel.Simd;
import advtrain.kernel.VectorKernels;

/**
 * The reusable buffers of one network for batches of up to {@link #maxBatch()} samples: forward caches,
 * the output, and backward scratch. Allocated once; a training step allocates nothing. Not thread-safe:
 * one workspace per concurrent user. Created by {@link Network#newWorkspace(int, Parallel)}.
 */
public abstract class Workspace {

    private final int maxBatch;
    private final Parallel parallel;
    /** Outputs of the last forward: batch x k, row-major. */
    protected final double[] output;
    /** Rows of the last forward (0 before any). */
    protected int batch;
    private PackedWeights attached;

    protected Workspace(int maxBatch, int outputDim, Parallel parallel) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        this.maxBatch = maxBatch;
        this.parallel = parallel;
        this.output = new double[maxBatch * outputDim];
    }

    public final int maxBatch() {
        return maxBatch;
    }

    public final Parallel parallel() {
        return parallel;
    }

    /** Outputs of the last {@link Network#forward}: {@code batch() x outputDim}, row-major. */
    public final double[] output() {
        return output;
    }

    /** Rows of the last forward. */
    public final int batch() {
        return batch;
    }

    /** The kernels this workspace computes on (the engine's workspaces say which; the default is the selected ones). */
    public VectorKernels kernels() {
        return Simd.kernels();
    }

    /**
     * Until {@link #detach()}, passes of {@code packed}'s network through this workspace multiply by its packed
     * copies instead of packing the weights on every product (same bits). The caller promises that the weights
     * do not change meanwhile (attacks hold W fixed by definition). Passes of other networks are refused.
     */
    public final void attach(PackedWeights packed) {
        if (packed == null) {
            throw new IllegalArgumentException("attach: packed weights must not be null (use detach)");
        }
        attached = packed;
    }

    /** Back to packing the weights on every product. */
    public final void detach() {
        attached = null;
    }

    /** The packed weights attached, or null. */
    public final PackedWeights attached() {
        return attached;
    }

    /**
     * The packs to use for a pass of {@code net} with {@code params}: null when none are attached.
     *
     * @throws IllegalStateException when packs of another network or other kernels are attached
     */
    final PackedWeights packsFor(Network net, double[] params) {
        PackedWeights p = attached;
        if (p == null) {
            return null;
        }
        if (!p.isFor(net, kernels())) {
            throw new IllegalStateException("workspace has " + p + " attached, not packs of " + net + " for "
                    + kernels().name());
        }
        assert p.fresh(params) : "the weights of " + net + " changed while their packed copies were attached";
        return p;
    }
}
