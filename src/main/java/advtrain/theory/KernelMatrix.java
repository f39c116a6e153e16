package advtrain.theory;

import advtrain.kernel.Parallel;

/**
 * Kernel matrices of a {@link PointKernel} on rows of flat arrays: the symmetric Gram matrix of one set
 * and the cross matrix between two. Rows are evaluated in parallel in chunks of {@link #ROW_GRAIN}; every
 * entry is computed on its own, so the result does not depend on the thread count.
 * {@link #lastError()} is the largest estimated absolute error of the entries of the last matrix built.
 */
public final class KernelMatrix {

    /** Rows per parallel chunk. */
    static final int ROW_GRAIN = 4;

    private final PointKernel kernel;
    private double lastError;

    public KernelMatrix(PointKernel kernel) {
        this.kernel = kernel;
    }

    public PointKernel kernel() {
        return kernel;
    }

    /** Largest estimated absolute entry error of the last matrix built (0 for closed forms). */
    public double lastError() {
        return lastError;
    }

    /** The n x n Gram matrix K(x_i, x_j) of the rows of {@code x} (n x d), on the calling thread. */
    public double[] gram(double[] x, int n, int d) {
        return gram(x, n, d, Parallel.serial());
    }

    /** The n x n Gram matrix K(x_i, x_j) of the rows of {@code x} (n x d); the upper triangle mirrors the lower. */
    public double[] gram(double[] x, int n, int d, Parallel par) {
        checkRows("x", x, n, d);
        double[] k = new double[n * n];
        double[] rowErr = new double[n];
        par.forRange(n, ROW_GRAIN, (i0, i1) -> {
            double[] err = new double[1];
            for (int i = i0; i < i1; i++) {
                err[0] = 0.0;
                for (int j = 0; j <= i; j++) {
                    double v = kernel.eval(x, i * d, x, j * d, d, err);
                    k[i * n + j] = v;
                    k[j * n + i] = v;
                }
                rowErr[i] = err[0];
            }
        });
        lastError = max(rowErr);
        return k;
    }

    /** The p x n cross matrix K(t_i, x_j), on the calling thread. */
    public double[] cross(double[] t, int p, double[] x, int n, int d) {
        return cross(t, p, x, n, d, Parallel.serial());
    }

    /** The p x n cross matrix K(t_i, x_j) between the rows of {@code t} (p x d) and of {@code x} (n x d). */
    public double[] cross(double[] t, int p, double[] x, int n, int d, Parallel par) {
        checkRows("t", t, p, d);
        checkRows("x", x, n, d);
        double[] k = new double[p * n];
        double[] rowErr = new double[p];
        par.forRange(p, ROW_GRAIN, (i0, i1) -> {
            double[] err = new double[1];
            for (int i = i0; i < i1; i++) {
                err[0] = 0.0;
                for (int j = 0; j < n; j++) {
                    k[i * n + j] = kernel.eval(t, i * d, x, j * d, d, err);
                }
                rowErr[i] = err[0];
            }
        });
        lastError = max(rowErr);
        return k;
    }

    private static double max(double[] a) {
        double m = 0.0;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    static void checkRows(String name, double[] a, int rows, int d) {
        if (rows < 0 || d < 1 || a.length < (long) rows * d) {
            throw new IllegalArgumentException(name + ": " + rows + " rows of dimension " + d + " need "
                    + (long) rows * d + " values, got " + a.length);
        }
    }
}
