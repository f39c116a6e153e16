package advtrain.model;

import advtrain.kernel.VectorKernels;
import java.util.Locale;

/**
 * The activation σ of the networks, with its derivative, applied element-wise over flat arrays.
 *
 * <p>{@link #RELU} runs on the SIMD kernels ({@link VectorKernels#relu}, {@link VectorKernels#reluBackward});
 * it is exact, so the vector and scalar paths agree bit for bit. The smooth activations are scalar loops over
 * {@link StrictMath}: a vectorised exp/tanh would be faster but is not specified bit for bit, and
 * reproducibility across machines beats speed here (their cost is O(B m), small next to the O(B m d) GEMMs).
 *
 * <p>Conventions: relu'(0) = 0; {@link #GELU} is the tanh form
 * 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3))) (as PyTorch's {@code gelu(approximate='tanh')}), with its
 * exact derivative; {@link #QUADRATIC_RELU} is max(0, z)^2.
 */
public enum Activation {

    /** max(0, z); derivative 1 for z > 0, else 0. Not smooth (Assumption 5.1 fails at 0). */
    RELU("relu", false, true) {
        @Override
        public double value(double z) {
            return Math.max(z, 0.0);
        }

        @Override
        public double derivative(double z) {
            return z > 0 ? 1.0 : 0.0;
        }

        @Override
        public void forward(VectorKernels kern, int n, double[] pre, int preOff, double[] out, int outOff) {
            kern.relu(n, pre, preOff, out, outOff);
        }

        @Override
        public void backward(VectorKernels kern, int n, double[] g, int gOff, double[] pre, int preOff,
                             double[] out, int outOff) {
            kern.reluBackward(n, g, gOff, pre, preOff, out, outOff);
        }
    },

    /** log(1 + e^z), computed as max(z, 0) + log1p(e^-|z|); derivative the logistic sigmoid. */
    SOFTPLUS("softplus", true, true) {
        @Override
        public double value(double z) {
            return Math.max(z, 0.0) + StrictMath.log1p(StrictMath.exp(-Math.abs(z)));
        }

        @Override
        public double derivative(double z) {
            return logistic(z);
        }
    },

    /** tanh z; derivative 1 - tanh^2 z. */
    TANH("tanh", true, true) {
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

    /** 1 / (1 + e^-z), without overflow for either sign; derivative s (1 - s). */
    SIGMOID("sigmoid", true, true) {
        @Override
        public double value(double z) {
            return logistic(z);
        }

        @Override
        public double derivative(double z) {
            double s = logistic(z);
            return s * (1.0 - s);
        }
    },

    /** The tanh form of GELU (see the class javadoc); derivative computed exactly from that form. */
    GELU("gelu", true, true) {
        @Override
        public double value(double z) {
            return 0.5 * z * (1.0 + StrictMath.tanh(GELU_C * (z + GELU_A * z * z * z)));
        }

        @Override
        public double derivative(double z) {
            double z2 = z * z;
            double t = StrictMath.tanh(GELU_C * (z + GELU_A * z2 * z));
            return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * GELU_C * (1.0 + 3.0 * GELU_A * z2);
        }
    },

    /** max(0, z)^2; derivative 2 max(0, z) (Lipschitz, so smooth in the sense of Assumption 5.1, but unbounded). */
    QUADRATIC_RELU("quadratic-relu", true, false) {
        @Override
        public double value(double z) {
            double r = Math.max(z, 0.0);
            return r * r;
        }

        @Override
        public double derivative(double z) {
            return 2.0 * Math.max(z, 0.0);
        }
    };

    /** sqrt(2 / pi), the GELU tanh-form constant. */
    static final double GELU_C = 0.7978845608028654;
    /** The cubic coefficient of the GELU tanh form. */
    static final double GELU_A = 0.044715;

    private final String id;
    private final boolean smooth;
    private final boolean boundedDerivative;

    Activation(String id, boolean smooth, boolean boundedDerivative) {
        this.id = id;
        this.smooth = smooth;
        this.boundedDerivative = boundedDerivative;
    }

    /** σ(z). */
    public abstract double value(double z);

    /** σ'(z). */
    public abstract double derivative(double z);

    /** {@code out[i] = σ(pre[i])} for i < n. In place allowed. */
    public void forward(VectorKernels kern, int n, double[] pre, int preOff, double[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = value(pre[preOff + i]);
        }
    }

    /** {@code out[i] = g[i] * σ'(pre[i])} for i < n (the chain rule through σ). In place on g allowed. */
    public void backward(VectorKernels kern, int n, double[] g, int gOff, double[] pre, int preOff,
                         double[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = g[gOff + i] * derivative(pre[preOff + i]);
        }
    }

    /** Assumption 5.1: σ' is Lipschitz. */
    public boolean meetsAssumption51() {
        return smooth;
    }

    /** Assumption 5.3: |σ'| is bounded. */
    public boolean meetsAssumption53() {
        return boundedDerivative;
    }

    /** The spec name: {@code relu}, {@code softplus}, {@code tanh}, {@code sigmoid}, {@code gelu}, {@code quadratic-relu}. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    /** The activation named {@code name} (case-insensitive; {@code quadratic_relu} and {@code relu2} also accepted). */
    public static Activation parse(String name) {
        if (name != null) {
            String s = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            if (s.equals("relu2")) {
                return QUADRATIC_RELU;
            }
            for (Activation a : values()) {
                if (a.id.equals(s)) {
                    return a;
                }
            }
        }
        StringBuilder ids = new StringBuilder();
        for (Activation a : values()) {
            ids.append(ids.length() == 0 ? "" : ", ").append(a.id);
        }
        throw new IllegalArgumentException("--activation: unknown activation '" + name + "'; expected one of " + ids);
    }

    static double logistic(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + StrictMath.exp(-z));
        }
        double e = StrictMath.exp(z);
        return e / (1.0 + e);
    }
}
