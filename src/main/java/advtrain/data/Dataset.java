package advtrain.data;

import advtrain.random.RandomStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * n inputs of dimension d in one flat row-major array, with integer labels: binary tasks use
 * y in {-1, +1} ({@code classes() == 2}), k-class tasks use 0..k-1 ({@code classes() == k >= 3}).
 * Carries a name and its provenance (source file or generator spec) for reports, the sha256 of its
 * source when it came from files, and the names of its classes (for a binary task: the name of the
 * class labelled -1, then the one labelled +1).
 *
 * <p>Views ({@link #select}, {@link #head}, {@link #shuffled}, {@link #classSubset},
 * {@link #normalized}) return new datasets with copied arrays; the original is never changed.
 * Datasets are usually made by {@link DataSpec#load()}.
 */
public final class Dataset {

    private final String name;
    private final String provenance;
    private final int n;
    private final int d;
    private final double[] x;
    private final int[] y;
    private final int classes;
    private final String sha256;
    private final String[] classNames;

    /** Checks shapes and labels; the arrays are used as given (not copied). */
    public Dataset(String name, String provenance, int n, int d, double[] x, int[] y, int classes) {
        this(name, provenance, n, d, x, y, classes, null, null);
    }

    /**
     * As {@link #Dataset(String, String, int, int, double[], int[], int)}, with the sha256 (hex) of the
     * source (null when generated) and the class names ({@code classes} entries; null for "-1", "+1"
     * in a binary task and "0".."k-1" otherwise).
     */
    public Dataset(String name, String provenance, int n, int d, double[] x, int[] y, int classes, String sha256,
            String[] classNames) {
        if (n < 0 || d < 1) {
            throw new IllegalArgumentException("dataset " + name + ": need n >= 0 and d >= 1, got n=" + n + ", d=" + d);
        }
        if (x.length != (long) n * d) {
            throw new IllegalArgumentException("dataset " + name + ": x has " + x.length + " values, expected n*d = " + n + "*" + d);
        }
        if (y.length != n) {
            throw new IllegalArgumentException("dataset " + name + ": " + y.length + " labels for " + n + " rows");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("dataset " + name + ": classes must be >= 2, got " + classes);
        }
        for (int i = 0; i < n; i++) {
            boolean ok = classes == 2 ? (y[i] == 1 || y[i] == -1) : (y[i] >= 0 && y[i] < classes);
            if (!ok) {
                throw new IllegalArgumentException("dataset " + name + ": label of row " + i + " is " + y[i]
                        + ", expected " + (classes == 2 ? "-1 or +1" : "0.." + (classes - 1)));
            }
        }
        this.name = name;
        this.provenance = provenance;
        this.n = n;
        this.d = d;
        this.x = x;
        this.y = y;
        this.classes = classes;
        this.sha256 = sha256;
        if (classNames != null && classNames.length != classes) {
            throw new IllegalArgumentException("dataset " + name + ": " + classNames.length + " class names for " + classes + " classes");
        }
        this.classNames = classNames != null ? classNames.clone() : defaultClassNames(classes);
    }

    private static String[] defaultClassNames(int classes) {
        if (classes == 2) {
            return new String[] {"-1", "+1"};
        }
        String[] names = new String[classes];
        for (int c = 0; c < classes; c++) {
            names[c] = Integer.toString(c);
        }
        return names;
    }

    public String name() {
        return name;
    }

    public String provenance() {
        return provenance;
    }

    public int n() {
        return n;
    }

    public int d() {
        return d;
    }

    /** Row-major n x d. */
    public double[] x() {
        return x;
    }

    public int[] y() {
        return y;
    }

    /** 2 for binary (labels +-1), k >= 3 for k classes (labels 0..k-1). */
    public int classes() {
        return classes;
    }

    /** Network output dimension this task needs: 1 for binary, k otherwise. */
    public int outputDim() {
        return classes == 2 ? 1 : classes;
    }

    /** sha256 (hex) of the source files, or null for generated data. */
    public String sha256() {
        return sha256;
    }

    /** Name of each class: index c for k classes; index 0 is the class labelled -1, 1 the one labelled +1. */
    public String[] classNames() {
        return classNames.clone();
    }

    /** Class index of row i: the label for k classes, 0 for -1 and 1 for +1 in a binary task. */
    public int classOf(int i) {
        return classes == 2 ? (y[i] > 0 ? 1 : 0) : y[i];
    }

    /** Rows per class index (see {@link #classOf}). */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int i = 0; i < n; i++) {
            counts[classOf(i)]++;
        }
        return counts;
    }

    /** The rows {@code rows[0], rows[1], ...} in that order (copies). */
    public Dataset select(int[] rows) {
        double[] nx = new double[Math.multiplyExact(rows.length, d)];
        int[] ny = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            int i = rows[r];
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("dataset " + name + ": row " + i + " outside 0.." + (n - 1));
            }
            System.arraycopy(x, i * d, nx, r * d, d);
            ny[r] = y[i];
        }
        return new Dataset(name, provenance, rows.length, d, nx, ny, classes, sha256, classNames);
    }

    /** The first {@code limit} rows (all rows when {@code limit >= n}). */
    public Dataset head(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("dataset " + name + ": limit must be >= 0, got " + limit);
        }
        int[] rows = new int[Math.min(limit, n)];
        Arrays.setAll(rows, i -> i);
        return select(rows);
    }

    /** The rows in the order of a uniform random permutation from the stream (seed, "data.shuffle"). */
    public Dataset shuffled(long seed) {
        int[] perm = new int[n];
        RandomStream.of(seed, "data.shuffle").permutation(perm, n);
        return select(perm);
    }

    /**
     * The rows of the listed classes (class indices as in {@link #classOf}), relabelled in the listed
     * order: two classes make a binary task (the first listed becomes -1, the second +1), more make
     * classes 0..k-1. Errors for repeated classes, classes outside the range, or classes with no rows.
     */
    public Dataset classSubset(int[] keep) {
        if (keep.length < 2) {
            throw new IllegalArgumentException("dataset " + name + ": a class subset needs at least 2 classes, got "
                    + Arrays.toString(keep));
        }
        int[] newIndex = new int[classes];
        Arrays.fill(newIndex, -1);
        String[] names = new String[keep.length];
        for (int k = 0; k < keep.length; k++) {
            int c = keep[k];
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("dataset " + name + ": class " + c + " is outside the range 0.."
                        + (classes - 1) + " of its " + classes + " classes");
            }
            if (newIndex[c] >= 0) {
                throw new IllegalArgumentException("dataset " + name + ": class " + c + " is listed twice");
            }
            newIndex[c] = k;
            names[k] = classNames[c];
        }
        int[] counts = classCounts();
        for (int c : keep) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("dataset " + name + ": class " + c + " (" + classNames[c] + ") has no rows");
            }
        }
        int m = 0;
        for (int c : keep) {
            m += counts[c];
        }
        int[] rows = new int[m];
        int[] ny = new int[m];
        int r = 0;
        for (int i = 0; i < n; i++) {
            int k = newIndex[classOf(i)];
            if (k >= 0) {
                rows[r] = i;
                ny[r++] = keep.length == 2 ? (k == 0 ? -1 : 1) : k;
            }
        }
        Dataset s = select(rows);
        return new Dataset(name, provenance, m, d, s.x, ny, keep.length, sha256, names);
    }

    /** A copy with the rows normalised (see {@link Normalization}); {@code range} as there. */
    public Dataset normalized(Normalization how, double[] range) {
        double[] nx = x.clone();
        how.apply(name, nx, n, d, range);
        return new Dataset(name, provenance, n, d, nx, y, classes, sha256, classNames);
    }

    /** The same data under another name and provenance. */
    public Dataset renamed(String newName, String newProvenance) {
        return new Dataset(newName, newProvenance, n, d, x, y, classes, sha256, classNames);
    }

    /**
     * sha256 (hex) of the content: n, d, classes (4-byte little-endian ints), then x as little-endian
     * doubles and y as little-endian ints. Equal for bit-identical datasets.
     */
    public String contentSha256() {
        MessageDigest md = Hashes.sha256();
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(n).putInt(d).putInt(classes);
        md.update(head.array());
        ByteBuffer buf = ByteBuffer.allocate(8 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < x.length; i += 4096) {
            buf.clear();
            int m = Math.min(4096, x.length - i);
            buf.asDoubleBuffer().put(x, i, m);
            md.update(buf.array(), 0, 8 * m);
        }
        for (int i = 0; i < y.length; i += 4096) {
            buf.clear();
            int m = Math.min(4096, y.length - i);
            buf.asIntBuffer().put(y, i, m);
            md.update(buf.array(), 0, 4 * m);
        }
        return Hashes.hex(md.digest());
    }
}
