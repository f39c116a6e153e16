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
 * for each output of the vector-output net (rows of a i.i.d.). Stateless: safe to share between threads.
 */
public final class DeepReluNtk implements PointKernel {

    private final int depth;

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

    /** Theta from the input moments |x|^2, |y|^2 and x.y (the angle from arccos: see {@link ArcCosine}). */
    public double fromMoments(double xx, double yy, double xy) {
        return fromAngle(Math.sqrt(xx) * Math.sqrt(yy), xy, ArcCosine.angleFromMoments(xx, yy, xy));
    }

    /**
     * Theta from |x| |y| ({@code norms}), x.y and the angle theta0 between x and y: Sigma_h = |x||y| cos theta_h
     * (Sigma_0 = x.y as given), Sdot_h = (pi - theta_(h-1)) / pi, theta_h = {@link ArcCosine#nextAngle}(theta_(h-1)).
     */
    public double fromAngle(double norms, double xy, double theta0) {
        double theta = 0.0;
        double prod = 1.0;
        // Sdot_h for h = H..1 needs theta_(H-1)..theta_0: walk the angles up first, then sum down.
        double[] angles = new double[depth];
        angles[0] = theta0;
        for (int h = 1; h < depth; h++) {
            angles[h] = ArcCosine.nextAngle(angles[h - 1]);
        }
        for (int h = depth - 1; h >= 0; h--) {
            prod *= (Math.PI - angles[h]) / Math.PI;
            double sigma = h == 0 ? xy : norms * StrictMath.cos(angles[h]);
            theta += sigma * prod;
        }
        return theta;
    }

    @Override
    public double eval(double[] x, int xOff, double[] y, int yOff, int d, double[] err) {
        double[] mom = PointKernel.moments(x, xOff, y, yOff, d, new double[3]);
        if (mom[0] == 0.0 || mom[1] == 0.0) {
            return 0.0;
        }
        return fromAngle(Math.sqrt(mom[0]) * Math.sqrt(mom[1]), mom[2], ArcCosine.angle(x, xOff, y, yOff, d));
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "analytic deep ReLU NTK (trained W1..W%d; empirical Gram / m)", depth);
    }
}
