package advtrain.certify;

import advtrain.kernel.Gemm;
import advtrain.kernel.Parallel;

/**
 * IBP and CROWN bounds for the deep ReLU net (eq. 1), batched.
 *
 * <p>Layer 1: {@code xbar_1 = (W_1 A) x'} is one affine map of the input, so its interval over B(x) is
 * exact for both methods ({@link BallGeometry#linearInterval}; {@code W_1 A} is formed once).
 * Layers j >= 2, IBP: centre/radius step {@code W_j mid ± |W_j| rad} from the ReLU'd box of layer j-1
 * (two GEMMs over the batch). CROWN: the same interval step, then for every neuron it leaves unstable
 * (l < 0 < u) two rows ({@code +W_j[i,:]} and {@code -W_j[i,:]}) go through {@link BackwardPass} down to x;
 * the result is intersected with the interval. Output: the specification rows of {@link Specs}, bounded by
 * the interval of the last layer (IBP) and, for CROWN, also by backward propagation, keeping the larger.
 *
 * <p>With {@code pure = true} (tests) CROWN bounds every neuron of every layer by backward propagation
 * alone, with no interval step and no intersection: plain CROWN, for checking its own soundness.
 *
 * <p>Not thread-safe; buffers grow to the largest batch seen.
 */
final class DeepBounds {

    private final DeepReluView net;
    private final Parallel par;
    private final int m;
    private final int d;
    private final int depth;
    private final int k;
    /** W_1 A (m x d), |W_1 A|, and its row norms. */
    private final double[] m1;
    private final double[] absM1;
    private final double[] m1L1;
    private final double[] m1L2;
    /** |W_h| for h >= 2 at index h - 1 (null at 0). */
    private final double[][] absW;
    private final BackwardPass backward = new BackwardPass();

    private double[][] lo = new double[0][];
    private double[][] hi = new double[0][];
    private double[][] relax = new double[0][];
    private double[] mid = new double[0];
    private double[] rad = new double[0];
    private double[] rowsOut = new double[0];
    private int[] rowSample = new int[0];
    private int[] rowNeuron = new int[0];
    private double[] specLower = new double[0];
    private int capacity;

    DeepBounds(DeepReluView net, Parallel par) {
        this.net = net;
        this.par = par;
        this.m = net.width();
        this.d = net.inputDim();
        this.depth = net.depth();
        this.k = net.outputDim();
        this.m1 = new double[m * d];
        Gemm.gemm(par, Gemm.Op.N, Gemm.Op.N, m, d, m, 1.0, net.params(), net.layerOffset(1), m, net.inputMatrix(), 0, d,
                0.0, m1, 0, d);
        this.absM1 = BallGeometry.abs(m1, 0, m * d);
        this.m1L1 = new double[m];
        this.m1L2 = new double[m];
        BallGeometry.rowNorms(m1, 0, m, d, m1L1, m1L2);
        this.absW = new double[depth][];
        for (int h = 2; h <= depth; h++) {
            absW[h - 1] = BallGeometry.abs(net.params(), net.layerOffset(h), m * m);
        }
    }

    int outputDim() {
        return k;
    }

    /** Rows pushed through the backward pass so far (all calls). */
    long backwardRows() {
        return backward.rowsRun();
    }

    /** Lower bounds of layer h's pre-activations from the last {@link #bound} call (batch x m), live. */
    double[] layerLower(int h) {
        return lo[h - 1];
    }

    /** Upper bounds of layer h's pre-activations from the last {@link #bound} call (batch x m), live. */
    double[] layerUpper(int h) {
        return hi[h - 1];
    }

    private void ensure(int batch) {
        if (batch <= capacity) {
            return;
        }
        capacity = batch;
        lo = new double[depth][batch * m];
        hi = new double[depth][batch * m];
        relax = new double[depth][batch * m * 4];
        mid = new double[batch * m];
        rad = new double[batch * m];
        specLower = new double[batch * Specs.rows(k)];
    }

    /**
     * Bounds the batch bound in {@code geo}: per sample {@link Specs#outputs(int)} values into
     * {@code out[outOff ..]}. Labels {@code y[yOff ..]}.
     */
    void bound(Method method, boolean pure, BallGeometry geo, int[] y, int yOff, double[] out, int outOff) {
        int batch = geo.batch();
        ensure(batch);
        boolean crown = method == Method.CROWN;
        geo.linearInterval(par, m1, 0, m, absM1, m1L1, m1L2, lo[0], hi[0]);
        for (int j = 2; j <= depth; j++) {
            relaxLayer(j - 1, batch);
            if (!crown || !pure) {
                intervalStep(j, batch);
            }
            if (crown) {
                crownLayer(j, batch, pure, geo);
            }
        }
        relaxLayer(depth, batch);
        int s = Specs.rows(k);
        if (!crown || !pure) {
            intervalOutput(batch, y, yOff);
        }
        if (crown) {
            crownOutput(batch, y, yOff, pure, geo);
        }
        for (int b = 0; b < batch; b++) {
            Specs.toOutputs(k, y[yOff + b], specLower, b * s, out, outOff + b * Specs.outputs(k));
        }
    }

    /** Relaxation and ReLU'd box (mid, rad) of layer h from its bounds. */
    private void relaxLayer(int h, int batch) {
        final double[] l = lo[h - 1];
        final double[] u = hi[h - 1];
        final double[] rel = relax[h - 1];
        par.forRange(batch * m, 4096, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                SmoothRelaxation.relu(l[i], u[i], rel, 4 * i);
                double rl = l[i] > 0 ? l[i] : 0.0;
                double ru = u[i] > 0 ? u[i] : 0.0;
                mid[i] = 0.5 * (rl + ru);
                rad[i] = 0.5 * (ru - rl);
            }
        });
    }

    /** IBP: bounds of layer j = W_j mid ± |W_j| rad (mid, rad of layer j - 1). */
    private void intervalStep(int j, int batch) {
        double[] l = lo[j - 1];
        double[] u = hi[j - 1];
        Gemm.gemm(par, Gemm.Op.N, Gemm.Op.T, batch, m, m, 1.0, mid, 0, m, net.params(), net.layerOffset(j), m, 0.0, l, 0, m);
        Gemm.gemm(par, Gemm.Op.N, Gemm.Op.T, batch, m, m, 1.0, rad, 0, m, absW[j - 1], 0, m, 0.0, u, 0, m);
        par.forRange(batch * m, 4096, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                double c = l[i];
                double r = u[i];
                l[i] = c - r;
                u[i] = c + r;
            }
        });
    }

    /** CROWN rows for layer j: unstable neurons (all neurons when pure), two rows each. */
    private void crownLayer(int j, int batch, boolean pure, BallGeometry geo) {
        double[] l = lo[j - 1];
        double[] u = hi[j - 1];
        int count = 0;
        for (int i = 0; i < batch * m; i++) {
            if (pure || (l[i] < 0 && u[i] > 0)) {
                count++;
            }
        }
        int rows = 2 * count;
        growRows(rows);
        int q = 0;
        for (int i = 0; i < batch * m; i++) {
            if (pure || (l[i] < 0 && u[i] > 0)) {
                rowSample[2 * q] = i / m;
                rowSample[2 * q + 1] = i / m;
                rowNeuron[q] = i;
                q++;
            }
        }
        final double[] w = net.params();
        final int wOff = net.layerOffset(j);
        final int[] neuron = rowNeuron;
        runBackward(j - 1, rows, (row, lam, off) -> {
            int i = neuron[row >> 1] % m;
            double sign = (row & 1) == 0 ? 1.0 : -1.0;
            for (int c = 0; c < m; c++) {
                lam[off + c] = sign * w[wOff + i * m + c];
            }
        }, geo);
        for (int t = 0; t < count; t++) {
            int i = rowNeuron[t];
            double cl = rowsOut[2 * t];
            double cu = -rowsOut[2 * t + 1];
            if (pure) {
                l[i] = cl;
                u[i] = cu;
            } else {
                l[i] = Math.max(l[i], cl);
                u[i] = Math.min(u[i], cu);
            }
        }
    }

    /** IBP bound of every spec row from the ReLU'd box of layer H. */
    private void intervalOutput(int batch, int[] y, int yOff) {
        int s = Specs.rows(k);
        double[] a = net.outputWeights();
        par.forRange(batch, 4, (b0, b1) -> {
            double[] c = new double[m];
            for (int b = b0; b < b1; b++) {
                for (int r = 0; r < s; r++) {
                    Specs.fold(a, k, m, 1.0, y[yOff + b], r, c, 0);
                    double v = 0.0;
                    for (int i = 0; i < m; i++) {
                        v += c[i] * mid[b * m + i] - Math.abs(c[i]) * rad[b * m + i];
                    }
                    specLower[b * s + r] = v;
                }
            }
        });
    }

    /** CROWN bound of every spec row; kept when larger than the interval bound (or always when pure). */
    private void crownOutput(int batch, int[] y, int yOff, boolean pure, BallGeometry geo) {
        int s = Specs.rows(k);
        int rows = batch * s;
        growRows(rows);
        for (int r = 0; r < rows; r++) {
            rowSample[r] = r / s;
        }
        double[] a = net.outputWeights();
        runBackward(depth, rows, (row, lam, off) -> Specs.fold(a, k, m, 1.0, y[yOff + row / s], row % s, lam, off), geo);
        for (int r = 0; r < rows; r++) {
            specLower[r] = pure ? rowsOut[r] : Math.max(specLower[r], rowsOut[r]);
        }
    }

    /** Backward from the output of ReLU layer {@code top} to x, for rows filled by {@code fill}. */
    private void runBackward(int top, int rows, BackwardPass.RowFill fill, BallGeometry geo) {
        double[][] rel = new double[top][];
        double[][] mats = new double[top][];
        int[] offs = new int[top];
        int[] cols = new int[top];
        for (int t = 0; t < top; t++) {
            int h = top - t;
            rel[t] = relax[h - 1];
            if (h >= 2) {
                mats[t] = net.params();
                offs[t] = net.layerOffset(h);
                cols[t] = m;
            } else {
                mats[t] = m1;
                offs[t] = 0;
                cols[t] = d;
            }
        }
        backward.run(par, rows, rowSample, fill, m, rel, mats, offs, cols, geo, rowsOut);
    }

    private void growRows(int rows) {
        if (rowSample.length < rows) {
            rowSample = new int[rows];
            rowNeuron = new int[rows];
            rowsOut = new double[rows];
        }
    }
}
