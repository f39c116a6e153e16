package advtrain.experiment;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress over a whole sweep on standard error: points done of total, percent of the estimated work
 * (points weighted by {@link Experiment#cost}), elapsed time and time left. On a terminal one line is
 * redrawn in place; otherwise a log line is written at most every {@code logEverySeconds} seconds and
 * at the end. Time left = elapsed x (remaining cost / cost done).
 */
public final class Progress {

    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier nanos;
    private final long logEveryNanos;
    private final int totalPoints;
    private final double totalCost;
    private final long start;
    private int donePoints;
    private double doneCost;
    private long lastLog;
    private String current = "";
    private int lastWidth;

    public Progress(PrintStream err, boolean terminal, int totalPoints, double totalCost, double logEverySeconds, LongSupplier nanos) {
        this.err = err;
        this.terminal = terminal;
        this.nanos = nanos;
        this.logEveryNanos = (long) (logEverySeconds * 1e9);
        this.totalPoints = totalPoints;
        this.totalCost = totalCost;
        this.start = nanos.getAsLong();
        this.lastLog = start;
    }

    /** A point starts (shown on the terminal line). */
    public void starting(String what) {
        current = what;
        if (terminal) {
            draw();
        }
    }

    /** A point is done. */
    public void done(double cost) {
        donePoints++;
        doneCost += cost;
        long now = nanos.getAsLong();
        if (terminal) {
            draw();
            if (donePoints == totalPoints) {
                err.print('\n');
                err.flush();
            }
        } else if (now - lastLog >= logEveryNanos || donePoints == totalPoints) {
            lastLog = now;
            err.println(line());
            err.flush();
        }
    }

    private void draw() {
        String l = line() + (current.isEmpty() || donePoints == totalPoints ? "" : "  " + current);
        int pad = Math.max(0, lastWidth - l.length());
        lastWidth = l.length();
        err.print("\r" + l + " ".repeat(pad));
        err.flush();
    }

    /** The status text, e.g. {@code sweep 12/40 points (31%), elapsed 1m02s, left ~2m16s}. */
    public String line() {
        double elapsed = (nanos.getAsLong() - start) / 1e9;
        double frac = totalCost > 0 ? doneCost / totalCost : 1.0;
        String left = doneCost > 0 ? "~" + duration(elapsed * (totalCost - doneCost) / doneCost) : "?";
        return String.format(Locale.ROOT, "sweep %d/%d points (%d%%), elapsed %s, left %s",
                donePoints, totalPoints, (int) Math.floor(100 * frac), duration(elapsed), left);
    }

    /** {@code 42s}, {@code 3m05s}, {@code 1h02m}. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
