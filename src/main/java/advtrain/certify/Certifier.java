package advtrain.certify;

import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.model.DeepReluNet;
import advtrain.model.Network;
import advtrain.model.TwoLayerNet;

/**
 * Certified bounds for a network over perturbation balls: per-sample output bounds (f_lower/f_upper for a
 * scalar output, margin lower bounds for k classes), a certified upper bound on each sample's loss and so on
 * L_* (their mean), and certified accuracy. Built once per network (it precomputes products and absolute
 * values of the weights, so rebuild it after the weights change); reusable for any number of calls.
 *
 * <p>Samples are processed in batches of {@link #BATCH}; every heavy step is a GEMM over the batch, and the
 * results are bit-identical for any thread count of the given {@link Parallel}. Not thread-safe.
 */
public final class Certifier {

    /** Samples per batch: bounds buffers are (depth x BATCH x m) doubles, the CROWN rows go in chunks anyway. */
    static final int BATCH = 64;

    private final DeepBounds deep;
    private final TwoLayerBounds two;
    private final int d;
    private final int k;

    private Certifier(DeepBounds deep, TwoLayerBounds two, int d, int k) {
        this.deep = deep;
        this.two = two;
        this.d = d;
        this.k = k;
    }

    /**
     * A certifier for a model network ({@link DeepReluNet} or {@link TwoLayerNet}, read through their
     * public accessors, arrays not copied: rebuild the certifier after the weights change).
     */
    public static Certifier of(Network net, Parallel par) {
        if (net instanceof DeepReluNet deep) {
            return of(view(deep), par);
        }
        if (net instanceof TwoLayerNet two) {
            return of(view(two), par);
        }
        throw new IllegalArgumentException("certify: no bounds for network kind '" + net.kind() + "' ("
                + net.getClass().getSimpleName() + "); supported: deep, two-layer");
    }

    /** The certifier's view of a deep ReLU net. */
    public static DeepReluView view(DeepReluNet net) {
        int[] offs = new int[net.depth()];
        for (int h = 1; h <= net.depth(); h++) {
            offs[h - 1] = net.layerOffset(h);
        }
        return new DeepReluView(net.inputDim(), net.width(), net.depth(), net.outputDim(), net.inputMatrix(),
                net.params(), offs, net.outputWeights());
    }

    /** The certifier's view of a two-layer net. */
    public static TwoLayerView view(TwoLayerNet net) {
        return new TwoLayerView(net.inputDim(), net.width(), net.outputDim(), net.params(), 0, net.outputWeights(),
                net.outputScale(), Curve.of(net.activation()));
    }

    /** A certifier for the deep ReLU net. */
    public static Certifier of(DeepReluView net, Parallel par) {
        return new Certifier(new DeepBounds(net, par), null, net.inputDim(), net.outputDim());
    }

    /** A certifier for the two-layer net. */
    public static Certifier of(TwoLayerView net, Parallel par) {
        return new Certifier(null, new TwoLayerBounds(net, par), net.inputDim(), net.outputDim());
    }

    /**
     * Rows pushed through CROWN's backward pass by this certifier so far (two per unstable neuron of each layer
     * h >= 2 and one per specification row, per sample): each costs about 2 m (m (h - 1) + d) flops, which is
     * what CROWN's run time follows.
     */
    public long backwardRows() {
        return deep != null ? deep.backwardRows() : two.backwardRows();
    }

    public int inputDim() {
        return d;
    }

    public int outputDim() {
        return k;
    }

    /**
     * Output bounds of n samples (x: n x d from {@code xOff}, labels from {@code yOff}) into
     * {@code out[outOff ..]} in the layout of {@link Certificate#outputs()}.
     */
    public void bounds(Method method, Ball ball, double[] x, int xOff, int[] y, int yOff, int n, double[] out, int outOff) {
        bounds(method, false, ball, x, xOff, y, yOff, n, out, outOff);
    }

    /** As {@link #bounds(Method, Ball, double[], int, int[], int, int, double[], int)}; {@code pure}: CROWN without IBP (tests). */
    void bounds(Method method, boolean pure, Ball ball, double[] x, int xOff, int[] y, int yOff, int n, double[] out,
                int outOff) {
        if (x.length < xOff + (long) n * d) {
            throw new IllegalArgumentException("certify: x has " + x.length + " values, needs " + n + " rows of d = " + d);
        }
        for (int i = 0; i < n; i++) {
            Specs.checkLabel(k, y[yOff + i], i);
        }
        BallGeometry geo = new BallGeometry(ball, d);
        int per = Specs.outputs(k);
        for (int b0 = 0; b0 < n; b0 += BATCH) {
            int batch = Math.min(BATCH, n - b0);
            geo.prepare(x, xOff + b0 * d, batch, b0);
            if (deep != null) {
                deep.bound(method, pure, geo, y, yOff + b0, out, outOff + b0 * per);
            } else {
                two.bound(method, pure, geo, y, yOff + b0, out, outOff + b0 * per);
            }
        }
    }

    /** Bounds, loss upper bounds and certified flags for n samples (x: n x d row-major, labels y). */
    public Certificate certify(Method method, Ball ball, Loss loss, double[] x, int[] y, int n) {
        LossBound.check(loss, k);
        int per = Specs.outputs(k);
        double[] out = new double[n * per];
        bounds(method, ball, x, 0, y, 0, n, out, 0);
        double[] lossUpper = new double[n];
        boolean[] cert = new boolean[n];
        for (int i = 0; i < n; i++) {
            lossUpper[i] = LossBound.upper(loss.name(), k, y[i], out, i * per);
            cert[i] = LossBound.certified(k, y[i], out, i * per);
        }
        return new Certificate(method, ball, loss.name(), n, k, out, lossUpper, cert);
    }
}
