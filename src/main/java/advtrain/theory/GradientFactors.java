package advtrain.theory;

import advtrain.kernel.Gemm;
import advtrain.kernel.Gemm.Op;
import advtrain.kernel.Parallel;
import advtrain.model.Activation;
import advtrain.model.DeepReluNet;
import advtrain.model.Network;
import advtrain.model.TwoLayerNet;

/**
 * The per-sample weight gradients of the engine's networks in factored form: for every trainable block
 * h and every input row b, grad_{block h} f_o(x_b) is the rank-one matrix U_h[b] V_h[b]^T
 * (block rows x block columns, row-major as in {@link Network#params()}). So the empirical NTK is
 * Theta = sum_h (U_h U_h^T) ⊙ (V_h V_h^T) and the first-order term &lt;grad f(x_b), Delta W&gt; is
 * sum_h U_h[b]^T Delta W_h V_h[b], without ever writing a gradient of paramCount values.
 * <ul>
 *   <li>Deep net (eq. 1), block h = W_h (m x m): U_h = delta_h = d f / d x̄_h, V_h = x_(h-1); forward
 *       X0 = X A^T, X̄h = X(h-1) Wh^T, XH -> f = XH a_o^T; backward delta_H = a_o ⊙ 1[X̄H > 0],
 *       delta_(h-1) = (delta_h Wh) ⊙ 1[X̄(h-1) > 0].</li>
 *   <li>Two-layer net (eq. 4), one block W (m x d): U[b, r] = a_{o,r} sigma'(w_r.x_b) / sqrt(m), V = X.</li>
 * </ul>
 * Computed at any weights of the network's layout (its current or initial weights), in batched GEMMs
 * of n x m; the outputs f_o(x_b) at those weights come along. Memory: (H + 1) n m doubles.
 */
public final class GradientFactors {

    private final int n;
    private final int blocks;
    private final int[] rows;
    private final int[] cols;
    private final double[][] u;
    private final double[][] v;
    private final double[] output;

    private GradientFactors(int n, int[] rows, int[] cols, double[][] u, double[][] v, double[] output) {
        this.n = n;
        this.blocks = rows.length;
        this.rows = rows;
        this.cols = cols;
        this.u = u;
        this.v = v;
        this.output = output;
    }

    /**
     * The factors of output {@code output} at the weights {@code weights} (the network's layout: pass
     * {@code net.params()} or {@code net.initialParams()}) for the n rows of {@code x} (n x d).
     */
    public static GradientFactors of(Network net, double[] weights, double[] x, int n, int output, Parallel par) {
        if (weights.length != net.paramCount()) {
            throw new IllegalArgumentException("weights: expected " + net.paramCount() + " values, got " + weights.length);
        }
        KernelMatrix.checkRows("x", x, n, net.inputDim());
        if (output < 0 || output >= net.outputDim()) {
            throw new IllegalArgumentException("output must be in 0.." + (net.outputDim() - 1) + ", got " + output);
        }
        if (net instanceof DeepReluNet deep) {
            return deep(deep, weights, x, n, output, par);
        }
        if (net instanceof TwoLayerNet two) {
            return twoLayer(two, weights, x, n, output, par);
        }
        throw new IllegalArgumentException("gradient factors need a deep or two-layer net, got " + net.kind());
    }

    private static GradientFactors deep(DeepReluNet net, double[] w, double[] x, int n, int o, Parallel par) {
        int d = net.inputDim();
        int m = net.width();
        int depth = net.depth();
        double[] a = net.outputWeights();
        double[][] post = new double[depth + 1][n * m]; // x_0 .. x_H
        double[][] pre = new double[depth + 1][];       // x̄_1 .. x̄_H (index 0 unused)
        Gemm.gemm(par, Op.N, Op.T, n, m, d, 1.0, x, 0, d, net.inputMatrix(), 0, d, 0.0, post[0], 0, m);
        for (int h = 1; h <= depth; h++) {
            pre[h] = new double[n * m];
            Gemm.gemm(par, Op.N, Op.T, n, m, m, 1.0, post[h - 1], 0, m, w, net.layerOffset(h), m, 0.0, pre[h], 0, m);
            for (int i = 0; i < n * m; i++) {
                post[h][i] = Math.max(pre[h][i], 0.0);
            }
        }
        double[] f = new double[n];
        Gemm.gemm(par, Op.N, Op.T, n, 1, m, 1.0, post[depth], 0, m, a, o * m, m, 0.0, f, 0, 1);
        double[][] u = new double[depth][];
        double[][] v = new double[depth][];
        int[] rows = new int[depth];
        int[] cols = new int[depth];
        double[] delta = new double[n * m];
        for (int b = 0; b < n; b++) {
            System.arraycopy(a, o * m, delta, b * m, m);
        }
        for (int h = depth; h >= 1; h--) {
            if (h < depth) {
                double[] next = new double[n * m];
                Gemm.gemm(par, Op.N, Op.N, n, m, m, 1.0, u[h], 0, m, w, net.layerOffset(h + 1), m, 0.0, next, 0, m);
                delta = next;
            }
            double[] p = pre[h];
            for (int i = 0; i < n * m; i++) {
                if (!(p[i] > 0)) {
                    delta[i] = 0.0;
                }
            }
            u[h - 1] = delta;
            v[h - 1] = post[h - 1];
            rows[h - 1] = m;
            cols[h - 1] = m;
        }
        return new GradientFactors(n, rows, cols, u, v, f);
    }

    private static GradientFactors twoLayer(TwoLayerNet net, double[] w, double[] x, int n, int o, Parallel par) {
        int d = net.inputDim();
        int m = net.width();
        Activation act = net.activation();
        double scale = net.outputScale();
        double[] a = net.outputWeights();
        double[] pre = new double[n * m];
        Gemm.gemm(par, Op.N, Op.T, n, m, d, 1.0, x, 0, d, w, 0, d, 0.0, pre, 0, m);
        double[] u = new double[n * m];
        double[] f = new double[n];
        for (int b = 0; b < n; b++) {
            double s = 0.0;
            for (int r = 0; r < m; r++) {
                double z = pre[b * m + r];
                u[b * m + r] = scale * a[o * m + r] * act.derivative(z);
                s += a[o * m + r] * act.value(z);
            }
            f[b] = scale * s;
        }
        double[] v = new double[n * d];
        System.arraycopy(x, 0, v, 0, n * d);
        return new GradientFactors(n, new int[] {m}, new int[] {d}, new double[][] {u}, new double[][] {v}, f);
    }

    /** Number of input rows. */
    public int rows() {
        return n;
    }

    /** Number of trainable blocks (H for the deep net, 1 for the two-layer net). */
    public int blocks() {
        return blocks;
    }

    /** Rows of block h's weight matrix (the length of U_h's rows). */
    public int blockRows(int h) {
        return rows[h];
    }

    /** Columns of block h's weight matrix (the length of V_h's rows). */
    public int blockCols(int h) {
        return cols[h];
    }

    /** U_h: n x blockRows(h), row-major (live). */
    public double[] left(int h) {
        return u[h];
    }

    /** V_h: n x blockCols(h), row-major (live). */
    public double[] right(int h) {
        return v[h];
    }

    /** f_o(x_b) at the weights the factors were computed at (n values; live). */
    public double[] outputs() {
        return output;
    }

    /**
     * The empirical NTK between these rows and {@code other}'s (same network and output):
     * K[i, j] = sum_h (U_h[i] . U'_h[j]) (V_h[i] . V'_h[j]), n x n' row-major, via GEMM (NT). With
     * {@code other == this} it is the Gram matrix, exactly symmetric (each entry and its mirror are
     * the same fma chains).
     */
    public double[] kernelWith(GradientFactors other, Parallel par) {
        if (other.blocks != blocks) {
            throw new IllegalArgumentException("factors of different networks: " + blocks + " vs " + other.blocks + " blocks");
        }
        int n2 = other.n;
        double[] k = new double[n * n2];
        double[] uu = new double[n * n2];
        double[] vv = new double[n * n2];
        for (int h = 0; h < blocks; h++) {
            if (other.rows[h] != rows[h] || other.cols[h] != cols[h]) {
                throw new IllegalArgumentException("factors of different networks: block " + h + " shapes differ");
            }
            Gemm.gemm(par, Op.N, Op.T, n, n2, rows[h], 1.0, u[h], 0, rows[h], other.u[h], 0, rows[h], 0.0, uu, 0, n2);
            Gemm.gemm(par, Op.N, Op.T, n, n2, cols[h], 1.0, v[h], 0, cols[h], other.v[h], 0, cols[h], 0.0, vv, 0, n2);
            for (int i = 0; i < n * n2; i++) {
                k[i] += uu[i] * vv[i];
            }
        }
        return k;
    }

    /** The n x n empirical NTK Gram matrix of these rows. */
    public double[] gram(Parallel par) {
        return kernelWith(this, par);
    }
}
