package advtrain.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomStreamTest {

    @Test
    void sameKeySameStreamDifferentKeyDifferentStream() {
        assertEquals(RandomStream.of(7, "init", 3).nextLong(), RandomStream.of(7, "init", 3).nextLong());
        assertNotEquals(RandomStream.of(7, "init", 3).nextLong(), RandomStream.of(7, "init", 4).nextLong());
        assertNotEquals(RandomStream.of(7, "init", 3).nextLong(), RandomStream.of(8, "init", 3).nextLong());
        assertNotEquals(RandomStream.of(7, "init", 3).nextLong(), RandomStream.of(7, "other", 3).nextLong());
        assertNotEquals(RandomStream.key(7, "a", 1, 2), RandomStream.key(7, "a", 2, 1));
    }

    /** Mean 0 and variance 1 within 5 standard errors for n = 200k draws; third and fourth moments too. */
    @Test
    void gaussianMomentsWithinSamplingError() {
        int n = 200_000;
        RandomStream rs = RandomStream.of(1, "moments");
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        for (int i = 0; i < n; i++) {
            double z = rs.nextGaussian();
            s1 += z;
            s2 += z * z;
            s3 += z * z * z;
            s4 += z * z * z * z;
        }
        double se = 1 / Math.sqrt(n);
        assertEquals(0, s1 / n, 5 * se);
        assertEquals(1, s2 / n, 5 * Math.sqrt(2) * se);
        assertEquals(0, s3 / n, 5 * Math.sqrt(15) * se);
        assertEquals(3, s4 / n, 5 * Math.sqrt(96) * se);
    }

    /** Streams of adjacent keys are uncorrelated: |corr| < 5/sqrt(n). */
    @Test
    void adjacentKeysAreIndependent() {
        int n = 100_000;
        for (int k = 0; k < 4; k++) {
            RandomStream a = RandomStream.of(3, "indep", k), b = RandomStream.of(3, "indep", k + 1);
            double sab = 0;
            for (int i = 0; i < n; i++) {
                sab += (a.nextDouble() - 0.5) * (b.nextDouble() - 0.5);
            }
            double corr = sab / n / (1.0 / 12);
            assertTrue(Math.abs(corr) < 5 / Math.sqrt(n), "corr " + corr);
        }
    }

    @Test
    void uniformIntIsUnbiasedAndInRange() {
        RandomStream rs = RandomStream.of(5, "ints");
        int bound = 7, n = 70_000;
        int[] counts = new int[bound];
        for (int i = 0; i < n; i++) {
            counts[rs.nextInt(bound)]++;
        }
        double expected = (double) n / bound;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertTrue(chi2 < 22.5, "chi2 with 6 dof = " + chi2); // p = 0.001
    }

    /** extend and reset give the keyed streams of of(...) without allocating: same keys, same draws. */
    @Test
    void extendAndResetReproduceKeyedStreams() {
        long base = RandomStream.key(7, "pgd.start");
        long key = RandomStream.extend(RandomStream.extend(RandomStream.extend(base, 41), 2), 9);
        assertEquals(RandomStream.key(7, "pgd.start", 41, 2, 9), key);
        RandomStream fresh = RandomStream.of(7, "pgd.start", 41, 2, 9);
        RandomStream reused = RandomStream.of(1, "other");
        reused.nextGaussian(); // leaves a spare Gaussian behind, which reset must drop
        reused.reset(key);
        for (int i = 0; i < 5; i++) {
            assertEquals(fresh.nextGaussian(), reused.nextGaussian());
            assertEquals(fresh.nextLong(), reused.nextLong());
        }
    }
}
