package advtrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.kernel.Parallel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinDataTest {

    @TempDir
    Path tmp;

    @Test
    void digitsLoadsVerifiedWithKnownShapeAndCounts() throws IOException {
        Dataset ds = DataSpec.parse("digits").load();
        assertEquals(1797, ds.n());
        assertEquals(64, ds.d());
        assertEquals(10, ds.classes());
        assertEquals(DataSources.DIGITS_SHA256, ds.sha256());
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, ds.classCounts());
        double max = 0;
        for (double v : ds.x()) {
            assertEquals(Math.rint(v), v);
            max = Math.max(max, v);
        }
        assertEquals(16.0, max);
        assertEquals(1438, DataSpec.parse("digits:split=train").load().n());
        assertEquals(359, DataSpec.parse("digits:split=test").load().n());
    }

    /** NOTES.md: after normalising to the sphere, the smallest inter-class distance is 0.273 (digits) and 0.472 (0 vs 1). */
    @Test
    void digitsMinInterClassDistanceOnTheSphere() throws IOException {
        Dataset all = DataSpec.parse("digits:normalize=sphere").load();
        assertEquals(0.273, InterClassDistance.l2(all, Parallel.serial()).distance(), 5e-4);
        Dataset binary = DataSpec.parse("digits:classes=0,1,normalize=sphere").load();
        assertEquals(2, binary.classes());
        assertArrayEquals(new String[] {"0", "1"}, binary.classNames());
        assertEquals(0.472, InterClassDistance.l2(binary, Parallel.serial()).distance(), 5e-4);
    }

    @Test
    void digitsFoundThroughAdvtrainHomeAndTamperingIsDetected() throws IOException {
        String old = System.getProperty("advtrain.home");
        try {
            Path home = tmp.resolve("home");
            Files.createDirectories(home.resolve("datasets"));
            byte[] b = Files.readAllBytes(DataHome.datasets().resolve("digits.csv.gz"));
            Files.write(home.resolve("datasets/digits.csv.gz"), b);
            System.setProperty("advtrain.home", home.toString());
            assertEquals(1797, DataSpec.parse("digits").load().n());
            b[b.length / 2] ^= 1;
            Files.write(home.resolve("datasets/digits.csv.gz"), b);
            String m = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("digits").load()).getMessage();
            assertTrue(m.contains("sha256") && m.contains(DataSources.DIGITS_SHA256), m);
            System.setProperty("advtrain.home", tmp.resolve("empty").toString());
            m = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("digits").load()).getMessage();
            assertTrue(m.contains("not found") && m.contains("advtrain.home"), m);
        } finally {
            if (old == null) {
                System.clearProperty("advtrain.home");
            } else {
                System.setProperty("advtrain.home", old);
            }
        }
    }

    @Test
    void fashionMnistMissingSaysHowToGetIt() {
        String old = System.getProperty("advtrain.fashionMnist");
        try {
            System.setProperty("advtrain.fashionMnist", tmp.resolve("none").toString());
            String m = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("fashion-mnist").load()).getMessage();
            assertTrue(m.contains("tools/fetch-fashion-mnist") && m.contains("dataset-fashion-mnist") && m.contains("ADVTRAIN_FASHION_MNIST"), m);
        } finally {
            if (old == null) {
                System.clearProperty("advtrain.fashionMnist");
            } else {
                System.setProperty("advtrain.fashionMnist", old);
            }
        }
    }

    /** Only where Debian's dataset-fashion-mnist is installed: the test split loads and its checksums verify. */
    @Test
    void fashionMnistTestSplitWhenInstalled() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of(DataHome.FASHION_MNIST_DEFAULT)));
        Dataset ds = DataSpec.parse("fashion-mnist:split=test,limit=100").load();
        assertEquals(100, ds.n());
        assertEquals(784, ds.d());
        assertEquals(10, ds.classes());
    }
}
