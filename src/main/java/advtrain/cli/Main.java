package advtrain.cli;

import advtrain.Version;
import advtrain.kernel.Parallel;
import advtrain.kernel.Simd;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code advtrain} command line. Global options, accepted anywhere: {@code --threads N} (default:
 * all cores), {@code --simd on|off}; and {@code --help}, {@code --version}. Exit codes: 0 success,
 * 1 failure, 2 bad usage.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        int code = run(args, System.out, System.err, "1".equals(System.getenv("ADVTRAIN_TTY")));
        System.out.flush();
        System.exit(code);
    }

    /** Runs the CLI with the given streams; returns the exit code (tests call this). */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        List<String> rest = new ArrayList<>();
        int threads = Parallel.defaultThreads();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--threads") || a.startsWith("--threads=")) {
                    String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : (i + 1 < args.length ? args[++i] : null);
                    threads = parseThreads(v);
                } else if (a.equals("--simd") || a.startsWith("--simd=")) {
                    String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : (i + 1 < args.length ? args[++i] : null);
                    if (!"on".equals(v) && !"off".equals(v)) {
                        throw new IllegalArgumentException("--simd must be on or off, got '" + v + "'");
                    }
                    // Read once by Simd's static initialiser: must be set before any kernel runs.
                    System.setProperty("advtrain.simd", "on".equals(v) ? "true" : "false");
                } else {
                    rest.add(a);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("advtrain: error: " + e.getMessage());
            return 2;
        }
        if (rest.isEmpty() || rest.get(0).equals("--help") || rest.get(0).equals("-h") || rest.get(0).equals("help")) {
            out.print(usage());
            return rest.isEmpty() ? 2 : 0;
        }
        if (rest.get(0).equals("--version")) {
            out.println(versionText(threads));
            return 0;
        }
        Command cmd = Commands.all().stream().filter(c -> c.name().equals(rest.get(0))).findFirst().orElse(null);
        if (cmd == null) {
            err.println("advtrain: error: unknown command '" + rest.get(0) + "' (see advtrain --help)");
            return 2;
        }
        String[] cmdArgs = rest.subList(1, rest.size()).toArray(new String[0]);
        Options.Parsed parsed;
        try {
            parsed = cmd.options().parse(cmdArgs);
        } catch (IllegalArgumentException e) {
            err.println("advtrain " + cmd.name() + ": error: " + e.getMessage());
            return 2;
        }
        if (parsed.helpRequested()) {
            out.print(cmd.summary() + "\n\n" + cmd.options().help() + globalHelp());
            return 0;
        }
        try {
            return cmd.run(parsed, new Console(out, err, terminal, threads));
        } catch (IllegalArgumentException e) {
            err.println("advtrain " + cmd.name() + ": error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("advtrain " + cmd.name() + ": failed: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (System.getenv("ADVTRAIN_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static int parseThreads(String v) {
        try {
            int t = Integer.parseInt(v == null ? "" : v.trim());
            if (t < 1) {
                throw new NumberFormatException();
            }
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--threads must be a positive integer, got '" + v + "'");
        }
    }

    static String versionText(int threads) {
        return "advtrain " + Version.VERSION + "\n"
                + "jdk      " + Version.jdk() + "\n"
                + "simd     " + Simd.describe() + "\n"
                + "threads  " + threads;
    }

    static String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("advtrain ").append(Version.VERSION)
                .append(": adversarial training of wide fully-connected networks\n\n")
                .append("usage: advtrain COMMAND [options]   (advtrain COMMAND --help for its options)\n\n")
                .append("commands:\n");
        for (Command c : Commands.all()) {
            sb.append(String.format(Locale.ROOT, "  %-15s %s%n", c.name(), c.summary()));
        }
        sb.append(globalHelp());
        return sb.toString();
    }

    static String globalHelp() {
        return "\nglobal options:\n"
                + String.format(Locale.ROOT, "  %-26s %s%n", "--threads N", "worker threads (default: all cores, "
                + Parallel.defaultThreads() + " here); results do not depend on it")
                + String.format(Locale.ROOT, "  %-26s %s%n", "--simd on|off", "use the Vector API kernels (default: on when available)")
                + String.format(Locale.ROOT, "  %-26s %s%n", "--version", "print version, JDK, SIMD path and threads");
    }
}
