package advtrain.certify;

import advtrain.threat.Norm;
import advtrain.threat.PerturbationSet;

/**
 * The perturbation set B(x) = {x' : ||x' - x|| <= eps} ∩ [lo, hi]^d (paper Definition 3.1) for the
 * certifier; no box is {@code lo = -inf, hi = +inf}.
 *
 * <p>Parse form: {@code linf:0.1}, {@code l2:0.5}, {@code linf:0.1:box=0,1}; {@link #toString()} parses back.
 */
public record Ball(Norm norm, double eps, double lo, double hi) {

    /** Checks eps >= 0 finite and lo < hi (infinite bounds allowed). */
    public Ball {
        if (norm == null) {
            throw new IllegalArgumentException("ball: norm must not be null");
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("ball: eps must be a finite number >= 0, got " + eps);
        }
        if (Double.isNaN(lo) || Double.isNaN(hi) || !(lo < hi)) {
            throw new IllegalArgumentException("ball: box needs lo < hi, got lo=" + lo + ", hi=" + hi);
        }
    }

    /** The ball without a box. */
    public static Ball of(Norm norm, double eps) {
        return new Ball(norm, eps, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * The ball of an attack's perturbation set, for bounding the same set from above. The spherical cap
     * {x' on the unit sphere : ||x' - x||_2 <= eps} lies inside the l2 ball of radius eps, so it maps to that
     * ball: a sound, looser upper bound for the cap.
     */
    public static Ball of(PerturbationSet set) {
        return new Ball(set.norm(), set.eps(), set.boxLo(), set.boxHi());
    }

    /** Whether a (finite on at least one side) box is intersected. */
    public boolean hasBox() {
        return lo != Double.NEGATIVE_INFINITY || hi != Double.POSITIVE_INFINITY;
    }

    /** This ball intersected with [lo, hi]. */
    public Ball withBox(double boxLo, double boxHi) {
        return new Ball(norm, eps, boxLo, boxHi);
    }

    /** Parses {@code lo,hi} (the CLI's {@code --box}), naming the value when malformed. */
    public static double[] parseBox(String s) {
        String[] parts = s.split(",", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("--box must be lo,hi, got '" + s + "'");
        }
        try {
            double lo = Double.parseDouble(parts[0].trim());
            double hi = Double.parseDouble(parts[1].trim());
            if (Double.isNaN(lo) || Double.isNaN(hi) || !(lo < hi)) {
                throw new IllegalArgumentException("--box needs lo < hi, got '" + s + "'");
            }
            return new double[] {lo, hi};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--box must be two numbers lo,hi, got '" + s + "'");
        }
    }

    /** Parses {@code NORM:EPS[:box=LO,HI]}. */
    public static Ball parse(String s) {
        String[] parts = s.trim().split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("ball must be NORM:EPS[:box=LO,HI], got '" + s + "'");
        }
        Norm norm = Norm.parse(parts[0], "ball norm");
        double eps;
        try {
            eps = Double.parseDouble(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ball eps must be a number, got '" + parts[1] + "' in '" + s + "'");
        }
        if (parts.length == 2) {
            return of(norm, eps);
        }
        if (!parts[2].startsWith("box=")) {
            throw new IllegalArgumentException("ball: third field must be box=LO,HI, got '" + parts[2] + "' in '" + s + "'");
        }
        double[] box = parseBox(parts[2].substring(4));
        return new Ball(norm, eps, box[0], box[1]);
    }

    @Override
    public String toString() {
        String base = norm.spec() + ":" + fmt(eps);
        return hasBox() ? base + ":box=" + fmt(lo) + "," + fmt(hi) : base;
    }

    private static String fmt(double v) {
        return Double.toString(v);
    }
}
