package advtrain.certify;

/**
 * Sound linear relaxations of one activation on an interval [l, u]: lines with
 * {@code aL z + bL <= sigma(z) <= aU z + bU} for every z in [l, u], and the exact range of sigma there.
 *
 * <p>Construction: pick the slopes, then compute each intercept as the exact extremum of
 * {@code g(z) = sigma(z) - s z} over [l, u]. Between consecutive inflection points sigma' is monotone, so
 * g' = sigma' - s has at most one sign change per piece; the extrema of g lie among l, u, the inflection
 * points inside, and those roots (found by bisection to the last bit). Slopes: on a convex piece the
 * upper line is the chord and the lower the tangent at the midpoint (the tightest lines of that form); on a
 * concave piece the reverse; an interval crossing an inflection point gets the chord for both, shifted by
 * the extrema of g (the "shifted chord"). ReLU gets the exact CROWN relaxation (lower slope 0 or 1 chosen by
 * |l| vs |u|, upper the chord through (l, 0) and (u, u)) without any padding.
 *
 * <p>Padding of smooth intercepts: {@link #PAD_ULPS} ulps of the largest |sigma(z)| + |s z| among the
 * candidates (StrictMath is within 1 ulp, the subtraction adds 1, the bisection's error in z enters g
 * quadratically) plus 4 ulps of (u - l)(1 + |s|) (an error in sigma' near a flat g' moves the root along a
 * stretch where g changes by at most that much).
 */
final class SmoothRelaxation {

    /** Ulps of padding on each smooth intercept and range end; see the class javadoc. */
    static final int PAD_ULPS = 32;
    private static final int BISECTION_STEPS = 200;

    private SmoothRelaxation() {
    }

    /**
     * Writes {@code aL, bL, aU, bU} of the relaxation of {@code c} on [l, u] to {@code dst[off .. off+4)}.
     * Requires l <= u (finite).
     */
    static void relax(Curve c, double l, double u, double[] dst, int off) {
        if (c == Curve.RELU) {
            relu(l, u, dst, off);
            return;
        }
        double width = u - l;
        double aL;
        double aU;
        if (!(width > 0)) {
            aL = c.derivative(l);
            aU = aL;
        } else {
            double chord = (c.value(u) - c.value(l)) / width;
            double tangent = c.derivative(0.5 * (l + u));
            if (crossesInflection(c, l, u)) {
                aL = chord;
                aU = chord;
            } else if (c.convexOnPiece(piece(c, 0.5 * (l + u)))) {
                aL = tangent;
                aU = chord;
            } else {
                aL = chord;
                aU = tangent;
            }
        }
        dst[off] = aL;
        dst[off + 1] = extremum(c, l, u, aL, false);
        dst[off + 2] = aU;
        dst[off + 3] = extremum(c, l, u, aU, true);
    }

    /** Writes the range [min, max] of {@code c} over [l, u] (exact for ReLU, padded for smooth curves). */
    static void range(Curve c, double l, double u, double[] dst, int off) {
        if (c == Curve.RELU) {
            dst[off] = l > 0 ? l : 0.0;
            dst[off + 1] = u > 0 ? u : 0.0;
            return;
        }
        dst[off] = extremum(c, l, u, 0.0, false);
        dst[off + 1] = extremum(c, l, u, 0.0, true);
    }

    /** The CROWN ReLU relaxation; stable neurons get the exact line. */
    static void relu(double l, double u, double[] dst, int off) {
        if (l >= 0) {
            dst[off] = 1.0;
            dst[off + 1] = 0.0;
            dst[off + 2] = 1.0;
            dst[off + 3] = 0.0;
        } else if (u <= 0) {
            dst[off] = 0.0;
            dst[off + 1] = 0.0;
            dst[off + 2] = 0.0;
            dst[off + 3] = 0.0;
        } else {
            double s = u / (u - l);
            dst[off] = u >= -l ? 1.0 : 0.0;
            dst[off + 1] = 0.0;
            dst[off + 2] = s;
            dst[off + 3] = -s * l;
        }
    }

    /** Index of the piece containing z: the number of inflection points strictly below z. */
    private static int piece(Curve c, double z) {
        int p = 0;
        while (p < c.inflectionCount() && c.inflection(p) < z) {
            p++;
        }
        return p;
    }

    /** Whether an inflection point lies strictly inside (l, u). */
    private static boolean crossesInflection(Curve c, double l, double u) {
        for (int i = 0; i < c.inflectionCount(); i++) {
            double t = c.inflection(i);
            if (l < t && t < u) {
                return true;
            }
        }
        return false;
    }

    /** The minimum ({@code max == false}) or maximum of {@code g(z) = sigma(z) - s z} over [l, u], padded outward. */
    static double extremum(Curve c, double l, double u, double s, boolean max) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double mag = 0.0;
        double p0 = l;
        int n = c.inflectionCount();
        for (int i = 0; i <= n; i++) {
            double p1 = i < n ? Math.min(Math.max(c.inflection(i), l), u) : u;
            if (p1 < p0) {
                continue;
            }
            // candidates: the piece's left end, and a root of sigma' - s inside it
            double g0 = c.value(p0) - s * p0;
            lo = Math.min(lo, g0);
            hi = Math.max(hi, g0);
            mag = Math.max(mag, Math.abs(c.value(p0)) + Math.abs(s * p0));
            if (p1 > p0) {
                double r = root(c, p0, p1, s);
                if (!Double.isNaN(r)) {
                    double gr = c.value(r) - s * r;
                    lo = Math.min(lo, gr);
                    hi = Math.max(hi, gr);
                    mag = Math.max(mag, Math.abs(c.value(r)) + Math.abs(s * r));
                }
            }
            p0 = p1;
        }
        double gu = c.value(u) - s * u;
        lo = Math.min(lo, gu);
        hi = Math.max(hi, gu);
        mag = Math.max(mag, Math.abs(c.value(u)) + Math.abs(s * u));
        double pad = PAD_ULPS * Math.ulp(mag) + 4 * Math.ulp(1.0) * (u - l) * (1.0 + Math.abs(s));
        return max ? hi + pad : lo - pad;
    }

    /** A z in (p0, p1) where sigma' - s changes sign (sigma' is monotone there), or NaN if it does not. */
    private static double root(Curve c, double p0, double p1, double s) {
        double f0 = c.derivative(p0) - s;
        double f1 = c.derivative(p1) - s;
        if (f0 == 0 || f1 == 0 || (f0 > 0) == (f1 > 0)) {
            return Double.NaN;
        }
        double a = p0;
        double b = p1;
        for (int it = 0; it < BISECTION_STEPS; it++) {
            double mid = 0.5 * (a + b);
            if (mid <= a || mid >= b) {
                break;
            }
            double fm = c.derivative(mid) - s;
            if ((fm > 0) == (f0 > 0)) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return 0.5 * (a + b);
    }
}
