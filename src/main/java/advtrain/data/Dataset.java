package advtrain.data;

/**
 * n inputs of dimension d in one flat row-major array, with integer labels: binary tasks use
 * y in {-1, +1} ({@code classes() == 2}), k-class tasks use 0..k-1 ({@code classes() == k >= 3}).
 * Carries a name and its provenance (source file or generator spec) for reports.
 */
public final class Dataset {

    private final String name;
    private final String provenance;
    private final int n;
    private final int d;
    private final double[] x;
    private final int[] y;
    private final int classes;

    /** Checks shapes and labels; the arrays are used as given (not copied). */
    public Dataset(String name, String provenance, int n, int d, double[] x, int[] y, int classes) {
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
}
