package advtrain.theory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The search of the capacity experiment (paper section 6): the smallest width at which a
 * {@link WidthTrial} succeeds for enough seeds, run once for interpolation and once for robust
 * interpolation (then {@link #compare}).
 *
 * <p>A width "passes" when at least {@code required} of the {@code seeds} seeds (seeds
 * {@code firstSeed .. firstSeed+seeds-1}) succeed; seeds are tried in order and the tally stops as
 * soon as the verdict is decided. The search assumes passing is monotone in width (wider networks
 * interpolate at least as easily), which holds in expectation, not per seed:
 * <ol>
 *   <li>galloping: widths {@code minWidth, minWidth * growth, ...} (rounded up to a multiple of
 *       {@code step}) up to {@code maxWidth} until one passes;</li>
 *   <li>bisection between the last failing and the first passing width, on multiples of
 *       {@code step}, until they are at most {@code max(step, resolution * upper)} apart.</li>
 * </ol>
 * Every (width, seed) trial runs at most once (results are cached) and is logged in order. The result
 * is the smallest passing width found, or empty when even {@code maxWidth} fails.
 */
public final class CapacitySearch {

    /** One trial as run: width, seed, outcome. */
    public record Trial(int width, long seed, boolean success) {
    }

    /** The outcome of a search: the smallest passing width (or -1), the bracket and the trial log. */
    public record Result(int width, int lastFailingWidth, List<Trial> trials) {

        /** True when some width up to the maximum passed. */
        public boolean found() {
            return width > 0;
        }

        @Override
        public String toString() {
            return found()
                    ? String.format(Locale.ROOT, "smallest passing width %d (largest failing %s; %d trials)", width,
                    lastFailingWidth > 0 ? Integer.toString(lastFailingWidth) : "none tried", trials.size())
                    : String.format(Locale.ROOT, "no width up to the maximum passed (%d trials)", trials.size());
        }
    }

    /** Both searches side by side: the ratio robust / clean width is the section-6 capacity gap. */
    public record Comparison(Result interpolation, Result robustInterpolation) {

        /** robust width / clean width, NaN unless both were found. */
        public double ratio() {
            return interpolation.found() && robustInterpolation.found()
                    ? (double) robustInterpolation.width() / interpolation.width() : Double.NaN;
        }
    }

    private final int minWidth;
    private final int maxWidth;
    private final double growth;
    private final int step;
    private final double resolution;
    private final long firstSeed;
    private final int seeds;
    private final int required;

    /**
     * @param minWidth   first width tried (>= step)
     * @param maxWidth   largest width tried
     * @param growth     factor between galloping widths (> 1)
     * @param step       widths are multiples of this (2 for the two-layer net's paired init)
     * @param resolution relative width resolution of the bisection (in [0, 1))
     * @param firstSeed  first seed
     * @param seeds      seeds per width (>= 1)
     * @param required   successes needed for a width to pass (1..seeds)
     */
    public CapacitySearch(int minWidth, int maxWidth, double growth, int step, double resolution,
                          long firstSeed, int seeds, int required) {
        if (step < 1) {
            throw new IllegalArgumentException("width step must be >= 1, got " + step);
        }
        if (minWidth < step || maxWidth < minWidth) {
            throw new IllegalArgumentException("need step <= min width <= max width, got step=" + step
                    + ", min=" + minWidth + ", max=" + maxWidth);
        }
        if (!(growth > 1.0)) {
            throw new IllegalArgumentException("width growth factor must be > 1, got " + growth);
        }
        if (!(resolution >= 0.0 && resolution < 1.0)) {
            throw new IllegalArgumentException("width resolution must be in [0, 1), got " + resolution);
        }
        if (seeds < 1 || required < 1 || required > seeds) {
            throw new IllegalArgumentException("need 1 <= required <= seeds, got required=" + required + ", seeds=" + seeds);
        }
        this.minWidth = roundUp(minWidth, step);
        this.maxWidth = maxWidth - maxWidth % step;
        if (this.maxWidth < this.minWidth) {
            throw new IllegalArgumentException("no multiple of " + step + " between " + minWidth + " and " + maxWidth);
        }
        this.growth = growth;
        this.step = step;
        this.resolution = resolution;
        this.firstSeed = firstSeed;
        this.seeds = seeds;
        this.required = required;
    }

    /** Runs the search for one goal. */
    public Result search(WidthTrial trial) {
        Map<Long, Boolean> cache = new LinkedHashMap<>();
        List<Trial> log = new ArrayList<>();
        int lo = -1; // largest width known to fail
        int hi = -1; // smallest width known to pass
        int w = minWidth;
        while (true) {
            if (passes(trial, w, cache, log)) {
                hi = w;
                break;
            }
            lo = w;
            if (w >= maxWidth) {
                return new Result(-1, lo, List.copyOf(log));
            }
            long next = roundUp((long) Math.ceil(w * growth), step);
            w = (int) Math.min(maxWidth, Math.max(next, (long) w + step));
        }
        while (lo > 0 && hi - lo > Math.max(step, resolution * hi)) {
            int mid = roundUp(lo + (hi - lo) / 2, step);
            if (mid >= hi) {
                mid = hi - step;
            }
            if (mid <= lo) {
                break;
            }
            if (passes(trial, mid, cache, log)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return new Result(hi, lo, List.copyOf(log));
    }

    /** Runs both searches, interpolation first. */
    public Comparison compare(WidthTrial interpolation, WidthTrial robustInterpolation) {
        return new Comparison(search(interpolation), search(robustInterpolation));
    }

    private boolean passes(WidthTrial trial, int width, Map<Long, Boolean> cache, List<Trial> log) {
        int ok = 0;
        for (int s = 0; s < seeds; s++) {
            long seed = firstSeed + s;
            long key = ((long) width << 32) ^ s;
            Boolean r = cache.get(key);
            if (r == null) {
                r = trial.succeeds(width, seed);
                cache.put(key, r);
                log.add(new Trial(width, seed, r));
            }
            if (r) {
                ok++;
            }
            if (ok >= required) {
                return true;
            }
            if (ok + (seeds - s - 1) < required) {
                return false;
            }
        }
        return ok >= required;
    }

    private static int roundUp(int v, int step) {
        return (int) roundUp((long) v, step);
    }

    private static long roundUp(long v, int step) {
        return ((v + step - 1) / step) * step;
    }
}
