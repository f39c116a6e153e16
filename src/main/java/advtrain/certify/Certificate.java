package advtrain.certify;

import java.util.Locale;

/**
 * The certifier's result for n samples: output bounds, loss upper bounds and certified flags.
 *
 * <p>{@code outputs} is n x {@link #outputsPerSample()} row-major: k = 1: {@code [f_lower, f_upper]};
 * k >= 2: {@code margin_lower[0..k)} with the label's own entry 0. Arrays are returned live.
 */
public record Certificate(Method method, Ball ball, String loss, int n, int k, double[] outputs, double[] lossUpper,
                          boolean[] certified) {

    /** Values per sample in {@link #outputs()}. */
    public int outputsPerSample() {
        return Specs.outputs(k);
    }

    /** Fraction of samples certified (0 for n = 0). */
    public double certifiedAccuracy() {
        if (n == 0) {
            return 0.0;
        }
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (certified[i]) {
                c++;
            }
        }
        return (double) c / n;
    }

    /** The certified upper bound on L_*: the mean of the per-sample loss upper bounds (summed in row order). */
    public double robustLossUpper() {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += lossUpper[i];
        }
        return n == 0 ? 0.0 : s / n;
    }

    /** One line for reports. */
    public String summary() {
        return String.format(Locale.ROOT, "%s %s: certified accuracy %.4f, L_* <= %.6g (%s, n=%d)", method, ball,
                certifiedAccuracy(), robustLossUpper(), loss, n);
    }
}
