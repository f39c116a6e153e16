package advtrain.model;

import advtrain.kernel.Parallel;

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
}
