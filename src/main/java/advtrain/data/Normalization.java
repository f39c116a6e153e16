package advtrain.data;

import java.util.Locale;

/**
 * How the rows of a dataset are rescaled before use; the data spec's {@code normalize=} option.
 * <ul>
 *   <li>{@link #SPHERE}: every row divided by its l2 norm (the paper's setting, inputs on the unit
 *       sphere); a zero row is an error.</li>
 *   <li>{@link #UNIT}: values mapped affinely onto [0, 1] with one scale for all features: by the
 *       source's declared value range when it has one (IDX bytes: 0..255, digits: 0..16, so train and
 *       test splits get the same map), otherwise by the smallest and largest value of the rows.</li>
 *   <li>{@link #STANDARD}: every feature shifted to mean 0 and scaled to variance 1 over the rows
 *       (population variance); a constant feature is only shifted.</li>
 *   <li>{@link #NONE}: values as read.</li>
 * </ul>
 */
public enum Normalization {
    SPHERE, UNIT, STANDARD, NONE;

    /** The spec word: {@code sphere}, {@code unit}, {@code standard} or {@code none}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a spec word; the error lists the choices. */
    public static Normalization parse(String word) {
        for (Normalization v : values()) {
            if (v.word().equals(word)) {
                return v;
            }
        }
        throw new IllegalArgumentException("normalize must be sphere, unit, standard or none, got '" + word + "'");
    }

    /**
     * Rescales {@code x} (n x d, row-major) in place. {@code range}: the source's declared
     * {lo, hi} for {@link #UNIT}, or null to use the data's own extremes. {@code name} names the
     * dataset in errors.
     */
    public void apply(String name, double[] x, int n, int d, double[] range) {
        switch (this) {
            case SPHERE -> {
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += x[i * d + j] * x[i * d + j];
                    }
                    double norm = Math.sqrt(s);
                    if (!(norm > 0) || !Double.isFinite(norm)) {
                        throw new IllegalArgumentException("dataset " + name + ": row " + i + " has l2 norm " + norm
                                + "; it cannot be put on the unit sphere (normalize=sphere)");
                    }
                    for (int j = 0; j < d; j++) {
                        x[i * d + j] /= norm;
                    }
                }
            }
            case UNIT -> {
                double lo;
                double hi;
                if (range != null) {
                    lo = range[0];
                    hi = range[1];
                } else {
                    lo = Double.POSITIVE_INFINITY;
                    hi = Double.NEGATIVE_INFINITY;
                    for (double v : x) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
                double scale = hi > lo ? 1.0 / (hi - lo) : 0.0;
                for (int i = 0; i < x.length; i++) {
                    x[i] = (x[i] - lo) * scale;
                }
            }
            case STANDARD -> {
                for (int j = 0; j < d; j++) {
                    double mean = 0;
                    for (int i = 0; i < n; i++) {
                        mean += x[i * d + j];
                    }
                    mean /= Math.max(n, 1);
                    double var = 0;
                    for (int i = 0; i < n; i++) {
                        double t = x[i * d + j] - mean;
                        var += t * t;
                    }
                    var /= Math.max(n, 1);
                    double inv = var > 0 ? 1.0 / Math.sqrt(var) : 1.0;
                    for (int i = 0; i < n; i++) {
                        x[i * d + j] = (x[i * d + j] - mean) * inv;
                    }
                }
            }
            case NONE -> {
            }
            default -> throw new IllegalStateException(name());
        }
    }
}
