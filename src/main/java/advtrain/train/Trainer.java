package advtrain.train;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.kernel.Simd;
import advtrain.kernel.VectorKernels;
import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.PackedWeights;
import advtrain.model.Workspace;
import advtrain.random.RandomStream;
import advtrain.threat.Attack;

/**
 * Adversarial training by projected gradient descent (paper section 4):
 * <pre>
 *   x'_i    = A(W_t, x_i)                        attack the batch; the points are then held fixed
 *   g       = (1/B) Σ_i ℓ'(f(W_t, x'_i), y_i) ∇_W f(W_t, x'_i)
 *   V       = W_t - α g                          (with momentum μ > 0: v = μ v + g, V = W_t - α v)
 *   W_{t+1} = P_B(R)(V)                          per block; see {@link Projection}
 * </pre>
 * Full batch (the theorem's algorithm): every step uses all n rows, in order, processed in chunks of
 * {@link TrainSettings#chunk()} rows through one workspace, the gradient summed over the chunks in order.
 * Mini-batch SGD: epoch e visits the rows in the order of a permutation drawn from the keyed stream
 * (seed, "shuffle", e), in batches of B (the last batch of an epoch may be shorter).
 *
 * <p>Determinism: all randomness comes from keyed streams (the attack's are keyed by seed, sample row and
 * step), every sum runs in a fixed order, so a run is a pure function of its settings: bit-identical for
 * any thread count, and resuming from a checkpoint ({@link #restore}) continues the exact trajectory.
 *
 * <p>Fused packs carried: where the attack runs on fused packs ({@link Attack#usesFusedPacks}), the step is
 * plain (no momentum) and one pass, and the network says carrying pays ({@link Network#carriesFused}: the deep
 * net, when 2 B < m), the fused matrix W1 A is not computed afresh every step but carried through the step's
 * rank-B change ({@link Network#carryFused}), and computed afresh every {@link #REFRESH} steps. The attack then
 * sees the same function, rounded a little differently (by the steps carried through since the last refresh):
 * still a pure function of the settings, kept in checkpoints, bit-identical for any thread count and across a
 * resume.
 *
 * <p>Memory: every buffer is allocated at construction; a step allocates nothing apart from one small
 * random stream per epoch (for the shuffle).
 */
public final class Trainer {

    private final Network net;
    private final Loss loss;
    private final Attack attack;
    private final Dataset data;
    private final TrainSettings settings;
    private final VectorKernels kern;
    private final Workspace ws;
    private final int batchRows;
    private final int stepsPerEpoch;
    private final double[] xChunk;
    private final int[] yChunk;
    private final int[] ids;
    private final double[] xAdv;
    private final double[] gOut;
    private final double[] grad;
    private final double[] velocity;
    /** The weights packed (exact) for the passes of a step; refilled every step. */
    private PackedWeights packs;
    /** The packs the attack and the clean metrics run on: fused ones sharing {@link #packs}, or those. */
    private PackedWeights attackPacks;
    /** Whether the fused packs are carried from step to step (see the class javadoc). */
    private final boolean carry;
    /** True while {@link #attackPacks} hold the fused packs of the current weights, carried from the last step. */
    private boolean carried;
    private final double[] blockScales;
    private final int[] perm;
    private long permEpoch = -1;
    /** Steps between fresh computations of carried fused packs (bounds their rounding drift). */
    static final int REFRESH = 64;
    private final StepStats stats;
    private final double distScale;

    private long step;
    private double runningMin = Double.POSITIVE_INFINITY;
    private long elapsedNanos;

    /**
     * A trainer for {@code net} (updated in place) on {@code data} with {@code attack} as the perturbation
     * function (use an identity attack for standard training), computing on {@code par} (not owned).
     */
    public Trainer(Network net, Loss loss, Attack attack, Dataset data, TrainSettings settings, Parallel par) {
        this(net, loss, attack, data, settings, par, Simd.kernels());
    }

    /** As above, with the vector kernels for the update (tests pass {@link Simd#scalar()}; both give the same bits). */
    Trainer(Network net, Loss loss, Attack attack, Dataset data, TrainSettings settings, Parallel par, VectorKernels kern) {
        this.kern = kern;
        if (data.d() != net.inputDim()) {
            throw new IllegalArgumentException("dataset " + data.name() + " has d=" + data.d() + " but the network expects d="
                    + net.inputDim());
        }
        if (data.outputDim() != net.outputDim()) {
            throw new IllegalArgumentException("dataset " + data.name() + " has " + data.classes() + " classes (outputs "
                    + data.outputDim() + ") but the network has " + net.outputDim() + " outputs");
        }
        if (data.n() < 1) {
            throw new IllegalArgumentException("dataset " + data.name() + " is empty");
        }
        this.net = net;
        this.loss = loss;
        this.attack = attack;
        this.data = data;
        this.settings = settings;
        int n = data.n();
        this.batchRows = settings.fullBatch() ? n : Math.min(settings.batch(), n);
        this.stepsPerEpoch = (n + batchRows - 1) / batchRows;
        int chunk = Math.min(settings.chunk(), batchRows);
        int d = net.inputDim();
        int k = net.outputDim();
        this.ws = net.newWorkspace(chunk, par);
        this.xChunk = new double[chunk * d];
        this.yChunk = new int[chunk];
        this.ids = new int[chunk];
        this.xAdv = new double[chunk * d];
        this.gOut = new double[chunk * k];
        this.grad = new double[net.paramCount()];
        this.velocity = settings.momentum() > 0 ? new double[net.paramCount()] : null;
        this.perm = settings.fullBatch() ? null : new int[n];
        this.carry = attack.usesFusedPacks(net) && settings.momentum() == 0 && batchRows <= chunk
                && net.carriesFused(batchRows);
        this.blockScales = new double[net.blocks()];
        this.stats = new StepStats(net.blocks());
        this.distScale = Projection.distanceScale(net);
    }

    public Network network() {
        return net;
    }

    public Loss loss() {
        return loss;
    }

    public Attack attack() {
        return attack;
    }

    public Dataset data() {
        return data;
    }

    public TrainSettings settings() {
        return settings;
    }

    /** Updates done so far. */
    public long stepsDone() {
        return step;
    }

    /** Rows per step (n for full batch). */
    public int batchRows() {
        return batchRows;
    }

    /** Steps per pass over the data (1 for full batch). */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** min over the measured iterates of L_A(W_t) on the full training set ({@code +inf} before any). */
    public double runningMin() {
        return runningMin;
    }

    /** Training time so far, in nanoseconds (carried across resumes). */
    public long elapsedNanos() {
        return elapsedNanos;
    }

    /** The momentum buffer (null without momentum), live. */
    double[] velocity() {
        return velocity;
    }

    /** Records a full-training-set measurement of L_A at the current weights into the running minimum. */
    public void recordFullSurrogate(double value) {
        if (value < runningMin) {
            runningMin = value;
        }
    }

    /**
     * One step: attack the batch, gradient at the attacked points, update, project. Returns this step's
     * measurements (the same object every call).
     *
     * @throws DivergenceException when the loss or the gradient is not finite (weights left untouched)
     */
    public StepStats step() {
        long t0 = System.nanoTime();
        int n = data.n();
        int d = data.d();
        int k = net.outputDim();
        long epoch = step / stepsPerEpoch;
        int pos = (int) (step % stepsPerEpoch) * batchRows;
        int rows = Math.min(batchRows, n - pos);
        if (perm != null && permEpoch != epoch) {
            RandomStream.of(settings.seed(), "shuffle", epoch).permutation(perm, n);
            permEpoch = epoch;
        }
        double[] x = data.x();
        int[] y = data.y();
        int chunk = ws.maxBatch();
        double invRows = 1.0 / rows;
        double advSum = 0.0;
        double cleanSum = 0.0;
        int advCorrect = 0;
        int cleanCorrect = 0;
        // W is fixed until the update: every pass of this step multiplies by one packed copy of it, exact for the
        // training pass, fused where the attack runs on fused packs (the attack's passes and the clean metrics: the
        // same function, rounded differently), the two sharing what they have in common.
        packs = net.packWeights(packs, false, ws.kernels(), ws.parallel());
        if (!carried) {
            attackPacks = attack.usesFusedPacks(net) ? net.packWeights(attackPacks, true, ws.kernels(), ws.parallel(), packs)
                    : packs;
        }
        try {
            for (int c0 = 0; c0 < rows; c0 += chunk) {
                int cb = Math.min(chunk, rows - c0);
                for (int r = 0; r < cb; r++) {
                    int row = perm == null ? pos + c0 + r : perm[pos + c0 + r];
                    System.arraycopy(x, row * d, xChunk, r * d, d);
                    yChunk[r] = y[row];
                    ids[r] = row;
                }
                attach(attackPacks);
                net.forward(ws, xChunk, 0, cb);
                double[] out = ws.output();
                for (int r = 0; r < cb; r++) {
                    cleanSum += loss.value(out, r * k, k, yChunk[r]);
                    cleanCorrect += Loss.correct(out, r * k, k, yChunk[r]) ? 1 : 0;
                }
                // The attack's per-sample losses go to gOut (cb <= cb * k entries), overwritten just below.
                attack.perturb(net, ws, loss, xChunk, 0, yChunk, 0, cb, ids, 0, settings.seed(), step + 1, xAdv, 0, gOut);
                attach(packs);
                net.forward(ws, xAdv, 0, cb);
                out = ws.output();
                for (int r = 0; r < cb; r++) {
                    advSum += loss.valueAndGradient(out, r * k, k, yChunk[r], gOut, r * k);
                    advCorrect += Loss.correct(out, r * k, k, yChunk[r]) ? 1 : 0;
                }
                kern.scale(cb * k, invRows, gOut, 0);
                net.backwardWeights(ws, gOut, 0, c0 == 0 ? 0.0 : 1.0, grad);
            }
        } finally {
            ws.detach();
        }
        double surrogate = advSum * invRows;
        int p = grad.length;
        double gradNorm = Math.sqrt(kern.sumSquares(p, grad, 0, null, 0));
        if (!Double.isFinite(surrogate) || !Double.isFinite(gradNorm)) {
            throw new DivergenceException(step + 1, "surrogate loss " + surrogate + ", gradient norm " + gradNorm);
        }
        double[] w = net.params();
        if (velocity != null) {
            kern.scale(p, settings.momentum(), velocity, 0);
            kern.axpy(p, 1.0, grad, 0, velocity, 0);
            kern.axpy(p, -settings.lr(), velocity, 0, w, 0);
        } else {
            kern.axpy(p, -settings.lr(), grad, 0, w, 0);
        }
        Projection.project(net, settings.radius(), stats.projected, blockScales);
        if (perm == null) {
            recordFullSurrogate(surrogate);
        }
        step++;
        carried = carry && step % REFRESH != 0;
        if (carried) {
            net.carryFused(attackPacks, ws, settings.lr(), blockScales);
        }
        StepStats s = stats;
        s.step = step;
        s.epoch = epoch;
        s.lr = settings.lr();
        s.batch = rows;
        s.surrogateLoss = surrogate;
        s.cleanLoss = cleanSum * invRows;
        s.cleanAccuracy = cleanCorrect * invRows;
        s.attackedAccuracy = advCorrect * invRows;
        s.gradNorm = gradNorm;
        for (int b = 0; b < s.distance.length; b++) {
            s.distance[b] = distScale * Projection.blockDistance(net, b);
        }
        elapsedNanos += System.nanoTime() - t0;
        return s;
    }

    /** The packs the next step's attack runs on (tests). */
    PackedWeights attackPacks() {
        return attackPacks;
    }

    /** Whether {@link #attackPacks()} were carried through the last step rather than computed afresh (tests). */
    boolean carried() {
        return carried;
    }

    /** Attaches {@code p} to the workspace, or detaches when there are no packs. */
    private void attach(PackedWeights p) {
        if (p != null) {
            ws.attach(p);
        } else {
            ws.detach();
        }
    }

    /**
     * Restores the state a checkpoint holds (weights, momentum, step, running minimum, elapsed time, and the carried
     * fused matrix: without one, as at a refresh, the next step computes it afresh).
     */
    public void restore(Checkpoint ck) {
        if (ck.params().length != net.paramCount()) {
            throw new IllegalArgumentException("checkpoint has " + ck.params().length + " weights, the network " + net.paramCount());
        }
        if (ck.initHash() != Checkpoint.hash(net.initialParams())) {
            throw new IllegalArgumentException("checkpoint was taken from a different initialisation (seed or model settings changed)");
        }
        if ((ck.velocity() == null) != (velocity == null)) {
            throw new IllegalArgumentException("checkpoint momentum state does not match --momentum");
        }
        System.arraycopy(ck.params(), 0, net.params(), 0, ck.params().length);
        if (velocity != null) {
            System.arraycopy(ck.velocity(), 0, velocity, 0, velocity.length);
        }
        step = ck.step();
        runningMin = ck.runningMin();
        elapsedNanos = ck.elapsedNanos();
        carried = carry && ck.fused() != null;
        if (carried) {
            packs = net.packWeights(packs, false, ws.kernels(), ws.parallel());
            attackPacks = net.packWeights(attackPacks, true, ws.kernels(), ws.parallel(), packs);
            net.loadFused(attackPacks, ck.fused(), ws.parallel());
        }
    }

    /** The state to checkpoint now (copies). */
    public Checkpoint checkpoint() {
        return new Checkpoint(step, runningMin, elapsedNanos, Checkpoint.hash(net.initialParams()), net.params().clone(),
                velocity == null ? null : velocity.clone(), carried ? attackPacks.fusedState() : null);
    }
}
