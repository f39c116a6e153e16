package advtrain.threat;

import advtrain.random.RandomStream;
import java.util.Locale;

/**
 * The paper's perturbation set on the unit sphere S (section 3.3): the spherical cap
 * {@code B(c) = {x' in S : ||x' - c||_2 <= eps}} around a centre c in S. Since ||x' - c||^2 = 2 - 2 x'.c on S,
 * the cap is {@code {x' in S : x'.c >= cos(theta)}} with {@code cos(theta) = 1 - eps^2 / 2}; for eps >= 2 it is
 * all of S.
 *
 * <p><b>Projection (exact).</b> The closest point of the cap to z maximises x'.z over the cap. Write
 * z = a c + b u with u a unit vector orthogonal to c and b >= 0; a point x' = alpha c + beta v of the cap gives
 * x'.z <= alpha a + sqrt(1 - alpha^2) b (equality for v = u), a concave function of alpha maximised at
 * alpha = a / ||z||. Hence: if z / ||z|| lies in the cap it is the projection; otherwise the projection is the
 * boundary point {@code cos(theta) c + sin(theta) u} in the plane of c and z. Degenerate cases: z = 0 (every
 * point of S is equally close) gives c; z anti-parallel to c (every boundary point equally close; numerically:
 * the part of z orthogonal to c is below {@link #PARALLEL_TOLERANCE} ||z||) uses for u the unit vector along
 * e_j - c_j c, with j the first index of the smallest |c_j|. The result is renormalised
 * to unit length (a change of a few ulps).
 *
 * <p><b>Sampling (exactly uniform on the cap, in surface measure).</b> For d >= 2 and eps < sqrt(2) (a cap
 * smaller than a hemisphere) the height h = (1 - x'.c) / 2 of a uniform point of S follows Beta(a, a) with
 * a = (d - 1) / 2; restricted to the cap it is that law truncated to [0, h_max], h_max = eps^2 / 4. It is drawn
 * by inversion: solve I_h(a, a) / I_hmax(a, a) = U for h by bisection, where the regularised incomplete beta
 * ratio is evaluated in logarithms from its continued fraction (convergent since h <= h_max < 1/2, and free of
 * underflow for large d). Then {@code x' = (1 - 2h) c + 2 sqrt(h (1 - h)) v} with v a uniform unit vector
 * orthogonal to c. For d = 1 or eps >= sqrt(2) (the cap has at least half of the sphere's area) a uniform
 * point of S is drawn until it falls in the cap (acceptance probability >= 1/2).
 */
public final class SphereCap implements PerturbationSet {

    /** Tolerance on the centre's norm: rows normalised in double precision are within a few ulps of 1. */
    public static final double CENTRE_TOLERANCE = 1e-12;
    /**
     * z with an orthogonal part below this fraction of ||z|| counts as (anti-)parallel to c: the orthogonal part
     * is then dominated by rounding, and every boundary point is within 2e-10 ||z|| of the optimal distance.
     */
    static final double PARALLEL_TOLERANCE = 1e-10;
    private static final int BISECTIONS = 80;
    private static final int CF_MAX_TERMS = 100_000;
    private static final int MAX_REJECTIONS = 10_000;

    private final double eps;
    private final double cosTheta;
    private final double sinTheta;

    public SphereCap(double eps) {
        this.eps = SetSupport.checkEps(eps);
        double e = Math.min(eps, 2.0);
        this.cosTheta = 1.0 - 0.5 * e * e;
        this.sinTheta = e * Math.sqrt(Math.max(0.0, 1.0 - 0.25 * e * e));
    }

    @Override
    public Norm norm() {
        return Norm.L2;
    }

    @Override
    public double eps() {
        return eps;
    }

    @Override
    public boolean sphere() {
        return true;
    }

    @Override
    public void checkCentre(int d, double[] c, int cOff, int row) {
        double n = SetSupport.norm2(d, c, cOff);
        if (!(Math.abs(n - 1.0) <= CENTRE_TOLERANCE)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "row %d: sphere=true needs inputs on the unit sphere (normalise the rows), but ||x|| = %s", row, n));
        }
    }

    @Override
    public void project(int d, double[] z, int zOff, double[] c, int cOff) {
        double r = SetSupport.norm2(d, z, zOff);
        if (r == 0 || !Double.isFinite(r)) {
            System.arraycopy(c, cOff, z, zOff, d);
            return;
        }
        double a = SetSupport.K.dot(d, z, zOff, c, cOff);
        if (eps >= 2.0 || a >= cosTheta * r) {
            SetSupport.K.scale(d, 1.0 / r, z, zOff);
            if (eps >= 2.0 || SetSupport.dist2(d, z, zOff, c, cOff) <= eps) {
                return;
            }
            SetSupport.K.scale(d, r, z, zOff); // rounding put z/|z| just outside: take the boundary point
        }
        // u = z - (z.c) c, orthogonalised twice (classical Gram-Schmidt loses orthogonality when b << |z|).
        SetSupport.K.axpy(d, -a, c, cOff, z, zOff);
        SetSupport.K.axpy(d, -SetSupport.K.dot(d, z, zOff, c, cOff), c, cOff, z, zOff);
        double b = SetSupport.norm2(d, z, zOff);
        if (!(b > PARALLEL_TOLERANCE * r) || !Double.isFinite(b)) {
            fallbackOrthogonal(d, z, zOff, c, cOff);
            b = SetSupport.norm2(d, z, zOff);
        }
        SetSupport.K.scale(d, sinTheta / b, z, zOff);
        SetSupport.K.axpy(d, cosTheta, c, cOff, z, zOff);
        SetSupport.K.scale(d, 1.0 / SetSupport.norm2(d, z, zOff), z, zOff);
    }

    /** u = e_j - c_j c (twice orthogonalised), j the first index of the smallest |c_j|. */
    private static void fallbackOrthogonal(int d, double[] u, int uOff, double[] c, int cOff) {
        int j = 0;
        for (int i = 1; i < d; i++) {
            if (Math.abs(c[cOff + i]) < Math.abs(c[cOff + j])) {
                j = i;
            }
        }
        java.util.Arrays.fill(u, uOff, uOff + d, 0.0);
        u[uOff + j] = 1.0;
        for (int pass = 0; pass < 2; pass++) {
            SetSupport.K.axpy(d, -SetSupport.K.dot(d, u, uOff, c, cOff), c, cOff, u, uOff);
        }
    }

    @Override
    public boolean contains(int d, double[] p, int pOff, double[] c, int cOff, double tol) {
        return Math.abs(SetSupport.norm2(d, p, pOff) - 1.0) <= tol && SetSupport.dist2(d, p, pOff, c, cOff) <= eps + tol;
    }

    @Override
    public void sample(int d, double[] c, int cOff, RandomStream rs, double[] out, int outOff) {
        if (d == 1 || eps >= Math.sqrt(2.0)) {
            for (int tries = 0; tries < MAX_REJECTIONS; tries++) {
                SetSupport.unitDirection(d, rs, out, outOff);
                if (SetSupport.dist2(d, out, outOff, c, cOff) <= eps) {
                    return;
                }
            }
            throw new IllegalStateException("cap sampling: no acceptance in " + MAX_REJECTIONS + " draws (eps=" + eps + ")");
        }
        double h = truncatedBetaHeight((d - 1) * 0.5, 0.25 * eps * eps, rs.nextDoubleOpenZero());
        // v: uniform unit vector orthogonal to c.
        double n;
        do {
            rs.fillGaussian(out, outOff, d, 1.0);
            for (int pass = 0; pass < 2; pass++) {
                SetSupport.K.axpy(d, -SetSupport.K.dot(d, out, outOff, c, cOff), c, cOff, out, outOff);
            }
            n = SetSupport.norm2(d, out, outOff);
        } while (!(n > 0));
        double cosPhi = 1.0 - 2.0 * h;
        double sinPhi = 2.0 * Math.sqrt(h * (1.0 - h));
        SetSupport.K.scale(d, sinPhi / n, out, outOff);
        SetSupport.K.axpy(d, cosPhi, c, cOff, out, outOff);
        SetSupport.K.scale(d, 1.0 / SetSupport.norm2(d, out, outOff), out, outOff);
        if (SetSupport.dist2(d, out, outOff, c, cOff) > eps) {
            project(d, out, outOff, c, cOff); // a draw within rounding of the boundary
        }
    }

    /**
     * The h in [0, hMax] with P(H <= h | H <= hMax) = u for H ~ Beta(a, a), hMax < 1/2, by bisection on
     * log I_h(a, a) - log I_hMax(a, a) = log u.
     */
    static double truncatedBetaHeight(double a, double hMax, double u) {
        double target = StrictMath.log(u);
        double logTop = logIncompleteBetaUnnormalised(a, hMax);
        double lo = 0.0;
        double hi = hMax;
        for (int it = 0; it < BISECTIONS; it++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (logIncompleteBetaUnnormalised(a, mid) - logTop <= target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * log(h^a (1-h)^a / a * CF(h)): log I_h(a, a) up to the constant log B(a, a), h in (0, 1/2]. CF is the
     * continued fraction of the incomplete beta function (modified Lentz evaluation).
     */
    static double logIncompleteBetaUnnormalised(double a, double h) {
        if (h <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return a * StrictMath.log(h) + a * StrictMath.log1p(-h) - StrictMath.log(a)
                + StrictMath.log(betaContinuedFraction(a, a, h));
    }

    /** The continued fraction of I_x(a, b) (Numerical Recipes' betacf), by the modified Lentz method. */
    static double betaContinuedFraction(double a, double b, double x) {
        final double tiny = 1e-300;
        double qab = a + b;
        double qap = a + 1.0;
        double qam = a - 1.0;
        double c = 1.0;
        double dd = 1.0 - qab * x / qap;
        if (Math.abs(dd) < tiny) {
            dd = tiny;
        }
        dd = 1.0 / dd;
        double h = dd;
        for (int m = 1; m <= CF_MAX_TERMS; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            dd = 1.0 + aa * dd;
            if (Math.abs(dd) < tiny) {
                dd = tiny;
            }
            c = 1.0 + aa / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            dd = 1.0 / dd;
            h *= dd * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            dd = 1.0 + aa * dd;
            if (Math.abs(dd) < tiny) {
                dd = tiny;
            }
            c = 1.0 + aa / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            dd = 1.0 / dd;
            double del = dd * c;
            h *= del;
            if (Math.abs(del - 1.0) < 1e-15) {
                return h;
            }
        }
        return h;
    }

    @Override
    public void ascend(int d, double[] x, int xOff, double[] g, int gOff, double step, double[] c, int cOff) {
        SetSupport.normalizedStep(d, x, xOff, g, gOff, step);
        project(d, x, xOff, c, cOff);
    }

    @Override
    public String describe() {
        return "spherical cap eps=" + eps + " (unit sphere, l2 distance)";
    }
}
