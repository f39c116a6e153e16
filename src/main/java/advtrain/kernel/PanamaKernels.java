package advtrain.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Vector API ({@code jdk.incubator.vector}). Loaded only through {@link Simd}, and only
 * when the module is present, so the scalar path never touches these classes.
 *
 * <p>The species is chosen once per JVM (system property {@code advtrain.simd.bits} = 128, 256 or 512,
 * default the preferred species): on JDK 17 mixing species in one JVM boxes vectors and costs 20x
 * (see NOTES.md). Every op vectorizes across independent outputs; reductions keep 8 lanes of partial
 * sums whatever the width, so the results are bit-identical to {@link ScalarKernels}.
 */
final class PanamaKernels implements VectorKernels {

    static final VectorSpecies<Double> S = chooseSpecies();
    static final int L = S.length();
    /** Vectors needed to hold the {@link #REDUCTION_LANES} partial sums. */
    static final int V = REDUCTION_LANES / L;
    /**
     * Register tile columns, in vectors. A tile needs rows x VECTORS_PER_ROW accumulators, VECTORS_PER_ROW
     * loads of B and a broadcast of A in vector registers. 512-bit species imply AVX-512 and its 32
     * registers: 6 x 4 (24 accumulators; measured best on Zen 4 in NOTES.md, 8 x 4 cost 35%). Narrower
     * species get two vectors per row, for the 16 registers of AVX2.
     */
    static final int VECTORS_PER_ROW = L == 8 ? 4 : 2;

    /**
     * Register tile rows for two vectors per row: 6 on JDK 17, 4 on later JDKs. Measured on Zen 3 (AVX2,
     * 16 ymm registers), one thread, GFLOP/s per CPU-second of the calling thread, n = 1024 and n = 256
     * (OpenBLAS: 43 in the same sitting). JDK 17: 6 x 2 (15 registers) 32-34 and 36, 4 x 2: 29-30 and 37,
     * 5 x 2: 30 and 34, 3 x 2: 23 and 27, 4 x 3 (16 registers): 19 at n = 256, 6 x 4 (spills): 18.
     * JDK 25: 6 x 2: 17 and 19 (its C2 spills this tile), 4 x 2: 30-34 and 38, 5 x 2: 32 and 38.
     */
    static final int DEFAULT_ROWS = VECTORS_PER_ROW == 4 ? 6 : Runtime.version().feature() <= 17 ? 6 : 4;

    private final int mr;
    private final int nr;

    /** The kernels with the default register tile for this species and JDK. */
    PanamaKernels() {
        this(DEFAULT_ROWS);
    }

    /** The register tile rows this species supports: {6} at 512 bits, {4, 6} otherwise. */
    static int[] tileRows() {
        return VECTORS_PER_ROW == 4 ? new int[] {6} : new int[] {4, 6};
    }

    /** The kernels with {@code rows} register tile rows, one of {@link #tileRows()} (tests run every tile). */
    PanamaKernels(int rows) {
        if (VECTORS_PER_ROW == 4 ? rows != 6 : rows != 4 && rows != 6) {
            throw new IllegalArgumentException("no " + rows + "-row tile for " + S);
        }
        this.mr = rows;
        this.nr = VECTORS_PER_ROW * L;
    }

    private static VectorSpecies<Double> chooseSpecies() {
        String bits = System.getProperty("advtrain.simd.bits", "");
        VectorSpecies<Double> s;
        switch (bits) {
            case "128": s = DoubleVector.SPECIES_128; break;
            case "256": s = DoubleVector.SPECIES_256; break;
            case "512": s = DoubleVector.SPECIES_512; break;
            case "": s = DoubleVector.SPECIES_PREFERRED; break;
            default: throw new IllegalArgumentException(
                    "advtrain.simd.bits must be 128, 256 or 512, got '" + bits + "'");
        }
        if (s.length() < 2 || s.length() > REDUCTION_LANES) {
            throw new IllegalStateException("unsupported vector species " + s + " (need 2 to 8 double lanes)");
        }
        return s;
    }

    @Override public String name() { return "vector-" + bits(); }
    @Override public int bits() { return S.vectorBitSize(); }
    @Override public int mr() { return mr; }
    @Override public int nr() { return nr; }

    @Override
    public void relu(int n, double[] x, int xOff, double[] y, int yOff) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            DoubleVector.fromArray(S, x, xOff + i).max(0.0).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.max(x[xOff + i], 0.0);
        }
    }

    @Override
    public void reluBackward(int n, double[] g, int gOff, double[] pre, int preOff, double[] out, int outOff) {
        DoubleVector zero = DoubleVector.zero(S);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            VectorMask<Double> on = DoubleVector.fromArray(S, pre, preOff + i).compare(VectorOperators.GT, 0.0);
            zero.blend(DoubleVector.fromArray(S, g, gOff + i), on).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = pre[preOff + i] > 0 ? g[gOff + i] : 0.0;
        }
    }

    @Override
    public void axpy(int n, double a, double[] x, int xOff, double[] y, int yOff) {
        DoubleVector va = DoubleVector.broadcast(S, a);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            va.fma(DoubleVector.fromArray(S, x, xOff + i), DoubleVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.fma(a, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    public void scale(int n, double a, double[] x, int xOff) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            DoubleVector.fromArray(S, x, xOff + i).mul(a).intoArray(x, xOff + i);
        }
        for (; i < n; i++) {
            x[xOff + i] *= a;
        }
    }

    @Override
    public void mul(int n, double[] x, int xOff, double[] y, int yOff, double[] out, int outOff) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            DoubleVector.fromArray(S, x, xOff + i).mul(DoubleVector.fromArray(S, y, yOff + i)).intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = x[xOff + i] * y[yOff + i];
        }
    }

    private static DoubleVector signum(DoubleVector v) {
        // Keeps +-0 and NaN as they are, like Math.signum.
        return v.blend(1.0, v.compare(VectorOperators.GT, 0.0)).blend(-1.0, v.compare(VectorOperators.LT, 0.0));
    }

    @Override
    public void sign(int n, double[] x, int xOff, double[] y, int yOff) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            signum(DoubleVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.signum(x[xOff + i]);
        }
    }

    @Override
    public void clamp(int n, double lo, double hi, double[] x, int xOff) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            DoubleVector.fromArray(S, x, xOff + i).max(lo).min(hi).intoArray(x, xOff + i);
        }
        for (; i < n; i++) {
            x[xOff + i] = Math.min(Math.max(x[xOff + i], lo), hi);
        }
    }

    /**
     * The 8 partial sums, held in {@link #V} vectors (lane l of vector v is partial {@code v * L + l}),
     * combined in the order of {@link ScalarKernels#combine}. Lane indices are constants, so each
     * {@code lane} call compiles to one extract; the unused vectors are ignored.
     */
    private static double combine(DoubleVector a0, DoubleVector a1, DoubleVector a2, DoubleVector a3) {
        if (L == 8) {
            return ScalarKernels.combine(a0.lane(0), a0.lane(1), a0.lane(2), a0.lane(3),
                    a0.lane(4), a0.lane(5), a0.lane(6), a0.lane(7));
        } else if (L == 4) {
            return ScalarKernels.combine(a0.lane(0), a0.lane(1), a0.lane(2), a0.lane(3),
                    a1.lane(0), a1.lane(1), a1.lane(2), a1.lane(3));
        } else {
            return ScalarKernels.combine(a0.lane(0), a0.lane(1), a1.lane(0), a1.lane(1),
                    a2.lane(0), a2.lane(1), a3.lane(0), a3.lane(1));
        }
    }

    @Override
    public double dot(int n, double[] x, int xOff, double[] y, int yOff) {
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int body = n - n % REDUCTION_LANES;
        for (int i = 0; i < body; i += REDUCTION_LANES) {
            a0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), a0);
            if (V > 1) {
                a1 = DoubleVector.fromArray(S, x, xOff + i + L).fma(DoubleVector.fromArray(S, y, yOff + i + L), a1);
            }
            if (V > 2) {
                a2 = DoubleVector.fromArray(S, x, xOff + i + 2 * L).fma(DoubleVector.fromArray(S, y, yOff + i + 2 * L), a2);
                a3 = DoubleVector.fromArray(S, x, xOff + i + 3 * L).fma(DoubleVector.fromArray(S, y, yOff + i + 3 * L), a3);
            }
        }
        double s = combine(a0, a1, a2, a3);
        for (int i = body; i < n; i++) {
            s = Math.fma(x[xOff + i], y[yOff + i], s);
        }
        return s;
    }

    @Override
    public double sum(int n, double[] x, int xOff) {
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int body = n - n % REDUCTION_LANES;
        for (int i = 0; i < body; i += REDUCTION_LANES) {
            a0 = a0.add(DoubleVector.fromArray(S, x, xOff + i));
            if (V > 1) {
                a1 = a1.add(DoubleVector.fromArray(S, x, xOff + i + L));
            }
            if (V > 2) {
                a2 = a2.add(DoubleVector.fromArray(S, x, xOff + i + 2 * L));
                a3 = a3.add(DoubleVector.fromArray(S, x, xOff + i + 3 * L));
            }
        }
        double s = combine(a0, a1, a2, a3);
        for (int i = body; i < n; i++) {
            s += x[xOff + i];
        }
        return s;
    }

    private static DoubleVector diff(double[] x, int xo, double[] y, int yo) {
        DoubleVector d = DoubleVector.fromArray(S, x, xo);
        return y == null ? d : d.sub(DoubleVector.fromArray(S, y, yo));
    }

    @Override
    public double sumSquares(int n, double[] x, int xOff, double[] y, int yOff) {
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int body = n - n % REDUCTION_LANES;
        for (int i = 0; i < body; i += REDUCTION_LANES) {
            DoubleVector d = diff(x, xOff + i, y, yOff + i);
            a0 = d.fma(d, a0);
            if (V > 1) {
                d = diff(x, xOff + i + L, y, yOff + i + L);
                a1 = d.fma(d, a1);
            }
            if (V > 2) {
                d = diff(x, xOff + i + 2 * L, y, yOff + i + 2 * L);
                a2 = d.fma(d, a2);
                d = diff(x, xOff + i + 3 * L, y, yOff + i + 3 * L);
                a3 = d.fma(d, a3);
            }
        }
        double s = combine(a0, a1, a2, a3);
        for (int i = body; i < n; i++) {
            double d = y == null ? x[xOff + i] : x[xOff + i] - y[yOff + i];
            s = Math.fma(d, d, s);
        }
        return s;
    }

    @Override
    public double normInf(int n, double[] x, int xOff) {
        DoubleVector m = DoubleVector.zero(S);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            m = m.max(DoubleVector.fromArray(S, x, xOff + i).abs());
        }
        double r = m.reduceLanes(VectorOperators.MAX); // max is exact: lane order cannot change the bits
        for (; i < n; i++) {
            r = Math.max(r, Math.abs(x[xOff + i]));
        }
        return r;
    }

    @Override
    public void signStepClip(int n, double[] x, int xOff, double[] g, int gOff, double step,
                             double[] c, int cOff, double eps, double boxLo, double boxHi) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            DoubleVector cv = DoubleVector.fromArray(S, c, cOff + i);
            DoubleVector lo = cv.sub(eps).max(boxLo);
            DoubleVector hi = cv.add(eps).min(boxHi);
            DoubleVector v = DoubleVector.fromArray(S, x, xOff + i)
                    .add(signum(DoubleVector.fromArray(S, g, gOff + i)).mul(step));
            v.max(lo).min(hi).intoArray(x, xOff + i);
        }
        for (; i < n; i++) {
            double lo = Math.max(c[cOff + i] - eps, boxLo);
            double hi = Math.min(c[cOff + i] + eps, boxHi);
            double v = x[xOff + i] + step * Math.signum(g[gOff + i]);
            x[xOff + i] = Math.min(Math.max(v, lo), hi);
        }
    }

    @Override
    public void microKernel(int kc, double[] ap, int apOff, double[] bp, int bpOff, double[] c, int cOff, int ldc,
                            boolean overwrite) {
        assert apOff >= 0 && apOff + kc * mr <= ap.length && bpOff >= 0 && bpOff + kc * nr <= bp.length;
        if (VECTORS_PER_ROW == 4) {
            tile6x4(kc, ap, apOff, bp, bpOff, c, cOff, ldc, overwrite);
        } else if (mr == 6) {
            tile6x2(kc, ap, apOff, bp, bpOff, c, cOff, ldc, overwrite);
        } else {
            tile4x2(kc, ap, apOff, bp, bpOff, c, cOff, ldc, overwrite);
        }
    }

    /** The accumulator for C at {@code off}: its value, or +0.0 when C is overwritten. */
    private static DoubleVector start(double[] c, int off, boolean overwrite) {
        return overwrite ? DoubleVector.zero(S) : DoubleVector.fromArray(S, c, off);
    }

    // The tiles below are written out in full (no loops over accumulators) so C2 keeps every
    // accumulator in a register: the loop index p is the only induction variable, which lets C2 drop
    // the bounds checks of the loads (a pointer-bumping variant, ao += MR, ran 30-50% slower).

    /** The 6 x 4-vector register tile (6 x 4L doubles of C in 24 accumulators). */
    private static void tile6x4(int kc, double[] ap, int apOff, double[] bp, int bpOff, double[] c, int cOff, int ldc,
                                boolean overwrite) {
        DoubleVector c00 = start(c, cOff + 0 * ldc + 0 * L, overwrite);
        DoubleVector c01 = start(c, cOff + 0 * ldc + 1 * L, overwrite);
        DoubleVector c02 = start(c, cOff + 0 * ldc + 2 * L, overwrite);
        DoubleVector c03 = start(c, cOff + 0 * ldc + 3 * L, overwrite);
        DoubleVector c10 = start(c, cOff + 1 * ldc + 0 * L, overwrite);
        DoubleVector c11 = start(c, cOff + 1 * ldc + 1 * L, overwrite);
        DoubleVector c12 = start(c, cOff + 1 * ldc + 2 * L, overwrite);
        DoubleVector c13 = start(c, cOff + 1 * ldc + 3 * L, overwrite);
        DoubleVector c20 = start(c, cOff + 2 * ldc + 0 * L, overwrite);
        DoubleVector c21 = start(c, cOff + 2 * ldc + 1 * L, overwrite);
        DoubleVector c22 = start(c, cOff + 2 * ldc + 2 * L, overwrite);
        DoubleVector c23 = start(c, cOff + 2 * ldc + 3 * L, overwrite);
        DoubleVector c30 = start(c, cOff + 3 * ldc + 0 * L, overwrite);
        DoubleVector c31 = start(c, cOff + 3 * ldc + 1 * L, overwrite);
        DoubleVector c32 = start(c, cOff + 3 * ldc + 2 * L, overwrite);
        DoubleVector c33 = start(c, cOff + 3 * ldc + 3 * L, overwrite);
        DoubleVector c40 = start(c, cOff + 4 * ldc + 0 * L, overwrite);
        DoubleVector c41 = start(c, cOff + 4 * ldc + 1 * L, overwrite);
        DoubleVector c42 = start(c, cOff + 4 * ldc + 2 * L, overwrite);
        DoubleVector c43 = start(c, cOff + 4 * ldc + 3 * L, overwrite);
        DoubleVector c50 = start(c, cOff + 5 * ldc + 0 * L, overwrite);
        DoubleVector c51 = start(c, cOff + 5 * ldc + 1 * L, overwrite);
        DoubleVector c52 = start(c, cOff + 5 * ldc + 2 * L, overwrite);
        DoubleVector c53 = start(c, cOff + 5 * ldc + 3 * L, overwrite);
        for (int p = 0; p < kc; p++) {
            int bo = bpOff + p * (4 * L);
            int ao = apOff + p * 6;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bo + 0 * L);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bo + 1 * L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, bo + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, bp, bo + 3 * L);
            DoubleVector a;
            a = DoubleVector.broadcast(S, ap[ao + 0]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01); c02 = a.fma(b2, c02); c03 = a.fma(b3, c03);
            a = DoubleVector.broadcast(S, ap[ao + 1]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11); c12 = a.fma(b2, c12); c13 = a.fma(b3, c13);
            a = DoubleVector.broadcast(S, ap[ao + 2]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21); c22 = a.fma(b2, c22); c23 = a.fma(b3, c23);
            a = DoubleVector.broadcast(S, ap[ao + 3]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31); c32 = a.fma(b2, c32); c33 = a.fma(b3, c33);
            a = DoubleVector.broadcast(S, ap[ao + 4]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41); c42 = a.fma(b2, c42); c43 = a.fma(b3, c43);
            a = DoubleVector.broadcast(S, ap[ao + 5]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51); c52 = a.fma(b2, c52); c53 = a.fma(b3, c53);
        }
        c00.intoArray(c, cOff + 0 * ldc + 0 * L);
        c01.intoArray(c, cOff + 0 * ldc + 1 * L);
        c02.intoArray(c, cOff + 0 * ldc + 2 * L);
        c03.intoArray(c, cOff + 0 * ldc + 3 * L);
        c10.intoArray(c, cOff + 1 * ldc + 0 * L);
        c11.intoArray(c, cOff + 1 * ldc + 1 * L);
        c12.intoArray(c, cOff + 1 * ldc + 2 * L);
        c13.intoArray(c, cOff + 1 * ldc + 3 * L);
        c20.intoArray(c, cOff + 2 * ldc + 0 * L);
        c21.intoArray(c, cOff + 2 * ldc + 1 * L);
        c22.intoArray(c, cOff + 2 * ldc + 2 * L);
        c23.intoArray(c, cOff + 2 * ldc + 3 * L);
        c30.intoArray(c, cOff + 3 * ldc + 0 * L);
        c31.intoArray(c, cOff + 3 * ldc + 1 * L);
        c32.intoArray(c, cOff + 3 * ldc + 2 * L);
        c33.intoArray(c, cOff + 3 * ldc + 3 * L);
        c40.intoArray(c, cOff + 4 * ldc + 0 * L);
        c41.intoArray(c, cOff + 4 * ldc + 1 * L);
        c42.intoArray(c, cOff + 4 * ldc + 2 * L);
        c43.intoArray(c, cOff + 4 * ldc + 3 * L);
        c50.intoArray(c, cOff + 5 * ldc + 0 * L);
        c51.intoArray(c, cOff + 5 * ldc + 1 * L);
        c52.intoArray(c, cOff + 5 * ldc + 2 * L);
        c53.intoArray(c, cOff + 5 * ldc + 3 * L);
    }

    /** The 6 x 2-vector register tile (6 x 2L doubles of C in 12 accumulators). */
    private static void tile6x2(int kc, double[] ap, int apOff, double[] bp, int bpOff, double[] c, int cOff, int ldc,
                                boolean overwrite) {
        DoubleVector c00 = start(c, cOff + 0 * ldc + 0 * L, overwrite);
        DoubleVector c01 = start(c, cOff + 0 * ldc + 1 * L, overwrite);
        DoubleVector c10 = start(c, cOff + 1 * ldc + 0 * L, overwrite);
        DoubleVector c11 = start(c, cOff + 1 * ldc + 1 * L, overwrite);
        DoubleVector c20 = start(c, cOff + 2 * ldc + 0 * L, overwrite);
        DoubleVector c21 = start(c, cOff + 2 * ldc + 1 * L, overwrite);
        DoubleVector c30 = start(c, cOff + 3 * ldc + 0 * L, overwrite);
        DoubleVector c31 = start(c, cOff + 3 * ldc + 1 * L, overwrite);
        DoubleVector c40 = start(c, cOff + 4 * ldc + 0 * L, overwrite);
        DoubleVector c41 = start(c, cOff + 4 * ldc + 1 * L, overwrite);
        DoubleVector c50 = start(c, cOff + 5 * ldc + 0 * L, overwrite);
        DoubleVector c51 = start(c, cOff + 5 * ldc + 1 * L, overwrite);
        for (int p = 0; p < kc; p++) {
            int bo = bpOff + p * (2 * L);
            int ao = apOff + p * 6;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bo + 0 * L);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bo + 1 * L);
            DoubleVector a;
            a = DoubleVector.broadcast(S, ap[ao + 0]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(S, ap[ao + 1]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(S, ap[ao + 2]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(S, ap[ao + 3]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = DoubleVector.broadcast(S, ap[ao + 4]);
            c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = DoubleVector.broadcast(S, ap[ao + 5]);
            c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
        }
        c00.intoArray(c, cOff + 0 * ldc + 0 * L);
        c01.intoArray(c, cOff + 0 * ldc + 1 * L);
        c10.intoArray(c, cOff + 1 * ldc + 0 * L);
        c11.intoArray(c, cOff + 1 * ldc + 1 * L);
        c20.intoArray(c, cOff + 2 * ldc + 0 * L);
        c21.intoArray(c, cOff + 2 * ldc + 1 * L);
        c30.intoArray(c, cOff + 3 * ldc + 0 * L);
        c31.intoArray(c, cOff + 3 * ldc + 1 * L);
        c40.intoArray(c, cOff + 4 * ldc + 0 * L);
        c41.intoArray(c, cOff + 4 * ldc + 1 * L);
        c50.intoArray(c, cOff + 5 * ldc + 0 * L);
        c51.intoArray(c, cOff + 5 * ldc + 1 * L);
    }

    /** The 4 x 2-vector register tile (4 x 2L doubles of C in 8 accumulators). */
    private static void tile4x2(int kc, double[] ap, int apOff, double[] bp, int bpOff, double[] c, int cOff, int ldc,
                                boolean overwrite) {
        DoubleVector c00 = start(c, cOff + 0 * ldc + 0 * L, overwrite);
        DoubleVector c01 = start(c, cOff + 0 * ldc + 1 * L, overwrite);
        DoubleVector c10 = start(c, cOff + 1 * ldc + 0 * L, overwrite);
        DoubleVector c11 = start(c, cOff + 1 * ldc + 1 * L, overwrite);
        DoubleVector c20 = start(c, cOff + 2 * ldc + 0 * L, overwrite);
        DoubleVector c21 = start(c, cOff + 2 * ldc + 1 * L, overwrite);
        DoubleVector c30 = start(c, cOff + 3 * ldc + 0 * L, overwrite);
        DoubleVector c31 = start(c, cOff + 3 * ldc + 1 * L, overwrite);
        for (int p = 0; p < kc; p++) {
            int bo = bpOff + p * (2 * L);
            int ao = apOff + p * 4;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bo + 0 * L);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bo + 1 * L);
            DoubleVector a;
            a = DoubleVector.broadcast(S, ap[ao + 0]);
            c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(S, ap[ao + 1]);
            c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(S, ap[ao + 2]);
            c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(S, ap[ao + 3]);
            c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
        }
        c00.intoArray(c, cOff + 0 * ldc + 0 * L);
        c01.intoArray(c, cOff + 0 * ldc + 1 * L);
        c10.intoArray(c, cOff + 1 * ldc + 0 * L);
        c11.intoArray(c, cOff + 1 * ldc + 1 * L);
        c20.intoArray(c, cOff + 2 * ldc + 0 * L);
        c21.intoArray(c, cOff + 2 * ldc + 1 * L);
        c30.intoArray(c, cOff + 3 * ldc + 0 * L);
        c31.intoArray(c, cOff + 3 * ldc + 1 * L);
    }

}
