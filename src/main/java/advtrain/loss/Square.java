package advtrain.loss;

/**
 * The square loss ℓ(f, y) = ½ ||f - t||²: for a scalar output ({@code k == 1}) t = y with y in {-1, +1};
 * for k outputs ({@code k >= 2}) t is the one-hot vector of the class y in 0..k-1.
 * Derivative: ∂ℓ/∂f = f - t.
 */
public final class Square implements Loss {

    /** The one instance (the loss has no state). */
    public static final Square INSTANCE = new Square();

    private Square() {
    }

    @Override
    public String name() {
        return "square";
    }

    @Override
    public double value(double[] f, int fOff, int k, int y) {
        checkLabel(k, y);
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            double r = f[fOff + j] - target(k, y, j);
            s = Math.fma(r, r, s);
        }
        return 0.5 * s;
    }

    @Override
    public double valueAndGradient(double[] f, int fOff, int k, int y, double[] g, int gOff) {
        checkLabel(k, y);
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            double r = f[fOff + j] - target(k, y, j);
            g[gOff + j] = r;
            s = Math.fma(r, r, s);
        }
        return 0.5 * s;
    }

    @Override
    public String assumption31() {
        return "partly meets Assumption 3.1: convex and 1-smooth in f with l(y, y) = 0, but not globally "
                + "Lipschitz (gradient f - y grows with |f|); Lipschitz on any bounded range of f, which is "
                + "the 'slight modification' of the paper's footnote 5";
    }

    @Override
    public String toString() {
        return name();
    }

    private static double target(int k, int y, int j) {
        return k == 1 ? y : (j == y ? 1.0 : 0.0);
    }

    private static void checkLabel(int k, int y) {
        if (k < 1) {
            throw new IllegalArgumentException("the square loss needs k >= 1 outputs, got k = " + k);
        }
        if (k == 1 ? (y != 1 && y != -1) : (y < 0 || y >= k)) {
            throw new IllegalArgumentException("the square loss with k = " + k + " needs labels "
                    + (k == 1 ? "-1 or +1" : "0.." + (k - 1)) + ", got " + y);
        }
    }
}
