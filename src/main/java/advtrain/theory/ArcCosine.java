package advtrain.theory;

/**
 * The arc-cosine expectations of Cho and Saul (2009) for a centred Gaussian pair (u, v) with covariance
 * [[a, c], [c, b]] and angle theta = arccos(c / sqrt(ab)):
 * <ul>
 *   <li>{@link #step}: E[1{u > 0} 1{v > 0}] = (pi - theta) / (2 pi) (degree 0);</li>
 *   <li>{@link #relu}: E[max(u, 0) max(v, 0)] = sqrt(ab) (sin theta + (pi - theta) cos theta) / (2 pi) (degree 1).</li>
 * </ul>
 * A zero variance makes one variable identically 0, and both expectations 0. The cosine is clamped to
 * [-1, 1] (rounding can push c / sqrt(ab) just outside), and sin theta is sqrt(1 - rho^2).
 */
public final class ArcCosine {

    private ArcCosine() {
    }

    /** The correlation c / sqrt(ab), clamped to [-1, 1]; 0 when a variance is 0. */
    public static double correlation(double a, double b, double c) {
        if (a <= 0 || b <= 0) {
            return 0.0;
        }
        double rho = c / Math.sqrt(a * b);
        return Math.max(-1.0, Math.min(1.0, rho));
    }

    /** E[1{u > 0} 1{v > 0}] = (pi - theta) / (2 pi). */
    public static double step(double a, double b, double c) {
        if (a <= 0 || b <= 0) {
            return 0.0;
        }
        double theta = StrictMath.acos(correlation(a, b, c));
        return (Math.PI - theta) / (2.0 * Math.PI);
    }

    /** E[max(u, 0) max(v, 0)] = sqrt(ab) (sin theta + (pi - theta) cos theta) / (2 pi). */
    public static double relu(double a, double b, double c) {
        if (a <= 0 || b <= 0) {
            return 0.0;
        }
        double rho = correlation(a, b, c);
        double theta = StrictMath.acos(rho);
        double sin = Math.sqrt(Math.max(0.0, 1.0 - rho * rho));
        return Math.sqrt(a * b) * (sin + (Math.PI - theta) * rho) / (2.0 * Math.PI);
    }
}
