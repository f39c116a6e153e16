package advtrain.model;

/** The rank-one block g x^T written row-major: the per-sample gradient of a layer's weights. */
final class OuterProduct {

    private OuterProduct() {
    }

    /** {@code out[outOff + i*cols + l] = g[gOff + i] * x[xOff + l]} for i < rows, l < cols (one multiply each). */
    static void write(double[] g, int gOff, int rows, double[] x, int xOff, int cols, double[] out, int outOff) {
        for (int i = 0; i < rows; i++) {
            double gi = g[gOff + i];
            int o = outOff + i * cols;
            for (int l = 0; l < cols; l++) {
                out[o + l] = gi * x[xOff + l];
            }
        }
    }
}
