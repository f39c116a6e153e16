package advtrain.certify;

/**
 * The two-layer net of eq. (4) as plain arrays: {@code f_j = scale * sum_r a_jr sigma(w_r . x)} with
 * W (m x d, row-major at {@code w[wOff ..]}), output weights a (k x m, row-major; the paper's +-1 signs)
 * and {@code scale} (1/sqrt(m) in the paper). The arrays are used as given, not copied.
 */
public record TwoLayerView(int inputDim, int width, int outputDim, double[] w, int wOff, double[] outputWeights,
                           double scale, Curve activation) {

    /** Checks every shape. */
    public TwoLayerView {
        if (inputDim < 1 || width < 1 || outputDim < 1) {
            throw new IllegalArgumentException("two-layer view: need d, m, k >= 1, got d=" + inputDim + ", m=" + width
                    + ", k=" + outputDim);
        }
        if (wOff < 0 || wOff + (long) width * inputDim > w.length) {
            throw new IllegalArgumentException("two-layer view: W (m*d = " + width + "*" + inputDim + ") at offset " + wOff
                    + " does not fit in " + w.length + " values");
        }
        if (outputWeights.length < (long) outputDim * width) {
            throw new IllegalArgumentException("two-layer view: a has " + outputWeights.length + " values, needs k*m = "
                    + outputDim + "*" + width);
        }
        if (!Double.isFinite(scale)) {
            throw new IllegalArgumentException("two-layer view: scale must be finite, got " + scale);
        }
        if (activation == null) {
            throw new IllegalArgumentException("two-layer view: activation must not be null");
        }
    }
}
