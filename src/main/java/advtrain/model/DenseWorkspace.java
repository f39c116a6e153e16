package advtrain.model;

import advtrain.kernel.Parallel;
import advtrain.kernel.VectorKernels;
import java.util.Arrays;

/**
 * What the workspaces of the engine's two networks share: the kernels, the shapes, the row grain of the
 * element-wise loops (rows of about {@link #CHUNK_VALUES} values, fixed by m, never by the thread count), the
 * forward's argument checks and the one-hot output gradient of the per-sample gradients.
 */
abstract class DenseWorkspace extends Workspace {

    /** Element-wise chunks hold about this many values (a cache-sized unit of work; threads don't change it). */
    static final int CHUNK_VALUES = 16384;

    final VectorKernels kern;
    final int d;
    final int m;
    final int k;
    final int rowGrain;
    private final double[] oneHot;

    DenseWorkspace(DenseNet net, int maxBatch, Parallel par, VectorKernels kern) {
        super(maxBatch, net.outputDim(), par);
        if (par == null || kern == null) {
            throw new IllegalArgumentException("workspace: parallel and kernels must not be null");
        }
        this.kern = kern;
        this.d = net.inputDim();
        this.m = net.width();
        this.k = net.outputDim();
        this.rowGrain = Math.max(1, CHUNK_VALUES / m);
        this.oneHot = new double[maxBatch * k];
    }

    @Override
    public final VectorKernels kernels() {
        return kern;
    }

    /** Checks a forward of {@code rows} rows of d values from {@code x[xOff]} and records the batch. */
    void begin(int rows, double[] x, int xOff) {
        if (rows < 1 || rows > maxBatch()) {
            throw new IllegalArgumentException("batch must be in 1.." + maxBatch() + " for this workspace, got " + rows);
        }
        if (x == null || xOff < 0 || x.length < xOff + (long) rows * d) {
            throw new IllegalArgumentException("forward: x needs " + rows + " x " + d + " values from offset " + xOff
                    + ", has " + (x == null ? "null" : String.valueOf(x.length)));
        }
        batch = rows;
    }

    /** The batch of the last forward; refuses a backward before any. */
    int requireForward() {
        if (batch == 0) {
            throw new IllegalStateException("backward before any forward on this workspace");
        }
        return batch;
    }

    /** A batch x k gradient that is 1 at column {@code output} of every row. */
    double[] oneHot(int output) {
        Arrays.fill(oneHot, 0, batch * k, 0.0);
        for (int b = 0; b < batch; b++) {
            oneHot[b * k + output] = 1.0;
        }
        return oneHot;
    }
}
