package advtrain.experiment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Numbers as text for CSVs and reports, independent of locale and JDK version.
 *
 * <p>{@link #exact(double)} writes the shortest decimal (1 to 17 significant digits, rounded half-even
 * from the exact binary value by {@link BigDecimal}) that parses back to the same double, so a CSV
 * read back gives the bits that were written and every later computation (merging shards, verdicts)
 * sees the same numbers. {@link #fixed(double, int)} is for humans (reports, plot labels).
 */
public final class Num {

    private Num() {
    }

    /** Shortest round-trip decimal; {@code nan}, {@code inf}, {@code -inf} for the non-finite values. */
    public static String exact(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0.0) {
            return (1.0 / v < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(v);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal r = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
            if (Double.parseDouble(r.toString()) == v) {
                return render(r);
            }
        }
        throw new AssertionError("17 significant digits always round-trip a double: " + v);
    }

    private static String render(BigDecimal r) {
        int exp10 = r.precision() - r.scale() - 1; // position of the leading digit
        if (exp10 >= -5 && exp10 < 16) {
            return r.toPlainString();
        }
        String s = r.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder();
        if (r.signum() < 0) {
            sb.append('-');
        }
        sb.append(s.charAt(0));
        if (s.length() > 1) {
            sb.append('.').append(s, 1, s.length());
        }
        return sb.append('e').append(exp10).toString();
    }

    /** Parses what {@link #exact} writes (and any plain Java decimal); names the text on failure. */
    public static double parse(String s) {
        switch (s) {
            case "nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number: '" + s + "'");
                }
        }
    }

    /** {@code digits} significant digits for reading (not round-trip), e.g. {@code 0.0123}, {@code 1.5e-07}. */
    public static String sig(double v, int digits) {
        if (!Double.isFinite(v)) {
            return exact(v);
        }
        if (v == 0.0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) {
            BigDecimal r = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN));
            String s = r.toPlainString();
            return s;
        }
        return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
    }

    /** Fixed decimals, e.g. {@code fixed(0.12345, 3)} is {@code 0.123}. */
    public static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return exact(v);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
