package advtrain.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void chunksAreFixedByProblemSizeAndGrainOnly() {
        for (int threads = 1; threads <= 3; threads++) {
            try (Parallel par = Parallel.create(threads)) {
                for (int n : new int[] {0, 1, 6, 7, 8, 9, 100, 1001}) {
                    for (int grain : new int[] {1, 3, 7, 8, 1000, 5000}) {
                        List<int[]> ranges = Collections.synchronizedList(new ArrayList<>());
                        AtomicIntegerArray seen = new AtomicIntegerArray(n);
                        par.forRange(n, grain, (from, to) -> {
                            ranges.add(new int[] {from, to});
                            for (int i = from; i < to; i++) {
                                seen.incrementAndGet(i);
                            }
                        });
                        String ctx = "threads=" + threads + " n=" + n + " grain=" + grain;
                        assertEquals(Parallel.chunks(n, grain), ranges.size(), ctx);
                        for (int[] r : ranges) {
                            assertEquals(0, r[0] % grain, ctx + ": chunk starts on a grain boundary");
                            assertEquals(Math.min(n, r[0] + grain), r[1], ctx + ": chunk ends at the next boundary or n");
                        }
                        for (int i = 0; i < n; i++) {
                            assertEquals(1, seen.get(i), ctx + ": index " + i + " visited once");
                        }
                    }
                }
            }
        }
    }

    @Test
    void chunkCountIsCeilingAndRejectsBadGrain() {
        assertEquals(0, Parallel.chunks(0, 4));
        assertEquals(0, Parallel.chunks(-3, 4));
        assertEquals(1, Parallel.chunks(4, 4));
        assertEquals(2, Parallel.chunks(5, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.chunks(5, 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Parallel.create(0));
        assertTrue(e.getMessage().contains("threads must be >= 1, got 0"), e.getMessage());
    }

    /** Terms whose sum depends on the order: any reordering of the chunk partials changes the bits. */
    private static double term(int i) {
        return (i % 3 == 0 ? 1e16 : 1.0) * Math.sin(i) / (1 + i % 17);
    }

    @Test
    void sumRangeIsBitIdenticalOnOneTwoAndThreeThreadsAndAddsChunksInOrder() {
        int n = 10_000, grain = 37;
        double expect = 0;
        for (int c = 0; c < Parallel.chunks(n, grain); c++) {
            double p = 0;
            for (int i = c * grain; i < Math.min(n, (c + 1) * grain); i++) {
                p += term(i);
            }
            expect += p;
        }
        for (int threads = 1; threads <= 3; threads++) {
            try (Parallel par = Parallel.create(threads)) {
                for (int rep = 0; rep < 5; rep++) {
                    double got = par.sumRange(n, grain, (from, to) -> {
                        double p = 0;
                        for (int i = from; i < to; i++) {
                            p += term(i);
                        }
                        return p;
                    });
                    assertEquals(Double.doubleToLongBits(expect), Double.doubleToLongBits(got), "threads=" + threads);
                }
            }
        }
        // The order matters for these terms: a left-to-right sum gives other bits, so the test can fail.
        double flat = 0;
        for (int i = 0; i < n; i++) {
            flat += term(i);
        }
        assertTrue(flat != expect, "terms chosen so that the order shows in the bits");
    }

    @Test
    void nestedCallsCompleteAndCoverEveryIndex() {
        for (int threads = 1; threads <= 3; threads++) {
            try (Parallel par = Parallel.create(threads); Parallel other = Parallel.create(2)) {
                int outer = 13, inner = 101;
                AtomicIntegerArray seen = new AtomicIntegerArray(outer * inner);
                par.forRange(outer, 1, (o0, o1) -> {
                    for (int o = o0; o < o1; o++) {
                        int base = o * inner;
                        par.forRange(inner, 10, (i0, i1) -> {
                            for (int i = i0; i < i1; i++) {
                                seen.incrementAndGet(base + i);
                            }
                        });
                        // A call into another pool from a worker runs inline rather than blocking the worker.
                        double s = other.sumRange(inner, 7, (i0, i1) -> i1 - i0);
                        assertEquals(inner, s);
                    }
                });
                for (int i = 0; i < outer * inner; i++) {
                    assertEquals(1, seen.get(i), "threads=" + threads + " index " + i);
                }
            }
        }
    }

    @Test
    void serialRunsOnTheCallingThreadInChunkOrder() {
        Parallel serial = Parallel.serial();
        assertEquals(1, serial.threads());
        Thread caller = Thread.currentThread();
        List<Integer> starts = new ArrayList<>();
        serial.forRange(20, 6, (from, to) -> {
            assertSame(caller, Thread.currentThread());
            starts.add(from);
        });
        assertEquals(List.of(0, 6, 12, 18), starts);
        serial.close(); // closing the shared serial instance is harmless
        serial.forRange(3, 1, (from, to) -> starts.add(-from));
        assertEquals(7, starts.size());
    }

    @Test
    void exceptionsInABodyReachTheCaller() {
        try (Parallel par = Parallel.create(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> par.forRange(100, 1, (from, to) -> {
                if (from == 57) {
                    throw new IllegalStateException("chunk 57");
                }
            }));
            // ForkJoin may rethrow a copy made on the calling thread (message: the original's toString()).
            assertTrue(e.getMessage().contains("chunk 57"), e.getMessage());
            // The pool still works afterwards.
            assertEquals(100.0, par.sumRange(100, 3, (from, to) -> to - from));
        }
    }

    /** Thousands of back-to-back loops of varying shape on reused regions: every index of every loop exactly once. */
    @Test
    void backToBackLoopsOnReusedRegionsCoverEveryIndexOnce() {
        for (int threads = 2; threads <= 3; threads++) {
            try (Parallel par = Parallel.create(threads)) {
                for (int loop = 0; loop < 3000; loop++) {
                    int n = 1 + loop % 257;
                    AtomicIntegerArray seen = new AtomicIntegerArray(n);
                    par.forRange(n, 1 + loop % 13, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            seen.incrementAndGet(i);
                        }
                    });
                    for (int i = 0; i < n; i++) {
                        assertEquals(1, seen.get(i), "threads=" + threads + " loop " + loop + " index " + i);
                    }
                }
            }
        }
    }

    /**
     * Loops reuse their regions and helper tasks: the calling thread, which used to allocate a region and a task
     * wrapper per loop (about 130 bytes), now allocates only when every region of its level still has a helper
     * queued. Bounded well below one region per loop, so a slow helper now and then does not fail it.
     */
    @Test
    void steadyStateLoopsAllocateAlmostNothingOnTheCaller() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        double[] data = new double[16 * 512];
        Parallel.RangeBody body = (from, to) -> {
            for (int c = from; c < to; c++) {
                for (int i = c * 512; i < (c + 1) * 512; i++) {
                    data[i] = Math.sqrt(data[i] + i);
                }
            }
        };
        try (Parallel par = Parallel.create(2)) {
            for (int warm = 0; warm < 2000; warm++) {
                par.forRange(16, 1, body);
            }
            int loops = 1000;
            long before = bean.getThreadAllocatedBytes(self);
            for (int loop = 0; loop < loops; loop++) {
                par.forRange(16, 1, body);
            }
            long bytes = bean.getThreadAllocatedBytes(self) - before;
            assertTrue(bytes < 16L * loops, bytes + " bytes allocated by the caller in " + loops + " loops");
        }
    }
}
