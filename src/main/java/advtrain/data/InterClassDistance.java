package advtrain.data;

import advtrain.kernel.Gemm;
import advtrain.kernel.Parallel;

/**
 * The smallest distance between two points with different labels, in l2 and in l-infinity: the
 * quantity that decides whether a perturbation set is compatible with the data (Def. 3.1: balls of
 * radius r around points of different labels are disjoint iff r is below half of it).
 *
 * <p>l2 uses the Gram matrix: ||xi - xj||^2 = ||xi||^2 + ||xj||^2 - 2 xi.xj, with xi.xj from
 * {@link Gemm} on blocks of {@value #ROWS} x {@value #COLS} pairs, so the cost is that of one
 * n x n x d GEMM (halved by symmetry). The Gram estimate is only used to rule pairs out: a pair is
 * recomputed exactly as sum (xi - xj)^2 whenever its estimate is within the estimate's rounding bound
 * {@code 4 (d + 2) 2^-52 (||xi||^2 + ||xj||^2)} of the best exact value so far, so the reported value
 * is the exact distance of the closest pair. l-infinity has no such identity; pairs are compared
 * directly, abandoning a pair as soon as one coordinate exceeds the row's best so far.
 *
 * <p>Rows are processed in parallel with a per-row best, combined in row order, ties going to the
 * smallest (i, j): the result is the same for any thread count.
 */
public final class InterClassDistance {

    /** Rows per Gram block: enough to keep the GEMM efficient, small enough for the buffer. */
    static final int ROWS = 128;
    /** Columns per Gram block (ROWS x COLS doubles = 4 MiB). */
    static final int COLS = 4096;

    /** The closest pair of different labels: its distance and rows i < j; i = j = -1 when there is no pair. */
    public record Pair(double distance, int i, int j) {
    }

    private InterClassDistance() {
    }

    /** Smallest l2 distance between rows of different labels. */
    public static Pair l2(Dataset ds, Parallel par) {
        int n = ds.n();
        int d = ds.d();
        double[] x = ds.x();
        int[] y = ds.y();
        double[] sq = new double[n];
        for (int i = 0; i < n; i++) {
            sq[i] = exactSq(x, i, i, d);
        }
        double slackFactor = 4.0 * (d + 2) * 0x1.0p-52;
        double[] rowBest = new double[n];
        int[] rowArg = new int[n];
        java.util.Arrays.fill(rowBest, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(rowArg, -1);
        double[] g = new double[ROWS * COLS];
        for (int i0 = 0; i0 < n; i0 += ROWS) {
            int bm = Math.min(ROWS, n - i0);
            final int ri0 = i0;
            for (int j0 = i0; j0 < n; j0 += COLS) {
                int bn = Math.min(COLS, n - j0);
                final int rj0 = j0;
                Gemm.gemm(par, Gemm.Op.N, Gemm.Op.T, bm, bn, d, 1.0, x, i0 * d, d, x, j0 * d, d, 0.0, g, 0, bn);
                par.forRange(bm, 8, (a, b) -> {
                    for (int r = a; r < b; r++) {
                        int i = ri0 + r;
                        double best = rowBest[i];
                        int arg = rowArg[i];
                        for (int c = Math.max(0, i + 1 - rj0); c < bn; c++) {
                            int j = rj0 + c;
                            if (y[j] == y[i]) {
                                continue;
                            }
                            double est = sq[i] + sq[j] - 2 * g[r * bn + c];
                            if (est <= best + slackFactor * (sq[i] + sq[j])) {
                                double exact = exactSq(x, i, j, d);
                                if (exact < best) {
                                    best = exact;
                                    arg = j;
                                }
                            }
                        }
                        rowBest[i] = best;
                        rowArg[i] = arg;
                    }
                });
            }
        }
        return combine(rowBest, rowArg, true);
    }

    /** Smallest l-infinity distance between rows of different labels (n^2 d / 2 work at most). */
    public static Pair linf(Dataset ds, Parallel par) {
        int n = ds.n();
        int d = ds.d();
        double[] x = ds.x();
        int[] y = ds.y();
        double[] rowBest = new double[n];
        int[] rowArg = new int[n];
        par.forRange(n, 16, (a, b) -> {
            for (int i = a; i < b; i++) {
                double best = Double.POSITIVE_INFINITY;
                int arg = -1;
                for (int j = i + 1; j < n; j++) {
                    if (y[j] == y[i]) {
                        continue;
                    }
                    double m = 0;
                    for (int t = 0; t < d && m < best; t++) {
                        m = Math.max(m, Math.abs(x[i * d + t] - x[j * d + t]));
                    }
                    if (m < best) {
                        best = m;
                        arg = j;
                    }
                }
                rowBest[i] = best;
                rowArg[i] = arg;
            }
        });
        return combine(rowBest, rowArg, false);
    }

    private static Pair combine(double[] rowBest, int[] rowArg, boolean squared) {
        double best = Double.POSITIVE_INFINITY;
        int bi = -1;
        int bj = -1;
        for (int i = 0; i < rowBest.length; i++) {
            if (rowArg[i] >= 0 && rowBest[i] < best) {
                best = rowBest[i];
                bi = i;
                bj = rowArg[i];
            }
        }
        if (bi < 0) {
            return new Pair(Double.NaN, -1, -1);
        }
        return new Pair(squared ? Math.sqrt(best) : best, bi, bj);
    }

    private static double exactSq(double[] x, int i, int j, int d) {
        double s = 0;
        for (int t = 0; t < d; t++) {
            double v = i == j ? x[i * d + t] : x[i * d + t] - x[j * d + t];
            s += v * v;
        }
        return s;
    }
}
