package advtrain.theory;

import java.util.Arrays;

/**
 * Eigenvalues of a real symmetric matrix, deterministically: Householder reduction to tridiagonal
 * form (Golub and Van Loan, algorithm 8.3.1) followed by the implicit QL iteration with Wilkinson
 * shifts (the {@code tqli} of Numerical Recipes, EISPACK's {@code tql2}). Everything runs on the
 * calling thread in a fixed order, so the same input gives the same bits on every run.
 *
 * <p>The tridiagonal solver can also carry rows of the eigenvector matrix along the rotations
 * ({@code zRows}): the Gauss-Hermite rule needs only the first row (Golub-Welsch).
 */
public final class SymmetricEigen {

    /** QL sweeps allowed per eigenvalue before giving up (convergence takes 1-3 in practice). */
    static final int MAX_SWEEPS = 60;

    private SymmetricEigen() {
    }

    /**
     * The eigenvalues, ascending, of the symmetric n x n matrix {@code a} (row-major from {@code aOff};
     * only its lower triangle is read; {@code a} is not modified).
     */
    public static double[] eigenvalues(double[] a, int aOff, int n) {
        if (n < 0 || aOff < 0 || aOff + (long) n * n > a.length) {
            throw new IllegalArgumentException("matrix of order " + n + " at offset " + aOff + " does not fit in " + a.length + " values");
        }
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = a[aOff + i * n + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("matrix entry (" + i + ", " + j + ") is " + v);
                }
                w[i * n + j] = v;
                w[j * n + i] = v;
            }
        }
        double[] d = new double[n];
        double[] e = new double[n];
        tridiagonalize(w, n, d, e);
        tridiagonalQl(d, e, null, 0, n);
        Arrays.sort(d);
        return d;
    }

    /**
     * Householder reduction of the full symmetric matrix {@code w} (n x n, overwritten) to a tridiagonal
     * T = Q^T w Q: diagonal into {@code d[0..n)}, sub-diagonal into {@code e[0..n-1)} ({@code e[n-1] = 0}).
     */
    static void tridiagonalize(double[] w, int n, double[] d, double[] e) {
        double[] v = new double[n];
        double[] p = new double[n];
        for (int k = 0; k < n - 2; k++) {
            // Householder vector for the column below the diagonal: x = w[k+1..n, k].
            double scale = 0.0;
            for (int i = k + 1; i < n; i++) {
                scale = Math.max(scale, Math.abs(w[i * n + k]));
            }
            if (scale == 0.0) {
                e[k] = 0.0;
                continue;
            }
            double norm2 = 0.0;
            for (int i = k + 1; i < n; i++) {
                v[i] = w[i * n + k] / scale;
                norm2 += v[i] * v[i];
            }
            double norm = Math.sqrt(norm2);
            double alpha = v[k + 1] >= 0 ? -norm : norm; // reflect x onto alpha * e1, avoiding cancellation
            v[k + 1] -= alpha;
            double vv = 0.0;
            for (int i = k + 1; i < n; i++) {
                vv += v[i] * v[i];
            }
            double beta = 2.0 / vv;
            // p = beta * W v on the trailing block, then q = p - (beta/2)(p.v) v, W -= v q^T + q v^T.
            double pv = 0.0;
            for (int i = k + 1; i < n; i++) {
                double s = 0.0;
                for (int j = k + 1; j < n; j++) {
                    s += w[i * n + j] * v[j];
                }
                p[i] = beta * s;
                pv += p[i] * v[i];
            }
            double c = 0.5 * beta * pv;
            for (int i = k + 1; i < n; i++) {
                p[i] -= c * v[i];
            }
            for (int i = k + 1; i < n; i++) {
                for (int j = k + 1; j < n; j++) {
                    w[i * n + j] -= v[i] * p[j] + p[i] * v[j];
                }
            }
            e[k] = alpha * scale;
        }
        for (int i = 0; i < n; i++) {
            d[i] = w[i * n + i];
        }
        if (n >= 2) {
            e[n - 2] = w[(n - 1) * n + n - 2];
        }
        if (n >= 1) {
            e[n - 1] = 0.0;
        }
    }

    /**
     * Implicit QL with Wilkinson shifts on the symmetric tridiagonal matrix with diagonal {@code d[0..n)}
     * and sub-diagonal {@code e[0..n-1)}: on return {@code d} holds the eigenvalues (unsorted) and
     * {@code e} is destroyed. When {@code zRows > 0}, {@code z} (zRows x n, row-major) is multiplied on
     * the right by every rotation: start from rows of the identity to get those rows of the eigenvectors
     * (column j belongs to {@code d[j]}).
     */
    static void tridiagonalQl(double[] d, double[] e, double[] z, int zRows, int n) {
        for (int l = 0; l < n; l++) {
            int iter = 0;
            int mm;
            do {
                for (mm = l; mm < n - 1; mm++) {
                    double dd = Math.abs(d[mm]) + Math.abs(d[mm + 1]);
                    if (Math.abs(e[mm]) <= 0x1p-53 * dd) {
                        break;
                    }
                }
                if (mm != l) {
                    if (++iter > MAX_SWEEPS) {
                        throw new ArithmeticException("tridiagonal QL did not converge for eigenvalue " + l + " of " + n);
                    }
                    double g = (d[l + 1] - d[l]) / (2.0 * e[l]);
                    double r = Math.hypot(g, 1.0);
                    g = d[mm] - d[l] + e[l] / (g + Math.copySign(r, g));
                    double s = 1.0;
                    double c = 1.0;
                    double p = 0.0;
                    int i;
                    boolean deflated = false;
                    for (i = mm - 1; i >= l; i--) {
                        double f = s * e[i];
                        double b = c * e[i];
                        r = Math.hypot(f, g);
                        e[i + 1] = r;
                        if (r == 0.0) {
                            d[i + 1] -= p;
                            e[mm] = 0.0;
                            deflated = true;
                            break;
                        }
                        s = f / r;
                        c = g / r;
                        g = d[i + 1] - p;
                        r = (d[i] - g) * s + 2.0 * c * b;
                        p = s * r;
                        d[i + 1] = g + p;
                        g = c * r - b;
                        for (int k = 0; k < zRows; k++) {
                            int row = k * n;
                            f = z[row + i + 1];
                            z[row + i + 1] = s * z[row + i] + c * f;
                            z[row + i] = c * z[row + i] - s * f;
                        }
                    }
                    if (deflated) {
                        continue;
                    }
                    d[l] -= p;
                    e[l] = g;
                    e[mm] = 0.0;
                }
            } while (mm != l);
        }
    }
}
