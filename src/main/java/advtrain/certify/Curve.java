package advtrain.certify;

import advtrain.model.Activation;

/**
 * The activations sigma of the two-layer net as the certifier sees them: the model's {@link Activation}
 * (its value and derivative, so bounds and network agree to the bit) plus the shape facts the sound
 * relaxations rely on: the inflection points, sorted, and whether sigma is convex on the first piece
 * (convexity alternates at each inflection point), so that sigma' is monotone on every piece.
 *
 * <p>Shapes: relu, softplus and quadratic-relu are convex; tanh and sigmoid are convex left of 0 and
 * concave right of it; GELU in its tanh form 0.5 z (1 + tanh u), u = c (z + a z^3), has
 * {@code sigma'' = (1 - t^2) (u' + z (u'' - 2 t u'^2) / 2)} (t = tanh u), an even function: concave on
 * (-inf, -z*), convex on (-z*, z*), concave on (z*, inf), with z* ≈ 1.5 the positive root of the bracket,
 * found by bisection at class load. The tests check every declared shape against second differences.
 */
public enum Curve {
    /** max(0, z): handled by the exact piecewise-linear CROWN relaxation. */
    RELU(Activation.RELU, new double[0], true),
    /** log(1 + e^z): convex. */
    SOFTPLUS(Activation.SOFTPLUS, new double[0], true),
    /** tanh z: convex on z < 0, concave on z > 0. */
    TANH(Activation.TANH, new double[] {0.0}, true),
    /** 1 / (1 + e^-z): convex on z < 0, concave on z > 0. */
    SIGMOID(Activation.SIGMOID, new double[] {0.0}, true),
    /** GELU, tanh form: concave, convex, concave. */
    GELU(Activation.GELU, new double[] {-geluInflection(), geluInflection()}, false),
    /** max(0, z)^2: convex. */
    QUADRATIC_RELU(Activation.QUADRATIC_RELU, new double[0], true);

    private final Activation activation;
    private final double[] inflections;
    private final boolean convexFirst;

    Curve(Activation activation, double[] inflections, boolean convexFirst) {
        this.activation = activation;
        this.inflections = inflections;
        this.convexFirst = convexFirst;
    }

    /** The curve of a model activation (every activation of the model has one). */
    public static Curve of(Activation a) {
        for (Curve c : values()) {
            if (c.activation == a) {
                return c;
            }
        }
        throw new IllegalArgumentException("certify: no sound relaxation implemented for activation '" + a + "'");
    }

    /** The model activation. */
    public Activation activation() {
        return activation;
    }

    /** sigma(z), as the network computes it. */
    public double value(double z) {
        return activation.value(z);
    }

    /** sigma'(z), as the network computes it (ReLU-like kinks: either one-sided derivative is fine here). */
    public double derivative(double z) {
        return activation.derivative(z);
    }

    int inflectionCount() {
        return inflections.length;
    }

    /** Inflection point i (sorted ascending). */
    double inflection(int i) {
        return inflections[i];
    }

    /** Whether sigma is convex on piece {@code p} (p = 0 is left of the first inflection point). */
    boolean convexOnPiece(int p) {
        return ((p & 1) == 0) == convexFirst;
    }

    @Override
    public String toString() {
        return activation.id();
    }

    /** The positive zero of the bracket of GELU's second derivative (see the class javadoc). */
    static double geluInflection() {
        double lo = 0.5;
        double hi = 3.0;
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (geluCurvatureSign(mid) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The bracket {@code u' + z (u'' - 2 t u'^2) / 2} whose sign is the sign of GELU's second derivative. */
    static double geluCurvatureSign(double z) {
        double c = 0.7978845608028654;
        double a = 0.044715;
        double t = StrictMath.tanh(c * (z + a * z * z * z));
        double u1 = c * (1.0 + 3.0 * a * z * z);
        double u2 = 6.0 * a * c * z;
        return u1 + 0.5 * z * (u2 - 2.0 * t * u1 * u1);
    }
}
