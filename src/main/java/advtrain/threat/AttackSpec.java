package advtrain.threat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An attack as a spec string, the form every command and config file uses, e.g.
 * {@code pgd:norm=linf,eps=0.1,steps=20,step=0.025,restarts=2,random-start=true},
 * {@code apgd-ce:norm=l2,eps=0.5,steps=100,box=0,1}, {@code ensemble:apgd-ce+apgd-dlr+pgd,norm=linf,eps=0.03}.
 * Immutable; {@link #parse(String)} fills every default, and {@link #toString()} prints a spec that parses
 * back to an equal value.
 *
 * <p>Attacks ({@code name}): {@code identity} (clean), {@code random} (best of {@code restarts} random points
 * of the set), {@code fgsm} (one l-inf sign step of size eps), {@code fgm} (one l2 step of size eps along the
 * normalised gradient), {@code pgd}, {@code apgd-ce} (Auto-PGD on the training loss; {@code apgd} is an
 * alias), {@code apgd-dlr} (Auto-PGD on the DLR loss, k >= 3 classes) and {@code ensemble} (members joined
 * by {@code +}; each sample gets the member point with the highest loss; the ensemble's options are passed
 * to every member that takes them, and a one-step member is fgsm or fgm as the ensemble's norm says).
 *
 * <p>Options and defaults (the literature's):
 * <ul>
 * <li>{@code norm}: {@code linf} or {@code l2}; default linf, except l2 for {@code fgm} and for {@code sphere=true}.
 * <li>{@code eps} >= 0: default 8/255 for linf and 0.5 for l2 (the RobustBench CIFAR-10 threat models).
 * <li>{@code steps} >= 1: pgd 10, apgd 100 (AutoAttack's budget); an ensemble without it leaves each member
 *     its own default.
 * <li>{@code step} > 0 (pgd only): default 2.5 * eps / steps (Madry et al. 2018); printed only when given.
 * <li>{@code restarts} >= 1: default 1 (for random: the number of random points drawn).
 * <li>{@code random-start}: pgd and apgd start from a random point of the set (default true); restarts > 1
 *     needs it.
 * <li>{@code box=lo,hi}: intersect the ball with the box [lo, hi]^d (images: {@code box=0,1}).
 * <li>{@code sphere=true}: the paper's spherical cap (l2 only, no box).
 * </ul>
 * Bad specs throw {@link IllegalArgumentException} naming the spec and the field.
 */
public record AttackSpec(String name, Norm norm, double eps, int steps, double step, int restarts,
                         boolean randomStart, double boxLo, double boxHi, boolean sphere, List<AttackSpec> members) {

    /** 8/255: the standard l-inf radius for images in [0, 1]. */
    public static final double DEFAULT_EPS_LINF = 8.0 / 255.0;
    /** The standard l2 radius. */
    public static final double DEFAULT_EPS_L2 = 0.5;
    public static final int DEFAULT_PGD_STEPS = 10;
    public static final int DEFAULT_APGD_STEPS = 100;
    /** PGD's default step is this times eps / steps. */
    public static final double PGD_STEP_FACTOR = 2.5;

    /** The defaults in one line, for command help texts. */
    public static final String DEFAULTS_HELP = "defaults: norm=linf (l2 for fgm and sphere=true), eps=8/255 for linf and 0.5 for l2, "
            + "pgd steps=10 step=2.5*eps/steps, apgd steps=100, restarts=1, random-start=true; options box=LO,HI, sphere=true";

    /** The attack names, in the order help texts list them. */
    public static final List<String> NAMES =
            List.of("identity", "random", "fgsm", "fgm", "pgd", "apgd-ce", "apgd-dlr", "ensemble");

    private static final String K_NORM = "norm";
    private static final String K_EPS = "eps";
    private static final String K_STEPS = "steps";
    private static final String K_STEP = "step";
    private static final String K_RESTARTS = "restarts";
    private static final String K_RANDOM_START = "random-start";
    private static final String K_BOX = "box";
    private static final String K_SPHERE = "sphere";

    /** Canonical constructor: copies the member list; validation happens in {@link #parse}. */
    public AttackSpec {
        members = List.copyOf(members);
    }

    /** Which options each attack takes, in printing order. */
    private static List<String> optionsOf(String name) {
        switch (name) {
            case "identity":
                return List.of();
            case "random":
                return List.of(K_NORM, K_EPS, K_RESTARTS, K_BOX, K_SPHERE);
            case "fgsm":
                return List.of(K_NORM, K_EPS, K_BOX);
            case "fgm":
                return List.of(K_NORM, K_EPS, K_BOX, K_SPHERE);
            case "pgd":
                return List.of(K_NORM, K_EPS, K_STEPS, K_STEP, K_RESTARTS, K_RANDOM_START, K_BOX, K_SPHERE);
            case "apgd-ce":
            case "apgd-dlr":
                return List.of(K_NORM, K_EPS, K_STEPS, K_RESTARTS, K_RANDOM_START, K_BOX, K_SPHERE);
            case "ensemble":
                return List.of(K_NORM, K_EPS, K_STEPS, K_RESTARTS, K_BOX, K_SPHERE);
            default:
                return null;
        }
    }

    private static String canonicalName(String raw) {
        String n = raw.trim().toLowerCase(Locale.ROOT);
        return n.equals("apgd") ? "apgd-ce" : n;
    }

    /** Parses a spec; every missing option gets its default. */
    public static AttackSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("attack spec is empty (known attacks: " + String.join(", ", NAMES) + ")");
        }
        int colon = spec.indexOf(':');
        String name = canonicalName(colon < 0 ? spec : spec.substring(0, colon));
        String rest = colon < 0 ? "" : spec.substring(colon + 1).trim();
        List<String> allowed = optionsOf(name);
        if (allowed == null) {
            throw new IllegalArgumentException("attack spec '" + spec + "': unknown attack '" + name
                    + "' (known: " + String.join(", ", NAMES) + ")");
        }
        List<String> tokens = new ArrayList<>();
        if (!rest.isEmpty()) {
            for (String t : rest.split(",", -1)) {
                tokens.add(t.trim());
            }
        }
        String memberList = null;
        if (name.equals("ensemble")) {
            if (tokens.isEmpty() || tokens.get(0).contains("=")) {
                throw new IllegalArgumentException("attack spec '" + spec
                        + "': members: an ensemble lists its members first, e.g. ensemble:apgd-ce+apgd-dlr+pgd");
            }
            memberList = tokens.remove(0);
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("attack spec '" + spec + "': expected key=value, got '" + t + "'");
            }
            String key = t.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = t.substring(eq + 1).trim();
            if (key.equals(K_BOX)) { // box=lo,hi spans two comma-separated tokens
                if (i + 1 >= tokens.size()) {
                    throw new IllegalArgumentException("attack spec '" + spec + "': box must be lo,hi, got '" + value + "'");
                }
                value = value + "," + tokens.get(++i);
            }
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("attack spec '" + spec + "': " + key + ": not an option of "
                        + name + (allowed.isEmpty() ? " (it takes none)" : " (options: " + String.join(", ", allowed) + ")"));
            }
            if (opts.put(key, value) != null) {
                throw new IllegalArgumentException("attack spec '" + spec + "': " + key + " given twice");
            }
        }
        return build(spec, name, opts, memberList);
    }

    private static AttackSpec build(String spec, String name, Map<String, String> opts, String memberList) {
        String where = "attack spec '" + spec + "': ";
        boolean sphere = opts.containsKey(K_SPHERE) && parseBool(where, K_SPHERE, opts.get(K_SPHERE));
        Norm norm = opts.containsKey(K_NORM) ? Norm.parse(opts.get(K_NORM), where + K_NORM)
                : (name.equals("fgm") || sphere ? Norm.L2 : Norm.LINF);
        if (name.equals("fgsm") && norm != Norm.LINF) {
            throw new IllegalArgumentException(where + "norm: fgsm is the linf attack, use fgm for l2");
        }
        if (name.equals("fgm") && norm != Norm.L2) {
            throw new IllegalArgumentException(where + "norm: fgm is the l2 attack, use fgsm for linf");
        }
        double eps = opts.containsKey(K_EPS) ? parseDouble(where, K_EPS, opts.get(K_EPS))
                : (norm == Norm.LINF ? DEFAULT_EPS_LINF : DEFAULT_EPS_L2);
        if (!(eps >= 0)) {
            throw new IllegalArgumentException(where + "eps must be >= 0, got " + opts.get(K_EPS));
        }
        int defaultSteps = switch (name) {
            case "pgd" -> DEFAULT_PGD_STEPS;
            case "apgd-ce", "apgd-dlr" -> DEFAULT_APGD_STEPS;
            case "ensemble" -> 0;
            default -> 1;
        };
        int steps = opts.containsKey(K_STEPS) ? parseInt(where, K_STEPS, opts.get(K_STEPS)) : defaultSteps;
        if (opts.containsKey(K_STEPS) && steps < 1) {
            throw new IllegalArgumentException(where + "steps must be >= 1, got " + steps);
        }
        double step = Double.NaN;
        if (opts.containsKey(K_STEP)) {
            step = parseDouble(where, K_STEP, opts.get(K_STEP));
            if (!(step > 0)) {
                throw new IllegalArgumentException(where + "step must be > 0, got " + opts.get(K_STEP));
            }
        }
        int restarts = opts.containsKey(K_RESTARTS) ? parseInt(where, K_RESTARTS, opts.get(K_RESTARTS))
                : (name.equals("ensemble") ? 0 : 1);
        if (opts.containsKey(K_RESTARTS) && restarts < 1) {
            throw new IllegalArgumentException(where + "restarts must be >= 1, got " + restarts);
        }
        boolean iterative = name.equals("pgd") || name.startsWith("apgd");
        boolean randomStart = opts.containsKey(K_RANDOM_START) ? parseBool(where, K_RANDOM_START, opts.get(K_RANDOM_START))
                : iterative;
        if (iterative && restarts > 1 && !randomStart) {
            throw new IllegalArgumentException(where + "restarts: " + restarts + " restarts need random-start=true (they would repeat)");
        }
        double boxLo = Double.NEGATIVE_INFINITY;
        double boxHi = Double.POSITIVE_INFINITY;
        if (opts.containsKey(K_BOX)) {
            String[] lh = opts.get(K_BOX).split(",");
            boxLo = parseDouble(where, K_BOX, lh[0]);
            boxHi = parseDouble(where, K_BOX, lh[1]);
            if (!(boxLo <= boxHi)) {
                throw new IllegalArgumentException(where + "box must be lo,hi with lo <= hi, got " + opts.get(K_BOX));
            }
        }
        if (sphere && norm != Norm.L2) {
            throw new IllegalArgumentException(where + "sphere: the spherical cap is an l2 set, got norm=" + norm);
        }
        if (sphere && opts.containsKey(K_BOX)) {
            throw new IllegalArgumentException(where + "sphere: cannot be combined with box");
        }
        List<AttackSpec> members = List.of();
        if (name.equals("ensemble")) {
            members = new ArrayList<>();
            for (String raw : memberList.split("\\+", -1)) {
                String m = canonicalName(raw);
                if (m.equals("ensemble") || optionsOf(m) == null || m.isEmpty()) {
                    throw new IllegalArgumentException(where + "members: '" + raw.trim() + "' is not an attack that can join an ensemble"
                            + " (known: " + String.join(", ", NAMES.subList(0, NAMES.size() - 1)) + ")");
                }
                if (m.equals("fgsm") && norm == Norm.L2) {
                    m = "fgm"; // the ensemble's norm decides: the one-step attack of that norm
                } else if (m.equals("fgm") && norm == Norm.LINF) {
                    m = "fgsm";
                }
                Map<String, String> mo = new LinkedHashMap<>();
                for (String key : optionsOf(m)) {
                    if (key.equals(K_NORM) || key.equals(K_EPS)) {
                        mo.put(key, key.equals(K_NORM) ? norm.spec() : fmt(eps));
                    } else if (opts.containsKey(key)) {
                        mo.put(key, opts.get(key));
                    }
                }
                members.add(build(spec, m, mo, null));
            }
        }
        return new AttackSpec(name, norm, eps, steps, step, restarts, randomStart, boxLo, boxHi, sphere, members);
    }

    private static boolean parseBool(String where, String key, String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true")) {
            return true;
        }
        if (t.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException(where + key + " must be true or false, got '" + v + "'");
    }

    private static double parseDouble(String where, String key, String v) {
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(where + key + " must be a finite number, got '" + v + "'");
    }

    private static int parseInt(String where, String key, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + key + " must be an integer, got '" + v + "'");
        }
    }

    /** Shortest decimal that parses back to the same double (integers without ".0"). */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** True when the ball is intersected with a box. */
    public boolean hasBox() {
        return boxLo != Double.NEGATIVE_INFINITY || boxHi != Double.POSITIVE_INFINITY;
    }

    /** The step PGD uses: the given one, or 2.5 * eps / steps. (Other attacks: fgsm/fgm step eps, apgd starts at 2 eps.) */
    public double effectiveStep() {
        return Double.isNaN(step) ? PGD_STEP_FACTOR * eps / steps : step;
    }

    /** The perturbation set B(x) of this spec. */
    public PerturbationSet perturbationSet() {
        return PerturbationSet.of(norm, eps, boxLo, boxHi, sphere);
    }

    /** True for attacks that follow gradients (fgsm, fgm, pgd, apgd, and ensembles containing one). */
    public boolean usesGradients() {
        return switch (name) {
            case "identity", "random" -> false;
            case "ensemble" -> members.stream().anyMatch(AttackSpec::usesGradients);
            default -> true;
        };
    }

    /**
     * Forward and backward passes the attack makes per sample (each costs about one forward): identity 1, random
     * one per restart, fgsm/fgm 3, pgd and apgd 2 steps + 1 per restart (apgd-dlr one more, for the training loss
     * at its point), an ensemble the sum of its members.
     */
    public int passes() {
        return switch (name) {
            case "identity" -> 1;
            case "random" -> restarts;
            case "fgsm", "fgm" -> 3;
            case "pgd", "apgd-ce" -> restarts * (2 * steps + 1);
            case "apgd-dlr" -> restarts * (2 * steps + 1) + 1;
            case "ensemble" -> members.stream().mapToInt(AttackSpec::passes).sum();
            default -> throw new IllegalStateException("unknown attack '" + name + "' (parse admits only " + NAMES + ")");
        };
    }

    /** The same attack with radius {@code newEps} (members too); an explicit step is kept. */
    public AttackSpec withEps(double newEps) {
        if (name.equals("identity")) {
            return this;
        }
        String s = toString();
        String replaced = s.replaceFirst("([:,])eps=[^,]*", "$1eps=" + fmt(newEps));
        return parse(replaced);
    }

    /** A new attack instance for this spec (each instance owns its scratch buffers). */
    public Attack newAttack() {
        return switch (name) {
            case "identity" -> new IdentityAttack(this);
            case "random" -> new RandomAttack(this);
            case "fgsm", "fgm" -> new FastGradientAttack(this);
            case "pgd" -> new PgdAttack(this);
            case "apgd-ce", "apgd-dlr" -> new ApgdAttack(this);
            case "ensemble" -> new EnsembleAttack(this);
            default -> throw new IllegalStateException("unknown attack '" + name + "' (parse admits only " + NAMES + ")");
        };
    }

    /** One line with every resolved setting, defaults included, for reports and command output. */
    public String describe() {
        if (name.equals("identity")) {
            return "identity (clean inputs)";
        }
        StringBuilder sb = new StringBuilder(name).append(": ").append(perturbationSet().describe());
        switch (name) {
            case "random" -> sb.append(", best of ").append(restarts).append(restarts == 1 ? " random point" : " random points");
            case "fgsm", "fgm" -> sb.append(", one step of size eps");
            case "pgd" -> sb.append(String.format(Locale.ROOT, ", %d steps of %s%s, %d restart%s, %s",
                    steps, fmt(effectiveStep()), Double.isNaN(step) ? " (2.5*eps/steps)" : "", restarts,
                    restarts == 1 ? "" : "s", randomStart ? "random start" : "start at x"));
            case "apgd-ce", "apgd-dlr" -> sb.append(String.format(Locale.ROOT,
                    ", %d steps (initial step 2*eps, halved at checkpoints, momentum 0.75), %d restart%s, %s",
                    steps, restarts, restarts == 1 ? "" : "s", randomStart ? "random start" : "start at x"));
            case "ensemble" -> {
                sb.append(", worst per sample of:");
                for (AttackSpec m : members) {
                    sb.append("\n    ").append(m.describe());
                }
            }
            default -> {
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        List<String> keys = optionsOf(name);
        if (name.equals("ensemble")) {
            sb.append(':');
            for (int i = 0; i < members.size(); i++) {
                sb.append(i == 0 ? "" : "+").append(members.get(i).name);
            }
        }
        boolean first = !name.equals("ensemble");
        for (String key : keys) {
            String v = switch (key) {
                case K_NORM -> norm.spec();
                case K_EPS -> fmt(eps);
                case K_STEPS -> steps > 0 ? Integer.toString(steps) : null;
                case K_STEP -> Double.isNaN(step) ? null : fmt(step);
                case K_RESTARTS -> restarts > 0 ? Integer.toString(restarts) : null;
                case K_RANDOM_START -> Boolean.toString(randomStart);
                case K_BOX -> hasBox() ? fmt(boxLo) + "," + fmt(boxHi) : null;
                case K_SPHERE -> sphere ? "true" : null;
                default -> null;
            };
            if (v != null) {
                sb.append(first ? ':' : ',').append(key).append('=').append(v);
                first = false;
            }
        }
        return sb.toString();
    }
}
