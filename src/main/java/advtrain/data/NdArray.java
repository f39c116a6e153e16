package advtrain.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * An n-dimensional array as numpy stores it: a dtype, a shape and the values in C (row-major) order.
 * Floating dtypes hold their values in a {@code double[]} ({@link #doubles()}), integer and bool dtypes
 * in a {@code long[]} ({@link #longs()}), and the unicode dtype (a 0-d string, numpy's {@code <U n})
 * holds a {@link String} ({@link #text()}). Exactly one of the three is non-null.
 *
 * <p>Immutable in its dtype and shape; the value arrays are used as given (not copied) for speed, so a
 * caller that keeps writing to them changes the array. Values are checked against the dtype at
 * construction: int32 and uint8 ranges, bool 0/1, float32 values exactly representable as float.
 */
public final class NdArray {

    /** The element types read and written here; numpy's type code in {@link #code()}. */
    public enum DType {
        FLOAT64("f8", 8), FLOAT32("f4", 4),
        INT64("i8", 8), INT32("i4", 4), INT16("i2", 2), INT8("i1", 1),
        UINT64("u8", 8), UINT32("u4", 4), UINT16("u2", 2), UINT8("u1", 1),
        BOOL("b1", 1),
        /** numpy's fixed-width unicode string, 4 bytes (UTF-32) per code point; only as a 0-d scalar here. */
        UNICODE("U", 4);

        private final String code;
        private final int itemBytes;

        DType(String code, int itemBytes) {
            this.code = code;
            this.itemBytes = itemBytes;
        }

        /** numpy's type code without byte order, e.g. {@code f8}; {@code U} for unicode. */
        public String code() {
            return code;
        }

        /** Bytes per element (per code point for {@link #UNICODE}). */
        public int itemBytes() {
            return itemBytes;
        }

        /** True for FLOAT64 and FLOAT32. */
        public boolean isFloating() {
            return this == FLOAT64 || this == FLOAT32;
        }

        /** True for the integer types and BOOL. */
        public boolean isIntegral() {
            return !isFloating() && this != UNICODE;
        }

        /** The dtype with numpy type code {@code code} (e.g. {@code i4}), or null. */
        public static DType ofCode(String code) {
            for (DType t : values()) {
                if (t.code.equals(code)) {
                    return t;
                }
            }
            return null;
        }
    }

    private final DType dtype;
    private final int[] shape;
    private final double[] doubles;
    private final long[] longs;
    private final String text;

    private NdArray(DType dtype, int[] shape, double[] doubles, long[] longs, String text) {
        this.dtype = dtype;
        this.shape = shape;
        this.doubles = doubles;
        this.longs = longs;
        this.text = text;
    }

    /** A float64 array of the given shape (C order); {@code shape} empty means a 0-d scalar. */
    public static NdArray ofDoubles(double[] values, int... shape) {
        return ofFloating(DType.FLOAT64, values, shape);
    }

    /** A floating array (FLOAT64 or FLOAT32) of the given shape, C order. */
    public static NdArray ofFloating(DType dtype, double[] values, int... shape) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("ofFloating needs a floating dtype, got " + dtype);
        }
        int[] s = checkShape(shape, values.length);
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (!Double.isNaN(v) && (double) (float) v != v) {
                    throw new IllegalArgumentException("float32 array: element " + i + " = " + v + " is not representable as a float");
                }
            }
        }
        return new NdArray(dtype, s, values, null, null);
    }

    /** An int64 array of the given shape, C order. */
    public static NdArray ofLongs(long[] values, int... shape) {
        return ofIntegral(DType.INT64, values, shape);
    }

    /** An int32 array (values widened to long in storage) of the given shape, C order. */
    public static NdArray ofInts(int[] values, int... shape) {
        long[] l = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            l[i] = values[i];
        }
        return ofIntegral(DType.INT32, l, shape);
    }

    /** An integer or bool array of the given dtype and shape, C order; values must fit the dtype. */
    public static NdArray ofIntegral(DType dtype, long[] values, int... shape) {
        if (!dtype.isIntegral()) {
            throw new IllegalArgumentException("ofIntegral needs an integer or bool dtype, got " + dtype);
        }
        int[] s = checkShape(shape, values.length);
        long lo = minValue(dtype), hi = maxValue(dtype);
        for (int i = 0; i < values.length; i++) {
            if (values[i] < lo || values[i] > hi) {
                throw new IllegalArgumentException(dtype.name().toLowerCase(Locale.ROOT) + " array: element " + i + " = "
                        + values[i] + " is outside [" + lo + ", " + hi + "]");
            }
        }
        return new NdArray(dtype, s, null, values, null);
    }

    /** A 0-d unicode string array (numpy dtype {@code <U n}, n = number of code points, at least 1). */
    public static NdArray ofString(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("unicode array: NUL characters cannot be stored (numpy strips trailing NULs)");
        }
        return new NdArray(DType.UNICODE, new int[0], null, null, text);
    }

    /** Smallest value of an integral dtype (0 for unsigned and bool). */
    static long minValue(DType t) {
        return switch (t) {
            case INT64 -> Long.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT8 -> Byte.MIN_VALUE;
            default -> 0;
        };
    }

    /** Largest value of an integral dtype (uint64 is limited to the long range here). */
    static long maxValue(DType t) {
        return switch (t) {
            case INT64, UINT64 -> Long.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT8 -> Byte.MAX_VALUE;
            case UINT32 -> 0xFFFF_FFFFL;
            case UINT16 -> 0xFFFF;
            case UINT8 -> 0xFF;
            case BOOL -> 1;
            default -> throw new IllegalArgumentException("not integral: " + t);
        };
    }

    private static int[] checkShape(int[] shape, int length) {
        long size = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            size *= s;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
            }
        }
        if (size != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size + " values, got " + length);
        }
        return shape.clone();
    }

    public DType dtype() {
        return dtype;
    }

    /** The shape (a copy); empty for a 0-d scalar. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int ndim() {
        return shape.length;
    }

    /** Size of dimension {@code i}. */
    public int dim(int i) {
        return shape[i];
    }

    /** Number of elements (1 for a 0-d array, including the unicode scalar). */
    public int size() {
        int s = 1;
        for (int v : shape) {
            s *= v;
        }
        return s;
    }

    /** The values of a floating array (live, C order); null for other dtypes. */
    public double[] doubles() {
        return doubles;
    }

    /** The values of an integer or bool array (live, C order); null for other dtypes. */
    public long[] longs() {
        return longs;
    }

    /** The string of a unicode array; null for other dtypes. */
    public String text() {
        return text;
    }

    /** The values as doubles (a new array for integer dtypes, the live array for floating ones). */
    public double[] toDoubles() {
        if (doubles != null) {
            return doubles;
        }
        if (longs == null) {
            throw new IllegalArgumentException("a " + describeType() + " array has no numeric values");
        }
        double[] d = new double[longs.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = longs[i];
        }
        return d;
    }

    /**
     * The values as ints (a new array): integer dtypes must fit an int, floating values must be
     * integral; otherwise an error naming the element. {@code what} names the array in messages.
     */
    public int[] toInts(String what) {
        int n = size();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (longs != null) {
                long v = longs[i];
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(what + ": element " + i + " = " + v + " does not fit an int");
                }
                out[i] = (int) v;
            } else if (doubles != null) {
                double v = doubles[i];
                if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(what + ": element " + i + " = " + v + " is not an integer label");
                }
                out[i] = (int) v;
            } else {
                throw new IllegalArgumentException(what + ": a " + describeType() + " array has no numeric values");
            }
        }
        return out;
    }

    /** E.g. {@code float64[3, 4]} or {@code <U12}. */
    public String describe() {
        return describeType() + (dtype == DType.UNICODE ? "" : Arrays.toString(shape).replace(" ", ""));
    }

    private String describeType() {
        return dtype == DType.UNICODE ? "<U" + text.codePointCount(0, text.length()) : dtype.name().toLowerCase(Locale.ROOT);
    }

    /** Same dtype, shape and values bit for bit (NaN payloads included). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NdArray a)) {
            return false;
        }
        if (dtype != a.dtype || !Arrays.equals(shape, a.shape)) {
            return false;
        }
        if (doubles != null) {
            for (int i = 0; i < doubles.length; i++) {
                if (Double.doubleToRawLongBits(doubles[i]) != Double.doubleToRawLongBits(a.doubles[i])) {
                    return false;
                }
            }
            return true;
        }
        return longs != null ? Arrays.equals(longs, a.longs) : text.equals(a.text);
    }

    @Override
    public int hashCode() {
        int h = dtype.hashCode() * 31 + Arrays.hashCode(shape);
        if (doubles != null) {
            for (double v : doubles) {
                h = h * 31 + Long.hashCode(Double.doubleToRawLongBits(v));
            }
            return h;
        }
        return h * 31 + (longs != null ? Arrays.hashCode(longs) : text.hashCode());
    }

    @Override
    public String toString() {
        return describe();
    }
}
