package advtrain.theory;

/**
 * Kernel matrices of a {@link PointKernel} on rows of flat arrays: the symmetric Gram matrix of one set
 * and the cross matrix between two. Evaluated on the calling thread in row order: deterministic.
 * {@link #lastError()} is the largest estimated absolute error of the entries of the last matrix built.
 */
public final class KernelMatrix {

    private final PointKernel kernel;
    private final double[] err = new double[1];

    public KernelMatrix(PointKernel kernel) {
        this.kernel = kernel;
    }

    public PointKernel kernel() {
        return kernel;
    }

    /** Largest estimated absolute entry error of the last matrix built (0 for closed forms). */
    public double lastError() {
        return err[0];
    }

    /** The n x n Gram matrix K(x_i, x_j) of the rows of {@code x} (n x d); the upper triangle mirrors the lower. */
    public double[] gram(double[] x, int n, int d) {
        checkRows("x", x, n, d);
        err[0] = 0.0;
        double[] k = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = kernel.eval(x, i * d, x, j * d, d, err);
                k[i * n + j] = v;
                k[j * n + i] = v;
            }
        }
        return k;
    }

    /** The p x n cross matrix K(t_i, x_j) between the rows of {@code t} (p x d) and of {@code x} (n x d). */
    public double[] cross(double[] t, int p, double[] x, int n, int d) {
        checkRows("t", t, p, d);
        checkRows("x", x, n, d);
        err[0] = 0.0;
        double[] k = new double[p * n];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < n; j++) {
                k[i * n + j] = kernel.eval(t, i * d, x, j * d, d, err);
            }
        }
        return k;
    }

    static void checkRows(String name, double[] a, int rows, int d) {
        if (rows < 0 || d < 1 || a.length < (long) rows * d) {
            throw new IllegalArgumentException(name + ": " + rows + " rows of dimension " + d + " need "
                    + (long) rows * d + " values, got " + a.length);
        }
    }
}
