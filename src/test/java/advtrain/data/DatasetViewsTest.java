package advtrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DatasetViewsTest {

    /** 20 rows, d = 3, labels i % 4, row i = (i, 2i - 7, (i % 3) - 1). */
    private static Dataset four() {
        int n = 20;
        double[] x = new double[n * 3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[3 * i] = i;
            x[3 * i + 1] = 2 * i - 7;
            x[3 * i + 2] = (i % 3) - 1;
            y[i] = i % 4;
        }
        return new Dataset("four", "test", n, 3, x, y, 4, "abc", new String[] {"a", "b", "c", "d"});
    }

    @Test
    void classSubsetOfTwoIsBinaryWithTheSecondListedAsPlusOne() {
        Dataset b = four().classSubset(new int[] {3, 1});
        assertEquals(2, b.classes());
        assertEquals(10, b.n());
        assertArrayEquals(new String[] {"d", "b"}, b.classNames());
        for (int r = 0; r < b.n(); r++) {
            int original = (int) b.x()[3 * r] % 4;
            assertEquals(original == 1 ? 1 : -1, b.y()[r]);
        }
        Dataset three = four().classSubset(new int[] {2, 0, 3});
        assertEquals(3, three.classes());
        assertArrayEquals(new String[] {"c", "a", "d"}, three.classNames());
        // classes relabelled to their listed position: 2 -> 0, 0 -> 1, 3 -> 2; rows in their original order
        assertArrayEquals(new int[] {1, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0, 2}, three.y());
        assertThrows(IllegalArgumentException.class, () -> four().classSubset(new int[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> four().classSubset(new int[] {1}));
    }

    @Test
    void shuffleIsADeterministicPermutation() {
        Dataset a = four().shuffled(5);
        Dataset b = four().shuffled(5);
        assertArrayEquals(a.x(), b.x());
        assertNotEquals(Arrays.toString(a.x()), Arrays.toString(four().x()));
        assertNotEquals(Arrays.toString(a.x()), Arrays.toString(four().shuffled(6).x()));
        double[] firsts = new double[a.n()];
        for (int r = 0; r < a.n(); r++) {
            firsts[r] = a.x()[3 * r];
            assertEquals((int) firsts[r] % 4, a.y()[r], "label travels with its row");
        }
        Arrays.sort(firsts);
        for (int i = 0; i < firsts.length; i++) {
            assertEquals(i, firsts[i]);
        }
    }

    @Test
    void headAndEveryFifthSplitPartitionTheRows() {
        assertEquals(7, four().head(7).n());
        assertEquals(20, four().head(99).n());
        int[] test = DataSources.everyFifth(23, true);
        int[] train = DataSources.everyFifth(23, false);
        assertArrayEquals(new int[] {4, 9, 14, 19}, test);
        assertEquals(19, train.length);
        assertTrue(Arrays.stream(train).noneMatch(i -> i % 5 == 4));
    }

    @Test
    void sphereNormalisationGivesUnitRowsAndRejectsZeroRows() {
        Dataset s = four().normalized(Normalization.SPHERE, null);
        for (int i = 0; i < s.n(); i++) {
            double q = 0;
            for (int t = 0; t < 3; t++) {
                q += s.x()[3 * i + t] * s.x()[3 * i + t];
            }
            assertEquals(1.0, Math.sqrt(q), 1e-15, "row " + i);
        }
        Dataset zero = new Dataset("z", "t", 2, 2, new double[] {1, 0, 0, 0}, new int[] {1, -1}, 2);
        String m = assertThrows(IllegalArgumentException.class, () -> zero.normalized(Normalization.SPHERE, null)).getMessage();
        assertTrue(m.contains("row 1 has l2 norm 0"), m);
    }

    @Test
    void unitAndStandardNormalisation() {
        Dataset u = four().normalized(Normalization.UNIT, null);
        assertEquals(0.0, Arrays.stream(u.x()).min().getAsDouble());
        assertEquals(1.0, Arrays.stream(u.x()).max().getAsDouble());
        Dataset r = four().normalized(Normalization.UNIT, new double[] {-10, 40});
        assertEquals((19 + 10) / 50.0, r.x()[3 * 19], 1e-15);
        Dataset st = four().normalized(Normalization.STANDARD, null);
        for (int t = 0; t < 3; t++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < st.n(); i++) {
                mean += st.x()[3 * i + t];
                sq += st.x()[3 * i + t] * st.x()[3 * i + t];
            }
            // n = 20 values of size O(1): the sums are exact to ~20 ulps.
            assertEquals(0.0, mean / st.n(), 1e-14, "feature " + t);
            assertEquals(1.0, sq / st.n(), 1e-14, "feature " + t);
        }
        assertArrayEquals(four().x(), four().normalized(Normalization.NONE, null).x());
    }

    @Test
    void viewsKeepProvenanceShaAndLeaveTheOriginalAlone() {
        Dataset base = four();
        double[] before = base.x().clone();
        Dataset v = base.shuffled(1).head(9).normalized(Normalization.SPHERE, null);
        assertArrayEquals(before, base.x());
        assertEquals("abc", v.sha256());
        assertEquals("test", v.provenance());
        assertArrayEquals(new int[] {5, 5, 5, 5}, base.classCounts());
    }

    @Test
    void contentShaChangesWithAnyBit() {
        Dataset a = four();
        double[] x = a.x().clone();
        x[17] = Math.nextUp(x[17]);
        Dataset b = new Dataset("four", "test", 20, 3, x, a.y(), 4);
        assertNotEquals(a.contentSha256(), b.contentSha256());
        assertEquals(a.contentSha256(), four().contentSha256());
    }
}
