package advtrain.train;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import java.util.Locale;

/**
 * The paper's compatibility condition (Definition 3.1): the perturbation balls of points with different
 * labels must not intersect. For balls of radius ε in a norm that means every pair (i, j) with
 * y_i != y_j must be more than 2ε apart in that norm (l2 or l-inf). Finds the closest pair of rows with
 * different labels (ties: the smallest i, then j), exactly (no Gram-matrix shortcut), in parallel over rows
 * with a thread-count-invariant result.
 */
public final class Compatibility {

    /** The norm of the perturbation balls. */
    public enum Norm { L2, LINF }

    /** The closest pair of rows with different labels and their distance (NaN rows when there is no such pair). */
    public record Closest(int rowI, int rowJ, double distance) {
    }

    private static final int GRAIN = 16;

    private Compatibility() {
    }

    /** The closest pair of differently labelled rows of {@code data} in {@code norm}. */
    public static Closest closest(Dataset data, Norm norm, Parallel par) {
        int n = data.n();
        int d = data.d();
        double[] x = data.x();
        int[] y = data.y();
        double[] best = new double[n];
        int[] arg = new int[n];
        par.forRange(n, GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                double bi = Double.POSITIVE_INFINITY;
                int ai = -1;
                for (int j = i + 1; j < n; j++) {
                    if (y[j] == y[i]) {
                        continue;
                    }
                    double dist = 0;
                    if (norm == Norm.L2) {
                        for (int c = 0; c < d; c++) {
                            double t = x[i * d + c] - x[j * d + c];
                            dist += t * t;
                        }
                    } else {
                        for (int c = 0; c < d; c++) {
                            dist = Math.max(dist, Math.abs(x[i * d + c] - x[j * d + c]));
                        }
                    }
                    if (dist < bi) {
                        bi = dist;
                        ai = j;
                    }
                }
                best[i] = bi;
                arg[i] = ai;
            }
        });
        int bestI = -1;
        for (int i = 0; i < n; i++) {
            if (arg[i] >= 0 && (bestI < 0 || best[i] < best[bestI])) {
                bestI = i;
            }
        }
        if (bestI < 0) {
            return new Closest(-1, -1, Double.POSITIVE_INFINITY);
        }
        double dist = norm == Norm.L2 ? Math.sqrt(best[bestI]) : best[bestI];
        return new Closest(bestI, arg[bestI], dist);
    }

    /**
     * Checks Def. 3.1 for balls of radius {@code eps}; returns the closest pair. Throws an
     * {@link IllegalArgumentException} naming the offending pair when they are not compatible and
     * {@code allowIncompatible} is false.
     */
    public static Closest check(Dataset data, Norm norm, double eps, boolean allowIncompatible, Parallel par) {
        Closest c = closest(data, norm, par);
        if (!(c.distance > 2 * eps) && !allowIncompatible) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the perturbation set is not compatible with %s (paper Def. 3.1): rows %d (label %d) and %d (label %d) "
                            + "are %.6g apart in %s, not more than 2*eps = %.6g; lower eps below %.6g or pass --allow-incompatible",
                    data.name(), c.rowI, data.y()[c.rowI], c.rowJ, data.y()[c.rowJ], c.distance,
                    norm == Norm.L2 ? "l2" : "l-inf", 2 * eps, c.distance / 2));
        }
        return c;
    }
}
