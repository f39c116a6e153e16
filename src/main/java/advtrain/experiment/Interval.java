package advtrain.experiment;

/**
 * An estimate with a two-sided 95% interval [lo, hi], how it was computed ({@code method}, e.g.
 * "t-interval over 3 seeds") and the number of observations behind it. {@code lo}/{@code hi} are
 * infinite when the data cannot bound the estimate (e.g. one observation).
 */
public record Interval(double estimate, double lo, double hi, String method, int n) {

    /** No data. */
    public static Interval none(String why) {
        return new Interval(Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, why, 0);
    }

    public boolean defined() {
        return !Double.isNaN(estimate);
    }

    /** {@code -0.412 [-0.47, -0.35]} for reports. */
    public String text() {
        if (!defined()) {
            return "n/a (" + method + ")";
        }
        return Num.sig(estimate, 3) + " [" + Num.sig(lo, 3) + ", " + Num.sig(hi, 3) + "]";
    }
}
