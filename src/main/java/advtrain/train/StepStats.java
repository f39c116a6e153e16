package advtrain.train;

/**
 * What one training step measured, on the step's batch. One instance is reused by the trainer for
 * every step (no allocation): copy the values you keep.
 *
 * <p>Losses and accuracies are at W_{t-1} (the weights the step's gradient was taken at); distances and
 * the projection flags are after the update, at W_t.
 */
public final class StepStats {

    /** Updates done so far (this step included): t. */
    public long step;
    /** Epoch of this step's batch (0-based; full batch: epoch = t - 1). */
    public long epoch;
    /** The step size used. */
    public double lr;
    /** Rows in the batch. */
    public int batch;
    /** The surrogate loss L_A(W_{t-1}) on the batch (mean over its rows at the attacked points). */
    public double surrogateLoss;
    /** The clean loss on the batch. */
    public double cleanLoss;
    /** Fraction of the batch classified correctly, clean. */
    public double cleanAccuracy;
    /** Fraction of the batch classified correctly at the attacked points. */
    public double attackedAccuracy;
    /** ||∇_W L_A(W_{t-1})|| on the batch (Euclidean norm over all trained weights). */
    public double gradNorm;
    /** Per block: distance from init at W_t in the scale of R (√m ||W_h - W_h(0)||_F for the deep net). */
    public final double[] distance;
    /** Per block: whether the projection rescaled the block at this step. */
    public final boolean[] projected;

    StepStats(int blocks) {
        distance = new double[blocks];
        projected = new boolean[blocks];
    }
}
