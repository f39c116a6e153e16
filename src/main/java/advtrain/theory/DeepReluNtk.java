package advtrain.theory;

import java.util.Locale;

/**
 * The infinite-width NTK of the deep ReLU network of the paper's eq. (1) when only the hidden layers
 * W1..WH are trained (A and a fixed), at the paper's initialisation (A, Wh entries N(0, 2/m),
 * a entries N(0, 1)). The derivation is in the package documentation ({@code package-info.java});
 * the result, with arc-cosine recursions normalised so that the diagonal is preserved:
 * <pre>
 *   Sigma0(x, y)  = x.y
 *   Sigma_h(x, y) = 2 E[relu(u) relu(v)]  = sqrt(Sxx Syy) (sin t + (pi - t) cos t) / pi,
 *   Sdot_h(x, y)  = 2 E[1{u>0} 1{v>0}]    = (pi - t) / pi,
 *         with (u, v) ~ N(0, Sigma_{h-1}) and t the angle of Sigma_{h-1}, h = 1..H;
 *   Theta(x, y)   = sum_{h=1..H} Sigma_{h-1}(x, y) prod_{h'=h..H} Sdot_h'(x, y).
 * </pre>
 * Normalisation: the empirical Gram &lt;grad_W f(x), grad_W f(y)&gt; grows linearly with m in this
 * parametrisation; (1/m) &lt;grad_W f(x), grad_W f(y)&gt; tends to Theta(x, y) as m grows. The same holds
 * for each output of the vector-output net (rows of a i.i.d.).
 */
public final class DeepReluNtk implements PointKernel {

    private final int depth;
    private final double[] mom = new double[3];

    /** For H = {@code depth} >= 1 trained hidden layers. */
    public DeepReluNtk(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("--depth must be >= 1, got " + depth);
        }
        this.depth = depth;
    }

    public int depth() {
        return depth;
    }

    /** Theta from the input moments |x|^2, |y|^2 and x.y. */
    public double fromMoments(double xx, double yy, double xy) {
        double[] sigma = new double[depth];
        double[] sdot = new double[depth];
        double s = xy;
        for (int h = 0; h < depth; h++) {
            sigma[h] = s; // Sigma_{h}, feeding layer h+1
            sdot[h] = 2.0 * ArcCosine.step(xx, yy, s);
            s = 2.0 * ArcCosine.relu(xx, yy, s); // the diagonal stays xx, yy: 2 E[relu(u)^2] = Var u
        }
        double theta = 0.0;
        double prod = 1.0;
        for (int h = depth - 1; h >= 0; h--) {
            prod *= sdot[h];
            theta += sigma[h] * prod;
        }
        return theta;
    }

    @Override
    public double eval(double[] x, int xOff, double[] y, int yOff, int d, double[] err) {
        PointKernel.moments(x, xOff, y, yOff, d, mom);
        return fromMoments(mom[0], mom[1], mom[2]);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "analytic deep ReLU NTK (trained W1..W%d; empirical Gram / m)", depth);
    }
}
