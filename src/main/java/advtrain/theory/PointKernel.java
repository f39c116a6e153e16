package advtrain.theory;

/**
 * A kernel K(x, y) on R^d evaluated on rows of flat arrays, with an optional account of its numerical
 * error: analytic NTKs are closed forms (error at rounding level) or quadratures (error estimated).
 * Implementations are thread-safe ({@link KernelMatrix} evaluates rows in parallel).
 */
public interface PointKernel {

    /**
     * K(x, y) for x = {@code x[xOff .. xOff+d)} and y = {@code y[yOff .. yOff+d)}. When {@code err} is not
     * null, {@code err[0]} is raised to at least this entry's estimated absolute error.
     */
    double eval(double[] x, int xOff, double[] y, int yOff, int d, double[] err);

    /** A short description for reports, e.g. {@code analytic two-layer NTK, sigma=tanh}. */
    String describe();

    /** x . y, ||x||^2 and ||y||^2 in one pass (plain loop, fixed order). */
    static double[] moments(double[] x, int xOff, double[] y, int yOff, int d, double[] out) {
        double xx = 0.0;
        double yy = 0.0;
        double xy = 0.0;
        for (int i = 0; i < d; i++) {
            double a = x[xOff + i];
            double b = y[yOff + i];
            xx += a * a;
            yy += b * b;
            xy += a * b;
        }
        out[0] = xx;
        out[1] = yy;
        out[2] = xy;
        return out;
    }
}
