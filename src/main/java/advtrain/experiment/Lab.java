package advtrain.experiment;

import advtrain.certify.Ball;
import advtrain.certify.Certificate;
import advtrain.certify.Certifier;
import advtrain.certify.DeepReluView;
import advtrain.certify.Method;
import advtrain.data.DataSpec;
import advtrain.data.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.model.DeepReluNet;
import advtrain.model.Network;
import advtrain.model.Workspace;
import advtrain.theory.LinearizationProbe;
import advtrain.threat.Attack;
import advtrain.threat.AttackSpec;
import advtrain.train.Evaluator;
import advtrain.train.Projection;
import advtrain.train.TrainSettings;
import advtrain.train.Trainer;

/**
 * The steps the experiments share, each a thin use of the engine: train a network for T steps and keep
 * what the claims need, evaluate a loss under an attack, certify an upper bound on L_*.
 */
final class Lab {

    /** Rows per forward pass inside training and evaluation. */
    static final int CHUNK = 128;

    private Lab() {
    }

    /** Fixed overhead of one sweep point in multiply-adds (JIT, data, buffers), for time-left estimates. */
    static final double POINT_OVERHEAD = 2e7;

    /**
     * Rough multiply-adds of a training run, for {@link Experiment#cost}: {@code passes} forward-backward
     * passes per step (attack steps + 3) over n rows of a net with m*d + depth*m*m weights, plus an overhead.
     */
    static double trainCost(double n, double steps, double passes, double d, double m, double depth) {
        return POINT_OVERHEAD + n * steps * passes * (m * d + depth * m * m);
    }

    /** Loads a data spec ({@link DataSpec}); I/O problems name the spec. */
    static Dataset data(String spec) {
        try {
            return DataSpec.parse(spec).load();
        } catch (IOException e) {
            throw new UncheckedIOException("data " + spec + ": " + e.getMessage(), e);
        }
    }

    /** PGD on spherical caps of radius {@code delta} with {@code steps} steps: the experiments' training attack. */
    static String capPgd(double delta, int steps) {
        return "pgd:sphere=true,eps=" + Num.exact(delta) + ",steps=" + steps;
    }

    /** PGD and APGD-CE on spherical caps of radius {@code delta}: the experiments' lower bound on L_* at the end. */
    static String capEnsemble(double delta, int steps) {
        return "ensemble:pgd+apgd-ce,sphere=true,eps=" + Num.exact(delta) + ",steps=" + steps;
    }

    /**
     * Binary data on the unit sphere S^(d-1) with random labels, differently-labelled points at least
     * {@code sep} apart (so l2 caps of radius below sep/2 are compatible, Def. 3.1).
     */
    static String sphereSpec(int n, int d, double sep, long seed) {
        return "sphere:n=" + n + ",d=" + d + ",classes=2,sep=" + Num.exact(sep) + ",seed=" + seed + ",label=random";
    }

    /** What a training run leaves: min over t of L_A(W_t), the last L_A, distances from init. */
    record Trained(double minSurrogate, double lastSurrogate, double lastCleanAccuracy, double lastAttackedAccuracy,
                   double maxDistance, boolean projected, long steps) {
    }

    /**
     * Full-batch (projected) gradient descent for {@code steps} steps: the theorem's algorithm. The
     * surrogate L_A(W_t) is measured on the full set at every step, so the minimum is over t = 0..T-1
     * (the step's loss is taken before its update).
     */
    static Trained train(Network net, Loss loss, Attack attack, Dataset data, double radius, double lr, long steps,
                         long seed, Parallel par) {
        return train(net, loss, attack, data, radius, lr, 0, steps, seed, par);
    }

    /**
     * As {@link #train(Network, Loss, Attack, Dataset, double, double, long, long, Parallel)} with mini-batches of
     * {@code batch} rows (0: full batch); with mini-batches the minimum is over the batch losses.
     */
    static Trained train(Network net, Loss loss, Attack attack, Dataset data, double radius, double lr, int batch,
                         long steps, long seed, Parallel par) {
        Trainer tr = new Trainer(net, loss, attack, data, new TrainSettings(radius, lr, 0.0, batch, CHUNK, seed), par);
        double batchMin = Double.POSITIVE_INFINITY;
        double last = Double.NaN;
        double cleanAcc = Double.NaN;
        double advAcc = Double.NaN;
        boolean projected = false;
        double maxDist = 0;
        for (long t = 0; t < steps; t++) {
            var s = tr.step();
            last = s.surrogateLoss;
            batchMin = Math.min(batchMin, last);
            cleanAcc = s.cleanAccuracy;
            advAcc = s.attackedAccuracy;
            for (boolean p : s.projected) {
                projected |= p;
            }
        }
        double scale = Projection.distanceScale(net);
        for (int b = 0; b < net.blocks(); b++) {
            maxDist = Math.max(maxDist, scale * Projection.blockDistance(net, b));
        }
        return new Trained(batch == 0 ? tr.runningMin() : batchMin, last, cleanAcc, advAcc, maxDist, projected, steps);
    }

    /** Mean loss and accuracy on {@code data} at the points {@code spec} returns (null: clean). */
    static Evaluator.Result evaluate(Network net, Loss loss, String spec, Dataset data, long seed, Parallel par) {
        Attack a = spec == null ? null : AttackSpec.parse(spec).newAttack();
        return new Evaluator(net, loss, Math.min(CHUNK, Math.max(1, data.n())), par).evaluate(a, data, 0, seed);
    }

    /**
     * Widest net with two or more trained layers certified with CROWN; wider ones use IBP. CROWN bounds the
     * hidden units of layers 2..H by backward passes of m x m matrices, O((H - 1) m^3) per sample, which
     * dominates a run beyond this width; IBP is O(H m^2). With H = 1 the hidden bounds are exact and CROWN is
     * O(m^2): always used.
     */
    static final int CROWN_MAX_WIDTH = 1024;

    /** The certification method: CROWN for H = 1 or m up to {@link #CROWN_MAX_WIDTH}, IBP otherwise. */
    static Method certifyMethod(int width, int depth) {
        return depth == 1 || width <= CROWN_MAX_WIDTH ? Method.CROWN : Method.IBP;
    }

    /** Certified bounds over the l2 ball of radius {@code eps} (contains the spherical cap of the same radius). */
    static Certificate certifyL2(DeepReluNet dn, Loss loss, Dataset data, double eps, Parallel par) {
        int[] offs = new int[dn.depth()];
        for (int h = 0; h < offs.length; h++) {
            offs[h] = dn.layerOffset(h + 1);
        }
        Certifier c = Certifier.of(new DeepReluView(dn.inputDim(), dn.width(), dn.depth(), dn.outputDim(), dn.inputMatrix(),
                dn.params(), offs, dn.outputWeights()), par);
        return c.certify(certifyMethod(dn.width(), dn.depth()), Ball.of(advtrain.threat.Norm.L2, eps), loss, data.x(), data.y(), data.n());
    }

    /** f(W, x_i) for every row (scalar output), at the network's current weights. */
    static double[] outputs(Network net, Dataset data, Parallel par) {
        int n = data.n();
        int d = data.d();
        int k = net.outputDim();
        int chunk = Math.min(CHUNK, Math.max(1, n));
        Workspace ws = net.newWorkspace(chunk, par);
        double[] f = new double[n * k];
        for (int r0 = 0; r0 < n; r0 += chunk) {
            int b = Math.min(chunk, n - r0);
            net.forward(ws, data.x(), r0 * d, b);
            System.arraycopy(ws.output(), 0, f, r0 * k, b * k);
        }
        return f;
    }

    /**
     * The linearisation error of the trained network around its initialisation, relative to how far the
     * function moved: sqrt(mean_i (f(W, x_i) - f_lin(W, x_i))^2) / sqrt(mean_i (f(W, x_i) - f(W0, x_i))^2), with
     * f_lin(W, x) = f(W0, x) + &lt;grad_W f(W0, x), W - W0&gt; computed exactly by {@link LinearizationProbe}
     * (rank-one gradient factors at W0). NaN when the function did not move.
     */
    static double linearisationError(Network trained, Dataset data, Parallel par) {
        LinearizationProbe probe = new LinearizationProbe(trained, data.x(), data.n(), 0, par);
        probe.measure(trained);
        double[] err = probe.errors();
        double[] f0 = probe.initialOutputs();
        double[] f = outputs(trained, data, par);
        int k = trained.outputDim();
        double num = 0;
        double den = 0;
        for (int i = 0; i < data.n(); i++) {
            num += err[i] * err[i];
            double moved = f[i * k] - f0[i];
            den += moved * moved;
        }
        return den > 0 ? Math.sqrt(num / den) : Double.NaN;
    }
}
