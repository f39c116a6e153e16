package advtrain.kernel;

/**
 * The vector ops of {@link VectorKernels} for callers above the kernel layer, with every argument
 * checked at this edge: a negative length, a null array, a negative offset, an array too short for
 * {@code offset + n}, or a bound that makes no sense throws {@link IllegalArgumentException} naming
 * the argument and the numbers, before anything is written. The work is then done by
 * {@link Simd#kernels()}, whose methods only {@code assert}. Results are bit-identical on the SIMD and
 * scalar paths (see {@link VectorKernels} for the reduction order).
 */
public final class VectorOps {

    private VectorOps() {
    }

    /** {@code y[i] = max(x[i], 0)} for i < n (NaN stays NaN). {@code y} may be {@code x}. */
    public static void relu(int n, double[] x, int xOff, double[] y, int yOff) {
        checkLength(n);
        check("x", x, xOff, n);
        check("y", y, yOff, n);
        Simd.kernels().relu(n, x, xOff, y, yOff);
    }

    /** {@code out[i] = pre[i] > 0 ? g[i] : 0}: the ReLU mask applied to the gradient g. */
    public static void reluBackward(int n, double[] g, int gOff, double[] pre, int preOff, double[] out, int outOff) {
        checkLength(n);
        check("g", g, gOff, n);
        check("pre", pre, preOff, n);
        check("out", out, outOff, n);
        Simd.kernels().reluBackward(n, g, gOff, pre, preOff, out, outOff);
    }

    /** {@code y[i] = fma(a, x[i], y[i])}. */
    public static void axpy(int n, double a, double[] x, int xOff, double[] y, int yOff) {
        checkLength(n);
        check("x", x, xOff, n);
        check("y", y, yOff, n);
        Simd.kernels().axpy(n, a, x, xOff, y, yOff);
    }

    /** {@code x[i] *= a}. */
    public static void scale(int n, double a, double[] x, int xOff) {
        checkLength(n);
        check("x", x, xOff, n);
        Simd.kernels().scale(n, a, x, xOff);
    }

    /** {@code out[i] = x[i] * y[i]}. */
    public static void mul(int n, double[] x, int xOff, double[] y, int yOff, double[] out, int outOff) {
        checkLength(n);
        check("x", x, xOff, n);
        check("y", y, yOff, n);
        check("out", out, outOff, n);
        Simd.kernels().mul(n, x, xOff, y, yOff, out, outOff);
    }

    /** {@code y[i] = signum(x[i])} (sign of +-0 is +-0, of NaN is NaN). */
    public static void sign(int n, double[] x, int xOff, double[] y, int yOff) {
        checkLength(n);
        check("x", x, xOff, n);
        check("y", y, yOff, n);
        Simd.kernels().sign(n, x, xOff, y, yOff);
    }

    /** {@code x[i] = min(max(x[i], lo), hi)}; needs {@code lo <= hi}. */
    public static void clamp(int n, double lo, double hi, double[] x, int xOff) {
        checkLength(n);
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp: need lo <= hi, got lo=" + lo + ", hi=" + hi);
        }
        check("x", x, xOff, n);
        Simd.kernels().clamp(n, lo, hi, x, xOff);
    }

    /** Sum of {@code x[i] * y[i]}. */
    public static double dot(int n, double[] x, int xOff, double[] y, int yOff) {
        checkLength(n);
        check("x", x, xOff, n);
        check("y", y, yOff, n);
        return Simd.kernels().dot(n, x, xOff, y, yOff);
    }

    /** Sum of {@code x[i]}. */
    public static double sum(int n, double[] x, int xOff) {
        checkLength(n);
        check("x", x, xOff, n);
        return Simd.kernels().sum(n, x, xOff);
    }

    /** Sum of {@code x[i]^2}. */
    public static double sumSquares(int n, double[] x, int xOff) {
        checkLength(n);
        check("x", x, xOff, n);
        return Simd.kernels().sumSquares(n, x, xOff, null, 0);
    }

    /** Euclidean norm {@code sqrt(sum x[i]^2)} (no rescaling: overflows past about 1e154 per element). */
    public static double norm2(int n, double[] x, int xOff) {
        return Math.sqrt(sumSquares(n, x, xOff));
    }

    /** Sum of {@code (x[i] - y[i])^2}. */
    public static double sumSquaredDifferences(int n, double[] x, int xOff, double[] y, int yOff) {
        checkLength(n);
        check("x", x, xOff, n);
        check("y", y, yOff, n);
        return Simd.kernels().sumSquares(n, x, xOff, y, yOff);
    }

    /** The l2 (Frobenius, for a flat matrix) norm of {@code x - y}. */
    public static double distance2(int n, double[] x, int xOff, double[] y, int yOff) {
        return Math.sqrt(sumSquaredDifferences(n, x, xOff, y, yOff));
    }

    /** {@code max |x[i]|}: 0 for n = 0, NaN if an element is NaN. */
    public static double normInf(int n, double[] x, int xOff) {
        checkLength(n);
        check("x", x, xOff, n);
        return Simd.kernels().normInf(n, x, xOff);
    }

    /**
     * The fused l-infinity attack step {@code x[i] = clamp(x[i] + step * sign(g[i]), max(c[i] - eps, boxLo),
     * min(c[i] + eps, boxHi))}; needs {@code eps >= 0} and {@code boxLo <= boxHi} (infinite for no box).
     * If the box and the ball do not meet at some i, the result there is {@code min(c[i] + eps, boxHi)}.
     */
    public static void signStepClip(int n, double[] x, int xOff, double[] g, int gOff, double step,
                                    double[] c, int cOff, double eps, double boxLo, double boxHi) {
        checkLength(n);
        if (!(eps >= 0)) {
            throw new IllegalArgumentException("signStepClip: eps must be >= 0, got " + eps);
        }
        if (!(boxLo <= boxHi)) {
            throw new IllegalArgumentException("signStepClip: need boxLo <= boxHi, got boxLo=" + boxLo + ", boxHi=" + boxHi);
        }
        if (Double.isNaN(step)) {
            throw new IllegalArgumentException("signStepClip: step must be a number, got NaN");
        }
        check("x", x, xOff, n);
        check("g", g, gOff, n);
        check("c", c, cOff, n);
        Simd.kernels().signStepClip(n, x, xOff, g, gOff, step, c, cOff, eps, boxLo, boxHi);
    }

    private static void checkLength(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
    }

    /** Checks that {@code arr[off .. off + n)} exists. */
    private static void check(String name, double[] arr, int off, int n) {
        if (arr == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (off < 0) {
            throw new IllegalArgumentException(name + " offset must be >= 0, got " + off);
        }
        if ((long) off + n > arr.length) {
            throw new IllegalArgumentException(name + " is too short: offset " + off + " + n " + n + " = "
                    + ((long) off + n) + " > length " + arr.length);
        }
    }
}
