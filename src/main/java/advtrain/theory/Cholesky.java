package advtrain.theory;

/**
 * The Cholesky factorisation K = L L^T of a symmetric positive definite matrix (row-major, lower
 * triangle read), and solves with it. Plain left-looking algorithm in a fixed order: deterministic.
 * Used by the NTK kernel machine; a kernel Gram matrix that is only semi-definite needs a ridge.
 */
public final class Cholesky {

    private final int n;
    private final double[] l;

    private Cholesky(int n, double[] l) {
        this.n = n;
        this.l = l;
    }

    /**
     * Factorises {@code a + ridge * I} (n x n from {@code aOff}; {@code a} is not modified).
     *
     * @throws IllegalArgumentException when a pivot is not positive (the matrix plus ridge is not positive
     *                                  definite): the message names the pivot and suggests a larger ridge
     */
    public static Cholesky factor(double[] a, int aOff, int n, double ridge) {
        if (n < 0 || aOff < 0 || aOff + (long) n * n > a.length) {
            throw new IllegalArgumentException("matrix of order " + n + " at offset " + aOff + " does not fit in " + a.length + " values");
        }
        if (!(ridge >= 0) || !Double.isFinite(ridge)) {
            throw new IllegalArgumentException("ridge must be finite and >= 0, got " + ridge);
        }
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double s = a[aOff + j * n + j] + ridge;
            for (int k = 0; k < j; k++) {
                s -= l[j * n + k] * l[j * n + k];
            }
            if (!(s > 0)) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "matrix + %.3g I is not positive definite: pivot %d is %.6g (use a larger ridge)", ridge, j, s));
            }
            double djj = Math.sqrt(s);
            l[j * n + j] = djj;
            for (int i = j + 1; i < n; i++) {
                double t = a[aOff + i * n + j];
                for (int k = 0; k < j; k++) {
                    t -= l[i * n + k] * l[j * n + k];
                }
                l[i * n + j] = t / djj;
            }
        }
        return new Cholesky(n, l);
    }

    public int order() {
        return n;
    }

    /** The factor L (n x n row-major, zero above the diagonal); live, do not modify. */
    public double[] factor() {
        return l;
    }

    /**
     * Solves (L L^T) X = B in place for {@code cols} right-hand sides: {@code b} is n x cols row-major
     * from {@code bOff}.
     */
    public void solveInPlace(double[] b, int bOff, int cols) {
        if (cols < 0 || bOff < 0 || bOff + (long) n * cols > b.length) {
            throw new IllegalArgumentException("right-hand side " + n + " x " + cols + " at offset " + bOff + " does not fit in " + b.length + " values");
        }
        for (int c = 0; c < cols; c++) {
            // forward: L z = b
            for (int i = 0; i < n; i++) {
                double s = b[bOff + i * cols + c];
                for (int k = 0; k < i; k++) {
                    s -= l[i * n + k] * b[bOff + k * cols + c];
                }
                b[bOff + i * cols + c] = s / l[i * n + i];
            }
            // backward: L^T x = z
            for (int i = n - 1; i >= 0; i--) {
                double s = b[bOff + i * cols + c];
                for (int k = i + 1; k < n; k++) {
                    s -= l[k * n + i] * b[bOff + k * cols + c];
                }
                b[bOff + i * cols + c] = s / l[i * n + i];
            }
        }
    }
}
