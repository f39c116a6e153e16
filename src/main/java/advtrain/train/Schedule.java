package advtrain.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the step size α and the number of steps T are chosen. Two forms, each a spec string that
 * {@link #parse} reads back from {@link #toString()}:
 *
 * <ul>
 *   <li>{@code constant:lr=X}: α = X for every step; T comes from {@code --steps}/{@code --epochs}.</li>
 *   <li>{@code theory:eps=E[,c_alpha=CA][,c_t=CT]}: α and T from the paper, given ε, the width m, the
 *       depth H and the radius R.
 *       <br>Deep net, Theorem 4.1: α = c_α ε / (m H²) and T = c_T R² / (m ε α) (= c_T R² H² / (c_α ε²)).
 *       <br>Two-layer net, Corollary 5.1: α = c_α ε and T = c_T R² / (ε α) (= c_T R² / (c_α ε²)).
 *       <br>The theorems fix only the orders O(·) and Θ(·). The constants are ours:
 *       {@link #DEFAULT_C_ALPHA} = 1 and {@link #DEFAULT_C_T} = 1, chosen because with the paper's
 *       initialisation the gradient of f with respect to one layer has Frobenius norm of order √m, so
 *       α = ε/(mH²) moves a layer by about ε/(H²√m) per step, and T steps then cover a distance of order
 *       R²/(ε√m): at least the ball's radius R/√m whenever ε <= R. Both can be overridden in the spec,
 *       and the run records the values used.</li>
 * </ul>
 * The theory schedule needs a finite R (the theorems are stated for B(R)); with {@code --radius none} it
 * is refused.
 */
public record Schedule(Kind kind, double lr, double eps, double cAlpha, double cT) {

    /** Default c_α of the theory schedule (see the class javadoc). */
    public static final double DEFAULT_C_ALPHA = 1.0;
    /** Default c_T of the theory schedule (see the class javadoc). */
    public static final double DEFAULT_C_T = 1.0;

    /** The schedule's form. */
    public enum Kind { CONSTANT, THEORY }

    /** A constant step size. */
    public static Schedule constant(double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be a positive finite number, got " + lr);
        }
        return new Schedule(Kind.CONSTANT, lr, Double.NaN, Double.NaN, Double.NaN);
    }

    /** The theory schedule for accuracy ε with the default constants. */
    public static Schedule theory(double eps) {
        return theory(eps, DEFAULT_C_ALPHA, DEFAULT_C_T);
    }

    /** The theory schedule for accuracy ε and constants c_α, c_T. */
    public static Schedule theory(double eps, double cAlpha, double cT) {
        for (double[] v : new double[][] {{eps}, {cAlpha}, {cT}}) {
            if (!(v[0] > 0) || !Double.isFinite(v[0])) {
                throw new IllegalArgumentException("theory schedule: eps, c_alpha and c_t must be positive, got eps="
                        + eps + ", c_alpha=" + cAlpha + ", c_t=" + cT);
            }
        }
        return new Schedule(Kind.THEORY, Double.NaN, eps, cAlpha, cT);
    }

    /** Parses {@code constant:lr=X} or {@code theory:eps=E[,c_alpha=..][,c_t=..]}. */
    public static Schedule parse(String spec) {
        String s = spec.trim();
        int colon = s.indexOf(':');
        String head = colon < 0 ? s : s.substring(0, colon);
        Map<String, Double> kv = new LinkedHashMap<>();
        if (colon >= 0 && colon + 1 < s.length()) {
            for (String part : s.substring(colon + 1).split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("schedule '" + spec + "': expected key=value, got '" + part + "'");
                }
                String key = part.substring(0, eq).trim();
                String val = part.substring(eq + 1).trim();
                try {
                    kv.put(key, Double.parseDouble(val));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("schedule '" + spec + "': " + key + " must be a number, got '" + val + "'");
                }
            }
        }
        switch (head) {
            case "constant": {
                requireKeys(spec, kv, "lr");
                return constant(required(spec, kv, "lr"));
            }
            case "theory": {
                requireKeys(spec, kv, "eps", "c_alpha", "c_t");
                return theory(required(spec, kv, "eps"), kv.getOrDefault("c_alpha", DEFAULT_C_ALPHA),
                        kv.getOrDefault("c_t", DEFAULT_C_T));
            }
            default:
                throw new IllegalArgumentException("schedule '" + spec + "': unknown kind '" + head
                        + "' (expected constant:lr=X or theory:eps=E[,c_alpha=A][,c_t=T])");
        }
    }

    private static void requireKeys(String spec, Map<String, Double> kv, String... allowed) {
        for (String k : kv.keySet()) {
            if (!java.util.Arrays.asList(allowed).contains(k)) {
                throw new IllegalArgumentException("schedule '" + spec + "': unknown key '" + k + "' (allowed: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    private static double required(String spec, Map<String, Double> kv, String key) {
        Double v = kv.get(key);
        if (v == null) {
            throw new IllegalArgumentException("schedule '" + spec + "': missing " + key);
        }
        return v;
    }

    /**
     * The step size for a network of kind {@code deep} or {@code two-layer}, width m, depth H (ignored for
     * the two-layer net) and radius R.
     */
    public double stepSize(String netKind, int m, int depth) {
        if (kind == Kind.CONSTANT) {
            return lr;
        }
        return isDeep(netKind) ? cAlpha * eps / ((double) m * depth * depth) : cAlpha * eps;
    }

    /** The theory schedule's T (rounded up, at least 1); only for {@link Kind#THEORY}. */
    public long theorySteps(String netKind, int m, int depth, double radius) {
        if (kind != Kind.THEORY) {
            throw new IllegalStateException("only the theory schedule derives T");
        }
        if (!Double.isFinite(radius)) {
            throw new IllegalArgumentException("--schedule theory needs a finite --radius R (Theorem 4.1 / Corollary 5.1 are stated for B(R)), got none");
        }
        double alpha = stepSize(netKind, m, depth);
        double t = isDeep(netKind) ? cT * radius * radius / (m * eps * alpha) : cT * radius * radius / (eps * alpha);
        if (!(t < 1e12)) {
            throw new IllegalArgumentException("theory schedule gives T = " + t + " steps (too many): raise eps or lower R");
        }
        return Math.max(1L, (long) Math.ceil(t));
    }

    private static boolean isDeep(String netKind) {
        if (netKind.equals("deep")) {
            return true;
        }
        if (netKind.equals("two-layer")) {
            return false;
        }
        throw new IllegalArgumentException("unknown network kind '" + netKind + "' (deep or two-layer)");
    }

    @Override
    public String toString() {
        return kind == Kind.CONSTANT
                ? "constant:lr=" + num(lr)
                : "theory:eps=" + num(eps) + ",c_alpha=" + num(cAlpha) + ",c_t=" + num(cT);
    }

    static String num(double v) {
        return Double.toString(v).toLowerCase(Locale.ROOT);
    }
}
