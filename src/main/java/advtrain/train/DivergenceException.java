package advtrain.train;

/**
 * A step produced a NaN or infinite loss or gradient. Thrown before the weights are touched, so the
 * trainer still holds W_{t-1}; the message names the step.
 */
public final class DivergenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final long step;

    public DivergenceException(long step, String what) {
        super("training diverged at step " + step + ": " + what);
        this.step = step;
    }

    /** The step (1-based) whose loss or gradient was not finite. */
    public long step() {
        return step;
    }
}
