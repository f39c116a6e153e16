package advtrain.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapacitySearchTest {

    /** Synthetic trial: seed s succeeds from width threshold(s) = base + 7 s on; counts calls. */
    static final class Threshold implements WidthTrial {
        final int base;
        int calls;
        final Set<String> seen = new HashSet<>();

        Threshold(int base) {
            this.base = base;
        }

        int threshold(long seed) {
            return base + 7 * (int) seed;
        }

        @Override
        public boolean succeeds(int width, long seed) {
            calls++;
            assertTrue(seen.add(width + "/" + seed), "trial repeated: width " + width + ", seed " + seed);
            return width >= threshold(seed);
        }
    }

    /** All 3 seeds required: the smallest multiple of step at or above the largest threshold (base + 14). */
    @Test
    void findsSmallestWidthWhereEverySeedSucceeds() {
        Threshold t = new Threshold(300);
        CapacitySearch s = new CapacitySearch(8, 4096, 2.0, 2, 0.0, 0, 3, 3);
        CapacitySearch.Result r = s.search(t);
        assertEquals(314, r.width());
        assertEquals(312, r.lastFailingWidth());
        // galloping 8..512 (7 widths) + bisection of (256, 512] on even widths (7 steps), at most 3 seeds each
        assertTrue(t.calls <= 3 * 14, "calls " + t.calls);
        assertEquals(t.calls, r.trials().size());
    }

    /** Majority (2 of 3): the median threshold; resolution 5% stops the bisection early with a passing width. */
    @Test
    void majorityAndResolution() {
        CapacitySearch exact = new CapacitySearch(10, 10_000, 2.0, 1, 0.0, 0, 3, 2);
        assertEquals(107, exact.search(new Threshold(100)).width());
        CapacitySearch coarse = new CapacitySearch(10, 10_000, 2.0, 1, 0.05, 0, 3, 2);
        CapacitySearch.Result r = coarse.search(new Threshold(100));
        assertTrue(r.width() >= 107 && r.width() <= 107 * 1.05 + 1, r.toString());
        assertTrue(r.width() - r.lastFailingWidth() <= 0.05 * r.width() + 1, r.toString());
    }

    /** Robust interpolation needing a wider net shows up as a ratio > 1; nothing found gives -1 and NaN. */
    @Test
    void compareReportsRatioAndNotFound() {
        CapacitySearch s = new CapacitySearch(4, 2048, 2.0, 2, 0.0, 5, 2, 2);
        CapacitySearch.Comparison c = s.compare(new Threshold(40), new Threshold(400));
        assertEquals(40 + 7 * 6, c.interpolation().width());
        assertEquals(400 + 7 * 6, c.robustInterpolation().width());
        assertEquals((400.0 + 42) / 82, c.ratio(), 1e-15);
        CapacitySearch.Result none = s.search((w, seed) -> false);
        assertFalse(none.found());
        assertEquals(2048, none.lastFailingWidth());
        assertTrue(Double.isNaN(new CapacitySearch.Comparison(none, none).ratio()));
        // the first width passing: nothing failed
        CapacitySearch.Result first = s.search((w, seed) -> true);
        assertEquals(4, first.width());
        assertEquals(-1, first.lastFailingWidth());
    }

    @Test
    void badSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CapacitySearch(8, 64, 2, 2, 0, 0, 3, 4));
        assertEquals("need 1 <= required <= seeds, got required=4, seeds=3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CapacitySearch(8, 64, 1.0, 2, 0, 0, 3, 3));
        assertEquals("width growth factor must be > 1, got 1.0", e.getMessage());
    }
}
