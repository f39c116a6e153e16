package advtrain.kernel;

/**
 * The element-wise and reduction kernels every layer above uses, over flat {@code double[]}
 * with explicit offsets. Two implementations exist: {@link ScalarKernels} (plain Java, the
 * reference and the fallback) and a Vector API one; {@link Simd#kernels()} picks one at start.
 *
 * <p>Bit-exactness contract: every implementation returns bit-identical results for the same
 * inputs. Element-wise ops use the same operation per element ({@code Math.fma} where a fused
 * multiply-add is named). Reductions ({@link #dot}, {@link #sum}, {@link #sumSquares}) are
 * defined as {@link #REDUCTION_LANES} interleaved partial sums (element i goes to partial
 * {@code i % 8} of the main body), combined in the fixed order {@code ((p0+p1)+(p2+p3))+((p4+p5)+(p6+p7))},
 * then the tail elements added in index order. The vector path realises the 8 partials with
 * however many vectors its width needs, so the bits never depend on the vector width.
 */
public interface VectorKernels {

    /** Number of interleaved partial sums that define every reduction's order. */
    int REDUCTION_LANES = 8;

    /** A short name for reports: {@code scalar} or {@code vector-512} etc. */
    String name();

    /** Vector width in bits, 0 for the scalar path. */
    int bits();

    /** {@code y[i] = max(x[i], 0)}; a NaN input stays NaN. In place allowed. */
    void relu(int n, double[] x, int xOff, double[] y, int yOff);

    /** {@code out[i] = pre[i] > 0 ? g[i] : 0} (the ReLU derivative mask applied to g). In place allowed. */
    void reluBackward(int n, double[] g, int gOff, double[] pre, int preOff, double[] out, int outOff);

    /** {@code y[i] = fma(a, x[i], y[i])}. */
    void axpy(int n, double a, double[] x, int xOff, double[] y, int yOff);

    /** {@code x[i] *= a}. */
    void scale(int n, double a, double[] x, int xOff);

    /** {@code out[i] = x[i] * y[i]}. In place allowed. */
    void mul(int n, double[] x, int xOff, double[] y, int yOff, double[] out, int outOff);

    /** {@code y[i] = signum(x[i])} with sign(0) = 0 (and sign(NaN) = NaN). In place allowed. */
    void sign(int n, double[] x, int xOff, double[] y, int yOff);

    /** {@code x[i] = min(max(x[i], lo), hi)}. */
    void clamp(int n, double lo, double hi, double[] x, int xOff);

    /** Sum of {@code x[i] * y[i]}, accumulated with fma in the order of the class javadoc. */
    double dot(int n, double[] x, int xOff, double[] y, int yOff);

    /** Sum of {@code x[i]} in the order of the class javadoc. */
    double sum(int n, double[] x, int xOff);

    /** Sum of {@code (x[i] - y[i])^2} in the order of the class javadoc ({@code y == null}: of {@code x[i]^2}). */
    double sumSquares(int n, double[] x, int xOff, double[] y, int yOff);

    /** {@code max |x[i]|} (0 for n = 0; NaN if any element is NaN). */
    double normInf(int n, double[] x, int xOff);

    /**
     * The l-infinity attack step, fused: {@code x[i] = clamp(x[i] + step * sign(g[i]), lo_i, hi_i)}
     * with {@code lo_i = max(c[i] - eps, boxLo)} and {@code hi_i = min(c[i] + eps, boxHi)}.
     * Pass infinite box bounds for no box.
     */
    void signStepClip(int n, double[] x, int xOff, double[] g, int gOff, double step,
                      double[] c, int cOff, double eps, double boxLo, double boxHi);

    /**
     * The GEMM micro-kernel: {@code C[MR x NR] += Apanel * Bpanel} over {@code kc} steps, every element one
     * fma chain over p in order. {@code ap} holds {@code kc} groups of {@link #mr()} values (column p of the
     * A micro-panel), {@code bp} holds {@code kc} groups of {@link #nr()} values (row p of the B micro-panel).
     * C is read and written at {@code c[cOff + r * ldc + j]} for r < mr, j < nr; with {@code overwrite} C is
     * only written: every chain starts from +0.0 instead of C (the same bits as on a C zeroed beforehand).
     */
    void microKernel(int kc, double[] ap, int apOff, double[] bp, int bpOff, double[] c, int cOff, int ldc,
                     boolean overwrite);

    /** Rows of the register tile. */
    int mr();

    /** Columns of the register tile. */
    int nr();
}
