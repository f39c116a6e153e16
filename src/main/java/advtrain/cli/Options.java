package advtrain.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The flags a command accepts, with defaults and help, and the parser for them. Accepts
 * {@code --name value} and {@code --name=value}; switches take no value. Unknown flags, missing values
 * and malformed numbers are {@link IllegalArgumentException}s that name the flag and the value.
 */
public final class Options {

    private record Flag(String name, String defaultValue, String help, boolean isSwitch) {
    }

    private final String usage;
    private final Map<String, Flag> flags = new LinkedHashMap<>();
    private int maxPositional;

    /** {@code usage}: the synopsis line shown by {@code --help}, e.g. {@code "train --data SPEC [options]"}. */
    public Options(String usage) {
        this.usage = usage;
    }

    /** A flag with a value; {@code defaultValue} null means "no default" (then {@link Parsed#has} tells). */
    public Options flag(String name, String defaultValue, String help) {
        flags.put(checkName(name), new Flag(name, defaultValue, help, false));
        return this;
    }

    /** A switch: present or not. */
    public Options flagSwitch(String name, String help) {
        flags.put(checkName(name), new Flag(name, null, help, true));
        return this;
    }

    /** Accept up to {@code n} positional arguments. */
    public Options positional(int n) {
        this.maxPositional = n;
        return this;
    }

    private static String checkName(String name) {
        if (!name.startsWith("--")) {
            throw new IllegalStateException("flag names start with --: " + name);
        }
        return name;
    }

    /** The help text: usage line and each flag with its default. */
    public String help() {
        StringBuilder sb = new StringBuilder("usage: advtrain ").append(usage).append('\n');
        if (!flags.isEmpty()) {
            sb.append("\noptions:\n");
            for (Flag f : flags.values()) {
                String left = f.isSwitch ? f.name : f.name + " " + placeholder(f.name);
                sb.append(String.format(Locale.ROOT, "  %-26s %s", left, f.help));
                if (f.defaultValue != null) {
                    sb.append(" (default: ").append(f.defaultValue).append(')');
                }
                sb.append('\n');
            }
        }
        sb.append(String.format(Locale.ROOT, "  %-26s %s%n", "--help", "show this help"));
        return sb.toString();
    }

    private static String placeholder(String name) {
        return name.substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Parses {@code args}; {@code --help} sets {@link Parsed#helpRequested()}. */
    public Parsed parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (arg.startsWith("--")) {
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                Flag f = flags.get(name);
                if (f == null) {
                    throw new IllegalArgumentException("unknown option " + name + " (see --help)");
                }
                if (f.isSwitch) {
                    if (value != null) {
                        throw new IllegalArgumentException(name + " takes no value, got '" + value + "'");
                    }
                    value = "true";
                } else if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    value = args[++i];
                }
                values.put(name, value);
            } else {
                if (positional.size() >= maxPositional) {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "' (see --help)");
                }
                positional.add(arg);
            }
        }
        return new Parsed(values, positional, help);
    }

    /** Parsed arguments with typed accessors; defaults come from the declaration. */
    public final class Parsed {
        private final Map<String, String> values;
        private final List<String> positional;
        private final boolean help;

        Parsed(Map<String, String> values, List<String> positional, boolean help) {
            this.values = values;
            this.positional = positional;
            this.help = help;
        }

        public boolean helpRequested() {
            return help;
        }

        public List<String> positional() {
            return positional;
        }

        /** True when the flag was given (or, for flags with a value, has a default). */
        public boolean has(String name) {
            return values.containsKey(name) || (declared(name).defaultValue != null);
        }

        /** True when the user gave the flag explicitly. */
        public boolean given(String name) {
            declared(name);
            return values.containsKey(name);
        }

        public boolean isSet(String name) {
            return "true".equals(values.get(name));
        }

        /** The value, or the default; an error naming the flag when neither exists. */
        public String get(String name) {
            String v = values.get(name);
            if (v == null) {
                v = declared(name).defaultValue;
            }
            if (v == null) {
                throw new IllegalArgumentException(name + " is required");
            }
            return v;
        }

        public String getOrNull(String name) {
            String v = values.get(name);
            return v != null ? v : declared(name).defaultValue;
        }

        public int getInt(String name) {
            String v = get(name);
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
            }
        }

        public long getLong(String name) {
            String v = get(name);
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
            }
        }

        public double getDouble(String name) {
            String v = get(name);
            try {
                double d = Double.parseDouble(v.trim());
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a finite number, got '" + v + "'");
            }
        }

        private Flag declared(String name) {
            Flag f = flags.get(name);
            if (f == null) {
                throw new IllegalStateException("flag not declared: " + name);
            }
            return f;
        }
    }
}
