package advtrain.model;

import advtrain.kernel.Gemm;
import advtrain.kernel.Gemm.Op;
import advtrain.kernel.PackedMatrix;
import advtrain.kernel.Parallel;
import advtrain.kernel.Simd;
import advtrain.kernel.VectorKernels;
import advtrain.random.RandomStream;

/**
 * The two-layer network of the paper's equation (4), m even:
 * {@code f(W, x) = (1/sqrt(m)) (Σ_{r<=m/2} a_r σ(w_r·x) + Σ_{r<=m/2} a'_r σ(w̄_r·x))} with a'_r = -a_r.
 * W = (w_1..w_{m/2}, w̄_1..w̄_{m/2}) is m x d row-major and trained as one block (radius R, section 5);
 * a is fixed. Vector output (k >= 2): a is k x m, each row with the same ± pairing.
 *
 * <p>Initialisation ({@link #init}): w_r ~ N(0, I_d) from {@code RandomStream.of(seed, "init.w", r)},
 * w̄_r = w_r, and per output row j the signs a_{j,r} uniform on {±1} from {@code (seed, "init.a", j)},
 * a_{j, r+m/2} = -a_{j,r}.
 *
 * <p>The output is computed in the paired form {@code f = (1/sqrt(m)) Σ_r a_r (σ(w_r·x) - σ(w̄_r·x))}
 * (algebraically equal to eq. 4), so f is exactly 0 at initialisation, as the paper intends, instead of a
 * rounding residue. All products run through {@link Gemm}: per-row results do not depend on the batch, the
 * thread count or the SIMD path; the weight gradient is one fma chain over the batch rows in order.
 */
public final class TwoLayerNet extends DenseNet {

    /** Index of W packed for the forward product in this network's {@link PackedWeights}. */
    private static final int FORWARD_W = 0;
    /** Index of W packed for the input-backward product. */
    private static final int BACKWARD_W = 1;

    private final Activation activation;
    private final double scale;

    private TwoLayerNet(int d, int m, int k, Activation activation, long seed, double[] outputWeights,
                        double[] params, double[] initialParams) {
        super(d, m, k, seed, outputWeights, params, initialParams);
        this.activation = activation;
        this.scale = 1.0 / Math.sqrt(m);
    }

    /** A network initialised as the paper says (see the class javadoc). */
    public static TwoLayerNet init(int d, int m, int k, Activation activation, long seed) {
        checkShape(d, m, k, activation);
        int half = m / 2;
        double[] w = new double[m * d];
        for (int r = 0; r < half; r++) {
            RandomStream.of(seed, "init.w", r).fillGaussian(w, r * d, d, 1.0);
            System.arraycopy(w, r * d, w, (r + half) * d, d);
        }
        double[] a = new double[k * m];
        for (int j = 0; j < k; j++) {
            RandomStream rs = RandomStream.of(seed, "init.a", j);
            for (int r = 0; r < half; r++) {
                a[j * m + r] = rs.nextSign();
                a[j * m + r + half] = -a[j * m + r];
            }
        }
        return new TwoLayerNet(d, m, k, activation, seed, a, w, w.clone());
    }

    /**
     * A network from explicit arrays (copied): {@code outputWeights} a (k x m, with a[j][r + m/2] = -a[j][r]),
     * {@code params} W (m x d) and {@code initialParams} W(0) (m x d); {@code seed} is recorded only.
     */
    public static TwoLayerNet of(int d, int m, int k, Activation activation, long seed, double[] outputWeights,
                                 double[] params, double[] initialParams) {
        checkShape(d, m, k, activation);
        DeepReluNet.checkLength("a", outputWeights, (long) k * m);
        DeepReluNet.checkLength("W", params, (long) m * d);
        DeepReluNet.checkLength("W_init", initialParams, (long) m * d);
        int half = m / 2;
        for (int j = 0; j < k; j++) {
            for (int r = 0; r < half; r++) {
                if (outputWeights[j * m + r + half] != -outputWeights[j * m + r]) {
                    throw new IllegalArgumentException("a: row " + j + ", column " + (r + half) + " must be -a[" + j
                            + "][" + r + "] = " + (-outputWeights[j * m + r]) + " (eq. 4 pairs a'_r = -a_r), got "
                            + outputWeights[j * m + r + half]);
                }
            }
        }
        return new TwoLayerNet(d, m, k, activation, seed, outputWeights.clone(), params.clone(),
                initialParams.clone());
    }

    private static void checkShape(int d, int m, int k, Activation activation) {
        if (d < 1) {
            throw new IllegalArgumentException("input dimension d must be >= 1, got " + d);
        }
        if (m < 2 || m % 2 != 0) {
            throw new IllegalArgumentException("--width must be even (and >= 2) for the two-layer net, got " + m);
        }
        if (k < 1) {
            throw new IllegalArgumentException("output dimension k must be >= 1, got " + k);
        }
        if (activation == null) {
            throw new IllegalArgumentException("--activation must be given for the two-layer net");
        }
        if ((long) m * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("network too large for one array: m=" + m + ", d=" + d);
        }
    }

    @Override
    public String kind() {
        return "two-layer";
    }

    /** σ. */
    public Activation activation() {
        return activation;
    }

    /** 1 / sqrt(m), the factor in front of the sum. */
    public double outputScale() {
        return scale;
    }

    @Override
    public int blocks() {
        return 1;
    }

    @Override
    public int blockOffset(int b) {
        checkBlock(b);
        return 0;
    }

    @Override
    public int blockSize(int b) {
        checkBlock(b);
        return params.length;
    }

    private static void checkBlock(int b) {
        if (b != 0) {
            throw new IllegalArgumentException("the two-layer net has one block (0), got " + b);
        }
    }

    @Override
    public double blockRadius(double r) {
        return r;
    }

    @Override
    public TwoLayerWorkspace newWorkspace(int maxBatch, Parallel par) {
        return newWorkspace(maxBatch, par, Simd.kernels());
    }

    /** A workspace computing on the given kernels (tests compare the scalar and vector paths). */
    public TwoLayerWorkspace newWorkspace(int maxBatch, Parallel par, VectorKernels kern) {
        return new TwoLayerWorkspace(this, maxBatch, par, kern);
    }

    private TwoLayerWorkspace cast(Workspace ws) {
        if (!(ws instanceof TwoLayerWorkspace) || !((TwoLayerWorkspace) ws).fits(this)) {
            throw new IllegalArgumentException("workspace " + ws + " was not made for a two-layer net with d=" + d
                    + ", m=" + m + ", k=" + k + ", activation=" + activation);
        }
        return (TwoLayerWorkspace) ws;
    }

    @Override
    public void forward(Workspace ws, double[] x, int xOff, int batch) {
        TwoLayerWorkspace w = cast(ws);
        w.begin(batch, x, xOff);
        PackedWeights pw = w.packsFor(this, params);
        if (pw != null && pw.get(FORWARD_W) != null) {
            Gemm.gemm(w.kern, w.parallel(), Op.N, batch, 1.0, w.x, 0, d, pw.get(FORWARD_W), 0.0, w.pre, 0, m);
        } else {
            Gemm.gemm(w.kern, w.parallel(), Op.N, Op.T, batch, m, d, 1.0, w.x, 0, d, params, 0, d, 0.0, w.pre, 0, m);
        }
        w.activate();
        Gemm.gemm(w.kern, w.parallel(), Op.N, Op.T, batch, k, m / 2, scale, w.diff, 0, m / 2, outputWeights, 0, m,
                0.0, w.output(), 0, k);
    }

    @Override
    public void backwardInput(Workspace ws, double[] gOut, int gOutOff, double[] gx, int gxOff) {
        backward(ws, gOut, gOutOff, 0.0, null, gx, gxOff);
    }

    @Override
    public void backwardWeights(Workspace ws, double[] gOut, int gOutOff, double beta, double[] grad) {
        backward(ws, gOut, gOutOff, beta, grad, null, 0);
    }

    /** Both passes sharing ∂L/∂(w_r·x); {@code grad == null} skips the weights, {@code gx == null} the input. */
    @Override
    public void backward(Workspace ws, double[] gOut, int gOutOff, double beta, double[] grad, double[] gx, int gxOff) {
        TwoLayerWorkspace w = cast(ws);
        int batch = hiddenGradient(w, gOut, gOutOff);
        if (grad != null) {
            DeepReluNet.checkLength("grad", grad, params.length);
            Gemm.gemm(w.kern, w.parallel(), Op.T, Op.N, m, d, batch, 1.0, w.grad, 0, m, w.x, 0, d, beta, grad, 0, d);
        }
        if (gx != null) {
            PackedWeights pw = w.packsFor(this, params);
            if (pw != null && pw.get(BACKWARD_W) != null) {
                Gemm.gemm(w.kern, w.parallel(), Op.N, batch, 1.0, w.grad, 0, m, pw.get(BACKWARD_W), 0.0, gx, gxOff, d);
            } else {
                Gemm.gemm(w.kern, w.parallel(), Op.N, Op.N, batch, d, m, 1.0, w.grad, 0, m, params, 0, d, 0.0, gx, gxOff, d);
            }
        }
    }

    /**
     * Packs W for the forward product (op T) and the input-backward one (op N), when
     * {@link PackedWeights#affordable}; the products with the k x m output weights are small and stay as they
     * are. There is no fixed layer to fuse: the packs are exact whatever {@code fuse} says, and {@code exact} packs of
     * this network are returned as they are.
     */
    @Override
    public PackedWeights packWeights(PackedWeights reuse, boolean fuse, VectorKernels kern, Parallel par,
                                     PackedWeights exact) {
        if (exact != null && exact.isFor(this, kern, false)) {
            return exact;
        }
        PackedWeights pw = reuse;
        if (pw == null || !pw.isFor(this, kern, false)) {
            pw = new PackedWeights(this, kern, false, PackedWeights.affordable(this)
                    ? new PackedMatrix[] {PackedMatrix.of(kern, Op.T, d, m), PackedMatrix.of(kern, Op.N, m, d)}
                    : new PackedMatrix[2], null, null);
        }
        if (pw.get(FORWARD_W) != null) {
            pw.get(FORWARD_W).pack(par, params, 0, d);
            pw.get(BACKWARD_W).pack(par, params, 0, d);
        }
        pw.stamp(params);
        return pw;
    }

    @Override
    public void perSampleGradients(Workspace ws, int output, double[] out, int outOff) {
        TwoLayerWorkspace w = cast(ws);
        if (output < 0 || output >= k) {
            throw new IllegalArgumentException("output must be in 0.." + (k - 1) + ", got " + output);
        }
        int batch = w.requireForward();
        long need = (long) outOff + (long) batch * params.length;
        if (outOff < 0 || out.length < need) {
            throw new IllegalArgumentException("per-sample gradients: out needs " + need + " values (batch "
                    + batch + " x " + params.length + " params from offset " + outOff + "), has " + out.length);
        }
        hiddenGradient(w, w.oneHot(output), 0);
        w.outerProducts(out, outOff);
    }

    /** w.grad = ((scale G a) ⊙ σ'(pre)): ∂L/∂(W x) per row (batch x m). Returns the batch. */
    private int hiddenGradient(TwoLayerWorkspace w, double[] gOut, int gOutOff) {
        int batch = w.requireForward();
        Gemm.gemm(w.kern, w.parallel(), Op.N, Op.N, batch, m, k, scale, gOut, gOutOff, k, outputWeights, 0, m, 0.0,
                w.grad, 0, m);
        w.activationBackward();
        return batch;
    }

    @Override
    public TwoLayerNet copy() {
        return new TwoLayerNet(d, m, k, activation, seed, outputWeights.clone(), params.clone(), initialParams.clone());
    }

    @Override
    public String toString() {
        return "two-layer[d=" + d + ", m=" + m + ", k=" + k + ", activation=" + activation + ", seed=" + seed + "]";
    }
}
