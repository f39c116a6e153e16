package advtrain.kernel;

/**
 * General matrix multiply over flat row-major {@code double[]}:
 * {@code C = alpha * op(A) * op(B) + beta * C} with op in {N, T}, op(A) m x k, op(B) k x n, C m x n.
 *
 * <p>Structure (BLIS): loop jc over columns of C in blocks of {@link #NC}; pc over k in blocks of
 * {@link #KC}, packing the KC x NC panel of op(B) into micro-panels of NR columns; ic over rows in
 * super-blocks of {@link #M_PACK} rows, packing op(A) (times alpha) into micro-panels of MR rows;
 * then parallel tasks of at most {@link #MC} rows x {@link #TASK_COLS} columns run the register-tiled
 * micro-kernel of {@link VectorKernels} (B micro-panel outer, A micro-panel inner, as BLIS). NN, NT, TN
 * and TT differ only in how the panels are packed.
 *
 * <p>Determinism: C is first scaled by beta, then every element is updated by one fma chain over k
 * in increasing order, reloading C for each KC block (beta = 0: the chains start from +0.0 and C is never
 * read, the same bits without a pass that zeroes it). The chain is the same for every tile shape,
 * vector width and thread count, so results are bit-identical between the SIMD and scalar paths,
 * across thread counts, and with {@link GemmReference}.
 */
public final class Gemm {

    /** Whether an operand is used as stored (N) or transposed (T). */
    public enum Op { N, T }

    /**
     * Depth of a packed block. A B micro-panel (KC x NR doubles: 16 KiB at NR = 8) stays in the 32 KiB
     * L1 while the A micro-panels stream past it. Measured on Zen 3 (AVX2, NR = 8), one thread, n = 1024,
     * best call in GFLOP/s on a loaded machine: KC = 256: 35-36, 384: 10-22, 512: 13-29 (with NR = 8 a
     * 512-deep micro-panel fills L1). The Zen 4 sitting of NOTES.md (NR = 32) preferred 512 by 15%; 256
     * is kept for every width as the L1-safe choice.
     */
    static final int KC = 256;
    /**
     * Rows of A per task at most: an MC x KC block of packed A (192 KiB) stays in the 512 KiB L2 while
     * the B micro-panels of the task pass. Rounded down to a multiple of the tile rows (96 is one of 4
     * and 6). Zen 3, one thread, n = 1024: MC = 72, 96 and 144 within noise (35-37 GFLOP/s best call).
     */
    static final int MC = 96;
    /** Columns of the packed B panel: KC x NC doubles (2 MiB) stay in L3. */
    static final int NC = 1024;
    /** Rows of op(A) packed at once: bounds the packing buffer (M_PACK x KC doubles, 3 MiB). */
    static final int M_PACK = 16 * MC;
    /**
     * Columns per task at most (rounded down to a multiple of NR). Each task is at most MC x TASK_COLS
     * of C; rows and columns are shared out evenly among as few blocks as these bounds allow, so tasks
     * have about the same size (the task grid depends on the sizes only). 128 rather than 256 gives
     * n = 256 six tasks instead of three, so two threads share them evenly (one sample on a loaded
     * machine, 2 threads, n = 1024: 33 GFLOP/s best call against 17 with 256).
     */
    static final int TASK_COLS = 128;
    /** Micro-panels packed per parallel chunk. */
    static final int PACK_GRAIN = 8;
    /**
     * Rows of B (not transposed) packed per parallel chunk. B is packed row by row into every
     * micro-panel, reading each row once in order. Packing one micro-panel at a time read NR values per
     * row at a stride of ldb (at power-of-two ldb all in the same cache sets) and was slower where
     * packing weighs most: 128x1024x1024 NN, one thread, GFLOP/s per CPU-second, Zen 3: JDK 17 33
     * against 28-32, JDK 25 36 against 32-35.
     */
    static final int PACK_ROWS = 16;

    /** The per-thread stack of {@link Call}s, one per nesting level. */
    private static final class CallStack {
        Call[] levels = new Call[2];
        int depth;
    }

    private static final ThreadLocal<CallStack> CALLS = ThreadLocal.withInitial(CallStack::new);
    /** Per-thread C buffer for edge tiles (at most 6 x 32 doubles: the largest tile). */
    private static final ThreadLocal<double[]> EDGE = ThreadLocal.withInitial(() -> new double[8 * 64]);

    private Gemm() {
    }

    /** {@code C = alpha * op(A) * op(B) + beta * C} on the selected kernels. */
    public static void gemm(Parallel par, Op opA, Op opB, int m, int n, int k, double alpha,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double beta, double[] c, int cOff, int ldc) {
        gemm(Simd.kernels(), par, opA, opB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** As {@link #gemm(Parallel, Op, Op, int, int, int, double, double[], int, int, double[], int, int, double, double[], int, int)} on the given kernels (tests compare paths). */
    public static void gemm(VectorKernels kern, Parallel par, Op opA, Op opB, int m, int n, int k, double alpha,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double beta, double[] c, int cOff, int ldc) {
        validate(opA, opB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        run(kern, par, opA, opB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, null, beta, c, cOff, ldc);
    }

    /**
     * {@code C = alpha * op(A) * B' + beta * C} where B' is a prepacked right operand (k x n, see
     * {@link PackedMatrix}) packed for the same kernels: the same bits as the plain call on the matrix B' was
     * packed from, without packing it again. op(A) is m x k.
     */
    public static void gemm(VectorKernels kern, Parallel par, Op opA, int m, double alpha, double[] a, int aOff, int lda,
                            PackedMatrix b, double beta, double[] c, int cOff, int ldc) {
        if (b == null) {
            throw new IllegalArgumentException("gemm: packed B must not be null");
        }
        if (b.nr() != kern.nr()) {
            throw new IllegalArgumentException("gemm: " + b + " was packed for other kernels than " + kern.name());
        }
        int k = b.rows();
        int n = b.cols();
        if (opA == null || m < 0) {
            throw new IllegalArgumentException("gemm: opA must not be null and m >= 0, got " + opA + ", m=" + m);
        }
        checkOperand("A", a, aOff, lda, opA == Op.N ? m : k, opA == Op.N ? k : m);
        checkOperand("C", c, cOff, ldc, m, n);
        if (m == 0) {
            return;
        }
        run(kern, par, opA, b.op(), m, n, k, alpha, a, aOff, lda, null, 0, 0, b, beta, c, cOff, ldc);
    }

    private static void run(VectorKernels kern, Parallel par, Op opA, Op opB, int m, int n, int k, double alpha,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb, PackedMatrix packed,
                            double beta, double[] c, int cOff, int ldc) {
        CallStack stack = CALLS.get();
        int level = stack.depth++;
        try {
            if (level >= stack.levels.length) {
                stack.levels = java.util.Arrays.copyOf(stack.levels, 2 * level);
            }
            if (stack.levels[level] == null) {
                stack.levels[level] = new Call();
            }
            stack.levels[level].run(kern, par, opA, opB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, packed, beta, c,
                    cOff, ldc);
        } finally {
            stack.depth--;
        }
    }

    /**
     * One GEMM call's state: its arguments, its packing buffers and the bodies of its parallel loops,
     * reused from call to call so a steady-state call allocates nothing (the bodies are bound once, the
     * loop bounds travel in fields). One per thread and nesting level: a pool worker that joins inside
     * one GEMM may run another task that calls GEMM on the same thread (work stealing), and that call
     * must not overwrite the panels still in use below it. Fields written before a parallel loop are
     * visible to its workers (fork-join happens-before).
     */
    private static final class Call {
        private final Parallel.RangeBody packBody = this::packChunks;
        private final Parallel.RangeBody tileBody = this::tiles;
        private final Parallel.RangeBody scaleBody = this::scaleRows;
        private double[] pa = new double[0];
        private double[] pb = new double[0];
        private VectorKernels kern;
        private Op opA;
        private Op opB;
        private double alpha;
        private double beta;
        private double[] a;
        private double[] b;
        private PackedMatrix packed;
        /** The packed B panel of the current block: {@link #pb}, or a block of {@link #packed}. */
        private double[] panel;
        private int panelOff;
        private double[] c;
        private int aOff;
        private int lda;
        private int bOff;
        private int ldb;
        private int cOff;
        private int ldc;
        private int n;
        private int mr;
        private int nr;
        private int jc0;
        private int pc0;
        private int kc;
        private int nc;
        private int ic0;
        private int mp;
        private int bPanels;
        private int aPanels;
        private int bChunks;
        private int rowStep;
        private int colStep;
        private int colBlocks;

        void run(VectorKernels kern, Parallel par, Op opA, Op opB, int m, int n, int k, double alpha,
                 double[] a, int aOff, int lda, double[] b, int bOff, int ldb, PackedMatrix packed, double beta,
                 double[] c, int cOff, int ldc) {
            this.packed = packed;
            this.kern = kern;
            this.opA = opA;
            this.opB = opB;
            this.alpha = alpha;
            this.beta = beta;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            this.n = n;
            try {
                boolean product = k > 0 && alpha != 0.0;
                // beta = 0 with a product: the first depth block overwrites C instead of zeroing it first.
                if (beta != 1.0 && !(beta == 0.0 && product)) {
                    par.forRange(m, Math.max(1, 65536 / n), scaleBody);
                }
                if (product) {
                    blocked(par, m, n, k);
                }
            } finally {
                this.a = null; // do not keep the caller's arrays alive
                this.b = null;
                this.c = null;
                this.packed = null;
                this.panel = null;
            }
        }

        /** The five BLIS loops. */
        private void blocked(Parallel par, int m, int n, int k) {
            mr = kern.mr();
            nr = kern.nr();
            final int mcB = Math.max(mr, MC / mr * mr);
            final int tcB = Math.max(nr, TASK_COLS / nr * nr);
            final int mPack = M_PACK / mcB * mcB;
            int needA = roundUp(Math.min(m, mPack), mr) * KC;
            int needB = packed != null ? 0 : roundUp(Math.min(n, NC), nr) * KC;
            if (pa.length < needA) {
                pa = new double[needA];
            }
            if (pb.length < needB) {
                pb = new double[needB];
            }
            for (int jc = 0; jc < n; jc += NC) {
                nc = Math.min(NC, n - jc);
                jc0 = jc;
                for (int pc = 0; pc < k; pc += KC) {
                    kc = Math.min(KC, k - pc);
                    pc0 = pc;
                    bPanels = Parallel.chunks(nc, nr);
                    panel = packed != null ? packed.data() : pb;
                    panelOff = packed != null ? packed.blockOffset(jc, pc) : 0;
                    for (int ic = 0; ic < m; ic += mPack) {
                        mp = Math.min(mPack, m - ic);
                        ic0 = ic;
                        aPanels = Parallel.chunks(mp, mr);
                        // The B panel is packed together with the first A super-block: one fork-join barrier
                        // fewer per KC block (parked workers wake slowly on a busy machine).
                        // op(B) = B is packed by rows of B (each read once, in order), B^T by micro-panels.
                        bChunks = ic > 0 || packed != null ? 0
                                : opB == Op.N ? Parallel.chunks(kc, PACK_ROWS) : Parallel.chunks(bPanels, PACK_GRAIN);
                        par.forRange(bChunks + Parallel.chunks(aPanels, PACK_GRAIN), 1, packBody);
                        // Tasks of about equal size: as few row and column blocks as MC and TASK_COLS allow,
                        // the rows and columns shared out evenly (in whole micro-panels).
                        rowStep = roundUp(ceilDiv(mp, Parallel.chunks(mp, mcB)), mr);
                        colStep = roundUp(ceilDiv(nc, Parallel.chunks(nc, tcB)), nr);
                        colBlocks = Parallel.chunks(nc, colStep);
                        par.forRange(Parallel.chunks(mp, rowStep) * colBlocks, 1, tileBody);
                    }
                }
            }
        }

        private void packChunks(int c0, int c1) {
            for (int ch = c0; ch < c1; ch++) {
                if (ch < bChunks && opB == Op.N) {
                    packBRows(b, bOff, ldb, pc0, ch * PACK_ROWS, Math.min(kc, (ch + 1) * PACK_ROWS), kc, jc0, nc, nr, pb, 0);
                } else if (ch < bChunks) {
                    for (int q = ch * PACK_GRAIN; q < Math.min(bPanels, (ch + 1) * PACK_GRAIN); q++) {
                        packB(opB, b, bOff, ldb, pc0, kc, jc0 + q * nr, Math.min(nr, nc - q * nr), nr, pb, q * nr * kc);
                    }
                } else {
                    int ca = ch - bChunks;
                    for (int q = ca * PACK_GRAIN; q < Math.min(aPanels, (ca + 1) * PACK_GRAIN); q++) {
                        packA(opA, alpha, a, aOff, lda, ic0 + q * mr, Math.min(mr, mp - q * mr), pc0, kc, mr, pa, q * mr * kc);
                    }
                }
            }
        }

        private void tiles(int t0, int t1) {
            for (int t = t0; t < t1; t++) {
                int i0 = (t / colBlocks) * rowStep;
                int j0 = (t % colBlocks) * colStep;
                macroKernel(kern, kc, pa, panel, panelOff, Math.min(rowStep, mp - i0), Math.min(colStep, nc - j0), i0, j0,
                        c, cOff + ic0 * ldc + jc0, ldc, pc0 == 0 && beta == 0.0);
            }
        }

        private void scaleRows(int r0, int r1) {
            for (int i = r0; i < r1; i++) {
                int row = cOff + i * ldc;
                if (beta == 0.0) {
                    java.util.Arrays.fill(c, row, row + n, 0.0);
                } else {
                    for (int j = 0; j < n; j++) {
                        c[row + j] *= beta;
                    }
                }
            }
        }
    }

    /** One task: rows [i0, i0+mb) of the packed A super-block times columns [j0, j0+nb) of the packed B panel. */
    private static void macroKernel(VectorKernels kern, int kc, double[] pa, double[] pb, int pbOff, int mb, int nb,
                                    int i0, int j0, double[] c, int cBase, int ldc, boolean overwrite) {
        final int mr = kern.mr();
        final int nr = kern.nr();
        for (int jr = 0; jr < nb; jr += nr) {
            int nrEff = Math.min(nr, nb - jr);
            int bpOff = pbOff + ((j0 + jr) / nr) * nr * kc;
            for (int ir = 0; ir < mb; ir += mr) {
                int mrEff = Math.min(mr, mb - ir);
                int apOff = ((i0 + ir) / mr) * mr * kc;
                int cTile = cBase + (i0 + ir) * ldc + j0 + jr;
                if (mrEff == mr && nrEff == nr) {
                    kern.microKernel(kc, pa, apOff, pb, bpOff, c, cTile, ldc, overwrite);
                } else {
                    double[] edge = EDGE.get();
                    for (int r = 0; r < mrEff && !overwrite; r++) {
                        System.arraycopy(c, cTile + r * ldc, edge, r * nr, nrEff);
                    }
                    kern.microKernel(kc, pa, apOff, pb, bpOff, edge, 0, nr, overwrite);
                    for (int r = 0; r < mrEff; r++) {
                        System.arraycopy(edge, r * nr, c, cTile + r * ldc, nrEff);
                    }
                }
            }
        }
    }

    /** Packs rows [i0, i0+rows) and depth [p0, p0+kc) of alpha*op(A) as kc groups of mr values, zero-padded. */
    private static void packA(Op opA, double alpha, double[] a, int aOff, int lda, int i0, int rows, int p0, int kc,
                              int mr, double[] dst, int dOff) {
        if (opA == Op.N) {
            interleave(alpha, a, aOff + i0 * lda + p0, lda, rows, kc, mr, dst, dOff);
        } else {
            gather(alpha, a, aOff + p0 * lda + i0, lda, rows, kc, mr, dst, dOff);
        }
    }

    /**
     * Packs {@code count} source vectors of {@code kc} contiguous values each (vector i from {@code off + i * ld})
     * as kc groups of {@code w}: value p of vector i, times alpha, goes to {@code dOff + p * w + i}; zero-padded
     * past count. Each vector is read once, in order (rows of A for op N, of B for op T).
     */
    private static void interleave(double alpha, double[] src, int off, int ld, int count, int kc, int w, double[] dst,
                                   int dOff) {
        for (int i = 0; i < count; i++) {
            int s = off + i * ld;
            for (int p = 0; p < kc; p++) {
                dst[dOff + p * w + i] = alpha * src[s + p];
            }
        }
        for (int p = 0; p < kc && count < w; p++) {
            for (int i = count; i < w; i++) {
                dst[dOff + p * w + i] = 0.0;
            }
        }
    }

    /**
     * Packs kc runs of {@code count} contiguous values (run p from {@code off + p * ld}) as kc groups of {@code w},
     * times alpha, zero-padded past count (op T of A, op N of B, whose groups are already contiguous).
     */
    private static void gather(double alpha, double[] src, int off, int ld, int count, int kc, int w, double[] dst,
                               int dOff) {
        for (int p = 0; p < kc; p++) {
            int s = off + p * ld;
            int d = dOff + p * w;
            // A plain loop rather than System.arraycopy of NR values: at m = 128 (where packing B weighs most)
            // 28-33 against 27-30 GFLOP/s per CPU-second, JDK 17 and 25, Zen 3.
            for (int i = 0; i < count; i++) {
                dst[d + i] = alpha * src[s + i];
            }
            for (int i = count; i < w; i++) {
                dst[d + i] = 0.0;
            }
        }
    }

    /**
     * Packs depth rows [p0+r0, p0+r1) of B (op N), columns [j0, j0+nc), into all ceil(nc/nr) micro-panels
     * of the panel (micro-panel q holds kc groups of nr values, zero-padded past nc).
     */
    static void packBRows(double[] b, int bOff, int ldb, int p0, int r0, int r1, int kc, int j0, int nc, int nr,
                          double[] dst, int dOff) {
        int panels = (nc + nr - 1) / nr;
        for (int p = r0; p < r1; p++) {
            int src = bOff + (p0 + p) * ldb + j0;
            for (int q = 0; q < panels; q++) {
                int d = dOff + q * nr * kc + p * nr;
                int s = src + q * nr;
                int cols = Math.min(nr, nc - q * nr);
                for (int j = 0; j < cols; j++) {
                    dst[d + j] = b[s + j];
                }
                for (int j = cols; j < nr; j++) {
                    dst[d + j] = 0.0;
                }
            }
        }
    }

    /** Packs depth [p0, p0+kc) and columns [j0, j0+cols) of op(B) as kc groups of nr values, zero-padded. */
    static void packB(Op opB, double[] b, int bOff, int ldb, int p0, int kc, int j0, int cols, int nr,
                      double[] dst, int dOff) {
        if (opB == Op.N) {
            gather(1.0, b, bOff + p0 * ldb + j0, ldb, cols, kc, nr, dst, dOff);
        } else {
            interleave(1.0, b, bOff + j0 * ldb + p0, ldb, cols, kc, nr, dst, dOff);
        }
    }

    private static int ceilDiv(int x, int q) {
        return (x + q - 1) / q;
    }

    private static int roundUp(int x, int q) {
        return (x + q - 1) / q * q;
    }

    /**
     * Checks sizes, leading dimensions and that every index the call will touch lies inside its array;
     * throws {@link IllegalArgumentException} naming the argument and the numbers.
     */
    static void validate(Op opA, Op opB, int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff,
                         int ldb, double[] c, int cOff, int ldc) {
        if (opA == null || opB == null) {
            throw new IllegalArgumentException("gemm: opA and opB must not be null");
        }
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: sizes must be >= 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
        int aRows = opA == Op.N ? m : k;
        int aCols = opA == Op.N ? k : m;
        int bRows = opB == Op.N ? k : n;
        int bCols = opB == Op.N ? n : k;
        checkOperand("A", a, aOff, lda, aRows, aCols);
        checkOperand("B", b, bOff, ldb, bRows, bCols);
        checkOperand("C", c, cOff, ldc, m, n);
    }

    static void checkOperand(String name, double[] x, int off, int ld, int rows, int cols) {
        if (x == null) {
            throw new IllegalArgumentException("gemm: " + name + " must not be null");
        }
        if (off < 0) {
            throw new IllegalArgumentException("gemm: " + name + " offset must be >= 0, got " + off);
        }
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("gemm: leading dimension of " + name + " must be >= " + Math.max(1, cols)
                    + " (its stored columns), got " + ld);
        }
        if (rows > 0 && cols > 0) {
            long last = off + (long) (rows - 1) * ld + cols - 1;
            if (last >= x.length) {
                throw new IllegalArgumentException("gemm: " + name + " is too short: " + rows + " x " + cols
                        + " at offset " + off + " with leading dimension " + ld + " needs index " + last
                        + ", but its length is " + x.length);
            }
        }
    }
}
