package advtrain.certify;

import advtrain.kernel.Gemm;
import advtrain.kernel.Parallel;
import advtrain.threat.Norm;

/**
 * The input set B(x_b) of each sample of a batch, and the two things bound propagation asks of it:
 * the exact interval of a linear map {@code M x'} over the set (batched as GEMMs), and the minimum of a
 * linear functional {@code c . x' + beta} (concretisation with the dual norm).
 *
 * <p>l-infinity (with or without a box): the set is the box {@code [max(x - eps, lo), min(x + eps, hi)]}
 * with centre {@code cb} and radius {@code rb} per coordinate, and {@code min c . x' = c . cb - |c| . rb}
 * (exact; without a box this is {@code c . x - eps ||c||_1}). l2 without a box:
 * {@code min c . x' = c . x - eps ||c||_2} (exact). l2 with a box (a sound relaxation, not exact): the set
 * lies inside both the l2 ball and the clipped l-infinity box above (the l2 ball is inside the l-infinity
 * ball of the same radius), so the larger of the two lower bounds is sound; likewise intervals are the
 * intersection of the two intervals.
 *
 * <p>Not thread-safe; buffers grow to the largest batch seen.
 */
final class BallGeometry {

    private final Ball ball;
    private final int d;
    private final boolean useBox;
    private double[] x;
    private int xOff;
    private int batch;
    private double[] center = new double[0];
    private double[] radius = new double[0];
    private double[] tmp = new double[0];

    BallGeometry(Ball ball, int d) {
        this.ball = ball;
        this.d = d;
        this.useBox = ball.norm() == Norm.LINF || ball.hasBox();
    }

    Ball ball() {
        return ball;
    }

    int batch() {
        return batch;
    }

    /**
     * Binds {@code batch} rows of x (batch x d from xOff); {@code rowBase} is the dataset index of the first
     * row, used in errors. Throws when B(x) ∩ box is empty for some row.
     */
    void prepare(double[] x, int xOff, int batch, int rowBase) {
        this.x = x;
        this.xOff = xOff;
        this.batch = batch;
        if (!useBox) {
            return;
        }
        if (center.length < batch * d) {
            center = new double[batch * d];
            radius = new double[batch * d];
        }
        double eps = ball.eps();
        if (!ball.hasBox()) {
            // exactly x +- eps, no midpoint rounding
            System.arraycopy(x, xOff, center, 0, batch * d);
            java.util.Arrays.fill(radius, 0, batch * d, eps);
            return;
        }
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < d; i++) {
                double xi = x[xOff + b * d + i];
                double lo = Math.max(xi - eps, ball.lo());
                double hi = Math.min(xi + eps, ball.hi());
                if (!(lo <= hi)) {
                    throw new IllegalArgumentException("certify: row " + (rowBase + b) + ": B(x) ∩ box is empty at input "
                            + i + " (x=" + xi + ", eps=" + eps + ", box=[" + ball.lo() + ", " + ball.hi() + "])");
                }
                center[b * d + i] = 0.5 * (lo + hi);
                radius[b * d + i] = 0.5 * (hi - lo);
            }
        }
    }

    /**
     * The exact (l2 with box: sound) interval of each row of M (rows x d at {@code mOff}) over each sample's
     * set: {@code outLo, outHi} are batch x rows. {@code absM} is |M| (same layout), {@code rowL1, rowL2}
     * the rows' l1 and l2 norms.
     */
    void linearInterval(Parallel par, double[] m, int mOff, int rows, double[] absM, double[] rowL1, double[] rowL2,
                        double[] outLo, double[] outHi) {
        int n = batch * rows;
        if (ball.norm() == Norm.LINF) {
            if (!ball.hasBox()) {
                Gemm.gemm(par, Gemm.Op.N, Gemm.Op.T, batch, rows, d, 1.0, x, xOff, d, m, mOff, d, 0.0, outLo, 0, rows);
                spread(par, rows, outLo, rowL1, ball.eps(), outHi);
                return;
            }
            Gemm.gemm(par, Gemm.Op.N, Gemm.Op.T, batch, rows, d, 1.0, center, 0, d, m, mOff, d, 0.0, outLo, 0, rows);
            growTmp(n);
            Gemm.gemm(par, Gemm.Op.N, Gemm.Op.T, batch, rows, d, 1.0, radius, 0, d, absM, 0, d, 0.0, tmp, 0, rows);
            spreadPerSample(par, n, outLo, tmp, outHi);
            return;
        }
        Gemm.gemm(par, Gemm.Op.N, Gemm.Op.T, batch, rows, d, 1.0, x, xOff, d, m, mOff, d, 0.0, outLo, 0, rows);
        spread(par, rows, outLo, rowL2, ball.eps(), outHi);
        if (!ball.hasBox()) {
            return;
        }
        growTmp(2 * n);
        Gemm.gemm(par, Gemm.Op.N, Gemm.Op.T, batch, rows, d, 1.0, center, 0, d, m, mOff, d, 0.0, tmp, 0, rows);
        Gemm.gemm(par, Gemm.Op.N, Gemm.Op.T, batch, rows, d, 1.0, radius, 0, d, absM, 0, d, 0.0, tmp, n, rows);
        par.forRange(n, 4096, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                outLo[i] = Math.max(outLo[i], tmp[i] - tmp[n + i]);
                outHi[i] = Math.min(outHi[i], tmp[i] + tmp[n + i]);
            }
        });
    }

    /** lo = c - eps * norm[row], hi = c + eps * norm[row], c read from lo. */
    private void spread(Parallel par, int rows, double[] lo, double[] norm, double eps, double[] hi) {
        par.forRange(batch * rows, 4096, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                double c = lo[i];
                double r = eps * norm[i % rows];
                lo[i] = c - r;
                hi[i] = c + r;
            }
        });
    }

    private static void spreadPerSample(Parallel par, int n, double[] lo, double[] rad, double[] hi) {
        par.forRange(n, 4096, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                double c = lo[i];
                lo[i] = c - rad[i];
                hi[i] = c + rad[i];
            }
        });
    }

    private void growTmp(int n) {
        if (tmp.length < n) {
            tmp = new double[n];
        }
    }

    /** {@code min over B(x_b) of c . x' + bias}, c = {@code c[cOff .. cOff+d)}. Sequential, fixed order. */
    double lower(double[] c, int cOff, double bias, int b) {
        if (ball.norm() == Norm.LINF) {
            return bias + boxLower(c, cOff, b);
        }
        int xo = xOff + b * d;
        double dot = 0.0;
        double sq = 0.0;
        for (int i = 0; i < d; i++) {
            double ci = c[cOff + i];
            dot += ci * x[xo + i];
            sq += ci * ci;
        }
        double l2 = bias + dot - ball.eps() * Math.sqrt(sq);
        return ball.hasBox() ? Math.max(l2, bias + boxLower(c, cOff, b)) : l2;
    }

    private double boxLower(double[] c, int cOff, int b) {
        int o = b * d;
        double dot = 0.0;
        double rad = 0.0;
        for (int i = 0; i < d; i++) {
            double ci = c[cOff + i];
            dot += ci * center[o + i];
            rad += Math.abs(ci) * radius[o + i];
        }
        return dot - rad;
    }

    /** Row norms of M (rows x d): l1 into {@code l1}, l2 into {@code l2}. */
    static void rowNorms(double[] m, int mOff, int rows, int d, double[] l1, double[] l2) {
        for (int r = 0; r < rows; r++) {
            double s1 = 0.0;
            double s2 = 0.0;
            for (int i = 0; i < d; i++) {
                double v = m[mOff + r * d + i];
                s1 += Math.abs(v);
                s2 += v * v;
            }
            l1[r] = s1;
            l2[r] = Math.sqrt(s2);
        }
    }

    /** |M| for the l-infinity radius GEMMs. */
    static double[] abs(double[] m, int mOff, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.abs(m[mOff + i]);
        }
        return out;
    }
}
