package advtrain.threat;

import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.Workspace;

/**
 * Auto-PGD (Croce and Hein 2020, "Reliable evaluation of adversarial robustness with an ensemble of diverse
 * parameter-free attacks", Algorithm 1), on the training loss ({@code apgd-ce}) or on the DLR loss
 * ({@code apgd-dlr}, k >= 3). Per sample, with N = steps:
 * <ul>
 * <li>step size eta = 2 eps; x^(0) the start (x, or a random point from the stream
 *     (seed, "apgd.start", sample id, restart, step));
 * <li>z = P(x^(k) + eta dir(grad f(x^(k)))), dir as in {@link PerturbationSet#ascend};
 *     x^(k+1) = P(x^(k) + alpha (z - x^(k)) + (1 - alpha)(x^(k) - x^(k-1))) with momentum alpha = 0.75
 *     (the first step, and the first step after a restart from the best point, take x^(k+1) = z);
 * <li>checkpoints w_j = ceil(p_j N) with p_0 = 0, p_1 = 0.22, p_(j+1) = p_j + max(p_j - p_(j-1) - 0.03, 0.06);
 *     at a checkpoint the step is halved and the iterate (with its stored gradient) reset to the best point when
 *     (1) fewer than rho = 0.75 of the window's steps increased f, or (2) neither eta nor the best f changed since
 *     the previous checkpoint.
 * </ul>
 * The best point by f over every iterate and restart is returned; {@code lossOut} holds the training loss there
 * (for apgd-dlr one extra forward). Cost per restart: N + 1 forwards and N backwards, like PGD with N steps.
 */
final class ApgdAttack extends AbstractAttack {

    /** Momentum weight alpha. */
    static final double MOMENTUM = 0.75;
    /** Fraction of improving steps below which the step size is halved. */
    static final double RHO = 0.75;

    private final boolean dlr;
    private final Loss dlrLoss = new DlrLoss();
    private final int[] checkpoints;
    private double[] xCur;
    private double[] xPrev;
    private double[] xBest;
    private double[] gBest;
    private double[] z;
    private double[] fBest;
    private double[] fPrev;
    private double[] eta;
    private double[] etaAtCheck;
    private double[] fBestAtCheck;
    private int[] increases;
    private boolean[] plainStep;
    private final Parallel.RangeBody stepBody = this::momentumSteps;
    // The arguments of the momentum step in progress.
    private int stepD;
    private double[] stepX;
    private int stepXOff;

    ApgdAttack(AttackSpec spec) {
        super(spec);
        this.dlr = spec.name().equals("apgd-dlr");
        this.checkpoints = checkpoints(spec.steps());
    }

    /** The checkpoints w_1 < w_2 < ... <= n (w_0 = 0 is implicit). */
    static int[] checkpoints(int n) {
        int[] w = new int[n + 1];
        int count = 0;
        double pPrev = 0.0;
        double p = 0.22;
        while (p <= 1.0) {
            int wj = (int) Math.ceil(p * n - 1e-9); // p carries rounding: 0.22 + 0.19 is 0.41000000000000003
            if (wj >= 1 && wj <= n && (count == 0 || wj > w[count - 1])) {
                w[count++] = wj;
            }
            double next = p + Math.max(p - pPrev - 0.03, 0.06);
            pPrev = p;
            p = next;
        }
        return java.util.Arrays.copyOf(w, count);
    }

    private void ensureBuffers(int batch, int d) {
        int n = batch * d;
        xCur = ensure(xCur, n);
        xPrev = ensure(xPrev, n);
        xBest = ensure(xBest, n);
        gBest = ensure(gBest, n);
        z = ensure(z, n);
        fBest = ensure(fBest, batch);
        fPrev = ensure(fPrev, batch);
        eta = ensure(eta, batch);
        etaAtCheck = ensure(etaAtCheck, batch);
        fBestAtCheck = ensure(fBestAtCheck, batch);
        if (increases == null || increases.length < batch) {
            increases = new int[batch];
            plainStep = new boolean[batch];
        }
    }

    @Override
    void run(Network net, Workspace ws, Loss loss, double[] x, int xOff, int[] y, int yOff, int batch,
             int[] sampleIds, int idOff, long seed, long step, double[] xAdv, int xAdvOff, double[] lossOut) {
        int d = net.inputDim();
        Loss obj = dlr ? dlrLoss : loss;
        if (dlr && net.outputDim() < 3) {
            throw new IllegalArgumentException("apgd-dlr needs k >= 3 classes, the network has k=" + net.outputDim());
        }
        ensureBuffers(batch, d);
        double[] overall = lossOut; // best objective over restarts (lossOut is rewritten at the end for dlr)
        for (int r = 0; r < spec.restarts(); r++) {
            starts.start(ws.parallel(), spec.randomStart(), set, "apgd.start", d, batch, x, xOff, sampleIds, idOff, seed, r, step,
                    xCur);
            restart(net, ws, obj, x, xOff, y, yOff, batch, d);
            for (int b = 0; b < batch; b++) {
                if (r == 0 || fBest[b] > overall[b]) {
                    overall[b] = fBest[b];
                    System.arraycopy(xBest, b * d, xAdv, xAdvOff + b * d, d);
                }
            }
        }
        if (dlr) {
            lossAt(net, ws, loss, xAdv, xAdvOff, y, yOff, batch, lossOut);
        }
    }

    /** Rows [b0, b1) of one momentum step (the loop body, bound once: a step allocates nothing). */
    private void momentumSteps(int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            momentumStep(b, stepD, stepX, stepXOff);
        }
    }

    /** Row b: z = P(x + eta dir(g)), then (unless plain) the momentum combination, projected; into z. */
    private void momentumStep(int b, int d, double[] x, int xOff) {
        int o = b * d;
        System.arraycopy(xCur, o, z, o, d);
        set.ascend(d, z, o, objective.grad, o, eta[b], x, xOff + o);
        if (!plainStep[b]) {
            for (int i = o; i < o + d; i++) {
                double xc = xCur[i];
                z[i] = xc + MOMENTUM * (z[i] - xc) + (1.0 - MOMENTUM) * (xc - xPrev[i]);
            }
            set.project(d, z, o, x, xOff + o);
        }
        plainStep[b] = false;
    }

    /** One run of Algorithm 1 from the start in xCur; leaves the best point and value in xBest, fBest. */
    private void restart(Network net, Workspace ws, Loss obj, double[] x, int xOff, int[] y, int yOff, int batch, int d) {
        int n = spec.steps();
        double eps = spec.eps();
        objective.evaluate(net, ws, obj, xCur, 0, y, yOff, batch, true);
        System.arraycopy(xCur, 0, xBest, 0, batch * d);
        System.arraycopy(objective.grad, 0, gBest, 0, batch * d);
        for (int b = 0; b < batch; b++) {
            fBest[b] = objective.loss[b];
            fPrev[b] = objective.loss[b];
            eta[b] = 2.0 * eps;
            etaAtCheck[b] = eta[b];
            fBestAtCheck[b] = fBest[b];
            increases[b] = 0;
            plainStep[b] = true;
        }
        int next = 0; // index of the next checkpoint
        int windowStart = 0;
        for (int k = 1; k <= n; k++) {
            stepD = d;
            stepX = x;
            stepXOff = xOff;
            ws.parallel().forRange(batch, Starts.SAMPLE_GRAIN, stepBody);
            stepX = null; // do not keep the caller's array alive
            double[] t = xPrev;
            xPrev = xCur;
            xCur = z;
            z = t;
            objective.evaluate(net, ws, obj, xCur, 0, y, yOff, batch, k < n);
            for (int b = 0; b < batch; b++) {
                double f = objective.loss[b];
                if (f > fPrev[b]) {
                    increases[b]++;
                }
                fPrev[b] = f;
                if (f > fBest[b]) {
                    fBest[b] = f;
                    System.arraycopy(xCur, b * d, xBest, b * d, d);
                    if (k < n) {
                        System.arraycopy(objective.grad, b * d, gBest, b * d, d);
                    }
                }
            }
            if (next < checkpoints.length && k == checkpoints[next] && k < n) {
                int window = k - windowStart;
                for (int b = 0; b < batch; b++) {
                    boolean oscillating = increases[b] < RHO * window;
                    boolean stalled = etaAtCheck[b] == eta[b] && fBestAtCheck[b] == fBest[b];
                    etaAtCheck[b] = eta[b];
                    fBestAtCheck[b] = fBest[b];
                    increases[b] = 0;
                    if (oscillating || stalled) {
                        eta[b] *= 0.5;
                        System.arraycopy(xBest, b * d, xCur, b * d, d);
                        System.arraycopy(gBest, b * d, objective.grad, b * d, d);
                        fPrev[b] = fBest[b];
                        plainStep[b] = true;
                    }
                }
                windowStart = k;
                next++;
            }
        }
    }
}
