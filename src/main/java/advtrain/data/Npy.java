package advtrain.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * numpy's {@code .npy} format (format versions 1.0, 2.0 and 3.0), read and written.
 *
 * <p>A file is the magic {@code \x93NUMPY}, a major and minor version byte, the header length
 * (2 bytes little-endian in 1.0, 4 bytes in 2.0/3.0), and a header that is a Python dict literal
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }} padded with spaces and a
 * newline so that the data starts at a multiple of 64 bytes; the raw element bytes follow.
 *
 * <p>Reading accepts little and big endian, C and Fortran order (Fortran arrays are reordered to C
 * order), the dtypes of {@link NdArray.DType} (float64, float32, int8..int64, uint8..uint64 within the
 * long range, bool) and a 0-d unicode string ({@code <U n}). Anything else (structured or object
 * dtypes, complex, float16, byte strings) is an error naming the source and the dtype, as is a data
 * section whose length does not match the shape in the header.
 *
 * <p>Writing produces format 1.0 (2.0 when the header would not fit), little endian, C order, and
 * loads with {@code np.load} without {@code allow_pickle}.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the start of the data to this many bytes (numpy.lib.format.ARRAY_ALIGN). */
    private static final int ALIGN = 64;

    private Npy() {
    }

    /** Reads a {@code .npy} file. Errors name the file. */
    public static NdArray read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses the bytes of a {@code .npy} file; {@code source} names it in error messages. */
    public static NdArray parse(byte[] bytes, String source) {
        if (bytes.length < 10) {
            throw new IllegalArgumentException(source + ": not an npy file (" + bytes.length + " bytes, shorter than the 10-byte preamble)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new IllegalArgumentException(source + ": not an npy file (bad magic at byte " + i + ", expected \\x93NUMPY)");
            }
        }
        int major = bytes[6] & 0xFF;
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException(source + ": truncated npy preamble");
            }
            long len = ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFF_FFFFL;
            if (len > bytes.length) {
                throw new IllegalArgumentException(source + ": npy header length " + len + " exceeds the file size " + bytes.length);
            }
            headerLen = (int) len;
            headerStart = 12;
        } else {
            throw new IllegalArgumentException(source + ": unsupported npy format version " + major + "." + (bytes[7] & 0xFF)
                    + " (expected 1.0, 2.0 or 3.0)");
        }
        if (headerStart + headerLen > bytes.length) {
            throw new IllegalArgumentException(source + ": npy header of " + headerLen + " bytes runs past the end of the file ("
                    + bytes.length + " bytes)");
        }
        String header = new String(bytes, headerStart, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = Header.parse(header, source);
        int dataStart = headerStart + headerLen;
        return decode(h, bytes, dataStart, bytes.length - dataStart, source);
    }

    /** The parsed header: element type, byte order, layout and shape. */
    private record Header(NdArray.DType dtype, ByteOrder order, int unicodeChars, boolean fortran, int[] shape, String descr) {

        static Header parse(String text, String source) {
            Map<String, Object> dict;
            try {
                Object o = new LiteralParser(text).parseTop();
                if (!(o instanceof Map)) {
                    throw new IllegalArgumentException("not a dict");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) o;
                dict = m;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": malformed npy header (" + e.getMessage() + "): " + text.strip());
            }
            Object descr = dict.get("descr");
            Object fortran = dict.get("fortran_order");
            Object shape = dict.get("shape");
            if (descr == null || fortran == null || shape == null) {
                throw new IllegalArgumentException(source + ": npy header lacks 'descr', 'fortran_order' or 'shape': " + text.strip());
            }
            if (!(descr instanceof String d)) {
                throw new IllegalArgumentException(source + ": unsupported dtype " + descr
                        + " (structured arrays are not supported; expected one of f8, f4, i8, i4, i2, i1, u8, u4, u2, u1, b1, U)");
            }
            if (!(fortran instanceof Boolean f)) {
                throw new IllegalArgumentException(source + ": npy header 'fortran_order' is " + fortran + ", expected True or False");
            }
            if (!(shape instanceof List<?> dims)) {
                throw new IllegalArgumentException(source + ": npy header 'shape' is " + shape + ", expected a tuple of integers");
            }
            int[] s = new int[dims.size()];
            long size = 1;
            for (int i = 0; i < s.length; i++) {
                if (!(dims.get(i) instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(source + ": npy header 'shape' has dimension " + dims.get(i)
                            + ", expected an integer in [0, 2^31-1]");
                }
                s[i] = (int) (long) v;
                size *= v;
                if (size > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(source + ": shape " + shapeText(s) + " has more than 2^31-1 elements");
                }
            }
            if (d.length() < 2) {
                throw new IllegalArgumentException(source + ": unsupported dtype '" + d + "'");
            }
            char bo = d.charAt(0);
            String code = d.substring(1);
            NdArray.DType t;
            int chars = 0;
            if (code.startsWith("U") && code.length() > 1 && code.substring(1).chars().allMatch(Character::isDigit)) {
                t = NdArray.DType.UNICODE;
                chars = Integer.parseInt(code.substring(1));
                if (s.length != 0) {
                    throw new IllegalArgumentException(source + ": unicode array of shape " + shapeText(s)
                            + " is not supported (only a 0-d string scalar)");
                }
            } else {
                t = NdArray.DType.ofCode(code);
                if (t == null || t == NdArray.DType.UNICODE) {
                    throw new IllegalArgumentException(source + ": unsupported dtype '" + d
                            + "' (expected one of f8, f4, i8, i4, i2, i1, u8, u4, u2, u1, b1 with byte order <, > or |, or a 0-d <U string)");
                }
            }
            ByteOrder order;
            if (bo == '<') {
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (bo == '>') {
                order = ByteOrder.BIG_ENDIAN;
            } else if ((bo == '|' || bo == '=') && t.itemBytes() == 1) {
                order = ByteOrder.LITTLE_ENDIAN;
            } else {
                throw new IllegalArgumentException(source + ": dtype '" + d + "' has byte order '" + bo
                        + "', expected '<' or '>' for a " + t.itemBytes() + "-byte type");
            }
            return new Header(t, order, chars, f, s, d);
        }
    }

    private static NdArray decode(Header h, byte[] bytes, int off, int len, String source) {
        long size = 1;
        for (int v : h.shape) {
            size *= v;
        }
        long expected = h.dtype == NdArray.DType.UNICODE ? 4L * h.unicodeChars : size * h.dtype.itemBytes();
        if (expected != len) {
            throw new IllegalArgumentException(source + ": npy header says shape " + shapeText(h.shape) + " of '" + h.descr
                    + "', which is " + expected + " bytes of data, but the file holds " + len + " bytes after the header");
        }
        ByteBuffer bb = ByteBuffer.wrap(bytes, off, len).slice().order(h.order);
        int n = (int) size;
        if (h.dtype == NdArray.DType.UNICODE) {
            return NdArray.ofString(decodeUtf32(bb, h.unicodeChars, source));
        }
        if (h.dtype.isFloating()) {
            double[] v = new double[n];
            if (h.dtype == NdArray.DType.FLOAT64) {
                bb.asDoubleBuffer().get(v);
            } else {
                var fb = bb.asFloatBuffer();
                for (int i = 0; i < n; i++) {
                    v[i] = fb.get(i);
                }
            }
            return NdArray.ofFloating(h.dtype, h.fortran ? fortranToC(v, h.shape) : v, h.shape);
        }
        long[] v = new long[n];
        switch (h.dtype) {
            case INT64 -> bb.asLongBuffer().get(v);
            case UINT64 -> {
                var lb = bb.asLongBuffer();
                for (int i = 0; i < n; i++) {
                    v[i] = lb.get(i);
                    if (v[i] < 0) {
                        throw new IllegalArgumentException(source + ": uint64 element " + i + " = " + Long.toUnsignedString(v[i])
                                + " exceeds the supported range (2^63-1)");
                    }
                }
            }
            case INT32 -> {
                var ib = bb.asIntBuffer();
                for (int i = 0; i < n; i++) {
                    v[i] = ib.get(i);
                }
            }
            case UINT32 -> {
                var ib = bb.asIntBuffer();
                for (int i = 0; i < n; i++) {
                    v[i] = ib.get(i) & 0xFFFF_FFFFL;
                }
            }
            case INT16 -> {
                var sb = bb.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    v[i] = sb.get(i);
                }
            }
            case UINT16 -> {
                var sb = bb.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    v[i] = sb.get(i) & 0xFFFF;
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    v[i] = bb.get(i);
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    v[i] = bb.get(i) & 0xFF;
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    int b = bb.get(i) & 0xFF;
                    if (b > 1) {
                        throw new IllegalArgumentException(source + ": bool element " + i + " has byte value " + b + ", expected 0 or 1");
                    }
                    v[i] = b;
                }
            }
            default -> throw new IllegalStateException("unhandled dtype " + h.dtype);
        }
        return NdArray.ofIntegral(h.dtype, h.fortran ? fortranToC(v, h.shape) : v, h.shape);
    }

    private static String decodeUtf32(ByteBuffer bb, int chars, String source) {
        StringBuilder sb = new StringBuilder(chars);
        int end = chars;
        while (end > 0 && bb.getInt(4 * (end - 1)) == 0) {
            end--; // numpy pads with NULs and strips them on reading
        }
        for (int i = 0; i < end; i++) {
            int cp = bb.getInt(4 * i);
            if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw new IllegalArgumentException(source + ": unicode character " + i + " has invalid code point " + cp);
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    /** Permutation from Fortran flat order to C flat order: {@code cIndex[f]} for each Fortran index f. */
    private static int[] fortranToCIndex(int[] shape) {
        int size = 1;
        for (int s : shape) {
            size *= s;
        }
        int nd = shape.length;
        int[] cStride = new int[nd];
        int st = 1;
        for (int k = nd - 1; k >= 0; k--) {
            cStride[k] = st;
            st *= shape[k];
        }
        int[] idx = new int[nd];
        int[] out = new int[size];
        int c = 0;
        for (int f = 0; f < size; f++) {
            out[f] = c;
            for (int k = 0; k < nd; k++) { // first index varies fastest in Fortran order
                idx[k]++;
                c += cStride[k];
                if (idx[k] < shape[k]) {
                    break;
                }
                c -= idx[k] * cStride[k];
                idx[k] = 0;
            }
        }
        return out;
    }

    private static double[] fortranToC(double[] v, int[] shape) {
        int[] map = fortranToCIndex(shape);
        double[] out = new double[v.length];
        for (int f = 0; f < v.length; f++) {
            out[map[f]] = v[f];
        }
        return out;
    }

    private static long[] fortranToC(long[] v, int[] shape) {
        int[] map = fortranToCIndex(shape);
        long[] out = new long[v.length];
        for (int f = 0; f < v.length; f++) {
            out[map[f]] = v[f];
        }
        return out;
    }

    static String shapeText(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** Writes {@code a} to {@code file} atomically (temporary file + rename). */
    public static void write(Path file, NdArray a) throws IOException {
        AtomicFiles.write(file, out -> write(out, a));
    }

    /** Writes {@code a} in npy format to {@code out} (not closed). */
    public static void write(OutputStream out, NdArray a) throws IOException {
        out.write(toBytes(a));
    }

    /** The npy bytes of {@code a}: little endian, C order. */
    public static byte[] toBytes(NdArray a) {
        String descr;
        int dataBytes;
        NdArray.DType t = a.dtype();
        if (t == NdArray.DType.UNICODE) {
            int chars = Math.max(1, a.text().codePointCount(0, a.text().length()));
            descr = "<U" + chars;
            dataBytes = 4 * chars;
        } else {
            descr = (t.itemBytes() == 1 ? "|" : "<") + t.code();
            dataBytes = Math.multiplyExact(a.size(), t.itemBytes());
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText(a.shape()) + ", }";
        boolean v2 = dict.length() + ALIGN > 0xFFFF; // the padded header must fit 2 length bytes in 1.0
        int major = v2 ? 2 : 1;
        int pre = v2 ? 12 : 10;
        int total = pre + dict.length() + 1;
        int pad = (ALIGN - total % ALIGN) % ALIGN;
        int headerLen = dict.length() + pad + 1;
        ByteBuffer bb = ByteBuffer.allocate(Math.addExact(pre + headerLen, dataBytes)).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            bb.putShort((short) headerLen);
        } else {
            bb.putInt(headerLen);
        }
        bb.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < pad; i++) {
            bb.put((byte) ' ');
        }
        bb.put((byte) '\n');
        encode(a, bb);
        return bb.array();
    }

    private static void encode(NdArray a, ByteBuffer bb) {
        switch (a.dtype()) {
            case FLOAT64 -> bb.asDoubleBuffer().put(a.doubles());
            case FLOAT32 -> {
                for (double v : a.doubles()) {
                    bb.putFloat((float) v);
                }
            }
            case INT64, UINT64 -> bb.asLongBuffer().put(a.longs());
            case INT32, UINT32 -> {
                for (long v : a.longs()) {
                    bb.putInt((int) v);
                }
            }
            case INT16, UINT16 -> {
                for (long v : a.longs()) {
                    bb.putShort((short) v);
                }
            }
            case INT8, UINT8, BOOL -> {
                for (long v : a.longs()) {
                    bb.put((byte) v);
                }
            }
            case UNICODE -> {
                String s = a.text();
                if (s.isEmpty()) {
                    bb.putInt(0);
                }
                s.codePoints().forEach(bb::putInt);
            }
            default -> throw new IllegalStateException("unhandled dtype " + a.dtype());
        }
    }

    /**
     * A parser for the Python literals that appear in npy headers: dicts with string keys, strings,
     * True/False/None, integers (with an optional Python 2 {@code L} suffix), tuples and lists.
     * Tuples and lists become {@link List}s, integers {@link Long}s.
     */
    private static final class LiteralParser {
        private final String s;
        private int pos;

        LiteralParser(String s) {
            this.s = s;
        }

        Object parseTop() {
            Object v = value();
            skip();
            if (pos != s.length()) {
                throw new IllegalArgumentException("unexpected '" + s.charAt(pos) + "' at column " + pos);
            }
            return v;
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private boolean peek(char c) {
            skip();
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at column " + pos);
            }
            pos++;
        }

        private Object value() {
            skip();
            if (pos >= s.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            char c = s.charAt(pos);
            if (c == '{') {
                pos++;
                Map<String, Object> m = new LinkedHashMap<>();
                while (!peek('}')) {
                    Object k = value();
                    if (!(k instanceof String key)) {
                        throw new IllegalArgumentException("dict key " + k + " is not a string");
                    }
                    expect(':');
                    m.put(key, value());
                    if (!peek('}')) {
                        expect(',');
                    }
                }
                pos++;
                return m;
            }
            if (c == '(' || c == '[') {
                char close = c == '(' ? ')' : ']';
                pos++;
                List<Object> l = new ArrayList<>();
                while (!peek(close)) {
                    l.add(value());
                    if (!peek(close)) {
                        expect(',');
                    }
                }
                pos++;
                return l;
            }
            if (c == '\'' || c == '"') {
                int end = s.indexOf(c, pos + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated string at column " + pos);
                }
                String str = s.substring(pos + 1, end);
                pos = end + 1;
                return str;
            }
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '-' || s.charAt(pos) == '_')) {
                pos++;
            }
            String word = s.substring(start, pos);
            switch (word) {
                case "True":
                    return Boolean.TRUE;
                case "False":
                    return Boolean.FALSE;
                case "None":
                    return null;
                default:
                    break;
            }
            String num = word.endsWith("L") ? word.substring(0, word.length() - 1) : word;
            try {
                return Long.parseLong(num);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unexpected '" + (word.isEmpty() ? String.valueOf(c) : word) + "' at column " + start);
            }
        }
    }
}
