package advtrain.loss;

/**
 * Softmax cross-entropy for k >= 2 classes: ℓ(f, y) = log Σ_j exp(f_j) - f_y, with labels y in 0..k-1.
 * Derivative: ∂ℓ/∂f_j = softmax(f)_j - [j == y].
 *
 * <p>Stable log-sum-exp: with M = max_j f_j, ℓ = log Σ_j exp(f_j - M) + M - f_y (every exponent <= 0;
 * the sum is >= 1). {@link StrictMath} throughout; the sum runs in index order.
 */
public final class CrossEntropy implements Loss {

    /** The one instance (the loss has no state). */
    public static final CrossEntropy INSTANCE = new CrossEntropy();

    private CrossEntropy() {
    }

    @Override
    public String name() {
        return "cross-entropy";
    }

    @Override
    public double value(double[] f, int fOff, int k, int y) {
        checkLabel(k, y);
        double max = max(f, fOff, k);
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            s += StrictMath.exp(f[fOff + j] - max);
        }
        return StrictMath.log(s) + (max - f[fOff + y]);
    }

    @Override
    public double valueAndGradient(double[] f, int fOff, int k, int y, double[] g, int gOff) {
        checkLabel(k, y);
        double max = max(f, fOff, k);
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            double e = StrictMath.exp(f[fOff + j] - max);
            g[gOff + j] = e;
            s += e;
        }
        double inv = 1.0 / s;
        for (int j = 0; j < k; j++) {
            g[gOff + j] *= inv;
        }
        g[gOff + y] -= 1.0;
        return StrictMath.log(s) + (max - f[fOff + y]);
    }

    @Override
    public String assumption31() {
        return "meets Assumption 3.1: convex in f, sqrt(2)-Lipschitz (||softmax - e_y|| <= sqrt 2), 1-smooth; "
                + "l(y, y) = 0 does not apply (f and y differ in kind), a normalisation the proofs do not use "
                + "(paper footnote 5)";
    }

    @Override
    public String toString() {
        return name();
    }

    private static double max(double[] f, int fOff, int k) {
        double m = f[fOff];
        for (int j = 1; j < k; j++) {
            m = Math.max(m, f[fOff + j]);
        }
        return m;
    }

    private static void checkLabel(int k, int y) {
        if (k < 2) {
            throw new IllegalArgumentException("cross-entropy needs k >= 2 outputs, got k = " + k
                    + "; use the logistic loss for a scalar output");
        }
        if (y < 0 || y >= k) {
            throw new IllegalArgumentException("cross-entropy with k = " + k + " needs labels 0.." + (k - 1)
                    + ", got " + y);
        }
    }
}
