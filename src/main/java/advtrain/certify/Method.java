package advtrain.certify;

import java.util.Locale;

/** The bound propagation method. */
public enum Method {
    /** Interval bound propagation (Gowal et al. 2018): boxes layer by layer; the first affine map is exact. */
    IBP("ibp"),
    /**
     * CROWN-style linear bounds (Zhang et al. 2018) for every layer: each pre-activation layer's bounds and
     * the output specification come from backward linear bound propagation to the input, intersected with
     * the interval step from the previous layer's bounds (so never looser than IBP).
     */
    CROWN("crown");

    private final String spec;

    Method(String spec) {
        this.spec = spec;
    }

    public String spec() {
        return spec;
    }

    /** Parses {@code ibp} / {@code crown}. */
    public static Method parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (Method m : values()) {
            if (m.spec.equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("method must be ibp or crown, got '" + s + "'");
    }

    @Override
    public String toString() {
        return spec;
    }
}
