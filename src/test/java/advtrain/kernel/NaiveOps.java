package advtrain.kernel;

/**
 * Naive references for the vector ops, written independently of the kernels: one plain loop per op,
 * left-to-right sums without fma. Element-wise ops must match them bit for bit; sums agree only up to
 * rounding, bounded by {@link #sumBound}.
 */
final class NaiveOps {

    /** Unit roundoff of double: 2^-53. */
    static final double U = 0x1.0p-53;

    private NaiveOps() {
    }

    /**
     * Bound on |computed - exact| for any summation order of n terms whose absolute values sum to
     * {@code absSum} (Higham, Accuracy and Stability, (4.4)): gamma(n - 1) * absSum, gamma(j) = j u / (1 - j u).
     * Products rounded before the sum add one rounding: callers pass n + 1. Two computed sums then differ
     * by at most twice this.
     */
    static double sumBound(int n, double absSum) {
        double nu = Math.max(n - 1, 0) * U;
        return nu / (1 - nu) * absSum;
    }

    static void relu(int n, double[] x, int xo, double[] y, int yo) {
        for (int i = 0; i < n; i++) {
            y[yo + i] = Math.max(x[xo + i], 0.0); // the definition: NaN stays NaN, -0 becomes +0
        }
    }

    static void reluBackward(int n, double[] g, int go, double[] pre, int po, double[] out, int oo) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = pre[po + i] > 0 ? g[go + i] : 0.0;
        }
    }

    static void axpy(int n, double a, double[] x, int xo, double[] y, int yo) {
        for (int i = 0; i < n; i++) {
            y[yo + i] = Math.fma(a, x[xo + i], y[yo + i]);
        }
    }

    static void scale(int n, double a, double[] x, int xo) {
        for (int i = 0; i < n; i++) {
            x[xo + i] = a * x[xo + i];
        }
    }

    static void mul(int n, double[] x, int xo, double[] y, int yo, double[] out, int oo) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = x[xo + i] * y[yo + i];
        }
    }

    static double sign(double v) {
        return v > 0 ? 1.0 : v < 0 ? -1.0 : v; // keeps +0, -0 and NaN
    }

    static void sign(int n, double[] x, int xo, double[] y, int yo) {
        for (int i = 0; i < n; i++) {
            y[yo + i] = sign(x[xo + i]);
        }
    }

    /** The documented definition, {@code min(max(v, lo), hi)}: fixes NaN (stays NaN) and signed zeros. */
    static double clamp(double v, double lo, double hi) {
        return Math.min(Math.max(v, lo), hi);
    }

    static void clamp(int n, double lo, double hi, double[] x, int xo) {
        for (int i = 0; i < n; i++) {
            x[xo + i] = clamp(x[xo + i], lo, hi);
        }
    }

    static double dot(int n, double[] x, int xo, double[] y, int yo) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[xo + i] * y[yo + i];
        }
        return s;
    }

    static double absDot(int n, double[] x, int xo, double[] y, int yo) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs(x[xo + i] * y[yo + i]);
        }
        return s;
    }

    static double sum(int n, double[] x, int xo) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[xo + i];
        }
        return s;
    }

    static double absSum(int n, double[] x, int xo) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs(x[xo + i]);
        }
        return s;
    }

    static double normInf(int n, double[] x, int xo) {
        double m = 0;
        for (int i = 0; i < n; i++) {
            double a = Math.abs(x[xo + i]);
            if (a != a) {
                return a;
            }
            if (a > m) {
                m = a;
            }
        }
        return m;
    }

    static void signStepClip(int n, double[] x, int xo, double[] g, int go, double step, double[] c, int co,
                             double eps, double boxLo, double boxHi) {
        for (int i = 0; i < n; i++) {
            double lo = Math.max(c[co + i] - eps, boxLo);
            double hi = Math.min(c[co + i] + eps, boxHi);
            x[xo + i] = clamp(x[xo + i] + step * sign(g[go + i]), lo, hi);
        }
    }
}
