package advtrain.loss;

/**
 * A loss ℓ(f, y) of the network output f and a label y (paper Assumption 3.1): value and derivative in f.
 *
 * <p>Output conventions, shared by every layer: a scalar-output network ({@code k == 1}) is a binary
 * classifier with labels y in {-1, +1}; a k-output network ({@code k >= 2}) has labels 0..k-1.
 * {@code f} holds the k outputs of one sample at {@code f[fOff .. fOff+k)}.
 */
public interface Loss {

    /** Short name used in specs and reports: {@code logistic}, {@code square}, {@code cross-entropy}. */
    String name();

    /** ℓ(f, y) for one sample. */
    double value(double[] f, int fOff, int k, int y);

    /** Writes ∂ℓ/∂f (k values) to {@code g[gOff ..]} and returns ℓ(f, y). */
    double valueAndGradient(double[] f, int fOff, int k, int y, double[] g, int gOff);

    /** Whether this loss meets Assumption 3.1 (Lipschitz, smooth, convex in f), and the caveat if not. */
    String assumption31();

    /** True when the prediction is correct: sign(f) == y for k == 1 (f == 0 counts as wrong), argmax == y otherwise. */
    static boolean correct(double[] f, int fOff, int k, int y) {
        if (k == 1) {
            return f[fOff] * y > 0;
        }
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (f[fOff + j] > f[fOff + best]) {
                best = j;
            }
        }
        return best == y;
    }
}
