package advtrain.certify;

/**
 * The deep ReLU net of eq. (1) as plain arrays, which is all the certifier reads:
 * {@code x0 = A x} (A: m x d, row-major), {@code xbar_h = W_h x_(h-1)}, {@code x_h = relu(xbar_h)} for
 * h = 1..H (W_h: m x m row-major at {@code params[layerOffsets[h-1] ..]}), {@code f = a x_H} (a: k x m).
 * The arrays are used as given, not copied.
 */
public record DeepReluView(int inputDim, int width, int depth, int outputDim, double[] inputMatrix,
                           double[] params, int[] layerOffsets, double[] outputWeights) {

    /** Checks every shape and that each layer fits in {@code params}. */
    public DeepReluView {
        if (inputDim < 1 || width < 1 || depth < 1 || outputDim < 1) {
            throw new IllegalArgumentException("deep net view: need d, m, H, k >= 1, got d=" + inputDim + ", m=" + width
                    + ", H=" + depth + ", k=" + outputDim);
        }
        if (inputMatrix.length < (long) width * inputDim) {
            throw new IllegalArgumentException("deep net view: A has " + inputMatrix.length + " values, needs m*d = "
                    + width + "*" + inputDim);
        }
        if (layerOffsets.length != depth) {
            throw new IllegalArgumentException("deep net view: " + layerOffsets.length + " layer offsets for H = " + depth);
        }
        for (int h = 0; h < depth; h++) {
            if (layerOffsets[h] < 0 || layerOffsets[h] + (long) width * width > params.length) {
                throw new IllegalArgumentException("deep net view: W_" + (h + 1) + " at offset " + layerOffsets[h]
                        + " does not fit in params of length " + params.length);
            }
        }
        if (outputWeights.length < (long) outputDim * width) {
            throw new IllegalArgumentException("deep net view: a has " + outputWeights.length + " values, needs k*m = "
                    + outputDim + "*" + width);
        }
    }

    /** A view over separate arrays: {@code layers[h-1]} is W_h (m x m), packed into one params array. */
    public static DeepReluView of(int d, int m, int k, double[] a0, double[][] layers, double[] a) {
        double[] params = new double[layers.length * m * m];
        int[] offs = new int[layers.length];
        for (int h = 0; h < layers.length; h++) {
            if (layers[h].length != m * m) {
                throw new IllegalArgumentException("deep net view: W_" + (h + 1) + " has " + layers[h].length
                        + " values, needs m*m = " + m + "*" + m);
            }
            offs[h] = h * m * m;
            System.arraycopy(layers[h], 0, params, offs[h], m * m);
        }
        return new DeepReluView(d, m, layers.length, k, a0, params, offs, a);
    }

    /** Offset of W_h in {@link #params()}, h = 1..H. */
    public int layerOffset(int h) {
        return layerOffsets[h - 1];
    }
}
