package advtrain.theory;

import advtrain.model.Activation;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * The analytic NTK of the two-layer network (paper Definition 5.1):
 * K(x, y) = E_w &lt;x sigma'(w.x), y sigma'(w.y)&gt; = (x.y) E[sigma'(u) sigma'(v)], w ~ N(0, I_d),
 * where (u, v) = (w.x, w.y) is a centred Gaussian pair with covariance [[|x|^2, x.y], [x.y, |y|^2]].
 *
 * <p>Closed forms: ReLU, sigma' = 1{z > 0}: E = (pi - theta) / (2 pi) with theta the angle between x
 * and y ({@link ArcCosine#step}); quadratic ReLU max(0, z)^2, sigma' = 2 max(0, z): E = 4 times the
 * degree-1 arc-cosine expectation ({@link ArcCosine#relu}). Every other sigma (softplus, tanh, sigmoid,
 * GELU): the tensor Gauss-Hermite rule of {@link GaussianPairExpectation} with its error controlled;
 * {@link #eval} reports |x.y| times the quadrature's error estimate.
 *
 * <p>Normalisation: for f = (1/sqrt(m)) sum_r a_r sigma(w_r.x) with a_r^2 = 1 (the paper's eq. 4),
 * grad_{w_r} f(x) = (1/sqrt(m)) a_r sigma'(w_r.x) x, so the empirical Gram
 * &lt;grad_W f(x), grad_W f(y)&gt; = (x.y) (1/m) sum_r sigma'(w_r.x) sigma'(w_r.y), which tends to
 * K(x, y) as m grows (the paired init w̄_r = w_r repeats each draw twice, still an average over m/2
 * independent draws). No extra factor. Thread-safe and deterministic.
 */
public final class TwoLayerNtk implements PointKernel {

    /** Default absolute tolerance of the quadrature on E[sigma'(u) sigma'(v)]. */
    public static final double DEFAULT_TOLERANCE = 1e-9;

    private enum Form { RELU, QUADRATIC_RELU, QUADRATURE }

    private final String activation;
    private final Form form;
    private final GaussianPairExpectation quadrature;

    private TwoLayerNtk(String activation, Form form, GaussianPairExpectation quadrature) {
        this.activation = activation;
        this.form = form;
        this.quadrature = quadrature;
    }

    /**
     * The NTK for the activation named {@code activation} with derivative {@code derivative}: the
     * closed form for {@code relu} and {@code quadratic-relu}, quadrature to {@code tolerance} otherwise.
     */
    public static TwoLayerNtk of(String activation, DoubleUnaryOperator derivative, double tolerance) {
        return switch (activation) {
            case "relu" -> new TwoLayerNtk(activation, Form.RELU, null);
            case "quadratic-relu" -> new TwoLayerNtk(activation, Form.QUADRATIC_RELU, null);
            default -> new TwoLayerNtk(activation, Form.QUADRATURE, new GaussianPairExpectation(derivative, tolerance));
        };
    }

    /** The NTK for one of the engine's activations, quadrature at {@link #DEFAULT_TOLERANCE}. */
    public static TwoLayerNtk of(Activation activation) {
        return of(activation.id(), activation::derivative, DEFAULT_TOLERANCE);
    }

    /** As {@link #of(String, DoubleUnaryOperator, double)} but always by quadrature (tests compare it with the closed forms). */
    public static TwoLayerNtk byQuadrature(String activation, DoubleUnaryOperator derivative, double tolerance) {
        return new TwoLayerNtk(activation, Form.QUADRATURE, new GaussianPairExpectation(derivative, tolerance));
    }

    public String activation() {
        return activation;
    }

    /** True when {@link #eval} uses a closed form. */
    public boolean closedForm() {
        return form != Form.QUADRATURE;
    }

    /**
     * E[sigma'(u) sigma'(v)] for (u, v) ~ N(0, [[a, c], [c, b]]), with its estimated error (0 for the
     * closed forms) and the quadrature order (0 for the closed forms).
     */
    public GaussianPairExpectation.Estimate derivativeExpectation(double a, double b, double c) {
        return expectation(a, b, c, ArcCosine.angleFromMoments(a, b, c));
    }

    private GaussianPairExpectation.Estimate expectation(double a, double b, double c, double theta) {
        return switch (form) {
            case RELU -> new GaussianPairExpectation.Estimate(a > 0 && b > 0 ? ArcCosine.step(theta) : 0.0, 0.0, 0);
            case QUADRATIC_RELU -> new GaussianPairExpectation.Estimate(4.0 * ArcCosine.relu(Math.sqrt(a) * Math.sqrt(b), theta), 0.0, 0);
            case QUADRATURE -> quadrature.expect(a, b, c);
        };
    }

    @Override
    public double eval(double[] x, int xOff, double[] y, int yOff, int d, double[] err) {
        double[] mom = PointKernel.moments(x, xOff, y, yOff, d, new double[3]);
        double theta = form == Form.QUADRATURE ? 0.0 : ArcCosine.angle(x, xOff, y, yOff, d);
        GaussianPairExpectation.Estimate e = expectation(mom[0], mom[1], mom[2], theta);
        if (err != null) {
            err[0] = Math.max(err[0], Math.abs(mom[2]) * e.error());
        }
        return mom[2] * e.value();
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "analytic two-layer NTK, sigma=%s (%s)", activation,
                closedForm() ? "closed form" : "Gauss-Hermite, tol " + quadrature.tolerance());
    }
}
