package advtrain.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

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
        ChunkTask task = new ChunkTask(n, grain, 0, chunks, body);
        if (ForkJoinTask.getPool() == pool) {
            task.invoke();
        } else {
            pool.invoke(task);
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

    private static final class ChunkTask extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final int n;
        private final int grain;
        private final int c0;
        private final int c1;
        private final transient RangeBody body;

        ChunkTask(int n, int grain, int c0, int c1, RangeBody body) {
            this.n = n;
            this.grain = grain;
            this.c0 = c0;
            this.c1 = c1;
            this.body = body;
        }

        @Override
        protected void compute() {
            if (c1 - c0 == 1) {
                body.run(c0 * grain, Math.min(n, (c0 + 1) * grain));
                return;
            }
            int mid = (c0 + c1) >>> 1;
            ChunkTask left = new ChunkTask(n, grain, c0, mid, body);
            ChunkTask right = new ChunkTask(n, grain, mid, c1, body);
            invokeAll(left, right);
        }
    }
}
