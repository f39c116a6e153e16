package advtrain.threat;

import advtrain.kernel.Simd;
import advtrain.kernel.VectorKernels;
import advtrain.random.RandomStream;
import java.util.Locale;

/** Shared pieces of the perturbation sets: argument checks, the box test, Gaussian directions. */
final class SetSupport {

    static final VectorKernels K = Simd.kernels();

    private SetSupport() {
    }

    static double checkEps(double eps) {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite number >= 0, got " + eps);
        }
        return eps;
    }

    static void checkBox(double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi) || !(lo <= hi)) {
            throw new IllegalArgumentException("box must have lo <= hi, got [" + lo + ", " + hi + "]");
        }
    }

    /** Throws unless every coordinate of c lies in [lo, hi]. */
    static void checkInBox(int d, double[] c, int cOff, int row, double lo, double hi) {
        for (int i = 0; i < d; i++) {
            double v = c[cOff + i];
            if (!(v >= lo && v <= hi)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "row %d: value %s at column %d lies outside the box [%s, %s] of the perturbation set",
                        row, v, i, lo, hi));
            }
        }
    }

    /** True when every coordinate of p lies in [lo - tol, hi + tol]. */
    static boolean inBox(int d, double[] p, int pOff, double lo, double hi, double tol) {
        for (int i = 0; i < d; i++) {
            double v = p[pOff + i];
            if (!(v >= lo - tol && v <= hi + tol)) {
                return false;
            }
        }
        return true;
    }

    /** ||p - c||_2 (kernel reduction order). */
    static double dist2(int d, double[] p, int pOff, double[] c, int cOff) {
        return Math.sqrt(K.sumSquares(d, p, pOff, c, cOff));
    }

    /** ||g||_2. */
    static double norm2(int d, double[] g, int gOff) {
        return Math.sqrt(K.sumSquares(d, g, gOff, null, 0));
    }

    /**
     * A uniformly random unit vector (normalised standard Gaussian, redrawn in the probability-zero event
     * of a zero vector) written to out.
     */
    static void unitDirection(int d, RandomStream rs, double[] out, int outOff) {
        double n;
        do {
            rs.fillGaussian(out, outOff, d, 1.0);
            n = norm2(d, out, outOff);
        } while (n == 0);
        K.scale(d, 1.0 / n, out, outOff);
    }

    /** x += step * g / ||g|| (nothing for a zero or non-finite-norm gradient). */
    static void normalizedStep(int d, double[] x, int xOff, double[] g, int gOff, double step) {
        double n = norm2(d, g, gOff);
        if (n > 0 && Double.isFinite(n)) {
            K.axpy(d, step / n, g, gOff, x, xOff);
        }
    }

    static String fmt(double v) {
        return Double.toString(v);
    }
}
