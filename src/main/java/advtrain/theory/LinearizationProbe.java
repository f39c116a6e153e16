package advtrain.theory;

import advtrain.kernel.Gemm;
import advtrain.kernel.Gemm.Op;
import advtrain.kernel.Parallel;
import advtrain.model.Network;
import advtrain.model.Workspace;
import java.util.Arrays;

/**
 * The linearization error on a fixed probe set (paper section 4.1: near initialisation the network is
 * close to linear in its weights): |f(W, x_b) - f_lin(W, x_b)| with the first-order Taylor expansion at
 * W(0), f_lin(W, x) = f(W(0), x) + &lt;grad_W f(W(0), x), W - W(0)&gt;.
 *
 * <p>Built once per run from the network at W(0) ({@link Network#initialParams()}): it keeps f(W(0), x_b)
 * (from the network's own forward, so the error at W(0) is exactly 0) and the rank-one gradient factors
 * U_h, V_h of {@link GradientFactors}, so the first-order term is sum_h U_h[b]^T (W_h - W_h(0)) V_h[b]
 * (one GEMM per block) without any paramCount-sized gradient per probe. {@link #measure} then costs
 * one forward of the probes and one pass over the weights; after construction it allocates nothing.
 * The trainer calls it at intervals. Not thread-safe (one probe per user).
 */
public final class LinearizationProbe {

    private final int n;
    private final int d;
    private final int k;
    private final int output;
    private final double[] x;
    private final double[] f0;
    private final GradientFactors factors;
    private final Parallel par;
    private final double[] delta;
    private final double[] t;
    private final double[] errors;
    private Workspace ws;
    private Network wsOwner;

    /**
     * Probes the rows of {@code x} (n x d, copied) on output {@code output} of {@code net}, linearised at
     * its initial weights.
     */
    public LinearizationProbe(Network net, double[] x, int n, int output, Parallel par) {
        this.d = net.inputDim();
        KernelMatrix.checkRows("probe x", x, n, d);
        if (n < 1) {
            throw new IllegalArgumentException("the probe set needs at least one row, got " + n);
        }
        this.n = n;
        this.k = net.outputDim();
        this.output = output;
        this.x = Arrays.copyOf(x, n * d);
        this.par = par;
        this.factors = GradientFactors.of(net, net.initialParams(), this.x, n, output, par);
        int maxBlock = 0;
        int maxRows = 0;
        for (int h = 0; h < factors.blocks(); h++) {
            maxBlock = Math.max(maxBlock, factors.blockRows(h) * factors.blockCols(h));
            maxRows = Math.max(maxRows, factors.blockRows(h));
        }
        this.delta = new double[maxBlock];
        this.t = new double[n * maxRows];
        this.errors = new double[n];
        Network atInit = net.copy();
        System.arraycopy(net.initialParams(), 0, atInit.params(), 0, net.paramCount());
        Workspace w0 = atInit.newWorkspace(n, par);
        atInit.forward(w0, this.x, 0, n);
        this.f0 = new double[n];
        for (int b = 0; b < n; b++) {
            f0[b] = w0.output()[b * k + output];
        }
    }

    /** Number of probes. */
    public int size() {
        return n;
    }

    /** f(W(0), x_b), b < n (live). */
    public double[] initialOutputs() {
        return f0;
    }

    /**
     * Measures the error at {@code net}'s current weights (the same network the probe was built from, or one
     * with the same initial weights): fills {@link #errors()} and returns the largest error.
     */
    public double measure(Network net) {
        if (net.blocks() != factors.blocks() || net.inputDim() != d || net.outputDim() != k) {
            throw new IllegalArgumentException("network shape differs from the probe's");
        }
        if (ws == null || wsOwner != net) {
            ws = net.newWorkspace(n, par);
            wsOwner = net;
        }
        net.forward(ws, x, 0, n);
        double[] w = net.params();
        double[] w0 = net.initialParams();
        for (int b = 0; b < n; b++) {
            errors[b] = 0.0;
        }
        for (int h = 0; h < factors.blocks(); h++) {
            int rows = factors.blockRows(h);
            int cols = factors.blockCols(h);
            int off = net.blockOffset(h);
            if (net.blockSize(h) != rows * cols) {
                throw new IllegalArgumentException("block " + h + " has " + net.blockSize(h) + " weights, the probe expects "
                        + rows + " x " + cols);
            }
            for (int i = 0; i < rows * cols; i++) {
                delta[i] = w[off + i] - w0[off + i];
            }
            // T = V_h Delta^T (n x rows); first-order term of row b: U_h[b] . T[b]
            Gemm.gemm(par, Op.N, Op.T, n, rows, cols, 1.0, factors.right(h), 0, cols, delta, 0, cols, 0.0, t, 0, rows);
            double[] u = factors.left(h);
            for (int b = 0; b < n; b++) {
                double s = 0.0;
                for (int r = 0; r < rows; r++) {
                    s += u[b * rows + r] * t[b * rows + r];
                }
                errors[b] += s; // accumulate the linear term first
            }
        }
        double max = 0.0;
        double[] out = ws.output();
        for (int b = 0; b < n; b++) {
            double lin = f0[b] + errors[b];
            errors[b] = Math.abs(out[b * k + output] - lin);
            max = Math.max(max, errors[b]);
        }
        return max;
    }

    /** Per-probe errors of the last {@link #measure} (live). */
    public double[] errors() {
        return errors;
    }

    /** Mean of the per-probe errors of the last {@link #measure}. */
    public double meanError() {
        double s = 0.0;
        for (double e : errors) {
            s += e;
        }
        return s / n;
    }
}
