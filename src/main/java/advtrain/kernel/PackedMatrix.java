package advtrain.kernel;

/**
 * The right operand op(B) (k x n) of {@link Gemm} packed ahead of time, for a matrix that several GEMM
 * calls multiply by while it does not change (a network's weights during an attack: forward and backward
 * passes at every step). {@link Gemm#gemm(VectorKernels, Parallel, Gemm.Op, int, double, double[], int, int,
 * PackedMatrix, double, double[], int, int)} then skips packing B, which on a batch of 64-128 rows is 10-30%
 * of a call.
 *
 * <p>Layout: exactly the panels {@link Gemm} packs on each call, stored one after another: for every block
 * of {@link Gemm#NC} columns (in order) and, inside it, every block of {@link Gemm#KC} depth rows (in order),
 * the block's micro-panels of {@code nr} columns, each {@code kc} groups of {@code nr} values, zero-padded
 * past the last column. The micro-kernel reads the same values in the same order either way, so a product
 * through a packed operand has the same bits as through the plain one.
 *
 * <p>Allocated once ({@link #of}); {@link #pack} refills it from a matrix of the same shape and allocates
 * nothing. It holds no reference to the source: after the source changes it is stale until packed again.
 * Read-only once packed, so any number of threads may multiply by it at once; packing is not thread-safe.
 */
public final class PackedMatrix {

    private final Gemm.Op op;
    private final int k;
    private final int n;
    private final int nr;
    private final String kernels;
    private final double[] data;
    private final int blocksN;
    private final int blocksK;
    /** Pack chunks per (column block, depth block): the chunks of {@link #pack} (fixed by the shape). */
    private final int chunksPerBlock;
    private final Parallel.RangeBody packBody = this::packChunks;
    private double[] src;
    private int srcOff;
    private int srcLd;

    private PackedMatrix(Gemm.Op op, int k, int n, VectorKernels kern) {
        this.op = op;
        this.k = k;
        this.n = n;
        this.nr = kern.nr();
        this.kernels = kern.name();
        long size = 0;
        for (int jc = 0; jc < n; jc += Gemm.NC) {
            size += (long) roundUp(Math.min(Gemm.NC, n - jc), nr) * k;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("packed matrix too large: " + k + " x " + n);
        }
        this.data = new double[(int) size];
        this.blocksN = (n + Gemm.NC - 1) / Gemm.NC;
        this.blocksK = (k + Gemm.KC - 1) / Gemm.KC;
        this.chunksPerBlock = op == Gemm.Op.N ? Parallel.chunks(Gemm.KC, Gemm.PACK_ROWS)
                : Parallel.chunks(Parallel.chunks(Gemm.NC, nr), Gemm.PACK_GRAIN);
    }

    /**
     * An empty packed operand for op(B) of {@code k} rows and {@code n} columns (B itself is k x n for op N,
     * n x k for op T), laid out for the micro-kernel of {@code kern}.
     */
    public static PackedMatrix of(VectorKernels kern, Gemm.Op op, int k, int n) {
        if (kern == null || op == null) {
            throw new IllegalArgumentException("packed matrix: kernels and op must not be null");
        }
        if (k < 1 || n < 1) {
            throw new IllegalArgumentException("packed matrix: k and n must be >= 1, got k=" + k + ", n=" + n);
        }
        return new PackedMatrix(op, k, n, kern);
    }

    /** Packs op(B) from {@code b} (leading dimension {@code ldb}, from {@code bOff}), overwriting the previous contents. */
    public void pack(Parallel par, double[] b, int bOff, int ldb) {
        Gemm.checkOperand("B", b, bOff, ldb, op == Gemm.Op.N ? k : n, op == Gemm.Op.N ? n : k);
        src = b;
        srcOff = bOff;
        srcLd = ldb;
        try {
            par.forRange(blocksN * blocksK * chunksPerBlock, 1, packBody);
        } finally {
            src = null;
        }
    }

    /** Chunk q of block (jb, pb): depth rows (op N) or micro-panels (op T), as {@link Gemm} packs them per call. */
    private void packChunks(int q0, int q1) {
        for (int q = q0; q < q1; q++) {
            int block = q / chunksPerBlock;
            int chunk = q % chunksPerBlock;
            int jc = (block / blocksK) * Gemm.NC;
            int pc = (block % blocksK) * Gemm.KC;
            int nc = Math.min(Gemm.NC, n - jc);
            int kc = Math.min(Gemm.KC, k - pc);
            int base = blockOffset(jc, pc);
            if (op == Gemm.Op.N) {
                int r0 = chunk * Gemm.PACK_ROWS;
                if (r0 < kc) {
                    Gemm.packBRows(src, srcOff, srcLd, pc, r0, Math.min(kc, r0 + Gemm.PACK_ROWS), kc, jc, nc, nr, data, base);
                }
            } else {
                int panels = Parallel.chunks(nc, nr);
                for (int p = chunk * Gemm.PACK_GRAIN; p < Math.min(panels, (chunk + 1) * Gemm.PACK_GRAIN); p++) {
                    Gemm.packB(op, src, srcOff, srcLd, pc, kc, jc + p * nr, Math.min(nr, nc - p * nr), nr, data,
                            base + p * nr * kc);
                }
            }
        }
    }

    /** Depth k of op(B). */
    public int rows() {
        return k;
    }

    /** Columns n of op(B). */
    public int cols() {
        return n;
    }

    /** Whether B is used as stored (N) or transposed (T). */
    public Gemm.Op op() {
        return op;
    }

    /** Micro-panel width the layout was made for. */
    int nr() {
        return nr;
    }

    /** The packed values (Gemm reads them directly). */
    double[] data() {
        return data;
    }

    /** Offset of the block of columns from {@code jc} and depth from {@code pc} (both block starts). */
    int blockOffset(int jc, int pc) {
        int full = roundUp(Gemm.NC, nr) * k;
        return (jc / Gemm.NC) * full + roundUp(Math.min(Gemm.NC, n - jc), nr) * pc;
    }

    /** Bytes held. */
    public long bytes() {
        return 8L * data.length;
    }

    private static int roundUp(int x, int q) {
        return (x + q - 1) / q * q;
    }

    @Override
    public String toString() {
        return "PackedMatrix[op=" + op + ", k=" + k + ", n=" + n + ", nr=" + nr + ", " + kernels + "]";
    }
}
