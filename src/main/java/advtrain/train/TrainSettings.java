package advtrain.train;

/**
 * The optimiser's settings, resolved (no defaults left open): the radius R of B(R)
 * ({@code Double.POSITIVE_INFINITY}: no projection, {@code --radius none}), the step size α, plain
 * momentum μ (0: the paper's plain step), the batch size (0: full batch, the theorem's algorithm), the
 * chunk size (rows per forward/backward pass; a full batch is processed chunk by chunk through one
 * workspace and the gradient summed over chunks in order), and the seed keying every random draw.
 */
public record TrainSettings(double radius, double lr, double momentum, int batch, int chunk, long seed) {

    /** Rows per pass when not set: large enough for GEMM efficiency, small enough to keep the workspace small. */
    public static final int DEFAULT_CHUNK = 128;

    public TrainSettings {
        if (!(radius > 0)) {
            throw new IllegalArgumentException("--radius must be positive (or none), got " + radius);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("--lr must be a positive finite number, got " + lr);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("--momentum must be in [0, 1), got " + momentum);
        }
        if (batch < 0) {
            throw new IllegalArgumentException("--batch must be positive or full, got " + batch);
        }
        if (chunk < 1) {
            throw new IllegalArgumentException("--chunk must be >= 1, got " + chunk);
        }
    }

    /** True for full-batch gradient descent. */
    public boolean fullBatch() {
        return batch == 0;
    }

    /** True when projection onto B(R) is on. */
    public boolean projects() {
        return Double.isFinite(radius);
    }

    /** {@code R} or {@code none}. */
    public String radiusText() {
        return projects() ? Schedule.num(radius) : "none";
    }
}
