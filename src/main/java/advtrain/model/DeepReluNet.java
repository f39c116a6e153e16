package advtrain.model;

import advtrain.kernel.Gemm;
import advtrain.kernel.Gemm.Op;
import advtrain.kernel.PackedMatrix;
import advtrain.kernel.Parallel;
import advtrain.kernel.Simd;
import advtrain.kernel.VectorKernels;
import advtrain.random.RandomStream;

/**
 * The deep fully-connected ReLU network of the paper's equation (1):
 * {@code x0 = A x}, {@code x̄h = Wh x(h-1)}, {@code xh = ReLU(x̄h)} for h = 1..H, {@code f = a^T xH}.
 * A (m x d) and a (k x m; footnote 2's vector output for k >= 2) are fixed; only W1..WH (m x m each) are
 * trained.
 *
 * <p>Initialisation ({@link #init}): entries of A and Wh ~ N(0, 2/m), entries of a ~ N(0, 1), each row drawn
 * from its own keyed stream {@code RandomStream.of(seed, "init.A", row)}, {@code (seed, "init.W", h, row)},
 * {@code (seed, "init.a", row)}, so a model depends on (d, m, H, k, seed) only, never on the machine or the
 * thread count.
 *
 * <p>Layout: {@link #params()} is W1..WH concatenated, each m x m row-major ({@link #layerOffset(int)});
 * one projection block per layer, radius R / sqrt(m) (eq. 2).
 *
 * <p>Batched computation (B rows), all through {@link Gemm}, in a {@link DeepReluWorkspace}:
 * forward {@code X0 = X A^T}, {@code X̄h = X(h-1) Wh^T}, {@code F = XH a^T}; backward from G = ∂L/∂F:
 * {@code Gh = (G a) ⊙ 1[X̄H > 0]} and down, {@code ∇Wh += Gh^T X(h-1)}, {@code G(h-1) = (Gh Wh) ⊙ 1[X̄(h-1) > 0]},
 * {@code ∇X = G0 A}. Every output element is one fma chain in a fixed order (see {@link Gemm}), so the
 * result of a row does not depend on the other rows of the batch, on the thread count or on the SIMD path;
 * the weight gradient is one fma chain over the batch rows in order, so splitting a batch into consecutive
 * parts accumulated with beta = 1 gives the same bits.
 */
public final class DeepReluNet extends DenseNet {

    /** Rows drawn per parallel chunk at initialisation (each row has its own stream, so any grain gives the same values). */
    private static final int INIT_ROWS = 16;

    private final int depth;
    private final double[] inputMatrix;

    private DeepReluNet(int d, int m, int depth, int k, long seed, double[] inputMatrix, double[] outputWeights,
                        double[] params, double[] initialParams) {
        super(d, m, k, seed, outputWeights, params, initialParams);
        this.depth = depth;
        this.inputMatrix = inputMatrix;
    }

    /** A network initialised as the paper says (see the class javadoc). */
    public static DeepReluNet init(int d, int m, int depth, int k, long seed) {
        return init(d, m, depth, k, seed, Parallel.serial());
    }

    /** As {@link #init(int, int, int, int, long)}, drawing rows in parallel (same values for any thread count). */
    public static DeepReluNet init(int d, int m, int depth, int k, long seed, Parallel par) {
        checkShape(d, m, depth, k);
        double[] a0 = new double[m * d];
        double std = Math.sqrt(2.0 / m);
        par.forRange(m, INIT_ROWS, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                RandomStream.of(seed, "init.A", r).fillGaussian(a0, r * d, d, std);
            }
        });
        double[] w = new double[depth * m * m];
        par.forRange(depth * m, INIT_ROWS, (q0, q1) -> {
            for (int q = q0; q < q1; q++) {
                int h = q / m + 1;
                int r = q % m;
                RandomStream.of(seed, "init.W", h, r).fillGaussian(w, q * m, m, std);
            }
        });
        double[] a = new double[k * m];
        for (int j = 0; j < k; j++) {
            RandomStream.of(seed, "init.a", j).fillGaussian(a, j * m, m, 1.0);
        }
        return new DeepReluNet(d, m, depth, k, seed, a0, a, w, w.clone());
    }

    /**
     * A network from explicit arrays (copied): {@code inputMatrix} A (m x d), {@code outputWeights} a (k x m),
     * {@code params} W1..WH (H m m) and {@code initialParams} W(0) (same layout); {@code seed} is recorded only.
     */
    public static DeepReluNet of(int d, int m, int depth, int k, long seed, double[] inputMatrix,
                                 double[] outputWeights, double[] params, double[] initialParams) {
        checkShape(d, m, depth, k);
        checkLength("A", inputMatrix, (long) m * d);
        checkLength("a", outputWeights, (long) k * m);
        checkLength("W", params, (long) depth * m * m);
        checkLength("W_init", initialParams, (long) depth * m * m);
        return new DeepReluNet(d, m, depth, k, seed, inputMatrix.clone(), outputWeights.clone(), params.clone(),
                initialParams.clone());
    }

    private static void checkShape(int d, int m, int depth, int k) {
        if (d < 1) {
            throw new IllegalArgumentException("input dimension d must be >= 1, got " + d);
        }
        if (m < 1) {
            throw new IllegalArgumentException("--width must be >= 1, got " + m);
        }
        if (depth < 1) {
            throw new IllegalArgumentException("--depth must be >= 1, got " + depth);
        }
        if (k < 1) {
            throw new IllegalArgumentException("output dimension k must be >= 1, got " + k);
        }
        if ((long) depth * m * m > Integer.MAX_VALUE - 8 || (long) m * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("network too large for one array: H=" + depth + ", m=" + m + ", d=" + d);
        }
    }

    static void checkLength(String name, double[] x, long expected) {
        if (x == null || x.length != expected) {
            throw new IllegalArgumentException(name + ": expected " + expected + " values, got "
                    + (x == null ? "null" : String.valueOf(x.length)));
        }
    }

    @Override
    public String kind() {
        return "deep";
    }

    /** H, the number of trained layers. */
    public int depth() {
        return depth;
    }

    /** A (m x d, row-major), live; fixed, never modified by the engine. */
    public double[] inputMatrix() {
        return inputMatrix;
    }

    /** Offset of Wh (h = 1..H) in {@link #params()}. */
    public int layerOffset(int h) {
        if (h < 1 || h > depth) {
            throw new IllegalArgumentException("layer must be in 1.." + depth + ", got " + h);
        }
        return (h - 1) * m * m;
    }

    @Override
    public int blocks() {
        return depth;
    }

    @Override
    public int blockOffset(int b) {
        return layerOffset(b + 1);
    }

    @Override
    public int blockSize(int b) {
        layerOffset(b + 1);
        return m * m;
    }

    @Override
    public double blockRadius(double r) {
        return r / Math.sqrt(m);
    }

    @Override
    public DeepReluWorkspace newWorkspace(int maxBatch, Parallel par) {
        return newWorkspace(maxBatch, par, Simd.kernels());
    }

    /** A workspace computing on the given kernels (tests compare the scalar and vector paths). */
    public DeepReluWorkspace newWorkspace(int maxBatch, Parallel par, VectorKernels kern) {
        return new DeepReluWorkspace(this, maxBatch, par, kern);
    }

    private DeepReluWorkspace cast(Workspace ws) {
        if (!(ws instanceof DeepReluWorkspace) || !((DeepReluWorkspace) ws).fits(this)) {
            throw new IllegalArgumentException("workspace " + ws + " was not made for a deep net with d=" + d
                    + ", m=" + m + ", H=" + depth + ", k=" + k);
        }
        return (DeepReluWorkspace) ws;
    }

    @Override
    public void forward(Workspace ws, double[] x, int xOff, int batch) {
        DeepReluWorkspace w = cast(ws);
        w.begin(batch, x, xOff);
        PackedWeights pw = w.packsFor(this, params);
        boolean fused = pw != null && pw.fused();
        w.fusedForward = fused;
        if (fused) {
            product(w, pw, forwardSite(1), Op.N, batch, m, d, x, xOff, d, pw.fusedMatrix, 0, w.pre[1], 0);
            w.reluForward(1);
        } else {
            product(w, pw, forwardSite(0), Op.T, batch, m, d, x, xOff, d, inputMatrix, 0, w.post[0], 0);
        }
        for (int h = fused ? 2 : 1; h <= depth; h++) {
            product(w, pw, forwardSite(h), Op.T, batch, m, m, w.post[h - 1], 0, m, params, layerOffset(h), w.pre[h], 0);
            w.reluForward(h);
        }
        product(w, pw, forwardSite(depth + 1), Op.T, batch, k, m, w.post[depth], 0, m, outputWeights, 0, w.output(), 0);
    }

    /**
     * {@code c = in * op(B)} (rows x n from cOff, leading dimension n; depth kk), B one of the network's
     * matrices: through its packed copy when the attached packs hold one (site = its index there), else packed
     * on the fly. B's leading dimension is its stored row length. Same bits either way.
     */
    private static void product(DeepReluWorkspace w, PackedWeights pw, int site, Op opB, int rows, int n, int kk,
                                double[] in, int inOff, int ldIn, double[] b, int bOff, double[] c, int cOff) {
        PackedMatrix packed = pw == null ? null : pw.get(site);
        if (packed != null) {
            Gemm.gemm(w.kern, w.parallel(), Op.N, rows, 1.0, in, inOff, ldIn, packed, 0.0, c, cOff, n);
        } else {
            Gemm.gemm(w.kern, w.parallel(), Op.N, opB, rows, n, kk, 1.0, in, inOff, ldIn, b, bOff,
                    opB == Op.T ? kk : n, 0.0, c, cOff, n);
        }
    }

    /**
     * Index in the packs of the matrix layer h's forward product multiplies by: A (h = 0), Wh, a (h = H + 1);
     * fused packs hold W1 A at h = 1 and nothing at 0.
     */
    private static int forwardSite(int h) {
        return h;
    }

    /** Index in the packs of the matrix the backward product out of layer h multiplies by (as {@link #forwardSite}). */
    private int backwardSite(int h) {
        return depth + 2 + h;
    }

    /**
     * Packs a, A and W1..WH for the forward products (as op T) and the backward ones (as op N). Fixed a and A are
     * packed when the packs are made; W1..WH on every call, when {@link PackedWeights#affordable}. Fused packs
     * hold P = W1 A (computed on every call) in place of A and W1: the first hidden layer's pre-activation is
     * then P x, and the input gradient G1 P. That saves 2 m^2 flops per row and pass, for 2 m^2 d per call: it
     * pays when passes x rows per call exceed d. Fused packs made with {@code exact} ones share their a and
     * W2..WH packs and compute P from their pack of W1. Across a training step, {@link #carryFused} brings P to
     * the new weights for less.
     */
    @Override
    public PackedWeights packWeights(PackedWeights reuse, boolean fuse, VectorKernels kern, Parallel par,
                                     PackedWeights exact) {
        PackedWeights base = fuse && exact != null && exact.isFor(this, kern, false) ? exact : null;
        PackedWeights pw = reuse;
        if (pw == null || !pw.isFor(this, kern, fuse) || pw.shares() != base) {
            pw = newPacks(fuse, kern, par, base);
        }
        if (fuse) {
            // P^T = A^T W1^T: the same fma chains, so the same bits, as P = W1 A; stored d x m, so that W1^T is the
            // right operand and the exact packs' copy of it serves.
            PackedMatrix w1t = base == null ? null : base.get(forwardSite(1));
            if (w1t != null) {
                Gemm.gemm(kern, par, Op.T, d, 1.0, inputMatrix, 0, d, w1t, 0.0, pw.fusedMatrix, 0, m);
            } else {
                Gemm.gemm(kern, par, Op.T, Op.T, d, m, m, 1.0, inputMatrix, 0, d, params, layerOffset(1), m, 0.0,
                        pw.fusedMatrix, 0, m);
            }
            packFused(pw, par);
        }
        for (int h = fuse ? 2 : 1; h <= depth && base == null; h++) {
            if (pw.get(forwardSite(h)) != null) {
                pw.get(forwardSite(h)).pack(par, params, layerOffset(h), m);
                pw.get(backwardSite(h)).pack(par, params, layerOffset(h), m);
            }
        }
        pw.stamp(params);
        return pw;
    }

    /** Packs the fused matrix P^T of {@code pw} for the forward and backward products. */
    private void packFused(PackedWeights pw, Parallel par) {
        pw.get(forwardSite(1)).pack(par, pw.fusedMatrix, 0, m);
        pw.get(backwardSite(1)).pack(par, pw.fusedMatrix, 0, m);
    }

    /**
     * Carrying costs 4 rows m d flops (two products through the rows' x0 = A x) against 2 m^2 d for computing
     * P = W1 A again: it pays when 2 rows < m.
     */
    @Override
    public boolean carriesFused(int rows) {
        return 2L * rows < m;
    }

    /**
     * P^T after the step, from P^T before it: W1 - lr G1^T x0 gives P^T - lr (x0 A)^T G1 (x0 and G1 of the rows
     * of the last weights backward on {@code ws}), then the projection's W1(0) + s (W1 - W1(0)) gives
     * P0^T + s (P^T - P0^T) with P0 = W1(0) A (computed once, when first needed).
     */
    @Override
    public void carryFused(PackedWeights fused, Workspace ws, double lr, double[] blockScales) {
        DeepReluWorkspace w = cast(ws);
        if (fused == null || !fused.isFor(this, w.kern, true)) {
            throw new IllegalArgumentException("carryFused needs fused packs of " + this + " for " + w.kern.name()
                    + ", got " + fused);
        }
        if (w.firstDelta == null || w.fusedForward) {
            throw new IllegalStateException("carryFused needs the weights backward of the step on this workspace");
        }
        int rows = w.batch();
        Parallel par = w.parallel();
        double[] p = fused.fusedMatrix;
        double[] x0a = fused.carryRows(rows * d);
        // x0 A through the exact packs' copy of A (the input backward's), when these fused packs share them.
        product(w, fused.shares(), backwardSite(0), Op.N, rows, d, m, w.post[0], 0, m, inputMatrix, 0, x0a, 0);
        Gemm.gemm(w.kern, par, Op.T, Op.N, d, m, rows, -lr, x0a, 0, d, w.firstDelta, 0, m, 1.0, p, 0, m);
        double s = blockScales[0];
        if (s != 1.0) {
            double[] p0 = fused.initialFused();
            if (p0 == null) {
                p0 = fused.initialFused(new double[d * m]);
                Gemm.gemm(w.kern, par, Op.T, Op.T, d, m, m, 1.0, inputMatrix, 0, d, initialParams, layerOffset(1), m,
                        0.0, p0, 0, m);
            }
            for (int i = 0; i < p.length; i++) {
                p[i] = p0[i] + s * (p[i] - p0[i]);
            }
        }
        packFused(fused, par);
        fused.stamp(params);
    }

    @Override
    public void loadFused(PackedWeights fused, double[] state, Parallel par) {
        if (fused == null || !fused.isFor(this) || !fused.fused()) {
            throw new IllegalArgumentException("loadFused needs fused packs of " + this + ", got " + fused);
        }
        checkLength("fused state", state, (long) d * m);
        System.arraycopy(state, 0, fused.fusedMatrix, 0, state.length);
        packFused(fused, par);
        fused.stamp(params);
    }

    /** Empty packs of the kind asked for, the fixed matrices packed (or, with {@code base}, taken from it). */
    private PackedWeights newPacks(boolean fuse, VectorKernels kern, Parallel par, PackedWeights base) {
        PackedMatrix[] mats = new PackedMatrix[2 * (depth + 2)];
        if (fuse) { // P^T (d x m, stored) as op(B) = P^T forward and P backward
            mats[forwardSite(1)] = PackedMatrix.of(kern, Op.N, d, m);
            mats[backwardSite(1)] = PackedMatrix.of(kern, Op.T, m, d);
        } else {
            mats[forwardSite(0)] = PackedMatrix.of(kern, Op.T, d, m);
            mats[backwardSite(0)] = PackedMatrix.of(kern, Op.N, m, d);
            mats[forwardSite(0)].pack(par, inputMatrix, 0, d);
            mats[backwardSite(0)].pack(par, inputMatrix, 0, d);
        }
        if (base != null) {
            for (int h = 2; h <= depth + 1; h++) {
                mats[forwardSite(h)] = base.get(forwardSite(h));
                mats[backwardSite(h)] = base.get(backwardSite(h));
            }
        } else {
            for (int h = fuse ? 2 : 1; h <= depth && PackedWeights.affordable(this); h++) {
                mats[forwardSite(h)] = PackedMatrix.of(kern, Op.T, m, m);
                mats[backwardSite(h)] = PackedMatrix.of(kern, Op.N, m, m);
            }
            mats[forwardSite(depth + 1)] = PackedMatrix.of(kern, Op.T, m, k);
            mats[backwardSite(depth + 1)] = PackedMatrix.of(kern, Op.N, k, m);
            mats[forwardSite(depth + 1)].pack(par, outputWeights, 0, m);
            mats[backwardSite(depth + 1)].pack(par, outputWeights, 0, m);
        }
        return new PackedWeights(this, kern, fuse, mats, fuse ? new double[d * m] : null, base);
    }

    @Override
    public void backwardInput(Workspace ws, double[] gOut, int gOutOff, double[] gx, int gxOff) {
        chain(cast(ws), gOut, gOutOff, false, 0.0, null, true, gx, gxOff);
    }

    @Override
    public void backwardWeights(Workspace ws, double[] gOut, int gOutOff, double beta, double[] grad) {
        chain(cast(ws), gOut, gOutOff, true, beta, grad, false, null, 0);
    }

    @Override
    public void backward(Workspace ws, double[] gOut, int gOutOff, double beta, double[] grad, double[] gx, int gxOff) {
        chain(cast(ws), gOut, gOutOff, true, beta, grad, true, gx, gxOff);
    }

    @Override
    public void perSampleGradients(Workspace ws, int output, double[] out, int outOff) {
        DeepReluWorkspace w = cast(ws);
        if (output < 0 || output >= k) {
            throw new IllegalArgumentException("output must be in 0.." + (k - 1) + ", got " + output);
        }
        int batch = w.requireExactForward();
        long need = (long) outOff + (long) batch * params.length;
        if (outOff < 0 || out.length < need) {
            throw new IllegalArgumentException("per-sample gradients: out needs " + need + " values (batch "
                    + batch + " x " + params.length + " params from offset " + outOff + "), has " + out.length);
        }
        double[] g = w.oneHot(output);
        Parallel par = w.parallel();
        double[] cur = w.gradA;
        double[] next = w.gradB;
        Gemm.gemm(w.kern, par, Op.N, Op.N, batch, m, k, 1.0, g, 0, k, outputWeights, 0, m, 0.0, cur, 0, m);
        for (int h = depth; h >= 1; h--) {
            w.reluBackward(h, cur);
            w.outerProducts(cur, w.post[h - 1], out, outOff, params.length, layerOffset(h));
            if (h > 1) {
                Gemm.gemm(w.kern, par, Op.N, Op.N, batch, m, m, 1.0, cur, 0, m, params, layerOffset(h), m, 0.0,
                        next, 0, m);
                double[] t = cur;
                cur = next;
                next = t;
            }
        }
    }

    /** The backward chain from G (batch x k): weight gradient and/or input gradient. */
    private void chain(DeepReluWorkspace w, double[] gOut, int gOutOff, boolean weights, double beta, double[] grad,
                       boolean input, double[] gx, int gxOff) {
        int batch = weights ? w.requireExactForward() : w.requireForward();
        if (weights) {
            checkLength("grad", grad, params.length);
        }
        PackedWeights pw = w.packsFor(this, params);
        if (w.fusedForward && (pw == null || !pw.fused())) {
            throw new IllegalStateException("the fused packs of the last forward are no longer attached");
        }
        double[] cur = w.gradA;
        double[] next = w.gradB;
        w.firstDelta = null;
        product(w, pw, backwardSite(depth + 1), Op.N, batch, m, k, gOut, gOutOff, k, outputWeights, 0, cur, 0);
        for (int h = depth; h >= 1; h--) {
            w.reluBackward(h, cur);
            if (weights && h == 1) {
                w.firstDelta = cur;
            }
            if (weights) {
                Gemm.gemm(w.kern, w.parallel(), Op.T, Op.N, m, m, batch, 1.0, cur, 0, m, w.post[h - 1], 0, m, beta, grad,
                        layerOffset(h), m);
            }
            if (h == 1 && w.fusedForward) { // input only: ∇X = G1 (W1 A)
                product(w, pw, backwardSite(1), Op.T, batch, d, m, cur, 0, m, pw.fusedMatrix, 0, gx, gxOff);
                return;
            }
            if (h > 1 || input) {
                product(w, pw, backwardSite(h), Op.N, batch, m, m, cur, 0, m, params, layerOffset(h), next, 0);
                double[] t = cur;
                cur = next;
                next = t;
            }
        }
        if (input) {
            product(w, pw, backwardSite(0), Op.N, batch, d, m, cur, 0, m, inputMatrix, 0, gx, gxOff);
        }
    }

    @Override
    public DeepReluNet copy() {
        return new DeepReluNet(d, m, depth, k, seed, inputMatrix.clone(), outputWeights.clone(), params.clone(),
                initialParams.clone());
    }

    @Override
    public String toString() {
        return "deep[d=" + d + ", m=" + m + ", H=" + depth + ", k=" + k + ", seed=" + seed + "]";
    }
}
