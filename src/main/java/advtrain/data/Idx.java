package advtrain.data;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of MNIST and Fashion-MNIST, raw or gzip-compressed (recognised by the gzip magic
 * bytes, not the file name). A file is a 4-byte magic {@code 0x00 0x00 TYPE DIMS}, DIMS big-endian
 * 4-byte sizes, then the elements in row-major order. Only TYPE {@code 0x08} (unsigned byte) is used
 * by these datasets and supported here: images have 3 dimensions (n, rows, cols), labels 1 (n).
 *
 * <p>Reading checks the magic, that the element count matches the sizes exactly, and that gzip
 * streams are complete; every error names the file. {@link Contents#sha256()} is the sha256 of the
 * uncompressed bytes, which is what Fashion-MNIST's checksums pin (Debian recompressed the files).
 */
public final class Idx {

    /** The unsigned-byte element type code. */
    private static final int UBYTE = 0x08;

    private Idx() {
    }

    /** An IDX array: its sizes, its bytes (unsigned, row-major) and the sha256 of the uncompressed file. */
    public record Contents(int[] dims, byte[] data, String sha256) {

        /** Number of items (the first dimension). */
        public int items() {
            return dims[0];
        }

        /** Elements per item (the product of the other dimensions). */
        public int itemSize() {
            int s = 1;
            for (int i = 1; i < dims.length; i++) {
                s *= dims[i];
            }
            return s;
        }

        /** The values as doubles 0..255. */
        public double[] toDoubles() {
            double[] out = new double[data.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = data[i] & 0xFF;
            }
            return out;
        }
    }

    /** Reads an IDX file with {@code expectDims} dimensions (3 for images, 1 for labels). */
    public static Contents read(Path file, int expectDims) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        byte[] raw = Files.readAllBytes(file);
        byte[] bytes = isGzip(raw) ? gunzip(raw, file) : raw;
        String sha = Hashes.sha256(bytes);
        if (bytes.length < 4) {
            throw new IllegalArgumentException(file + ": not an IDX file (" + bytes.length + " bytes)");
        }
        ByteBuffer bb = ByteBuffer.wrap(bytes); // IDX is big-endian, ByteBuffer's default
        int magic = bb.getInt();
        int type = (magic >>> 8) & 0xFF;
        int dims = magic & 0xFF;
        if ((magic >>> 16) != 0 || type != UBYTE || dims != expectDims) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s: wrong IDX magic 0x%08X, expected 0x%08X (unsigned bytes, %d dimension%s: %s)", file, magic,
                    (UBYTE << 8) | expectDims, expectDims, expectDims == 1 ? "" : "s", expectDims == 1 ? "labels" : "images"));
        }
        if (bytes.length < 4 + 4 * dims) {
            throw new IllegalArgumentException(file + ": IDX header truncated (" + bytes.length + " bytes, need " + (4 + 4 * dims) + ")");
        }
        int[] sizes = new int[dims];
        long count = 1;
        for (int i = 0; i < dims; i++) {
            sizes[i] = bb.getInt();
            if (sizes[i] < 0) {
                throw new IllegalArgumentException(file + ": IDX dimension " + i + " is " + (sizes[i] & 0xFFFF_FFFFL) + ", too large");
            }
            count *= sizes[i];
        }
        long have = bytes.length - bb.position();
        if (have != count) {
            throw new IllegalArgumentException(file + ": IDX header says " + dimsText(sizes) + " = " + count
                    + " bytes of data, but the file holds " + have);
        }
        byte[] data = new byte[(int) count];
        bb.get(data);
        return new Contents(sizes, data, sha);
    }

    private static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B;
    }

    private static byte[] gunzip(byte[] raw, Path file) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
            in.transferTo(out);
            return out.toByteArray();
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": truncated gzip stream (" + raw.length + " compressed bytes end early)");
        } catch (ZipException e) {
            throw new IllegalArgumentException(file + ": corrupt gzip stream (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": unreadable gzip stream (" + e.getMessage() + ")");
        }
    }

    private static String dimsText(int[] sizes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            sb.append(i > 0 ? " x " : "").append(sizes[i]);
        }
        return sb.toString();
    }

    /** The bytes of an IDX file of unsigned bytes with the given sizes. */
    public static byte[] toBytes(int[] dims, byte[] data) {
        long count = 1;
        for (int s : dims) {
            if (s < 0) {
                throw new IllegalArgumentException("IDX dimension must be >= 0, got " + s);
            }
            count *= s;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("IDX sizes " + dimsText(dims) + " need " + count + " bytes, got " + data.length);
        }
        ByteBuffer bb = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        bb.putInt((UBYTE << 8) | dims.length);
        for (int s : dims) {
            bb.putInt(s);
        }
        bb.put(data);
        return bb.array();
    }

    /** Writes an IDX file atomically, gzip-compressed when {@code gzip}. */
    public static void write(Path file, int[] dims, byte[] data, boolean gzip) throws IOException {
        byte[] bytes = toBytes(dims, data);
        AtomicFiles.write(file, out -> {
            if (gzip) {
                GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
                gz.write(bytes);
                gz.finish();
            } else {
                out.write(bytes);
            }
        });
    }

    /**
     * Reads pairs of (images, labels) files as one table, rows in the order given: rows are images
     * flattened row-major, values 0..255 (the declared range), labels as classes (see {@link Labels}).
     * Errors when a pair's counts differ or the image sizes of two pairs differ.
     */
    static Table readPairs(java.util.List<Path[]> pairs) throws IOException {
        java.util.List<Contents> images = new java.util.ArrayList<>();
        java.util.List<Contents> labels = new java.util.ArrayList<>();
        java.util.List<String> files = new java.util.ArrayList<>();
        int n = 0;
        int d = -1;
        for (Path[] p : pairs) {
            Contents img = read(p[0], 3);
            Contents lab = read(p[1], 1);
            if (img.items() != lab.items()) {
                throw new IllegalArgumentException(p[0] + " holds " + img.items() + " images but " + p[1] + " holds "
                        + lab.items() + " labels; the counts must match");
            }
            if (img.itemSize() < 1 || (d >= 0 && img.itemSize() != d)) {
                throw new IllegalArgumentException(p[0] + ": images of size " + dimsText(img.dims()) + " have "
                        + img.itemSize() + " pixels, expected " + (d >= 0 ? d : "at least 1"));
            }
            d = img.itemSize();
            n = Math.addExact(n, img.items());
            images.add(img);
            labels.add(lab);
            files.add(img.sha256() + "  " + p[0]);
            files.add(lab.sha256() + "  " + p[1]);
        }
        double[] x = new double[Math.multiplyExact(n, d)];
        double[] raw = new double[n];
        int row = 0;
        for (int f = 0; f < images.size(); f++) {
            byte[] px = images.get(f).data();
            for (int i = 0; i < px.length; i++) {
                x[row * d + i] = px[i] & 0xFF;
            }
            byte[] lb = labels.get(f).data();
            for (int i = 0; i < lb.length; i++) {
                raw[row + i] = lb[i] & 0xFF;
            }
            row += lb.length;
        }
        Labels.Classes classes = Labels.fromNumbers(raw, i -> "label " + i);
        return new Table(x, n, d, classes, new double[] {0, 255}, files);
    }
}
