package advtrain.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** sha256 digests as lower-case hex strings, of bytes and of files. */
public final class Hashes {

    private Hashes() {
    }

    /** A fresh SHA-256 digest (every JDK has it). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** sha256 of {@code bytes}, hex. */
    public static String sha256(byte[] bytes) {
        return hex(sha256().digest(bytes));
    }

    /** sha256 of a file's bytes, hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
        }
        return hex(md.digest());
    }

    /** Lower-case hex of {@code bytes}. */
    public static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(2 * bytes.length);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
