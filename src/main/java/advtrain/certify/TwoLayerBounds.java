package advtrain.certify;

import advtrain.kernel.Parallel;

/**
 * IBP and CROWN bounds for the two-layer net (eq. 4), batched.
 *
 * <p>The pre-activations {@code z = W x'} are one linear map of the input: their interval over B(x) is
 * exact ({@link BallGeometry#linearInterval}). IBP: each {@code sigma(z_r)} lies in the range of sigma on
 * [l_r, u_r] ({@link SmoothRelaxation#range}; GELU-like non-monotone curves included), and a spec row
 * {@code lambda . sigma(z)} is bounded term by term. CROWN: each neuron gets the sound linear relaxation
 * of {@link SmoothRelaxation#relax}; the spec rows go through one {@link BackwardPass} stage (relax, then
 * multiply by W) and are concretised over the ball; the result is intersected with the IBP bound unless
 * {@code pure}.
 *
 * <p>Not thread-safe; buffers grow to the largest batch seen.
 */
final class TwoLayerBounds {

    private final TwoLayerView net;
    private final Parallel par;
    private final int m;
    private final int d;
    private final int k;
    private final double[] absW;
    private final double[] wL1;
    private final double[] wL2;
    private final BackwardPass backward = new BackwardPass();

    private double[] lo = new double[0];
    private double[] hi = new double[0];
    private double[] range = new double[0];
    private double[] relax = new double[0];
    private double[] specLower = new double[0];
    private double[] rowsOut = new double[0];
    private int[] rowSample = new int[0];

    TwoLayerBounds(TwoLayerView net, Parallel par) {
        this.net = net;
        this.par = par;
        this.m = net.width();
        this.d = net.inputDim();
        this.k = net.outputDim();
        this.absW = BallGeometry.abs(net.w(), net.wOff(), m * d);
        this.wL1 = new double[m];
        this.wL2 = new double[m];
        BallGeometry.rowNorms(net.w(), net.wOff(), m, d, wL1, wL2);
    }

    int outputDim() {
        return k;
    }

    /** Rows pushed through the backward pass so far (all calls). */
    long backwardRows() {
        return backward.rowsRun();
    }

    /** As {@link DeepBounds#bound}. */
    void bound(Method method, boolean pure, BallGeometry geo, int[] y, int yOff, double[] out, int outOff) {
        int batch = geo.batch();
        int s = Specs.rows(k);
        if (lo.length < batch * m) {
            lo = new double[batch * m];
            hi = new double[batch * m];
            range = new double[batch * m * 2];
            relax = new double[batch * m * 4];
        }
        if (specLower.length < batch * s) {
            specLower = new double[batch * s];
            rowsOut = new double[batch * s];
            rowSample = new int[batch * s];
        }
        geo.linearInterval(par, net.w(), net.wOff(), m, absW, wL1, wL2, lo, hi);
        boolean crown = method == Method.CROWN;
        Curve act = net.activation();
        par.forRange(batch * m, 256, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                if (!crown || !pure) {
                    SmoothRelaxation.range(act, lo[i], hi[i], range, 2 * i);
                }
                if (crown) {
                    SmoothRelaxation.relax(act, lo[i], hi[i], relax, 4 * i);
                }
            }
        });
        if (!crown || !pure) {
            intervalOutput(batch, y, yOff);
        }
        if (crown) {
            int rows = batch * s;
            for (int r = 0; r < rows; r++) {
                rowSample[r] = r / s;
            }
            double[] a = net.outputWeights();
            double scale = net.scale();
            backward.run(par, rows, rowSample,
                    (row, lam, off) -> Specs.fold(a, k, m, scale, y[yOff + row / s], row % s, lam, off),
                    m, new double[][] {relax}, new double[][] {net.w()}, new int[] {net.wOff()}, new int[] {d}, geo, rowsOut);
            for (int r = 0; r < rows; r++) {
                specLower[r] = pure ? rowsOut[r] : Math.max(specLower[r], rowsOut[r]);
            }
        }
        for (int b = 0; b < batch; b++) {
            Specs.toOutputs(k, y[yOff + b], specLower, b * s, out, outOff + b * Specs.outputs(k));
        }
    }

    private void intervalOutput(int batch, int[] y, int yOff) {
        int s = Specs.rows(k);
        double[] a = net.outputWeights();
        double scale = net.scale();
        par.forRange(batch, 4, (b0, b1) -> {
            double[] c = new double[m];
            for (int b = b0; b < b1; b++) {
                for (int r = 0; r < s; r++) {
                    Specs.fold(a, k, m, scale, y[yOff + b], r, c, 0);
                    double v = 0.0;
                    for (int i = 0; i < m; i++) {
                        int q = 2 * (b * m + i);
                        v += c[i] >= 0 ? c[i] * range[q] : c[i] * range[q + 1];
                    }
                    specLower[b * s + r] = v;
                }
            }
        });
    }
}
