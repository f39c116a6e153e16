package advtrain.cli;

import advtrain.kernel.Parallel;
import java.io.PrintStream;

/**
 * What a command talks to: standard output for results, standard error for progress and warnings,
 * whether standard error is a terminal (the launcher says so through {@code ADVTRAIN_TTY}, since the
 * JVM cannot tell reliably), and the thread count chosen by {@code --threads}.
 */
public final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final int threads;

    public Console(PrintStream out, PrintStream err, boolean terminal, int threads) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.threads = threads;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** True when progress may redraw a line with carriage returns. */
    public boolean terminal() {
        return terminal;
    }

    public int threads() {
        return threads;
    }

    /** A new thread pool of {@link #threads()} workers; the caller closes it. */
    public Parallel newParallel() {
        return Parallel.create(threads);
    }
}
