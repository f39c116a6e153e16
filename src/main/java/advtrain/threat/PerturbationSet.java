package advtrain.threat;

import advtrain.random.RandomStream;

/**
 * A perturbation set B(c) around a centre c (paper Definition 3.1): an l2 or l-infinity ball of radius
 * eps, optionally intersected with a box [lo, hi]^d, or the paper's spherical cap
 * {x' on the unit sphere : ||x' - c||_2 <= eps}. Points are rows of d doubles in flat arrays with offsets.
 *
 * <p>Every method is a pure function of its arguments (no state), so one instance may be shared by
 * threads. Implementations: {@link LinfBall} (with or without box), {@link L2Ball}, {@link L2BoxBall},
 * {@link SphereCap}; {@link #of} picks one.
 */
public interface PerturbationSet {

    /** The absolute tolerance {@link #contains} is used with by the attacks' tests: every returned point is in B(c) to it. */
    double TOLERANCE = 1e-12;

    Norm norm();

    double eps();

    /** True for the spherical cap. */
    default boolean sphere() {
        return false;
    }

    /** Lower box bound ({@code -inf} without a box). */
    default double boxLo() {
        return Double.NEGATIVE_INFINITY;
    }

    /** Upper box bound ({@code +inf} without a box). */
    default double boxHi() {
        return Double.POSITIVE_INFINITY;
    }

    /**
     * Checks that the centre c is admissible (inside the box for box sets, on the unit sphere to 1e-12 for
     * the cap), so that B(c) is non-empty and contains c; otherwise an {@link IllegalArgumentException}
     * naming {@code row} and the offending value.
     */
    void checkCentre(int d, double[] c, int cOff, int row);

    /** Replaces z (d values at {@code zOff}) by its Euclidean projection onto B(c) (in place). */
    void project(int d, double[] z, int zOff, double[] c, int cOff);

    /**
     * True when p is in B(c) up to the absolute tolerance {@code tol}: distance at most eps + tol in the
     * set's norm, every coordinate within [lo - tol, hi + tol], and for the cap | ||p|| - 1 | <= tol.
     */
    boolean contains(int d, double[] p, int pOff, double[] c, int cOff, double tol);

    /** Writes a random point of B(c) drawn from {@code rs} to {@code out}; each implementation documents its law. */
    void sample(int d, double[] c, int cOff, RandomStream rs, double[] out, int outOff);

    /**
     * One steepest-ascent step of length {@code step} in this set's norm, then the projection:
     * {@code x = P(x + step * sign(g))} for l-infinity, {@code x = P(x + step * g / ||g||_2)} for l2 and the cap.
     * A zero gradient leaves x unchanged (before the projection).
     */
    void ascend(int d, double[] x, int xOff, double[] g, int gOff, double step, double[] c, int cOff);

    /** A short description for reports, e.g. {@code l2 ball eps=0.5 in box [0, 1]}. */
    String describe();

    /** The set for a norm, radius, optional box (pass infinite bounds for none) and the sphere option. */
    static PerturbationSet of(Norm norm, double eps, double boxLo, double boxHi, boolean sphere) {
        boolean box = boxLo != Double.NEGATIVE_INFINITY || boxHi != Double.POSITIVE_INFINITY;
        if (sphere) {
            if (norm != Norm.L2) {
                throw new IllegalArgumentException("sphere: the spherical cap is an l2 set, got norm=" + norm);
            }
            if (box) {
                throw new IllegalArgumentException("sphere: cannot be combined with box");
            }
            return new SphereCap(eps);
        }
        if (norm == Norm.LINF) {
            return new LinfBall(eps, boxLo, boxHi);
        }
        return box ? new L2BoxBall(eps, boxLo, boxHi) : new L2Ball(eps);
    }
}
