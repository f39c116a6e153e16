package advtrain.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A data spec: the one-string description of a dataset used by every command and by config.json.
 * Immutable; {@link #parse(String)} and {@link #toString()} are inverses ({@code parse(s.toString())}
 * equals {@code s}; option values are canonicalised, so {@code sep=0.30} prints as {@code sep=0.3}).
 *
 * <h2>Grammar</h2>
 * <pre>
 *   SPEC    = KIND [ ":" REST ]            REST = ( PATH | OPTION ) { "," OPTION }
 *   OPTION  = KEY "=" VALUE { "," VALUE }  (extra values only for the list keys classes= and columns=)
 *   KIND    = sphere | npz | idx | csv | digits | fashion-mnist
 * </pre>
 * {@code npz}, {@code idx} and {@code csv} take a PATH first (paths cannot contain commas); the others
 * take options only. Built-ins may also be written {@code digits,KEY=VALUE,...}.
 * <ul>
 *   <li>{@code sphere:n=512,d=32,classes=2,sep=0.3,seed=7,label=random|teacher|linear,margin=0.1,teacher=32}:
 *       generated on the unit sphere ({@link SphereGenerator}); here {@code classes} is the number
 *       of classes (default 2); defaults n=512, d=32, sep=0, seed=0, label=random, margin=0.1
 *       (linear only), teacher=32 hidden units (teacher only).</li>
 *   <li>{@code npz:PATH[,x=NAME,y=NAME]}: arrays x (n x d, or n x ... flattened) and y (n labels).</li>
 *   <li>{@code idx:DIR}: {@code DIR/train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 *       {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each raw or with {@code .gz}.</li>
 *   <li>{@code csv:PATH[,label=last|first|INDEX|NAME][,header=auto|yes|no][,columns=A,B,...]} (see {@link Csv}).</li>
 *   <li>{@code digits}: the embedded 8x8 digits (1797 x 64, values 0..16, 10 classes; see datasets/README.md).</li>
 *   <li>{@code fashion-mnist}: Fashion-MNIST from /usr/share/datasets/fashion-mnist (70000 x 784, 10 classes).</li>
 * </ul>
 * Options for every kind, applied in this order:
 * <ul>
 *   <li>{@code split=all|train|test} (default all): IDX sources and fashion-mnist use their train and
 *       t10k files (all = both, train first); sphere draws the test split from its own streams with
 *       the same labelling function; other sources put every fifth row (rows 4, 9, 14, ...) in test.</li>
 *   <li>{@code classes=A,B,...} (not for sphere): keep these classes, relabelled in the listed order;
 *       two classes make a binary task with the first as -1 and the second as +1.</li>
 *   <li>{@code shuffle=SEED}: rows in a random order from (SEED, "data.shuffle").</li>
 *   <li>{@code limit=N}: the first N rows (after the shuffle, so a random subset when shuffled).</li>
 *   <li>{@code normalize=sphere|unit|standard|none} (default none; see {@link Normalization}).</li>
 * </ul>
 */
public record DataSpec(String kind, String path, Map<String, String> options) {

    private static final List<String> KINDS = List.of("sphere", "npz", "idx", "csv", "digits", "fashion-mnist");
    private static final List<String> COMMON = List.of("split", "classes", "shuffle", "limit", "normalize");
    private static final Map<String, List<String>> KEYS = Map.of(
            "sphere", List.of("n", "d", "classes", "sep", "seed", "label", "margin", "teacher", "split", "shuffle", "limit", "normalize"),
            "npz", concat(List.of("x", "y"), COMMON),
            "idx", COMMON,
            "csv", concat(List.of("label", "header", "columns"), COMMON),
            "digits", COMMON,
            "fashion-mnist", COMMON);
    private static final Set<String> LIST_KEYS = Set.of("classes", "columns");

    /** Validates and canonicalises; options are kept in the kind's canonical key order. */
    public DataSpec {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("data spec: unknown kind '" + kind + "' (expected one of " + String.join(", ", KINDS) + ")");
        }
        boolean wantsPath = kind.equals("npz") || kind.equals("idx") || kind.equals("csv");
        if (wantsPath && (path == null || path.isEmpty())) {
            throw new IllegalArgumentException("data spec: " + kind + " needs a path, as in " + kind + ":PATH");
        }
        if (!wantsPath && path != null) {
            throw new IllegalArgumentException("data spec: " + kind + " takes no path, got '" + path + "'");
        }
        List<String> allowed = KEYS.get(kind);
        Map<String, String> canon = new LinkedHashMap<>();
        for (String key : options.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("data spec " + kind + ": unknown option '" + key + "' (expected one of "
                        + String.join(", ", allowed) + ")");
            }
        }
        for (String key : allowed) {
            String v = options.get(key);
            if (v != null) {
                canon.put(key, canonical(kind, key, v));
            }
        }
        options = Collections.unmodifiableMap(canon);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    /** Parses a spec string (see the class comment); errors quote the spec and name the bad part. */
    public static DataSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("data spec is empty (e.g. digits, sphere:n=512,d=32, npz:data.npz)");
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        int comma = s.indexOf(',');
        String kind;
        String rest;
        if (colon >= 0 && (comma < 0 || colon < comma)) {
            kind = s.substring(0, colon);
            rest = s.substring(colon + 1);
        } else if (comma >= 0) {
            kind = s.substring(0, comma);
            rest = s.substring(comma + 1);
        } else {
            kind = s;
            rest = "";
        }
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("data spec '" + spec + "': unknown kind '" + kind + "' (expected one of "
                    + String.join(", ", KINDS) + ")");
        }
        List<String> tokens = rest.isEmpty() ? List.of() : List.of(rest.split(",", -1));
        String path = null;
        int t = 0;
        if (kind.equals("npz") || kind.equals("idx") || kind.equals("csv")) {
            if (tokens.isEmpty() || tokens.get(0).isBlank()) {
                throw new IllegalArgumentException("data spec '" + spec + "': " + kind + " needs a path, as in " + kind + ":PATH");
            }
            path = tokens.get(0).strip();
            t = 1;
        }
        Map<String, String> opts = new LinkedHashMap<>();
        String last = null;
        for (; t < tokens.size(); t++) {
            String tok = tokens.get(t).strip();
            int eq = tok.indexOf('=');
            if (eq < 0) {
                if (last != null && LIST_KEYS.contains(last) && !tok.isEmpty()) {
                    opts.put(last, opts.get(last) + "," + tok);
                    continue;
                }
                throw new IllegalArgumentException("data spec '" + spec + "': '" + tok + "' is not KEY=VALUE");
            }
            String key = tok.substring(0, eq).strip();
            String value = tok.substring(eq + 1).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("data spec '" + spec + "': option " + key + " has no value");
            }
            if (opts.put(key, value) != null) {
                throw new IllegalArgumentException("data spec '" + spec + "': option " + key + " given twice");
            }
            last = key;
        }
        try {
            return new DataSpec(kind, path, opts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("data spec '" + spec + "': " + e.getMessage().replaceFirst("^data spec( \\S+)?: ", ""));
        }
    }

    private static String canonical(String kind, String key, String v) {
        String where = "data spec " + kind + ": ";
        switch (key) {
            case "n", "d", "teacher", "limit" -> {
                return Integer.toString(parseInt(where, key, v, key.equals("limit") ? 0 : 1));
            }
            case "seed", "shuffle" -> {
                try {
                    return Long.toString(Long.parseLong(v));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + key + " must be an integer, got '" + v + "'");
                }
            }
            case "sep", "margin" -> {
                double x;
                try {
                    x = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    x = Double.NaN;
                }
                if (!Double.isFinite(x) || x < 0) {
                    throw new IllegalArgumentException(where + key + " must be a finite number >= 0, got '" + v + "'");
                }
                return Double.toString(x).replaceFirst("\\.0$", "");
            }
            case "classes" -> {
                if (kind.equals("sphere")) {
                    return Integer.toString(parseInt(where, key, v, 2));
                }
                StringBuilder sb = new StringBuilder();
                for (String c : v.split(",")) {
                    sb.append(sb.length() > 0 ? "," : "").append(parseInt(where, key, c.strip(), 0));
                }
                return sb.toString();
            }
            case "split" -> {
                if (!List.of("all", "train", "test").contains(v)) {
                    throw new IllegalArgumentException(where + "split must be all, train or test, got '" + v + "'");
                }
                return v;
            }
            case "normalize" -> {
                return Normalization.parse(v).word();
            }
            case "label" -> {
                if (kind.equals("sphere") && !List.of("random", "teacher", "linear").contains(v)) {
                    throw new IllegalArgumentException(where + "label must be random, teacher or linear, got '" + v + "'");
                }
                return v;
            }
            case "header" -> {
                if (!List.of("auto", "yes", "no").contains(v)) {
                    throw new IllegalArgumentException(where + "header must be auto, yes or no, got '" + v + "'");
                }
                return v;
            }
            default -> {
                return v;
            }
        }
    }

    private static int parseInt(String where, String key, String v, int min) {
        try {
            int x = Integer.parseInt(v);
            if (x < min) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + key + " must be an integer >= " + min + ", got '" + v + "'");
        }
    }

    /** The same spec with one option set (replaced if present); e.g. {@code with("normalize", "sphere")}. */
    public DataSpec with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(options);
        m.put(key, value);
        return new DataSpec(kind, path, m);
    }

    /** The option's value, or {@code def} when absent. */
    public String option(String key, String def) {
        return options.getOrDefault(key, def);
    }

    /** {@code all}, {@code train} or {@code test}. */
    public String split() {
        return option("split", "all");
    }

    /** The class subset of {@code classes=A,B,...}, or null (always null for sphere, where it is a count). */
    public int[] classSubset() {
        if (kind.equals("sphere") || !options.containsKey("classes")) {
            return null;
        }
        return java.util.Arrays.stream(options.get("classes").split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** The row limit, or -1 for none. */
    public int limit() {
        return Integer.parseInt(option("limit", "-1"));
    }

    /** The normalisation (default none). */
    public Normalization normalize() {
        return Normalization.parse(option("normalize", "none"));
    }

    /** Loads the dataset this spec describes (see {@link DataSources}). */
    public Dataset load() throws IOException {
        return DataSources.load(this);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind);
        char sepChar = ':';
        if (path != null) {
            sb.append(':').append(path);
            sepChar = ',';
        }
        for (Map.Entry<String, String> e : options.entrySet()) {
            sb.append(sepChar).append(e.getKey()).append('=').append(e.getValue());
            sepChar = ',';
        }
        return sb.toString();
    }
}
