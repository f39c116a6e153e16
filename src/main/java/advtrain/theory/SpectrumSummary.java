package advtrain.theory;

import java.util.Locale;

/**
 * The checks a kernel Gram matrix must pass: symmetry (largest |K_ij - K_ji| relative to the largest
 * |K_ij|) and positive semi-definiteness (smallest eigenvalue >= -1e-10 times the largest), with the
 * eigenvalue range from {@link SymmetricEigen}.
 *
 * @param min         smallest eigenvalue
 * @param max         largest eigenvalue
 * @param asymmetry   max |K_ij - K_ji| / max |K_ij| (0 for an exactly symmetric matrix)
 */
public record SpectrumSummary(double min, double max, double asymmetry) {

    /** Relative tolerance on the smallest eigenvalue for positive semi-definiteness. */
    public static final double PSD_TOLERANCE = 1e-10;

    /** Summary of the n x n matrix {@code k} (the eigenvalues use its lower triangle). */
    public static SpectrumSummary of(double[] k, int n) {
        double largest = 0.0;
        double asym = 0.0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                largest = Math.max(largest, Math.abs(k[i * n + j]));
                asym = Math.max(asym, Math.abs(k[i * n + j] - k[j * n + i]));
            }
        }
        double[] ev = SymmetricEigen.eigenvalues(k, 0, n);
        return new SpectrumSummary(n == 0 ? 0 : ev[0], n == 0 ? 0 : ev[n - 1], largest == 0 ? 0 : asym / largest);
    }

    /** min >= -{@link #PSD_TOLERANCE} * max(|max|, 0). */
    public boolean positiveSemiDefinite() {
        return min >= -PSD_TOLERANCE * Math.abs(max);
    }

    /** Condition number max / min (infinite when min <= 0). */
    public double condition() {
        return min > 0 ? max / min : Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "eigenvalues in [%.6g, %.6g], condition %.4g, asymmetry %.3g, %s",
                min, max, condition(), asymmetry, positiveSemiDefinite() ? "PSD" : "NOT PSD");
    }
}
