package advtrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX, CSV and npz-as-dataset: round trips bit for bit, and every kind of bad file. */
class FormatsTest {

    @TempDir
    Path tmp;

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed * 7 + (i >> 3));
        }
        return b;
    }

    private Path idxDir(int nTrain, int nTest, boolean gzip) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("idx" + nTrain + gzip));
        String gz = gzip ? ".gz" : "";
        Idx.write(dir.resolve("train-images-idx3-ubyte" + gz), new int[] {nTrain, 3, 5}, bytes(nTrain * 15, 1), gzip);
        Idx.write(dir.resolve("train-labels-idx1-ubyte" + gz), new int[] {nTrain}, labels(nTrain), gzip);
        Idx.write(dir.resolve("t10k-images-idx3-ubyte" + gz), new int[] {nTest, 3, 5}, bytes(nTest * 15, 2), gzip);
        Idx.write(dir.resolve("t10k-labels-idx1-ubyte" + gz), new int[] {nTest}, labels(nTest), gzip);
        return dir;
    }

    private static byte[] labels(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % 4);
        }
        return b;
    }

    @Test
    void idxRoundTripRawAndGzipIsBitIdentical() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            Path f = tmp.resolve("img" + gzip);
            byte[] data = bytes(7 * 4 * 3, 5);
            Idx.write(f, new int[] {7, 4, 3}, data, gzip);
            Idx.Contents c = Idx.read(f, 3);
            assertArrayEquals(new int[] {7, 4, 3}, c.dims());
            assertArrayEquals(data, c.data());
            assertEquals(Hashes.sha256(Idx.toBytes(new int[] {7, 4, 3}, data)), c.sha256(), "sha256 of the uncompressed bytes");
        }
    }

    @Test
    void idxDirectoryLoadsSplitsWithLabelsAndValues() throws IOException {
        Path dir = idxDir(10, 6, true);
        Dataset train = DataSpec.parse("idx:" + dir + ",split=train").load();
        Dataset test = DataSpec.parse("idx:" + dir + ",split=test").load();
        Dataset all = DataSpec.parse("idx:" + dir).load();
        assertEquals(10, train.n());
        assertEquals(6, test.n());
        assertEquals(16, all.n());
        assertEquals(15, all.d());
        assertEquals(4, all.classes());
        byte[] px = bytes(150, 1);
        for (int i = 0; i < 150; i++) {
            assertEquals(px[i] & 0xFF, train.x()[i]);
        }
        assertArrayEquals(Arrays.copyOfRange(all.x(), 150, 240), test.x());
        Dataset unit = DataSpec.parse("idx:" + dir + ",split=test,normalize=unit").load();
        for (int i = 0; i < unit.x().length; i++) {
            assertEquals(test.x()[i] / 255.0, unit.x()[i], 1e-15, "unit uses the declared 0..255 range");
        }
    }

    private String error(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> DataSpec.parse(spec).load()).getMessage();
    }

    @Test
    void idxWrongMagicIsRejected() throws IOException {
        Path dir = idxDir(4, 2, false);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        Files.copy(dir.resolve("train-images-idx3-ubyte"), labels, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String m = error("idx:" + dir + ",split=train");
        assertTrue(m.contains("train-labels-idx1-ubyte") && m.contains("wrong IDX magic 0x00000803") && m.contains("0x00000801"), m);
    }

    @Test
    void idxTruncatedGzipIsRejected() throws IOException {
        Path dir = idxDir(40, 2, true);
        Path f = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 12));
        String m = error("idx:" + dir + ",split=train");
        assertTrue(m.contains("train-images-idx3-ubyte.gz") && m.contains("truncated gzip"), m);
    }

    @Test
    void idxImageAndLabelCountsMustMatch() throws IOException {
        Path dir = idxDir(5, 2, false);
        Idx.write(dir.resolve("train-labels-idx1-ubyte"), new int[] {4}, labels(4), false);
        String m = error("idx:" + dir + ",split=train");
        assertTrue(m.contains("holds 5 images") && m.contains("holds 4 labels"), m);
    }

    @Test
    void idxHeaderThatLiesAboutItsSizeIsRejected() throws IOException {
        Path dir = idxDir(5, 2, false);
        Path f = dir.resolve("t10k-images-idx3-ubyte");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 1));
        String m = error("idx:" + dir + ",split=test");
        assertTrue(m.contains("t10k-images-idx3-ubyte") && m.contains("2 x 3 x 5 = 30") && m.contains("holds 29"), m);
        assertTrue(error("idx:" + tmp.resolve("nowhere")).contains("no such directory"));
    }

    private Dataset sample(int classes) {
        int n = 13;
        int d = 3;
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.scalb((i * 0.7548776662466927) % 1.0 - 0.5, i % 40 - 20); // many exponents, full mantissas
        }
        x[5] = -0.0;
        x[7] = Double.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            y[i] = classes == 2 ? (i % 3 == 0 ? 1 : -1) : i % classes;
        }
        return new Dataset("sample", "test", n, d, x, y, classes);
    }

    @Test
    void csvRoundTripWithAndWithoutHeaderIsBitIdentical() throws IOException {
        for (int classes : new int[] {2, 4}) {
            for (boolean header : new boolean[] {false, true}) {
                Dataset ds = sample(classes);
                Path f = tmp.resolve("s" + classes + header + ".csv");
                Csv.write(f, ds, header);
                Dataset back = DataSpec.parse("csv:" + f + (header ? ",label=label" : ",label=last")).load();
                assertEquals(ds.contentSha256(), back.contentSha256(), "classes " + classes + ", header " + header);
                assertEquals(Hashes.sha256(f), back.sha256());
            }
        }
    }

    @Test
    void npzRoundTripThroughTheDataSpecIsBitIdentical() throws IOException {
        for (int classes : new int[] {2, 4}) {
            Dataset ds = sample(classes);
            long[] y = new long[ds.n()];
            for (int i = 0; i < y.length; i++) {
                y[i] = ds.y()[i];
            }
            Map<String, NdArray> m = new LinkedHashMap<>();
            m.put("x", NdArray.ofDoubles(ds.x(), ds.n(), ds.d()));
            m.put("y", NdArray.ofLongs(y, ds.n()));
            Path f = tmp.resolve("s" + classes + ".npz");
            Npz.write(f, m, classes == 2);
            assertEquals(ds.contentSha256(), DataSpec.parse("npz:" + f).load().contentSha256());
        }
    }

    @Test
    void csvLabelByIndexNameAndStringClasses() throws IOException {
        Path f = tmp.resolve("h.csv");
        Files.writeString(f, "kind,a,b\ncat,1,2\ndog,3,4\n\ncat,5,6\n\"bird\",7,8\n");
        Dataset ds = DataSpec.parse("csv:" + f + ",label=kind").load();
        assertEquals(3, ds.classes());
        assertArrayEquals(new String[] {"bird", "cat", "dog"}, ds.classNames());
        assertArrayEquals(new int[] {1, 2, 1, 0}, ds.y());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, ds.x());
        assertEquals(ds.contentSha256(), DataSpec.parse("csv:" + f + ",label=0").load().contentSha256());
        Dataset two = DataSpec.parse("csv:" + f + ",label=first,classes=2,1").load();
        assertArrayEquals(new String[] {"dog", "cat"}, two.classNames(), "the first listed class (2: dog) is -1");
        assertArrayEquals(new int[] {1, -1, 1}, two.y());
    }

    private Path csv(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void csvSplitHonoursQuotesAndNamesTheLineOfABadQuote() {
        List<Csv.Line> lines = Csv.split("a,\"b,c\"\n\n\"multi\nline\",\"say \"\"hi\"\"\"\n", "q.csv");
        assertEquals(2, lines.size());
        assertEquals(1, lines.get(0).number());
        assertEquals(List.of("a", "b,c"), lines.get(0).cells());
        assertEquals(3, lines.get(1).number());
        assertEquals(List.of("multi\nline", "say \"hi\""), lines.get(1).cells());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Csv.split("1,2\n3,4\"5\"\n", "q.csv"));
        assertEquals("q.csv:2: quote inside an unquoted cell", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Csv.split("1,2\n\"3,4\n", "q.csv"));
        assertEquals("q.csv:2: unterminated quoted field", e.getMessage());
    }

    @Test
    void csvRaggedRowsNonNumericCellsAndNonFiniteValuesNameFileLineColumn() throws IOException {
        String m = error("csv:" + csv("ragged.csv", "1,2,0\n3,4,1\n5,1\n"));
        assertTrue(m.contains("ragged.csv:3: 2 fields, expected 3"), m);
        m = error("csv:" + csv("cells.csv", "a,b,label\n1,2,0\n3,x4,1\n"));
        assertTrue(m.contains("cells.csv:3:2: cell 'x4' (column b) is not a number"), m);
        m = error("csv:" + csv("nan.csv", "1,2,0\n3,NaN,1\n"));
        assertTrue(m.contains("nan.csv:2:2") && m.contains("not finite"), m);
        m = error("csv:" + csv("inf.csv", "1,2,0\n-Infinity,4,1\n"));
        assertTrue(m.contains("inf.csv:2:1") && m.contains("not finite"), m);
        m = error("csv:" + csv("lab.csv", "1,2,0\n3,4,-3\n"));
        assertTrue(m.contains("lab.csv:2:3: label -3 is outside the expected range"), m);
        m = error("csv:" + csv("frac.csv", "1,2,0\n3,4,1.5\n"));
        assertTrue(m.contains("frac.csv:2:3: label 1.5"), m);
        m = error("csv:" + csv("col.csv", "a,b\n1,0\n") + ",label=c");
        assertTrue(m.contains("label=c is not a column"), m);
    }

    /** A real file with NA cells: Palmer penguins (CC0, Debian r-cran-palmerpenguins). */
    @Test
    void penguinsNaCellIsNamedByFileLineAndColumn() {
        Path f = NpyTest.fixture("penguins.csv");
        String m = error("csv:" + f + ",label=species,columns=bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g");
        assertTrue(m.endsWith("penguins.csv:5:3: cell 'NA' (column bill_length_mm) is not a number"), m);
        m = error("csv:" + f + ",label=species");
        assertTrue(m.endsWith("penguins.csv:2:2: cell 'Torgersen' (column island) is not a number"), m);
    }

    @Test
    void npzBadContentsAreRejected() throws IOException {
        Path f = tmp.resolve("nan.npz");
        Npz.write(f, Map.of("x", NdArray.ofDoubles(new double[] {1, 2, Double.NaN, 4}, 2, 2),
                "y", NdArray.ofLongs(new long[] {0, 1}, 2)), false);
        String m = error("npz:" + f);
        assertTrue(m.contains("nan.npz[x]") && m.contains("row 1, column 0") && m.contains("not finite"), m);
        Path g = tmp.resolve("labels.npz");
        Npz.write(g, Map.of("x", NdArray.ofDoubles(new double[] {1, 2}, 2, 1), "y", NdArray.ofLongs(new long[] {0, -4}, 2)), false);
        m = error("npz:" + g);
        assertTrue(m.contains("labels.npz[y]: element 1: label -4 is outside the expected range"), m);
        Path h = tmp.resolve("names.npz");
        Npz.write(h, Map.of("inputs", NdArray.ofDoubles(new double[] {1}, 1, 1)), false);
        m = error("npz:" + h);
        assertTrue(m.contains("needs arrays 'x'") && m.contains("[inputs]"), m);
        m = error("digits:classes=0,12");
        assertTrue(m.contains("class 12 is outside the range 0..9"), m);
    }

    @Test
    void npzFromNumpyLoadsAsDataset() throws IOException {
        Dataset ds = DataSpec.parse("npz:" + NpyTest.fixture("arrays_deflated.npz")).load();
        assertEquals(5, ds.n());
        assertEquals(3, ds.d());
        assertEquals(3, ds.classes());
        assertArrayEquals(new int[] {0, 1, 2, 1, 0}, ds.y());
    }
}
