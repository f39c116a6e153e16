package advtrain.threat;

import advtrain.random.RandomStream;

/**
 * The l-infinity ball {x' : max_i |x'_i - c_i| <= eps}, optionally intersected with the box [lo, hi]^d.
 * The intersection is the product of the intervals [max(c_i - eps, lo), min(c_i + eps, hi)], so the
 * Euclidean projection is exact: coordinate-wise clamping. {@link #sample}: exactly uniform on the
 * intersection (each coordinate uniform on its interval, independently).
 */
public final class LinfBall extends BoxedBall {

    /** Pass infinite bounds for no box. */
    public LinfBall(double eps, double lo, double hi) {
        super(eps, lo, hi);
    }

    @Override
    public Norm norm() {
        return Norm.LINF;
    }

    @Override
    public void project(int d, double[] z, int zOff, double[] c, int cOff) {
        for (int i = 0; i < d; i++) {
            double ci = c[cOff + i];
            double v = Math.max(z[zOff + i], Math.max(ci - eps, lo));
            z[zOff + i] = Math.min(v, Math.min(ci + eps, hi));
        }
    }

    @Override
    public boolean contains(int d, double[] p, int pOff, double[] c, int cOff, double tol) {
        for (int i = 0; i < d; i++) {
            if (!(Math.abs(p[pOff + i] - c[cOff + i]) <= eps + tol)) {
                return false;
            }
        }
        return SetSupport.inBox(d, p, pOff, lo, hi, tol);
    }

    @Override
    public void sample(int d, double[] c, int cOff, RandomStream rs, double[] out, int outOff) {
        for (int i = 0; i < d; i++) {
            double a = Math.max(c[cOff + i] - eps, lo);
            double b = Math.min(c[cOff + i] + eps, hi);
            out[outOff + i] = Math.min(a + (b - a) * rs.nextDouble(), b);
        }
    }

    /** The fused kernel {@code signStepClip}: the sign step and the exact projection in one pass. */
    @Override
    public void ascend(int d, double[] x, int xOff, double[] g, int gOff, double step, double[] c, int cOff) {
        SetSupport.K.signStepClip(d, x, xOff, g, gOff, step, c, cOff, eps, lo, hi);
    }

    @Override
    public String describe() {
        return "linf ball eps=" + eps + (Double.isInfinite(lo) && Double.isInfinite(hi) ? "" : " in box [" + lo + ", " + hi + "]");
    }
}
