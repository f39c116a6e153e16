package advtrain.threat;

import advtrain.random.RandomStream;

/**
 * The l2 ball of radius eps around c intersected with the box [lo, hi]^d (c must lie in the box).
 *
 * <p><b>Projection: exact, by bisection on the Lagrange multiplier.</b> The projection of z solves
 * min ||x - z||^2 subject to ||x - c||^2 <= eps^2 and lo <= x <= hi. Dualising only the ball constraint
 * with multiplier lambda >= 0 leaves a separable problem whose minimiser is
 * {@code x_i(lambda) = clamp((z_i + lambda c_i) / (1 + lambda), lo, hi)}; with t = 1 / (1 + lambda) in (0, 1]
 * this is {@code x(t) = clamp(c + t (z - c))}. Because c is in the box, every coordinate of x(t) - c is
 * non-decreasing in |t| and so is r(t) = ||x(t) - c||. By the KKT conditions (Slater holds: c is feasible
 * and the ball has interior) the projection is x(1) = clamp(z) when r(1) <= eps, and otherwise x(t*) with
 * r(t*) = eps. t* is found by bisection on [0, 1] until the bracket cannot shrink in double precision
 * (at most {@link #MAX_BISECTIONS} halvings); the feasible end is returned, so the result is always inside
 * the set and within one ulp of t* from the exact projection. (The set has no closed-form projection;
 * alternating projections would only converge in the limit.)
 *
 * <p>{@link #sample}: <b>not uniform</b>. A point drawn uniformly from the l2 ball (see {@link L2Ball}) is
 * clamped to the box; clamping moves every coordinate towards c, so the point stays in the ball. This is
 * the usual random start of attack libraries; exact uniform sampling of the intersection has no cheap
 * method (rejection fails when c sits on a face of the box, as image pixels at 0 do).
 */
public final class L2BoxBall extends BoxedBall {

    /** Upper bound on bisection steps; 2^-64 is far below the double resolution of t in [0, 1]. */
    static final int MAX_BISECTIONS = 64;

    public L2BoxBall(double eps, double lo, double hi) {
        super(eps, lo, hi);
    }

    @Override
    public Norm norm() {
        return Norm.L2;
    }

    /** ||clamp(c + t (z - c)) - c||^2 in index order. */
    private double radiusSq(int d, double[] z, int zOff, double[] c, int cOff, double t) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            double ci = c[cOff + i];
            double v = Math.min(Math.max(ci + t * (z[zOff + i] - ci), lo), hi) - ci;
            s = Math.fma(v, v, s);
        }
        return s;
    }

    @Override
    public void project(int d, double[] z, int zOff, double[] c, int cOff) {
        double epsSq = eps * eps;
        double t;
        if (radiusSq(d, z, zOff, c, cOff, 1.0) <= epsSq) {
            t = 1.0;
        } else {
            double tLo = 0.0;
            double tHi = 1.0;
            for (int it = 0; it < MAX_BISECTIONS; it++) {
                double mid = 0.5 * (tLo + tHi);
                if (mid <= tLo || mid >= tHi) {
                    break;
                }
                if (radiusSq(d, z, zOff, c, cOff, mid) <= epsSq) {
                    tLo = mid;
                } else {
                    tHi = mid;
                }
            }
            t = tLo;
        }
        for (int i = 0; i < d; i++) {
            double ci = c[cOff + i];
            z[zOff + i] = Math.min(Math.max(ci + t * (z[zOff + i] - ci), lo), hi);
        }
    }

    @Override
    public boolean contains(int d, double[] p, int pOff, double[] c, int cOff, double tol) {
        return SetSupport.dist2(d, p, pOff, c, cOff) <= eps + tol && SetSupport.inBox(d, p, pOff, lo, hi, tol);
    }

    @Override
    public void sample(int d, double[] c, int cOff, RandomStream rs, double[] out, int outOff) {
        L2Ball.sampleBall(d, c, cOff, eps, rs, out, outOff);
        SetSupport.K.clamp(d, lo, hi, out, outOff);
    }

    @Override
    public void ascend(int d, double[] x, int xOff, double[] g, int gOff, double step, double[] c, int cOff) {
        SetSupport.normalizedStep(d, x, xOff, g, gOff, step);
        project(d, x, xOff, c, cOff);
    }

    @Override
    public String describe() {
        return "l2 ball eps=" + eps + " in box [" + lo + ", " + hi + "]";
    }
}
