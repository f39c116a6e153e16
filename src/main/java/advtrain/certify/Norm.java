package advtrain.certify;

import java.util.Locale;

/** The norm of the perturbation ball: l-infinity or l2. */
public enum Norm {
    /** {@code ||x' - x||_inf <= eps}; linear functionals concretise with the dual l1 norm. */
    LINF("linf"),
    /** {@code ||x' - x||_2 <= eps}; linear functionals concretise with the dual l2 norm. */
    L2("l2");

    private final String spec;

    Norm(String spec) {
        this.spec = spec;
    }

    /** {@code linf} or {@code l2}. */
    public String spec() {
        return spec;
    }

    /** Parses {@code linf} / {@code l2} (case-insensitive); anything else names the value. */
    public static Norm parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (Norm n : values()) {
            if (n.spec.equals(t)) {
                return n;
            }
        }
        throw new IllegalArgumentException("norm must be linf or l2, got '" + s + "'");
    }

    @Override
    public String toString() {
        return spec;
    }
}
