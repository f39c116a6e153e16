package advtrain.theory;

/**
 * The arc-cosine expectations of Cho and Saul (2009) for a centred Gaussian pair (u, v) with standard
 * deviations s_u, s_v and correlation cos theta:
 * <ul>
 *   <li>{@link #step}: E[1{u > 0} 1{v > 0}] = (pi - theta) / (2 pi) (degree 0);</li>
 *   <li>{@link #relu}: E[max(u, 0) max(v, 0)] = s_u s_v (sin theta + (pi - theta) cos theta) / (2 pi) (degree 1).</li>
 * </ul>
 * Everything is computed from the angle, never from arccos of a correlation near 1: arccos(1 - e) is
 * about sqrt(2e), so one rounding of the correlation (e = 1e-16) would move theta by 1e-8 and the
 * kernel's diagonal by 5e-9 relative. {@link #angle} uses Kahan's formula
 * theta = 2 atan2(|x/|x| - y/|y||, |x/|x| + y/|y||) (exactly 0 for x = y), and {@link #nextAngle}
 * iterates the normalised degree-1 map through the versine 1 - cos, so deep recursions keep the
 * diagonal exact.
 */
public final class ArcCosine {

    private ArcCosine() {
    }

    /**
     * The angle between x and y (rows of length d), accurate near 0 and pi; pi/2 when either is 0
     * (then every kernel here is 0 anyway).
     */
    public static double angle(double[] x, int xOff, double[] y, int yOff, int d) {
        double xx = 0.0;
        double yy = 0.0;
        for (int i = 0; i < d; i++) {
            xx += x[xOff + i] * x[xOff + i];
            yy += y[yOff + i] * y[yOff + i];
        }
        if (xx == 0.0 || yy == 0.0) {
            return Math.PI / 2;
        }
        double nx = Math.sqrt(xx);
        double ny = Math.sqrt(yy);
        double diff = 0.0;
        double sum = 0.0;
        for (int i = 0; i < d; i++) {
            double a = x[xOff + i] / nx;
            double b = y[yOff + i] / ny;
            diff += (a - b) * (a - b);
            sum += (a + b) * (a + b);
        }
        return 2.0 * StrictMath.atan2(Math.sqrt(diff), Math.sqrt(sum));
    }

    /** The angle of the covariance [[a, c], [c, b]]: arccos(c / sqrt(ab)) clamped (less accurate near 0 than {@link #angle}). */
    public static double angleFromMoments(double a, double b, double c) {
        if (a <= 0 || b <= 0) {
            return Math.PI / 2;
        }
        double rho = Math.max(-1.0, Math.min(1.0, c / Math.sqrt(a * b)));
        return StrictMath.acos(rho);
    }

    /** E[1{u > 0} 1{v > 0}] = (pi - theta) / (2 pi). */
    public static double step(double theta) {
        return (Math.PI - theta) / (2.0 * Math.PI);
    }

    /** E[max(u, 0) max(v, 0)] = s_u s_v (sin theta + (pi - theta) cos theta) / (2 pi), for s_u s_v = {@code scale}. */
    public static double relu(double scale, double theta) {
        return scale * (StrictMath.sin(theta) + (Math.PI - theta) * StrictMath.cos(theta)) / (2.0 * Math.PI);
    }

    /**
     * The angle after one ReLU layer in the normalised recursion (the diagonal is preserved, so only the
     * angle moves): cos theta' = (sin theta + (pi - theta) cos theta) / pi, computed as
     * theta' = 2 asin(sqrt(v / 2)) with the versine v = 1 - cos theta' =
     * (2 pi sin^2(theta/2) + theta cos theta - sin theta) / pi (no cancellation against 1).
     */
    public static double nextAngle(double theta) {
        double h = StrictMath.sin(0.5 * theta);
        double v = (2.0 * Math.PI * h * h + theta * StrictMath.cos(theta) - StrictMath.sin(theta)) / Math.PI;
        v = Math.max(0.0, Math.min(2.0, v));
        return 2.0 * StrictMath.asin(Math.sqrt(0.5 * v));
    }
}
