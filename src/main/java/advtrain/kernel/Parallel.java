package advtrain.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's parallelism: one {@link ForkJoinPool} and a parallel-for over index ranges cut into
 * chunks of a fixed {@code grain}. Chunk boundaries depend on the problem size and the grain only,
 * never on the thread count, and reductions combine per-chunk partials in chunk order: results are
 * bit-identical for any number of threads.
 *
 * <p>An instance either owns its pool (from {@link #create(int)}; {@link #close()} shuts it down) or
 * is {@link #serial()}, which runs everything on the calling thread. No global state: pass it in.
 */
public final class Parallel implements AutoCloseable {

    /** A body over a half-open index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** A body over chunk {@code chunk} = range {@code [from, to)} that returns a partial result. */
    @FunctionalInterface
    public interface RangeSum {
        double run(int from, int to);
    }

    private static final Parallel SERIAL = new Parallel(null, 1);

    private final ForkJoinPool pool;
    private final int threads;
    /** The loop regions of each calling thread, reused from loop to loop so a steady-state loop allocates nothing. */
    private final ThreadLocal<Frames> frames = ThreadLocal.withInitial(Frames::new);

    private Parallel(ForkJoinPool pool, int threads) {
        this.pool = pool;
        this.threads = threads;
    }

    /** A pool of {@code threads} workers (1 gives the serial instance's behaviour with no pool). */
    public static Parallel create(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return threads == 1 ? new Parallel(null, 1) : new Parallel(new ForkJoinPool(threads), threads);
    }

    /** Runs everything on the calling thread. */
    public static Parallel serial() {
        return SERIAL;
    }

    /** Default thread count: the available processors. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    public int threads() {
        return threads;
    }

    /** Number of chunks {@code [0, n)} is cut into for the given grain. */
    public static int chunks(int n, int grain) {
        if (grain < 1) {
            throw new IllegalArgumentException("grain must be >= 1, got " + grain);
        }
        return n <= 0 ? 0 : (n + grain - 1) / grain;
    }

    /** Runs {@code body} over {@code [0, n)} in chunks of {@code grain} (the last may be shorter). */
    public void forRange(int n, int grain, RangeBody body) {
        int chunks = chunks(n, grain);
        if (chunks == 0) {
            return;
        }
        if (pool == null || chunks == 1 || inOtherPool()) {
            for (int c = 0; c < chunks; c++) {
                body.run(c * grain, Math.min(n, (c + 1) * grain));
            }
            return;
        }
        Frames f = frames.get();
        int level = f.depth++;
        try {
            f.region(level, this).run(n, grain, chunks, body);
        } finally {
            f.depth--;
        }
    }

    /**
     * Sum over chunks of {@code body(from, to)}: partials stored per chunk, then added in chunk order,
     * so the result does not depend on the thread count.
     */
    public double sumRange(int n, int grain, RangeSum body) {
        int chunks = chunks(n, grain);
        double[] partial = new double[chunks];
        forRange(chunks, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                partial[c] = body.run(c * grain, Math.min(n, (c + 1) * grain));
            }
        });
        double s = 0.0;
        for (double p : partial) {
            s += p;
        }
        return s;
    }

    /** True when called from a worker of a different pool: run inline rather than block that worker. */
    private boolean inOtherPool() {
        ForkJoinPool current = ForkJoinTask.getPool();
        return current != null && current != pool;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    @Override
    public String toString() {
        return "Parallel[threads=" + threads + "]";
    }

    /** A calling thread's regions, one per nesting level (a chunk's body may run a loop of its own). */
    private static final class Frames {
        private Region[] levels = new Region[2];
        private int depth;

        Region region(int level, Parallel par) {
            if (level >= levels.length) {
                levels = java.util.Arrays.copyOf(levels, 2 * level);
            }
            if (levels[level] == null) {
                levels[level] = new Region(par, Thread.currentThread());
            }
            return levels[level];
        }
    }

    /**
     * The parallel loops of one calling thread at one nesting level, one after another, on the same object and
     * helper tasks, so a steady-state loop allocates nothing. Chunks are claimed by the calling thread and by up
     * to {@code threads - 1} pool helpers from a ticket holding the loop's generation (high 32 bits) and its next
     * chunk (low 32 bits); a claim is a compare-and-set of the ticket, so a helper that the pool starts late, even
     * loops later, can only claim chunks of the loop in progress (it then helps that one). The loop's fields
     * change only between loops, when every chunk has finished and the ticket is closed, so a chunk claimed from
     * the current generation reads that loop's fields. Which thread runs a chunk varies; what a chunk computes
     * does not. The caller waits only for chunks already claimed by running threads (spinning briefly, then
     * parked until the last chunk's finisher wakes it), and nested loops cannot deadlock. The first exception
     * thrown by a chunk is rethrown to the caller after every claimed chunk has finished.
     */
    private static final class Region {
        private static final int SPINS = 1 << 12;
        /** Next-chunk value of a closed ticket: no loop has that many chunks, so nothing can be claimed. */
        private static final long CLOSED = Integer.MAX_VALUE;
        private final ForkJoinPool pool;
        private final Thread caller;
        private final Helper[] helpers;
        private final AtomicLong ticket = new AtomicLong();
        private final AtomicInteger done = new AtomicInteger();
        private int generation;
        private int n;
        private int grain;
        private int chunks;
        private RangeBody body;
        private volatile Throwable error;

        Region(Parallel par, Thread caller) {
            this.pool = par.pool;
            this.caller = caller;
            this.helpers = new Helper[par.threads - 1];
            for (int h = 0; h < helpers.length; h++) {
                helpers[h] = new Helper(this);
                helpers[h].quietlyComplete(); // idle until first handed to the pool
            }
        }

        void run(int n, int grain, int chunks, RangeBody body) {
            // Closed first, by an atomic exchange: a claimer that read the last loop's ticket and then sees a field
            // of this loop finds the ticket changed, so its claim fails (a plain store of the ticket after the fields
            // would let it claim a chunk past the last loop's end).
            ticket.getAndSet((long) ++generation << 32 | CLOSED);
            this.n = n;
            this.grain = grain;
            this.chunks = chunks;
            this.body = body;
            this.error = null;
            done.set(0);
            ticket.set((long) ++generation << 32); // opens this loop and publishes the fields above to every claimer
            try {
                // A helper still queued or running from an earlier loop will claim chunks of this one; only the
                // finished ones go back to the pool.
                for (int h = 0; h < Math.min(helpers.length, chunks - 1); h++) {
                    if (helpers[h].isDone()) {
                        helpers[h].reinitialize();
                        pool.execute(helpers[h]);
                    }
                }
                work(); // the caller claims chunks too: it never parks while work is left
                await();
            } finally {
                this.body = null; // do not keep the caller's objects alive
            }
        }

        void work() {
            while (true) {
                long t = ticket.get();
                int c = (int) t;
                if (c >= chunks) {
                    return;
                }
                if (!ticket.compareAndSet(t, t + 1)) {
                    continue;
                }
                try {
                    if (error == null) {
                        body.run(c * grain, Math.min(n, (c + 1) * grain));
                    }
                } catch (Throwable e) {
                    if (error == null) {
                        error = e;
                    }
                } finally {
                    if (done.incrementAndGet() == chunks) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        void await() {
            for (int spin = 0; done.get() < chunks; spin++) {
                if (spin < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 50_000L);
                }
            }
            Throwable t = error;
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            if (t != null) {
                throw new IllegalStateException("a parallel chunk failed", t);
            }
        }
    }

    /** A pool task that claims chunks of its region's loop in progress; handed to the pool again once finished. */
    private static final class Helper extends ForkJoinTask<Void> {
        private static final long serialVersionUID = 1L;
        private final transient Region region;

        Helper(Region region) {
            this.region = region;
        }

        @Override
        protected boolean exec() {
            region.work();
            return true;
        }

        @Override
        public Void getRawResult() {
            return null;
        }

        @Override
        protected void setRawResult(Void value) {
        }
    }
}
