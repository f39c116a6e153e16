package advtrain.certify;

import advtrain.kernel.Gemm;
import advtrain.kernel.Parallel;

/**
 * CROWN's backward propagation of linear lower bounds, batched: rows (each a linear function of the
 * output of the top activation layer, belonging to one sample) are pushed down through
 * "relax, then multiply" stages to the input, then concretised over the sample's ball.
 *
 * <p>Stage t: each row's coefficient {@code lam_i} on {@code sigma(z_i)} is replaced using the sample's
 * relaxation of neuron i: {@code lam_i >= 0} takes the lower line {@code aL z + bL}, {@code lam_i < 0} the
 * upper line {@code aU z + bU} (so the row stays a lower bound); the intercepts go into the row's bias; then
 * the coefficients on z (rows x m) are multiplied by the stage's matrix (m x cols), giving coefficients on
 * the previous layer's activations (or, at the last stage, on the input x).
 *
 * <p>Batching: the rows of all samples are stacked and processed {@link #ROW_CHUNK} at a time, each
 * multiplication one {@link Gemm} call over the whole chunk; chunk boundaries depend on the row count only,
 * and each row's bias is summed sequentially in neuron order: bit-identical for any thread count.
 */
final class BackwardPass {

    /**
     * Rows per GEMM: a chunk of 2048 rows x 1024 columns is 16 MiB per buffer. Measured (CertifyBench, 784-1024-2-10,
     * 2 cores shared with other jobs): the backward GEMMs ran at 0.85-0.9x of GemmBench's 2048x1024x784 NN rate in
     * the same sitting, so larger chunks have little left to gain.
     */
    static final int ROW_CHUNK = 2048;
    /** Rows per parallel task in the element-wise steps. */
    private static final int ROW_GRAIN = 8;

    /** Writes the initial coefficients (m values, on the top activation layer's output) of row {@code row}. */
    @FunctionalInterface
    interface RowFill {
        void fill(int row, double[] lam, int off);
    }

    private long rowsRun;
    private double[] lamA = new double[0];
    private double[] lamB = new double[0];
    private double[] bias = new double[0];

    /**
     * Lower bounds of {@code rows} rows into {@code result[0 .. rows)}.
     *
     * @param rowSample  sample (within the geometry's batch) of each row
     * @param m          width of every activation layer
     * @param relax      relax[t]: interleaved (aL, bL, aU, bU) per (sample, neuron), batch x m x 4
     * @param mats       mats[t]: the stage's matrix, m x cols[t] row-major at matOffs[t]; the last has cols = d
     */
    void run(Parallel par, int rows, int[] rowSample, RowFill fill, int m, double[][] relax, double[][] mats,
             int[] matOffs, int[] cols, BallGeometry geo, double[] result) {
        int maxCols = m;
        for (int c : cols) {
            maxCols = Math.max(maxCols, c);
        }
        int chunk = Math.min(ROW_CHUNK, Math.max(rows, 1));
        if (lamA.length < chunk * maxCols) {
            lamA = new double[chunk * maxCols];
            lamB = new double[chunk * maxCols];
        }
        if (bias.length < chunk) {
            bias = new double[chunk];
        }
        int stages = relax.length;
        rowsRun += rows;
        for (int c0 = 0; c0 < rows; c0 += ROW_CHUNK) {
            final int r0 = c0;
            final int n = Math.min(ROW_CHUNK, rows - c0);
            double[] in = lamA;
            double[] out = lamB;
            final double[] first = in;
            par.forRange(n, ROW_GRAIN, (i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    fill.fill(r0 + i, first, i * m);
                    bias[i] = 0.0;
                }
            });
            for (int t = 0; t < stages; t++) {
                final double[] lam = in;
                final double[] rel = relax[t];
                par.forRange(n, ROW_GRAIN, (i0, i1) -> {
                    for (int i = i0; i < i1; i++) {
                        bias[i] += applyRelaxation(lam, i * m, m, rel, rowSample[r0 + i] * m * 4);
                    }
                });
                Gemm.gemm(par, Gemm.Op.N, Gemm.Op.N, n, cols[t], m, 1.0, lam, 0, m, mats[t], matOffs[t], cols[t],
                        0.0, out, 0, cols[t]);
                double[] swap = in;
                in = out;
                out = swap;
            }
            final double[] coef = in;
            final int d = cols[stages - 1];
            par.forRange(n, ROW_GRAIN, (i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    result[r0 + i] = geo.lower(coef, i * d, bias[i], rowSample[r0 + i]);
                }
            });
        }
    }

    /** Rows pushed through so far (all calls), for cost reports. */
    long rowsRun() {
        return rowsRun;
    }

    /** Replaces lam (m values) by its coefficients on z through the relaxation; returns the bias added. */
    private static double applyRelaxation(double[] lam, int off, int m, double[] rel, int relOff) {
        double b = 0.0;
        for (int i = 0; i < m; i++) {
            double v = lam[off + i];
            int q = relOff + 4 * i;
            if (v >= 0) {
                lam[off + i] = v * rel[q];
                b += v * rel[q + 1];
            } else {
                lam[off + i] = v * rel[q + 2];
                b += v * rel[q + 3];
            }
        }
        return b;
    }
}
