package advtrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SphereGeneratorTest {

    static Dataset load(String spec) throws IOException {
        return DataSpec.parse(spec).load();
    }

    /** Norm 1 to 1e-12 (a normalised double row is within a few ulps of 1) and the separation for every pair. */
    static void assertOnSphereAndSeparated(Dataset ds, double sep) {
        int d = ds.d();
        double[] x = ds.x();
        for (int i = 0; i < ds.n(); i++) {
            double s = 0;
            for (int t = 0; t < d; t++) {
                s += x[i * d + t] * x[i * d + t];
            }
            assertEquals(1.0, Math.sqrt(s), 1e-12, "row " + i);
        }
        int pairs = 0;
        for (int i = 0; i < ds.n(); i++) {
            for (int j = i + 1; j < ds.n(); j++) {
                if (ds.y()[i] != ds.y()[j]) {
                    double s = 0;
                    for (int t = 0; t < d; t++) {
                        double diff = x[i * d + t] - x[j * d + t];
                        s += diff * diff;
                    }
                    assertTrue(Math.sqrt(s) > sep, "rows " + i + ", " + j + " at " + Math.sqrt(s) + " <= sep " + sep);
                    pairs++;
                }
            }
        }
        assertTrue(pairs > 0, "both labels present");
    }

    @Test
    void everyLabellingIsOnTheSphereAndSeparated() throws IOException {
        for (String label : List.of("random", "teacher", "linear")) {
            for (int classes : new int[] {2, 3}) {
                String spec = "sphere:n=300,d=5,classes=" + classes + ",sep=0.4,seed=11,label=" + label;
                Dataset ds = load(spec);
                assertEquals(300, ds.n());
                assertEquals(classes, ds.classes());
                assertOnSphereAndSeparated(ds, 0.4);
                assertNull(ds.sha256());
                for (int c : ds.classCounts()) {
                    assertTrue(c > 0, spec + ": every class occurs");
                }
            }
        }
    }

    /** The separation is a real constraint here: without it, random labels in d=3 put points of different labels closer than 0.5. */
    @Test
    void separationIsEnforcedWhereChanceWouldViolateIt() throws IOException {
        Dataset free = load("sphere:n=400,d=3,seed=2");
        assertTrue(InterClassDistance.l2(free, advtrain.kernel.Parallel.serial()).distance() < 0.5);
        assertOnSphereAndSeparated(load("sphere:n=400,d=3,seed=2,sep=0.5"), 0.5);
    }

    /** The binary teacher is thresholded at its median on 1024 reference points: class shares within 0.4..0.6 (about 3 standard errors). */
    @Test
    void binaryTeacherLabelsAreAboutBalanced() throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            int[] counts = load("sphere:n=800,d=10,label=teacher,seed=" + seed).classCounts();
            assertTrue(counts[1] >= 320 && counts[1] <= 480, "seed " + seed + ": " + Arrays.toString(counts));
        }
    }

    @Test
    void linearLabelsKeepTheMargin() throws IOException {
        Dataset ds = load("sphere:n=200,d=6,label=linear,margin=0.3,seed=5");
        // |w.x| >= margin on both sides, so points of different labels are at least 2 * margin apart.
        assertTrue(InterClassDistance.l2(ds, advtrain.kernel.Parallel.serial()).distance() >= 0.6);
    }

    @Test
    void sameSeedSameDataDifferentSeedOrSplitDifferentData() throws IOException {
        Dataset a = load("sphere:n=200,d=7,classes=3,sep=0.2,seed=9,label=teacher");
        Dataset b = load("sphere:n=200,d=7,classes=3,sep=0.2,seed=9,label=teacher");
        assertTrue(Arrays.equals(a.x(), b.x()) && Arrays.equals(a.y(), b.y()));
        assertEquals(a.contentSha256(), b.contentSha256());
        assertNotEquals(a.contentSha256(), load("sphere:n=200,d=7,classes=3,sep=0.2,seed=10,label=teacher").contentSha256());
        Dataset test = load("sphere:n=200,d=7,classes=3,sep=0.2,seed=9,label=teacher,split=test");
        assertNotEquals(a.contentSha256(), test.contentSha256());
        assertEquals(a.contentSha256(), load("sphere:n=200,d=7,classes=3,sep=0.2,seed=9,label=teacher,split=train").contentSha256());
    }

    /** Pinned value: the generator's output must not drift between versions or machines. */
    @Test
    void generatorOutputIsPinned() throws IOException {
        Dataset ds = load("sphere:n=64,d=4,sep=0.3,seed=1");
        assertEquals("c66a7a5b", ds.contentSha256().substring(0, 8), "regression pin recorded from this implementation");
    }

    @Test
    void impossibleRequestFailsWithTheNumbers() {
        // On the circle, 3 classes pairwise more than 1.8 apart cannot hold 50 points (sqrt(3) < 1.8).
        String m = assertThrows(IllegalArgumentException.class, () -> load("sphere:n=50,d=2,classes=3,sep=1.8,seed=1")).getMessage();
        assertTrue(m.contains("n=50") && m.contains("d=2") && m.contains("classes=3") && m.contains("sep=1.8")
                && m.contains(SphereGenerator.MAX_ATTEMPTS + " tries"), m);
        m = assertThrows(IllegalArgumentException.class, () -> load("sphere:sep=2")).getMessage();
        assertTrue(m.contains("sep must be in [0, 2)"), m);
        m = assertThrows(IllegalArgumentException.class, () -> load("sphere:label=linear,margin=1")).getMessage();
        assertTrue(m.contains("margin must be in [0, 1)"), m);
    }
}
