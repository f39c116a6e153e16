package advtrain.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Everything needed to continue a run bit for bit: the weights, the momentum buffer (or none), the step,
 * the running minimum of L_A, the elapsed training time, a hash of W(0) that guards against resuming
 * onto a different initialisation, and the attack's fused matrix where the trainer carries it from step to
 * step (or none; see {@link Trainer}: its bits depend on the steps it was carried through). Random positions
 * need no storing: every draw is keyed by (seed, purpose, step, row), and the fixed parts of the network are
 * rebuilt from the seed.
 *
 * <p>File format ({@code step-NNNNNNNNN.ckpt}, big-endian): the 8 bytes {@code ADVTCKP2}, step (long),
 * running min (double), elapsed ns (long), init hash (long), P (int), P doubles, V (int, 0 without
 * momentum), V doubles, F (int, 0 without a carried fused matrix), F doubles, then the CRC-32 of everything
 * before it (long). Files of the first format ({@code ADVTCKP1}: no F) are read too. Written to a temporary file and
 * renamed, so a checkpoint on disk is always complete; a truncated or corrupt file fails the CRC check.
 */
public record Checkpoint(long step, double runningMin, long elapsedNanos, long initHash, double[] params, double[] velocity,
                         double[] fused) {

    private static final byte[] MAGIC = {'A', 'D', 'V', 'T', 'C', 'K', 'P', '2'};
    /** The first format: no fused matrix. */
    private static final byte[] MAGIC_1 = {'A', 'D', 'V', 'T', 'C', 'K', 'P', '1'};

    /** A checkpoint without a carried fused matrix (as every checkpoint of the first format). */
    public Checkpoint(long step, double runningMin, long elapsedNanos, long initHash, double[] params, double[] velocity) {
        this(step, runningMin, elapsedNanos, initHash, params, velocity, null);
    }

    /** FNV-1a over the raw bits of {@code a}: identifies an initialisation. */
    public static long hash(double[] a) {
        long h = 0xcbf29ce484222325L;
        for (double v : a) {
            long bits = Double.doubleToRawLongBits(v);
            for (int i = 0; i < 8; i++) {
                h ^= (bits >>> (8 * i)) & 0xFF;
                h *= 0x100000001b3L;
            }
        }
        return h;
    }

    /** The file name of the checkpoint at {@code step}. */
    public static String fileName(long step) {
        return String.format(java.util.Locale.ROOT, "step-%09d.ckpt", step);
    }

    /** Writes this checkpoint atomically to {@code file}. */
    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        CRC32 crc = new CRC32();
        try (OutputStream os = Files.newOutputStream(tmp);
             CheckedOutputStream cos = new CheckedOutputStream(new BufferedOutputStream(os, 1 << 16), crc);
             DataOutputStream out = new DataOutputStream(cos)) {
            out.write(MAGIC);
            out.writeLong(step);
            out.writeDouble(runningMin);
            out.writeLong(elapsedNanos);
            out.writeLong(initHash);
            writeArray(out, params);
            writeArray(out, velocity == null ? new double[0] : velocity);
            writeArray(out, fused == null ? new double[0] : fused);
            out.flush();
            long sum = crc.getValue();
            out.writeLong(sum);
        }
        moveAtomic(tmp, file);
    }

    private static void writeArray(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double v : a) {
            out.writeLong(Double.doubleToRawLongBits(v));
        }
    }

    /** Reads a checkpoint; a damaged file is an {@link IOException} naming it. */
    public static Checkpoint read(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream is = Files.newInputStream(file);
             CheckedInputStream cis = new CheckedInputStream(new BufferedInputStream(is, 1 << 16), crc);
             DataInputStream in = new DataInputStream(cis)) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            boolean first = java.util.Arrays.equals(magic, MAGIC_1);
            if (!first && !java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + ": not an advtrain checkpoint (bad magic)");
            }
            long step = in.readLong();
            double runningMin = in.readDouble();
            long elapsed = in.readLong();
            long initHash = in.readLong();
            double[] params = readArray(in, file);
            double[] vel = readArray(in, file);
            double[] fused = first ? new double[0] : readArray(in, file);
            long expected = crc.getValue();
            long stored = in.readLong();
            if (stored != expected) {
                throw new IOException(file + ": checksum mismatch (damaged checkpoint)");
            }
            return new Checkpoint(step, runningMin, elapsed, initHash, params, vel.length == 0 ? null : vel,
                    fused.length == 0 ? null : fused);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated checkpoint", e);
        }
    }

    private static double[] readArray(DataInputStream in, Path file) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > (1 << 28)) {
            throw new IOException(file + ": bad array length " + len);
        }
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = Double.longBitsToDouble(in.readLong());
        }
        return a;
    }

    /** Renames {@code tmp} onto {@code target}, atomically where the file system allows. */
    static void moveAtomic(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
