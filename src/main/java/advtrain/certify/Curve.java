package advtrain.certify;

import java.util.Locale;

/**
 * The scalar activations sigma of the two-layer net as the certifier sees them: value, derivative, and the
 * shape facts the sound relaxations rely on (the inflection points, sorted, and whether sigma is convex on
 * the first piece; convexity alternates at each inflection point). Transcendentals use {@link StrictMath}.
 *
 * <p>Every derivative here is monotone between consecutive inflection points, which is what
 * {@link SmoothRelaxation} needs to find the extrema of {@code sigma(z) - s z} exactly.
 */
public enum Curve {
    /** max(0, z): convex, handled by the exact piecewise-linear relaxation. */
    RELU("relu", new double[0], true) {
        @Override
        public double value(double z) {
            return z > 0 ? z : 0.0;
        }

        @Override
        public double derivative(double z) {
            return z > 0 ? 1.0 : 0.0;
        }
    },
    /** log(1 + e^z): convex. */
    SOFTPLUS("softplus", new double[0], true) {
        @Override
        public double value(double z) {
            return z > 0 ? z + StrictMath.log1p(StrictMath.exp(-z)) : StrictMath.log1p(StrictMath.exp(z));
        }

        @Override
        public double derivative(double z) {
            return SIGMOID.value(z);
        }
    },
    /** tanh z: convex on z < 0, concave on z > 0. */
    TANH("tanh", new double[] {0.0}, true) {
        @Override
        public double value(double z) {
            return StrictMath.tanh(z);
        }

        @Override
        public double derivative(double z) {
            double t = StrictMath.tanh(z);
            return 1.0 - t * t;
        }
    },
    /** 1 / (1 + e^-z): convex on z < 0, concave on z > 0. */
    SIGMOID("sigmoid", new double[] {0.0}, true) {
        @Override
        public double value(double z) {
            if (z >= 0) {
                return 1.0 / (1.0 + StrictMath.exp(-z));
            }
            double e = StrictMath.exp(z);
            return e / (1.0 + e);
        }

        @Override
        public double derivative(double z) {
            double s = value(z);
            return s * (1.0 - s);
        }
    },
    /** max(0, z)^2: convex. */
    QUADRATIC_RELU("quadratic-relu", new double[0], true) {
        @Override
        public double value(double z) {
            return z > 0 ? z * z : 0.0;
        }

        @Override
        public double derivative(double z) {
            return z > 0 ? 2.0 * z : 0.0;
        }
    };

    private final String spec;
    private final double[] inflections;
    private final boolean convexFirst;

    Curve(String spec, double[] inflections, boolean convexFirst) {
        this.spec = spec;
        this.inflections = inflections;
        this.convexFirst = convexFirst;
    }

    /** sigma(z). */
    public abstract double value(double z);

    /** sigma'(z) (for ReLU-like kinks: the right or left derivative, either is fine for the relaxations). */
    public abstract double derivative(double z);

    /** The name used in specs and model files. */
    public String spec() {
        return spec;
    }

    /** Number of inflection points. */
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

    /** Parses a spec name ({@code relu}, {@code softplus}, {@code tanh}, {@code sigmoid}, {@code quadratic-relu}). */
    public static Curve parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (Curve c : values()) {
            if (c.spec.equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("certify: no sound relaxation implemented for activation '" + s
                + "' (implemented: relu, softplus, tanh, sigmoid, quadratic-relu)");
    }

    @Override
    public String toString() {
        return spec;
    }
}
