package advtrain.certify;

import advtrain.loss.Loss;

/**
 * Certified upper bounds on a sample's loss from its output bounds ({@link Specs} layout), using that every
 * supported loss is monotone in the margins:
 * <ul>
 * <li>{@code logistic} (k = 1, y = +-1): {@code log(1 + exp(-m))} is decreasing in the margin m = y f, so
 *     the bound is {@code log(1 + exp(-m_lower))} with {@code m_lower = f_lower} (y = +1) or {@code -f_upper};</li>
 * <li>{@code cross-entropy} (k >= 2): {@code -log softmax_y(f) = log sum_j exp(-(f_y - f_j))} is decreasing
 *     in every margin, so the bound is {@code log sum_j exp(-margin_lower_j)} (with {@code margin_lower_y = 0});</li>
 * <li>{@code square} (k = 1): {@code (f - y)^2 / 2} is convex in f, so its maximum over [f_lower, f_upper] is
 *     at an end.</li>
 * </ul>
 * Other losses are refused by name.
 */
public final class LossBound {

    private LossBound() {
    }

    /** Checks that {@code loss} can be bounded for k outputs; the message names the loss and k. */
    public static void check(Loss loss, int k) {
        String name = loss.name();
        boolean ok = switch (name) {
            case "logistic", "square" -> k == 1;
            case "cross-entropy" -> k >= 2;
            default -> false;
        };
        if (!ok) {
            throw new IllegalArgumentException("certify: cannot bound loss '" + name + "' for k = " + k
                    + " outputs (supported: logistic and square for k = 1, cross-entropy for k >= 2)");
        }
    }

    /** The certified upper bound on the loss of one sample with label y, from its outputs at {@code out[off ..]}. */
    public static double upper(String lossName, int k, int y, double[] out, int off) {
        switch (lossName) {
            case "logistic": {
                double mLow = y == 1 ? out[off] : -out[off + 1];
                return softplus(-mLow);
            }
            case "square": {
                double a = out[off] - y;
                double b = out[off + 1] - y;
                return 0.5 * Math.max(a * a, b * b);
            }
            case "cross-entropy": {
                double mx = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    mx = Math.max(mx, -out[off + j]);
                }
                double s = 0.0;
                for (int j = 0; j < k; j++) {
                    s += StrictMath.exp(-out[off + j] - mx);
                }
                return mx + StrictMath.log(s);
            }
            default:
                throw new IllegalArgumentException("certify: cannot bound loss '" + lossName + "'");
        }
    }

    /** Whether the sample is certified: the margin lower bound(s) are > 0. */
    public static boolean certified(int k, int y, double[] out, int off) {
        if (k == 1) {
            return y == 1 ? out[off] > 0 : out[off + 1] < 0;
        }
        for (int j = 0; j < k; j++) {
            if (j != y && !(out[off + j] > 0)) {
                return false;
            }
        }
        return true;
    }

    /** log(1 + e^t), stable for large |t|. */
    static double softplus(double t) {
        return t > 0 ? t + StrictMath.log1p(StrictMath.exp(-t)) : StrictMath.log1p(StrictMath.exp(t));
    }
}
