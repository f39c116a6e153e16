package advtrain.model;

import advtrain.Version;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code meta.json} entry of a model file: a flat JSON object
 * {@code {"kind": "deep", "m": 64, "d": 784, "H": 2, "k": 10, "activation": "relu", "seed": 1, "version": "0.1.0"}}
 * (the two-layer net has {@code "H": 1}). {@link #parse} reads exactly this flat form (string and integer
 * values; any key order; unknown keys kept) and names the file and key on every error.
 */
public record ModelMeta(String kind, int m, int d, int depth, int k, String activation, long seed, String version) {

    /** The metadata of a network the engine built. */
    public static ModelMeta of(Network net) {
        if (net instanceof DeepReluNet deep) {
            return new ModelMeta("deep", deep.width(), deep.inputDim(), deep.depth(), deep.outputDim(), "relu",
                    deep.seed(), Version.VERSION);
        }
        if (net instanceof TwoLayerNet two) {
            return new ModelMeta("two-layer", two.width(), two.inputDim(), 1, two.outputDim(), two.activation().id(),
                    two.seed(), Version.VERSION);
        }
        throw new IllegalArgumentException("model files hold deep or two-layer nets, got " + net.getClass().getName());
    }

    /** The JSON text, keys in the order of the record. */
    public String toJson() {
        return String.format(Locale.ROOT,
                "{\"kind\": \"%s\", \"m\": %d, \"d\": %d, \"H\": %d, \"k\": %d, \"activation\": \"%s\", \"seed\": %d, "
                        + "\"version\": \"%s\"}", kind, m, d, depth, k, activation, seed, version);
    }

    /** Parses {@code json}; {@code source} (e.g. {@code model.npz[meta.json]}) prefixes every error message. */
    public static ModelMeta parse(String json, String source) {
        Map<String, Object> v = new FlatJson(json, source).object();
        return new ModelMeta(string(v, "kind", source), integer(v, "m", source), integer(v, "d", source),
                integer(v, "H", source), integer(v, "k", source), string(v, "activation", source),
                number(v, "seed", source), string(v, "version", source));
    }

    private static Object field(Map<String, Object> v, String key, String source) {
        Object o = v.get(key);
        if (o == null) {
            throw new IllegalArgumentException(source + ": missing key \"" + key + "\"");
        }
        return o;
    }

    private static String string(Map<String, Object> v, String key, String source) {
        Object o = field(v, key, source);
        if (!(o instanceof String s)) {
            throw new IllegalArgumentException(source + ": \"" + key + "\" must be a string, got " + o);
        }
        return s;
    }

    private static long number(Map<String, Object> v, String key, String source) {
        Object o = field(v, key, source);
        if (!(o instanceof Long l)) {
            throw new IllegalArgumentException(source + ": \"" + key + "\" must be an integer, got \"" + o + "\"");
        }
        return l;
    }

    private static int integer(Map<String, Object> v, String key, String source) {
        long l = number(v, key, source);
        if (l < 1 || l > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(source + ": \"" + key + "\" must be a positive int, got " + l);
        }
        return (int) l;
    }

    /** A reader for one flat JSON object whose values are strings or integers. */
    private static final class FlatJson {
        private final String s;
        private final String source;
        private int pos;

        FlatJson(String s, String source) {
            this.s = s;
            this.source = source;
        }

        Map<String, Object> object() {
            Map<String, Object> out = new LinkedHashMap<>();
            skip();
            expect('{');
            skip();
            if (peek() == '}') {
                pos++;
            } else {
                while (true) {
                    skip();
                    String key = string();
                    skip();
                    expect(':');
                    skip();
                    Object value = peek() == '"' ? string() : integer();
                    if (out.put(key, value) != null) {
                        throw error("duplicate key \"" + key + "\"");
                    }
                    skip();
                    char c = next();
                    if (c == '}') {
                        break;
                    }
                    if (c != ',') {
                        throw error("expected ',' or '}' but found '" + c + "'");
                    }
                }
            }
            skip();
            if (pos != s.length()) {
                throw error("unexpected text after the object");
            }
            return out;
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = next();
                    switch (e) {
                        case '"', '\\', '/' -> b.append(e);
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            if (pos + 4 > s.length()) {
                                throw error("truncated \\u escape");
                            }
                            try {
                                b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                            } catch (NumberFormatException ex) {
                                throw error("bad \\u escape");
                            }
                            pos += 4;
                        }
                        default -> throw error("bad escape \\" + e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        private Long integer() {
            int start = pos;
            if (pos < s.length() && s.charAt(pos) == '-') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            String t = s.substring(start, pos);
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw error("expected a string or an integer at offset " + start);
            }
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void expect(char c) {
            char got = next();
            if (got != c) {
                throw error("expected '" + c + "' at offset " + (pos - 1) + " but found '" + got + "'");
            }
        }

        private IllegalArgumentException error(String msg) {
            return new IllegalArgumentException(source + ": not the expected flat JSON object: " + msg);
        }
    }
}
