package advtrain.threat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.Workspace;
import advtrain.random.RandomStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttackTest {

    static final double TOL = PerturbationSet.TOLERANCE;

    /** Result of one perturb call. */
    record Out(double[] xAdv, double[] loss) {
    }

    static Out run(String spec, Network net, Loss loss, double[] x, int[] y, int[] ids, long seed, Parallel par) {
        int n = y.length;
        int d = net.inputDim();
        Workspace ws = net.newWorkspace(n, par);
        double[] xAdv = new double[n * d];
        double[] l = new double[n];
        AttackSpec.parse(spec).newAttack().perturb(net, ws, loss, x, 0, y, 0, n, ids, 0, seed, 0, xAdv, 0, l);
        return new Out(xAdv, l);
    }

    static int[] ids(int n) {
        int[] id = new int[n];
        for (int i = 0; i < n; i++) {
            id[i] = 1000 + 3 * i;
        }
        return id;
    }

    /** n rows on the unit sphere with coordinates in [0, 1); some exactly 0 when {@code zeros} (box faces). */
    static double[] data(long seed, int n, int d, boolean zeros) {
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double[] c = PerturbationSetTest.centre(seed * 1000 + i, d);
            if (zeros) {
                c[i % d] = 0;
                c[(i + 3) % d] = 0;
            }
            System.arraycopy(c, 0, x, i * d, d);
        }
        return x;
    }

    static int[] labels(long seed, int n, int k) {
        int[] y = new int[n];
        RandomStream rs = RandomStream.of(seed, "test.labels");
        for (int i = 0; i < n; i++) {
            y[i] = k == 1 ? (rs.nextSign() > 0 ? 1 : -1) : rs.nextInt(k);
        }
        return y;
    }

    private static double logistic(double margin) {
        double z = -margin;
        return z > 0 ? z + StrictMath.log1p(StrictMath.exp(-z)) : StrictMath.log1p(StrictMath.exp(z));
    }

    /**
     * f = w.x + b, logistic loss: the worst case over the l-inf ball is x - eps y sign(w), with loss
     * ℓ(y f(x) - eps ||w||_1). FGSM gets there in one step; PGD (random start, 10 steps of 2.5 eps / 10) too,
     * since each coordinate moves monotonically to its bound within 2 eps of travel. Tolerance: rounding of
     * x +- eps in d = 11 coordinates, 1e-15 per coordinate.
     */
    @Test
    void fgsmAndPgdReachTheExactLinfOptimumOfALinearModel() {
        int d = 11;
        int n = 6;
        double[] w = new double[d];
        RandomStream.of(1, "test.w").fillGaussian(w, 0, d, 1.0);
        TestNets.Net net = TestNets.linear(w, 0.3);
        double[] x = data(1, n, d, false);
        int[] y = labels(1, n, 1);
        double eps = 0.07;
        for (String spec : List.of("fgsm:eps=0.07", "pgd:eps=0.07", "apgd-ce:eps=0.07,steps=10")) {
            Out o = run(spec, net, TestNets.LOGISTIC, x, y, ids(n), 5, Parallel.serial());
            double l1 = 0;
            for (double v : w) {
                l1 += Math.abs(v);
            }
            for (int i = 0; i < n; i++) {
                double fx = 0.3;
                for (int j = 0; j < d; j++) {
                    assertEquals(x[i * d + j] - eps * y[i] * Math.signum(w[j]), o.xAdv[i * d + j], 1e-15, spec);
                    fx += w[j] * x[i * d + j];
                }
                assertEquals(logistic(y[i] * fx - eps * l1), o.loss[i], 1e-12, spec);
            }
        }
    }

    /**
     * l2 ball: the worst case is x - eps y w / ||w||, loss ℓ(y f(x) - eps ||w||_2). FGM and PGD started at x
     * reach it exactly (every step is along -y w); PGD and APGD from a random start converge to it (for PGD the
     * angle to the optimum shrinks by a factor eps / (eps + step) per step: 0.8^200 here).
     */
    @Test
    void fgmAndPgdReachTheExactL2OptimumOfALinearModel() {
        int d = 9;
        int n = 5;
        double[] w = new double[d];
        RandomStream.of(2, "test.w").fillGaussian(w, 0, d, 1.0);
        TestNets.Net net = TestNets.linear(w, -0.2);
        double[] x = data(2, n, d, false);
        int[] y = labels(2, n, 1);
        double eps = 0.3;
        double wn = Math.sqrt(SetSupport.K.sumSquares(d, w, 0, null, 0));
        for (String spec : List.of("fgm:eps=0.3", "pgd:norm=l2,eps=0.3,random-start=false",
                "pgd:norm=l2,eps=0.3,steps=200,step=0.075", "apgd-ce:norm=l2,eps=0.3,steps=100")) {
            Out o = run(spec, net, TestNets.LOGISTIC, x, y, ids(n), 6, Parallel.serial());
            // From x every iterate lies on the optimal ray: exact to rounding. From a random start the best point
            // is chosen by loss, which stops resolving the angle a to the optimum once eps ||w|| a^2 / 2 is below
            // an ulp of the loss: a ~ 1e-8, so the point is only good to ~1e-8 while the loss is exact.
            double pointTol = spec.contains("random-start=false") || spec.startsWith("fgm") ? 1e-15 : 1e-7;
            for (int i = 0; i < n; i++) {
                double fx = -0.2;
                for (int j = 0; j < d; j++) {
                    assertEquals(x[i * d + j] - eps * y[i] * w[j] / wn, o.xAdv[i * d + j], pointTol, spec);
                    fx += w[j] * x[i * d + j];
                }
                assertEquals(logistic(y[i] * fx - eps * wn), o.loss[i], 1e-12, spec);
            }
        }
    }

    static final List<String> SETS = List.of("norm=linf,eps=0.2", "norm=linf,eps=0.2,box=0,1", "norm=l2,eps=0.4",
            "norm=l2,eps=0.4,box=0,1", "norm=l2,eps=0.4,sphere=true", "norm=l2,eps=1.6,sphere=true");
    static final List<String> ATTACKS = List.of("identity", "random:restarts=3", "fgsm", "fgm", "pgd:steps=6,restarts=2",
            "apgd-ce:steps=8,restarts=2", "apgd-dlr:steps=8", "ensemble:pgd+apgd-ce+apgd-dlr+random+fgsm,steps=4");

    /**
     * Every attack on every set (l-inf, l-inf with box, l2, l2 with box, two spherical caps) returns points in
     * B(x) to 1e-12, and lossOut is the loss at the returned point (bit for bit: the same forward).
     */
    @Test
    void everyAttackStaysInsideItsSetAndReportsTheLossThere() {
        int d = 12;
        int n = 7;
        int k = 3;
        TestNets.Net net = TestNets.tanh(3, d, 20, k, 4.0);
        int[] y = labels(3, n, k);
        for (String setSpec : SETS) {
            double[] x = data(3, n, d, !setSpec.contains("sphere"));
            for (String a : ATTACKS) {
                if ((a.startsWith("fgsm") && setSpec.contains("l2")) || (a.startsWith("fgm") && setSpec.contains("linf"))) {
                    continue;
                }
                String spec = a.equals("identity") ? a : a + (a.contains(":") ? "," : ":") + setSpec;
                AttackSpec parsed = AttackSpec.parse(spec);
                PerturbationSet set = AttackSpec.parse("pgd:" + setSpec).perturbationSet();
                Out o = run(spec, net, TestNets.CROSS_ENTROPY, x, y, ids(n), 11, Parallel.serial());
                Workspace ws = net.newWorkspace(n, Parallel.serial());
                net.forward(ws, o.xAdv, 0, n);
                for (int i = 0; i < n; i++) {
                    assertTrue(set.contains(d, o.xAdv, i * d, x, i * d, TOL), spec + " row " + i);
                    assertEquals(TestNets.CROSS_ENTROPY.value(ws.output(), i * k, k, y[i]), o.loss[i], 0.0, spec);
                }
                assertEquals(parsed.toString(), parsed.newAttack().toSpec());
            }
        }
    }

    /** With the step fixed, a longer run or more restarts only add iterates: the best loss per sample cannot fall. */
    @Test
    void pgdLossNeverDecreasesWithMoreStepsOrRestarts() {
        int d = 10;
        int n = 9;
        TestNets.Net net = TestNets.tanh(4, d, 16, 3, 4.0);
        double[] x = data(4, n, d, false);
        int[] y = labels(4, n, 3);
        for (String set : List.of("norm=linf,eps=0.15", "norm=l2,eps=0.5", "norm=l2,eps=0.5,sphere=true")) {
            double[] prev = null;
            for (int steps : new int[] {1, 2, 5, 10, 20}) {
                double[] l = run("pgd:" + set + ",steps=" + steps + ",step=0.03", net, TestNets.CROSS_ENTROPY, x, y, ids(n), 9,
                        Parallel.serial()).loss;
                for (int i = 0; prev != null && i < n; i++) {
                    assertTrue(l[i] >= prev[i], set + " steps=" + steps + " row " + i);
                }
                prev = l;
            }
            prev = null;
            for (int r : new int[] {1, 2, 4}) {
                double[] l = run("pgd:" + set + ",steps=5,step=0.03,restarts=" + r, net, TestNets.CROSS_ENTROPY, x, y, ids(n), 9,
                        Parallel.serial()).loss;
                for (int i = 0; prev != null && i < n; i++) {
                    assertTrue(l[i] >= prev[i], set + " restarts=" + r + " row " + i);
                }
                prev = l;
            }
        }
    }

    /**
     * On a non-trivial (steep, random) tanh net, APGD-CE with the budget of PGD (same number of steps, one
     * restart) reaches at least PGD's loss averaged over samples, for l-inf and l2.
     */
    @Test
    void apgdIsAtLeastAsStrongAsPgdWithTheSameBudget() {
        int d = 20;
        int n = 32;
        TestNets.Net net = TestNets.tanh(5, d, 40, 4, 8.0);
        double[] x = data(5, n, d, false);
        int[] y = labels(5, n, 4);
        for (String set : List.of("norm=linf,eps=0.05", "norm=l2,eps=0.25")) {
            double pgd = mean(run("pgd:" + set + ",steps=20", net, TestNets.CROSS_ENTROPY, x, y, ids(n), 1, Parallel.serial()).loss);
            double apgd = mean(run("apgd-ce:" + set + ",steps=20", net, TestNets.CROSS_ENTROPY, x, y, ids(n), 1, Parallel.serial()).loss);
            double clean = mean(run("identity", net, TestNets.CROSS_ENTROPY, x, y, ids(n), 1, Parallel.serial()).loss);
            assertTrue(pgd > clean, set + ": pgd should raise the loss");
            assertTrue(apgd >= pgd, set + ": apgd " + apgd + " < pgd " + pgd);
        }
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    /**
     * Same seed => bit-identical points and losses on 1 and 2 threads, for one batch of B, for B batches of 1,
     * and for the batch in reversed order (the streams are keyed by sample id, not batch position).
     */
    @Test
    void resultsAreBitIdenticalForThreadCountsAndBatchComposition() {
        int d = 24;
        int n = 6;
        TestNets.Net net = TestNets.tanh(6, d, 300, 3, 4.0);
        double[] x = data(6, n, d, true);
        int[] y = labels(6, n, 3);
        int[] id = ids(n);
        for (String spec : List.of("ensemble:pgd+apgd-ce+apgd-dlr+random+fgsm,steps=5,restarts=2,eps=0.1,box=0,1",
                "pgd:norm=l2,eps=0.3,sphere=true,steps=4,restarts=2", "apgd-ce:norm=l2,eps=0.3,steps=6,box=0,1")) {
            boolean sphere = spec.contains("sphere");
            double[] xs = sphere ? data(6, n, d, false) : x;
            Out ref = run(spec, net, TestNets.CROSS_ENTROPY, xs, y, id, 77, Parallel.serial());
            try (Parallel two = Parallel.create(2)) {
                Out o2 = run(spec, net, TestNets.CROSS_ENTROPY, xs, y, id, 77, two);
                assertBits(ref, o2, spec + " 2 threads");
            }
            Attack a = AttackSpec.parse(spec).newAttack();
            Workspace ws = net.newWorkspace(n, Parallel.serial());
            double[] one = new double[n * d];
            double[] oneLoss = new double[n];
            double[] l1 = new double[1];
            for (int i = 0; i < n; i++) {
                a.perturb(net, ws, TestNets.CROSS_ENTROPY, xs, i * d, y, i, 1, id, i, 77, 0, one, i * d, l1);
                oneLoss[i] = l1[0];
            }
            assertBits(ref, new Out(one, oneLoss), spec + " batches of 1");
            double[] xr = new double[n * d];
            int[] yr = new int[n];
            int[] idr = new int[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(xs, (n - 1 - i) * d, xr, i * d, d);
                yr[i] = y[n - 1 - i];
                idr[i] = id[n - 1 - i];
            }
            Out rev = run(spec, net, TestNets.CROSS_ENTROPY, xr, yr, idr, 77, Parallel.serial());
            double[] back = new double[n * d];
            double[] backLoss = new double[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(rev.xAdv, (n - 1 - i) * d, back, i * d, d);
                backLoss[i] = rev.loss[n - 1 - i];
            }
            assertBits(ref, new Out(back, backLoss), spec + " reversed batch");
        }
    }

    static void assertBits(Out a, Out b, String what) {
        for (int i = 0; i < a.xAdv.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a.xAdv[i]), Double.doubleToRawLongBits(b.xAdv[i]), what + " x[" + i + "]");
        }
        for (int i = 0; i < a.loss.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a.loss[i]), Double.doubleToRawLongBits(b.loss[i]), what + " loss[" + i + "]");
        }
    }

    @Test
    void differentSeedsGiveDifferentRandomStarts() {
        int d = 8;
        TestNets.Net net = TestNets.tanh(7, d, 10, 3, 2.0);
        double[] x = data(7, 2, d, false);
        int[] y = labels(7, 2, 3);
        Out a = run("random:eps=0.1", net, TestNets.CROSS_ENTROPY, x, y, ids(2), 1, Parallel.serial());
        Out b = run("random:eps=0.1", net, TestNets.CROSS_ENTROPY, x, y, ids(2), 2, Parallel.serial());
        assertTrue(a.xAdv[0] != b.xAdv[0]);
    }

    @Test
    void apgdCheckpointsFollowThePaperSchedule() {
        assertArrayEquals(new int[] {22, 41, 57, 70, 80, 87, 93, 99}, ApgdAttack.checkpoints(100));
        assertArrayEquals(new int[] {3, 5, 6, 7, 8, 9, 10}, ApgdAttack.checkpoints(10));
    }

    @Test
    void badInputsAreRejectedNamingTheProblem() {
        int d = 5;
        TestNets.Net bin = TestNets.linear(new double[] {1, 2, 3, 4, 5}, 0);
        double[] x = data(8, 2, d, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run("apgd-dlr", bin, TestNets.LOGISTIC, x, new int[] {1, -1}, ids(2), 1, Parallel.serial()));
        assertTrue(e.getMessage().contains("k >= 3"), e.getMessage());
        double[] off = x.clone();
        off[0] = 3;
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> run("pgd:norm=l2,sphere=true", bin, TestNets.LOGISTIC, off, new int[] {1, -1}, ids(2), 1, Parallel.serial()));
        assertTrue(e2.getMessage().contains("row 1000"), e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> run("pgd:box=0,1", bin, TestNets.LOGISTIC, off, new int[] {1, -1}, ids(2), 1, Parallel.serial()));
        assertTrue(e3.getMessage().contains("box"), e3.getMessage());
    }
}
