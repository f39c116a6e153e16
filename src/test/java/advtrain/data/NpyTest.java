package advtrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(NpyTest.class.getResource("/fixtures/data/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("missing fixture " + name, e);
        }
    }

    /** The logical values of tools/make-data-fixtures.py, in C order, as the dtype's array. */
    static NdArray expected(String code) {
        int n = 24;
        double[] d = new double[n];
        long[] l = new long[n];
        for (int i = 0; i < n; i++) {
            switch (code) {
                case "f8" -> d[i] = (i - 5) / 3.0;
                case "f4" -> d[i] = (float) ((i - 5) / 3.0);
                case "i8" -> l[i] = (i - 5) * 1000000007L * 1000;
                case "i4" -> l[i] = (i - 5) * 100000007L;
                case "i2" -> l[i] = (i - 5) * 1001L;
                case "u1" -> l[i] = (i * 37) % 256;
                case "u2" -> l[i] = (i * 2731) % 65536;
                case "b1" -> l[i] = i % 3 == 0 ? 1 : 0;
                default -> throw new AssertionError(code);
            }
        }
        NdArray.DType t = NdArray.DType.ofCode(code);
        return t.isFloating() ? NdArray.ofFloating(t, d, 2, 3, 4) : NdArray.ofIntegral(t, l, 2, 3, 4);
    }

    static final String META = "{\"kind\": \"deep\", \"width\": 64, \"note\": \"\u00e9\u4e2d\uD83D\uDE00\"}";

    @Test
    void numpyFixturesReadInEveryDtypeEndiannessAndOrder() throws IOException {
        int files = 0;
        for (String code : List.of("f8", "f4", "i8", "i4", "i2", "u1", "u2", "b1")) {
            List<String> names = new ArrayList<>();
            for (String layout : List.of("c", "f")) {
                if (code.equals("u1") || code.equals("b1")) {
                    names.add(code + "_" + layout + ".npy");
                } else {
                    names.add(code + "_le_" + layout + ".npy");
                    names.add(code + "_be_" + layout + ".npy");
                }
            }
            for (String name : names) {
                assertEquals(expected(code), Npy.read(fixture(name)), name);
                files++;
            }
        }
        assertEquals(28, files);
    }

    @Test
    void numpyUnicodeScalarReadsAsText() throws IOException {
        NdArray a = Npy.read(fixture("unicode_scalar.npy"));
        assertEquals(NdArray.DType.UNICODE, a.dtype());
        assertEquals(META, a.text());
        assertEquals(0, a.ndim());
    }

    @Test
    void numpyNpzStoredAndDeflatedRead() throws IOException {
        for (String name : List.of("arrays_stored.npz", "arrays_deflated.npz")) {
            Map<String, NdArray> m = Npz.read(fixture(name));
            assertEquals(List.of("x", "y", "meta.json"), new ArrayList<>(m.keySet()), name);
            double[] x = new double[15];
            for (int i = 0; i < 15; i++) {
                x[i] = (i - 7) / 4.0;
            }
            assertEquals(NdArray.ofDoubles(x, 5, 3), m.get("x"));
            assertEquals(NdArray.ofLongs(new long[] {0, 1, 2, 1, 0}, 5), m.get("y"));
            assertEquals(META, m.get("meta.json").text());
        }
    }

    /** Every writable dtype, including 0-d, empty and 1-d shapes, survives write-then-read bit for bit. */
    @Test
    void npyRoundTripIsBitIdentical() throws IOException {
        double[] specials = {0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, 1.0 / 3, -1e-300};
        List<NdArray> arrays = List.of(
                NdArray.ofDoubles(specials, 2, 4),
                NdArray.ofDoubles(new double[] {Math.PI}),
                NdArray.ofDoubles(new double[0], 0, 7),
                NdArray.ofFloating(NdArray.DType.FLOAT32, new double[] {1.5f, -0.1f, Float.MAX_VALUE}, 3),
                NdArray.ofLongs(new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE}, 4, 1),
                NdArray.ofInts(new int[] {Integer.MIN_VALUE, 7, Integer.MAX_VALUE}, 3),
                NdArray.ofIntegral(NdArray.DType.UINT8, new long[] {0, 255, 17}, 3),
                NdArray.ofIntegral(NdArray.DType.BOOL, new long[] {0, 1, 1}, 1, 3),
                NdArray.ofIntegral(NdArray.DType.INT16, new long[] {-32768, 32767}, 2),
                NdArray.ofString(META),
                NdArray.ofString(""));
        int i = 0;
        for (NdArray a : arrays) {
            Path f = tmp.resolve("a" + i++ + ".npy");
            Npy.write(f, a);
            NdArray b = Npy.read(f);
            assertEquals(a, b, a.describe());
        }
    }

    /** numpy aligns the data start to 64 bytes; so do we, and the header ends with a newline. */
    @Test
    void writtenHeaderIsAlignedAndNewlineTerminated() {
        byte[] b = Npy.toBytes(NdArray.ofDoubles(new double[12], 3, 4));
        int headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLen) % 64);
        assertEquals('\n', b[10 + headerLen - 1]);
        String header = new String(b, 10, headerLen, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }"), header);
    }

    @Test
    void npzRoundTripStoredAndDeflatedIsBitIdentical() throws IOException {
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("W1", NdArray.ofDoubles(new double[] {1e-310, -2.5, 3, Double.NaN}, 2, 2));
        m.put("y", NdArray.ofLongs(new long[] {-1, 1, 1}, 3));
        m.put("meta.json", NdArray.ofString(META));
        for (boolean deflate : new boolean[] {false, true}) {
            Path f = tmp.resolve("m" + deflate + ".npz");
            Npz.write(f, m, deflate);
            assertEquals(m, Npz.read(f));
            Path g = tmp.resolve("again" + deflate + ".npz");
            Npz.write(g, m, deflate);
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(g), "same arrays, same bytes");
        }
    }

    @Test
    void atomicWriteLeavesNoTemporaryFiles() throws IOException {
        Path f = tmp.resolve("sub/x.npy");
        Npy.write(f, NdArray.ofDoubles(new double[] {1, 2}, 2));
        Npy.write(f, NdArray.ofDoubles(new double[] {3}, 1));
        try (var s = Files.list(f.getParent())) {
            assertEquals(List.of("x.npy"), s.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(NdArray.ofDoubles(new double[] {3}, 1), Npy.read(f));
    }

    @Test
    void failedWriteKeepsTheOldFile() throws IOException {
        Path f = tmp.resolve("keep.npy");
        Npy.write(f, NdArray.ofDoubles(new double[] {1, 2}, 2));
        byte[] before = Files.readAllBytes(f);
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[100]);
            throw new IOException("disk full (simulated)");
        }));
        assertArrayEquals(before, Files.readAllBytes(f));
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count());
        }
    }

    private static byte[] withHeader(String dict, byte[] data) {
        String h = dict;
        int total = 10 + h.length() + 1;
        h = h + " ".repeat((64 - total % 64) % 64) + "\n";
        byte[] out = new byte[10 + h.length() + data.length];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length(), (byte) (h.length() >> 8)};
        System.arraycopy(magic, 0, out, 0, 10);
        System.arraycopy(h.getBytes(StandardCharsets.ISO_8859_1), 0, out, 10, h.length());
        System.arraycopy(data, 0, out, 10 + h.length(), data.length);
        return out;
    }

    private String error(byte[] bytes) throws IOException {
        Path f = tmp.resolve("bad.npy");
        Files.write(f, bytes);
        return assertThrows(IllegalArgumentException.class, () -> Npy.read(f)).getMessage();
    }

    @Test
    void headerThatLiesAboutItsShapeIsRejected() throws IOException {
        String m = error(withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }", new byte[8 * 10]));
        assertTrue(m.contains("bad.npy") && m.contains("(3, 4)") && m.contains("96 bytes") && m.contains("80 bytes"), m);
        m = error(withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", new byte[8 * 3]));
        assertTrue(m.contains("16 bytes") && m.contains("24 bytes"), m);
    }

    @Test
    void unsupportedDtypesAreRejectedByName() throws IOException {
        for (String descr : List.of("<c16", "<f2", "|O", "|S5", "<M8[ns]")) {
            String m = error(withHeader("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1,), }", new byte[16]));
            assertTrue(m.contains("unsupported dtype '" + descr + "'"), m);
        }
        String m = error(withHeader("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        assertTrue(m.contains("structured"), m);
    }

    @Test
    void badMagicTruncatedAndMalformedHeadersAreRejected() throws IOException {
        assertTrue(error("PK\3\4 not an npy file".getBytes(StandardCharsets.ISO_8859_1)).contains("bad magic"));
        assertTrue(error(new byte[] {(byte) 0x93, 'N', 'U'}).contains("shorter than"));
        byte[] ok = Npy.toBytes(NdArray.ofDoubles(new double[] {1, 2, 3}, 3));
        assertTrue(error(java.util.Arrays.copyOf(ok, ok.length - 5)).contains("holds 19 bytes"));
        assertTrue(error(withHeader("{'descr': '<f8', 'shape': (1,), }", new byte[8])).contains("lacks"));
        assertTrue(error(withHeader("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,), }", new byte[8])).contains("malformed"));
        assertTrue(error(withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", new byte[8])).contains("dimension -1"));
        byte[] bool = withHeader("{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }", new byte[] {1, 7});
        assertTrue(error(bool).contains("bool element 1"));
    }

    @Test
    void npzErrorsNameTheArchiveAndEntry() throws IOException {
        Path f = tmp.resolve("bad.npz");
        Files.write(f, "not a zip at all".getBytes(StandardCharsets.ISO_8859_1));
        String m = assertThrows(IllegalArgumentException.class, () -> Npz.read(f)).getMessage();
        assertTrue(m.contains("bad.npz") && m.contains("zip"), m);

        Path g = tmp.resolve("lies.npz");
        byte[] lying = withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", new byte[16]);
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(g))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("x.npy"));
            zip.write(lying);
            zip.closeEntry();
        }
        m = assertThrows(IllegalArgumentException.class, () -> Npz.read(g)).getMessage();
        assertTrue(m.contains("lies.npz[x.npy]") && m.contains("(3,)") && m.contains("16 bytes"), m);

        Path h = tmp.resolve("cut.npz");
        Npz.write(h, Map.of("x", NdArray.ofDoubles(new double[4000], 4000)), true);
        byte[] b = Files.readAllBytes(h);
        Files.write(h, java.util.Arrays.copyOf(b, b.length / 2));
        m = assertThrows(IllegalArgumentException.class, () -> Npz.read(h)).getMessage();
        assertTrue(m.contains("cut.npz"), m);
    }
}
