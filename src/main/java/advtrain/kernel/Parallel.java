package advtrain.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
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
        Region region = new Region(n, grain, chunks, body, Thread.currentThread());
        int helpers = Math.min(threads - 1, chunks - 1);
        for (int h = 0; h < helpers; h++) {
            pool.execute(region);
        }
        region.work(); // the caller claims chunks too: it never parks while work is left
        region.await();
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

    /**
     * One parallel loop: chunks are claimed from a shared counter by the calling thread and by up to
     * {@code threads - 1} pool helpers. Which thread runs a chunk varies; what a chunk computes does not.
     * The caller waits only for chunks already claimed by running threads (spinning briefly, then parked
     * until the last chunk's finisher wakes it), so a helper that starts late finds nothing to do and
     * nested loops cannot deadlock. The first exception thrown by a chunk is rethrown to the caller
     * after every claimed chunk has finished.
     */
    private static final class Region implements Runnable {
        private static final int SPINS = 1 << 12;
        private final int n;
        private final int grain;
        private final int chunks;
        private final RangeBody body;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable error;

        Region(int n, int grain, int chunks, RangeBody body, Thread caller) {
            this.n = n;
            this.grain = grain;
            this.chunks = chunks;
            this.body = body;
            this.caller = caller;
        }

        @Override
        public void run() {
            work();
        }

        void work() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    if (error == null) {
                        body.run(c * grain, Math.min(n, (c + 1) * grain));
                    }
                } catch (Throwable t) {
                    if (error == null) {
                        error = t;
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
}
