package advtrain.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * numpy's {@code .npz} archives: a zip file whose entries {@code NAME.npy} are npy arrays
 * ({@code np.savez} stores them, {@code np.savez_compressed} deflates them). Both are read; both are
 * written, atomically, with a fixed entry timestamp so the same arrays give the same bytes.
 *
 * <p>Array names map to entry names by appending {@code .npy}: the 0-d string written by
 * {@code Npz.write(path, Map.of("meta.json", NdArray.ofString(json)), true)} is the entry
 * {@code meta.json.npy}, and {@code str(np.load(path)["meta.json"])} returns the text.
 */
public final class Npz {

    /** DOS timestamps start in 1980; a fixed one keeps the archive bytes reproducible. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {
    }

    /**
     * Reads every array of an npz archive, in archive order, keyed by entry name without {@code .npy}.
     * Errors (not a zip, truncated or corrupt entries, entries that are not npy arrays, bad npy
     * content) name the file and the entry; nothing is returned unless every entry read correctly.
     */
    public static Map<String, NdArray> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        Map<String, NdArray> out = new LinkedHashMap<>();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new IllegalArgumentException(file + ": not an npz (zip) archive (" + e.getMessage() + ")");
        }
        try (zip) {
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String source = file + "[" + e.getName() + "]";
                if (!e.getName().endsWith(".npy")) {
                    throw new IllegalArgumentException(source + ": npz entry is not an .npy array");
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                } catch (ZipException | java.io.EOFException ex) {
                    throw new IllegalArgumentException(source + ": corrupt or truncated entry (" + ex.getMessage() + ")");
                }
                String name = e.getName().substring(0, e.getName().length() - 4);
                if (out.put(name, Npy.parse(bytes, source)) != null) {
                    throw new IllegalArgumentException(source + ": duplicate array name '" + name + "'");
                }
            }
        } catch (ZipException e) {
            throw new IllegalArgumentException(file + ": corrupt npz (zip) archive (" + e.getMessage() + ")");
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Writes {@code arrays} (in the map's iteration order) to {@code file} atomically; {@code deflate}
     * compresses like {@code np.savez_compressed}, otherwise entries are stored like {@code np.savez}.
     */
    public static void write(Path file, Map<String, NdArray> arrays, boolean deflate) throws IOException {
        for (String name : arrays.keySet()) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException(file + ": array names must not be empty");
            }
        }
        AtomicFiles.write(file, out -> write(out, arrays, deflate));
    }

    /** Writes the archive to {@code out} (finished, not closed). */
    public static void write(OutputStream out, Map<String, NdArray> arrays, boolean deflate) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        for (Map.Entry<String, NdArray> a : arrays.entrySet()) {
            byte[] bytes = Npy.toBytes(a.getValue());
            ZipEntry e = new ZipEntry(a.getKey() + ".npy");
            e.setTimeLocal(ENTRY_TIME);
            if (deflate) {
                e.setMethod(ZipEntry.DEFLATED);
            } else {
                CRC32 crc = new CRC32();
                crc.update(bytes);
                e.setMethod(ZipEntry.STORED);
                e.setSize(bytes.length);
                e.setCompressedSize(bytes.length);
                e.setCrc(crc.getValue());
            }
            zip.putNextEntry(e);
            zip.write(bytes);
            zip.closeEntry();
        }
        zip.finish();
    }
}
