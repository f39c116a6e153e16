package advtrain.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * E[g(u) g(v)] for a centred Gaussian pair (u, v) with covariance [[a, c], [c, b]], by a tensor-product
 * Gauss-Hermite rule with its error controlled: the orders n and 2n are compared, and n doubles (from
 * {@link #START_ORDER} up to {@link #MAX_ORDER}) until the two agree to within the tolerance. The value
 * returned is the 2n-point one; the estimate reported is |I_2n - I_n|, which bounds the error of I_n
 * and overstates that of I_2n for the smooth integrands this is meant for (the rule converges
 * geometrically when g is analytic in a strip, though only like exp(-tau sqrt(2n)) for a strip of
 * half-width tau: tanh' = sech^2 with |x|^2 = 2 has tau = pi / (2 sqrt 2) and needs n = 256 for 1e-11).
 * Integrands with a kink (the ReLU step, the quadratic
 * ReLU's derivative) converge only algebraically: use their closed forms instead.
 *
 * <p>The pair is written through the Cholesky factor of its covariance: u = sqrt(a) z1,
 * v = (c / sqrt(a)) z1 + sqrt(b - c^2 / a) z2 with z1, z2 independent N(0, 1). The rules of every order
 * are built once at construction; thread-safe (as long as g is) and deterministic.
 */
public final class GaussianPairExpectation {

    /** First order tried. */
    public static final int START_ORDER = 8;
    /** Order at which the doubling stops; the estimate then says how far from the tolerance it is. */
    public static final int MAX_ORDER = 512;

    /**
     * Nodes whose weight is below this are skipped (for n = 256 that keeps the 36% of nodes with |z| &lt; 9 in
     * each direction, a 7x saving): they change the sum by less than n * 1e-22 * max g^2, far below any
     * tolerance used.
     */
    static final double NEGLIGIBLE_WEIGHT = 1e-22;

    /** A value with its estimated absolute error and the order that produced it. */
    public record Estimate(double value, double error, int order) {
    }

    private final DoubleUnaryOperator g;
    private final double tolerance;
    private final GaussHermite[] rules;

    /** For the function {@code g} and the absolute tolerance {@code tolerance} (> 0). */
    public GaussianPairExpectation(DoubleUnaryOperator g, double tolerance) {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("quadrature tolerance must be > 0, got " + tolerance);
        }
        this.g = g;
        this.tolerance = tolerance;
        int levels = Integer.numberOfTrailingZeros(MAX_ORDER / START_ORDER) + 1;
        this.rules = new GaussHermite[levels];
        for (int level = 0; level < levels; level++) {
            rules[level] = GaussHermite.of(START_ORDER << level);
        }
    }

    public double tolerance() {
        return tolerance;
    }

    /** E[g(u) g(v)], (u, v) ~ N(0, [[a, c], [c, b]]), to the tolerance (or the best at {@link #MAX_ORDER}). */
    public Estimate expect(double a, double b, double c) {
        checkCovariance(a, b, c);
        double prev = atOrder(0, a, b, c);
        for (int level = 1; level < rules.length; level++) {
            double next = atOrder(level, a, b, c);
            double err = Math.abs(next - prev);
            if (err <= tolerance || level == rules.length - 1) {
                return new Estimate(next, err, START_ORDER << level);
            }
            prev = next;
        }
        throw new AssertionError("unreachable");
    }

    /** The tensor rule of order n on the same integrand (no error control; for tests and studies). */
    public double expectAtOrder(int n, double a, double b, double c) {
        checkCovariance(a, b, c);
        return tensor(GaussHermite.of(n), a, b, c);
    }

    private double atOrder(int level, double a, double b, double c) {
        return tensor(rules[level], a, b, c);
    }

    private double tensor(GaussHermite rule, double a, double b, double c) {
        int n = rule.order();
        int lo = 0;
        while (lo < n / 2 && rule.weight(lo) < NEGLIGIBLE_WEIGHT) {
            lo++; // weights are symmetric and grow toward the centre
        }
        int hi = n - lo;
        double[] gvals = new double[n];
        double sa = Math.sqrt(a);
        double slope = a > 0 ? c / sa : 0.0;
        double rest = a > 0 ? Math.sqrt(Math.max(0.0, b - c * c / a)) : Math.sqrt(b);
        for (int i = lo; i < hi; i++) {
            gvals[i] = g.applyAsDouble(sa * rule.node(i));
        }
        double total = 0.0;
        for (int i = lo; i < hi; i++) {
            double base = slope * rule.node(i);
            double inner = 0.0;
            for (int j = lo; j < hi; j++) {
                inner += rule.weight(j) * g.applyAsDouble(base + rest * rule.node(j));
            }
            total += rule.weight(i) * gvals[i] * inner;
        }
        return total;
    }

    private static void checkCovariance(double a, double b, double c) {
        if (!(a >= 0) || !(b >= 0) || !Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("covariance needs finite variances >= 0, got a=" + a + ", b=" + b + ", c=" + c);
        }
    }
}
