package advtrain.experiment;

/**
 * Verdict rules on intervals. Each rule compares a 95% interval [lo, hi] of a measured quantity with a
 * threshold fixed before the run, and writes the rule into the finding:
 * <ul>
 * <li>{@link #below}: holds if hi &lt; threshold, does not hold if lo &gt; threshold, else inconclusive;</li>
 * <li>{@link #above}: the mirror image;</li>
 * <li>{@link #within}: holds if the whole interval lies in [-tol, tol], does not hold if it lies wholly
 * outside, else inconclusive.</li>
 * </ul>
 * An interval that could not be computed is inconclusive.
 */
public final class Checks {

    private Checks() {
    }

    /** Claim: {@code quantity < threshold}. */
    public static Finding below(String claim, String quantity, Interval iv, double threshold) {
        String crit = "holds if the 95% interval of " + quantity + " lies below " + Num.sig(threshold, 3)
                + ", does not hold if it lies above, inconclusive if it straddles it";
        Verdict v;
        if (!iv.defined()) {
            v = Verdict.INCONCLUSIVE;
        } else if (iv.hi() < threshold) {
            v = Verdict.HOLDS;
        } else if (iv.lo() > threshold) {
            v = Verdict.DOES_NOT_HOLD;
        } else {
            v = Verdict.INCONCLUSIVE;
        }
        return new Finding(claim, crit, v, quantity + " = " + iv.text() + " (" + iv.method() + ")");
    }

    /** Claim: {@code quantity > threshold}. */
    public static Finding above(String claim, String quantity, Interval iv, double threshold) {
        String crit = "holds if the 95% interval of " + quantity + " lies above " + Num.sig(threshold, 3)
                + ", does not hold if it lies below, inconclusive if it straddles it";
        Verdict v;
        if (!iv.defined()) {
            v = Verdict.INCONCLUSIVE;
        } else if (iv.lo() > threshold) {
            v = Verdict.HOLDS;
        } else if (iv.hi() < threshold) {
            v = Verdict.DOES_NOT_HOLD;
        } else {
            v = Verdict.INCONCLUSIVE;
        }
        return new Finding(claim, crit, v, quantity + " = " + iv.text() + " (" + iv.method() + ")");
    }

    /** Claim: {@code |quantity| <= tol} (equivalence). */
    public static Finding within(String claim, String quantity, Interval iv, double tol) {
        String crit = "holds if the 95% interval of " + quantity + " lies inside [-" + Num.sig(tol, 3) + ", "
                + Num.sig(tol, 3) + "], does not hold if it lies wholly outside, inconclusive otherwise";
        Verdict v;
        if (!iv.defined()) {
            v = Verdict.INCONCLUSIVE;
        } else if (iv.lo() >= -tol && iv.hi() <= tol) {
            v = Verdict.HOLDS;
        } else if (iv.lo() > tol || iv.hi() < -tol) {
            v = Verdict.DOES_NOT_HOLD;
        } else {
            v = Verdict.INCONCLUSIVE;
        }
        return new Finding(claim, crit, v, quantity + " = " + iv.text() + " (" + iv.method() + ")");
    }

    /** A claim that could not be checked at all (e.g. the engine piece is missing), with the reason. */
    public static Finding unchecked(String claim, String why) {
        return new Finding(claim, "not checked", Verdict.INCONCLUSIVE, why);
    }
}
