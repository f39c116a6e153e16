package advtrain.threat;

import java.util.Locale;

/** The norm of a perturbation ball: {@code l2} or {@code linf} (spec spelling). */
public enum Norm {
    L2("l2"),
    LINF("linf");

    private final String spec;

    Norm(String spec) {
        this.spec = spec;
    }

    /** The spelling in attack specs. */
    public String spec() {
        return spec;
    }

    /** Parses {@code l2} or {@code linf} (also {@code inf}, {@code l-inf}); {@code field} names the source in errors. */
    public static Norm parse(String s, String field) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "l2":
                return L2;
            case "linf":
            case "inf":
            case "l-inf":
                return LINF;
            default:
                throw new IllegalArgumentException(field + " must be l2 or linf, got '" + s + "'");
        }
    }

    @Override
    public String toString() {
        return spec;
    }
}
