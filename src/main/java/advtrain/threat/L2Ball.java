package advtrain.threat;

import advtrain.random.RandomStream;

/**
 * The l2 ball {x' : ||x' - c||_2 <= eps}. Projection (exact): radial scaling of z - c onto the ball.
 * {@link #sample}: exactly uniform in the ball, c + eps * U^(1/d) * u with u a uniform unit vector
 * (normalised Gaussian) and U uniform on (0, 1].
 */
public final class L2Ball implements PerturbationSet {

    private final double eps;

    public L2Ball(double eps) {
        this.eps = SetSupport.checkEps(eps);
    }

    @Override
    public Norm norm() {
        return Norm.L2;
    }

    @Override
    public double eps() {
        return eps;
    }

    @Override
    public void checkCentre(int d, double[] c, int cOff, int row) {
        SetSupport.checkInBox(d, c, cOff, row, -Double.MAX_VALUE, Double.MAX_VALUE);
    }

    @Override
    public void project(int d, double[] z, int zOff, double[] c, int cOff) {
        projectBall(d, z, zOff, c, cOff, eps);
    }

    /** z = c + (z - c) * min(1, eps / ||z - c||); z is untouched when already inside. */
    static void projectBall(int d, double[] z, int zOff, double[] c, int cOff, double eps) {
        double n = SetSupport.dist2(d, z, zOff, c, cOff);
        if (n <= eps) {
            return;
        }
        SetSupport.K.axpy(d, -1.0, c, cOff, z, zOff);
        SetSupport.K.scale(d, eps / n, z, zOff);
        SetSupport.K.axpy(d, 1.0, c, cOff, z, zOff);
    }

    @Override
    public boolean contains(int d, double[] p, int pOff, double[] c, int cOff, double tol) {
        return SetSupport.dist2(d, p, pOff, c, cOff) <= eps + tol;
    }

    @Override
    public void sample(int d, double[] c, int cOff, RandomStream rs, double[] out, int outOff) {
        sampleBall(d, c, cOff, eps, rs, out, outOff);
    }

    static void sampleBall(int d, double[] c, int cOff, double eps, RandomStream rs, double[] out, int outOff) {
        SetSupport.unitDirection(d, rs, out, outOff);
        double r = eps * StrictMath.pow(rs.nextDoubleOpenZero(), 1.0 / d);
        SetSupport.K.scale(d, r, out, outOff);
        SetSupport.K.axpy(d, 1.0, c, cOff, out, outOff);
        projectBall(d, out, outOff, c, cOff, eps); // guards the last-ulp overshoot of c + r*u
    }

    @Override
    public void ascend(int d, double[] x, int xOff, double[] g, int gOff, double step, double[] c, int cOff) {
        SetSupport.normalizedStep(d, x, xOff, g, gOff, step);
        project(d, x, xOff, c, cOff);
    }

    @Override
    public String describe() {
        return "l2 ball eps=" + eps;
    }
}
