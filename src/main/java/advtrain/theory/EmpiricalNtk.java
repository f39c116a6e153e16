package advtrain.theory;

import advtrain.kernel.Gemm;
import advtrain.kernel.Gemm.Op;
import advtrain.kernel.Parallel;
import advtrain.model.DeepReluNet;
import advtrain.model.Network;
import advtrain.model.Workspace;

/**
 * The empirical NTK Gram matrix at finite width, Theta(x_i, x_j) = &lt;grad_W f_o(x_i), grad_W f_o(x_j)&gt;,
 * from the per-sample gradients of {@link Network#perSampleGradients}, for any network.
 *
 * <p>Blocked: the rows are cut into blocks of {@code blockRows}; for each block I its per-sample gradients
 * G_I (blockRows x paramCount) are written into one buffer, and for each block J &lt;= I into a second
 * one (recomputed: a forward and a backward of J), then Theta[I, J] = G_I G_J^T by one NT GEMM and
 * mirrored. At most two blocks of gradients exist at a time (2 blockRows paramCount doubles); the
 * recomputation costs (n / blockRows) / 2 extra gradient passes per row, small next to the n^2 paramCount
 * of the products. For the engine's networks {@link GradientFactors} gives the same matrix without
 * writing gradients at all (rank-one blocks); this class is the general route and its check.
 *
 * <p>{@link #normalisation(Network)} is the factor that makes the Gram converge as the width grows:
 * 1/m for the deep net (its gradient inner products grow like m at the N(0, 2/m) initialisation), 1 for
 * the two-layer net (the 1/sqrt(m) is in the model). Deterministic for any thread count.
 */
public final class EmpiricalNtk {

    private EmpiricalNtk() {
    }

    /** 1/m for {@link DeepReluNet}, 1 otherwise: (empirical Gram) x this -> analytic NTK. */
    public static double normalisation(Network net) {
        return net instanceof DeepReluNet ? 1.0 / net.width() : 1.0;
    }

    /**
     * The n x n Gram matrix of output {@code output} at the weights {@code weights} ({@code net.params()}
     * for the current weights, {@code net.initialParams()} for W(0)) over the rows of {@code x} (n x d),
     * unnormalised, built from per-sample gradients in blocks of {@code blockRows}.
     */
    public static double[] gram(Network net, double[] weights, double[] x, int n, int output, int blockRows, Parallel par) {
        if (blockRows < 1) {
            throw new IllegalArgumentException("block rows must be >= 1, got " + blockRows);
        }
        int d = net.inputDim();
        KernelMatrix.checkRows("x", x, n, d);
        if (weights.length != net.paramCount()) {
            throw new IllegalArgumentException("weights: expected " + net.paramCount() + " values, got " + weights.length);
        }
        long p = net.paramCount();
        if ((long) Math.min(blockRows, n) * p > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a block of " + blockRows + " per-sample gradients of " + p
                    + " parameters does not fit in one array: use fewer block rows");
        }
        Network at = net.copy();
        System.arraycopy(weights, 0, at.params(), 0, weights.length);
        int rowsPerBlock = Math.min(blockRows, Math.max(n, 1));
        Workspace ws = at.newWorkspace(rowsPerBlock, par);
        double[] gi = new double[(int) (rowsPerBlock * p)];
        double[] gj = new double[(int) (rowsPerBlock * p)];
        double[] gram = new double[n * n];
        double[] tile = new double[rowsPerBlock * rowsPerBlock];
        for (int i0 = 0; i0 < n; i0 += rowsPerBlock) {
            int bi = Math.min(rowsPerBlock, n - i0);
            at.forward(ws, x, i0 * d, bi);
            at.perSampleGradients(ws, output, gi, 0);
            for (int j0 = 0; j0 <= i0; j0 += rowsPerBlock) {
                int bj = Math.min(rowsPerBlock, n - j0);
                double[] gb = gi;
                if (j0 != i0) {
                    at.forward(ws, x, j0 * d, bj);
                    at.perSampleGradients(ws, output, gj, 0);
                    gb = gj;
                }
                Gemm.gemm(par, Op.N, Op.T, bi, bj, (int) p, 1.0, gi, 0, (int) p, gb, 0, (int) p, 0.0, tile, 0, bj);
                for (int r = 0; r < bi; r++) {
                    for (int c = 0; c < bj; c++) {
                        double t = tile[r * bj + c];
                        gram[(i0 + r) * n + j0 + c] = t;
                        gram[(j0 + c) * n + i0 + r] = t;
                    }
                }
            }
        }
        return gram;
    }
}
