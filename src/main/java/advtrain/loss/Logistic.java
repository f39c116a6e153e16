package advtrain.loss;

/**
 * The logistic loss ℓ(f, y) = log(1 + exp(-y f)) of a scalar output ({@code k == 1}) and a label
 * y in {-1, +1}. Derivative: ∂ℓ/∂f = -y σ(-y f) with σ the logistic sigmoid.
 *
 * <p>Stable for any |f|: with z = -y f, ℓ = max(z, 0) + log1p(exp(-|z|)) (never overflows, and keeps
 * full relative precision when ℓ is tiny), and σ(z) is evaluated as 1 / (1 + exp(-z)) for z >= 0 and
 * exp(z) / (1 + exp(z)) otherwise. {@link StrictMath} throughout, so values reproduce bit for bit.
 */
public final class Logistic implements Loss {

    /** The one instance (the loss has no state). */
    public static final Logistic INSTANCE = new Logistic();

    private Logistic() {
    }

    @Override
    public String name() {
        return "logistic";
    }

    @Override
    public double value(double[] f, int fOff, int k, int y) {
        checkShape(k, y);
        return softplus(-y * f[fOff]);
    }

    @Override
    public double valueAndGradient(double[] f, int fOff, int k, int y, double[] g, int gOff) {
        checkShape(k, y);
        double z = -y * f[fOff];
        g[gOff] = -y * sigmoid(z);
        return softplus(z);
    }

    @Override
    public String assumption31() {
        return "meets Assumption 3.1: convex in f, 1-Lipschitz, 1/4-smooth; l(y, y) = log(1 + e^-1) != 0, "
                + "a normalisation the proofs do not use (paper footnote 5)";
    }

    @Override
    public String toString() {
        return name();
    }

    /** log(1 + exp(z)) without overflow or cancellation. */
    static double softplus(double z) {
        return Math.max(z, 0.0) + StrictMath.log1p(StrictMath.exp(-Math.abs(z)));
    }

    /** 1 / (1 + exp(-z)) without overflow. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + StrictMath.exp(-z));
        }
        double e = StrictMath.exp(z);
        return e / (1.0 + e);
    }

    private static void checkShape(int k, int y) {
        if (k != 1) {
            throw new IllegalArgumentException("the logistic loss needs a scalar output (k = 1), got k = " + k
                    + "; use cross-entropy for k classes");
        }
        if (y != 1 && y != -1) {
            throw new IllegalArgumentException("the logistic loss needs labels -1 or +1, got " + y);
        }
    }
}
