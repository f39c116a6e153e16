package advtrain.train;

import advtrain.data.Dataset;
import advtrain.data.InterClassDistance;
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

    private Compatibility() {
    }

    /** The closest pair of differently labelled rows of {@code data} in {@code norm} (data's {@link InterClassDistance}). */
    public static Closest closest(Dataset data, Norm norm, Parallel par) {
        InterClassDistance.Pair p = norm == Norm.L2 ? InterClassDistance.l2(data, par) : InterClassDistance.linf(data, par);
        return new Closest(p.i(), p.j(), p.i() < 0 ? Double.POSITIVE_INFINITY : p.distance());
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
