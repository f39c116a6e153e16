package advtrain.threat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.loss.Losses;
import advtrain.model.Network;
import advtrain.model.Workspace;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Attacks on the model package's DeepReluNet after a short clean training run. */
class RealNetworkAttackTest {

    static Dataset train;
    static Dataset test;
    static Network net;
    static Loss loss;

    @BeforeAll
    static void trainOnce() {
        train = TrainedNets.sphereData(90, "train");
        test = TrainedNets.sphereData(60, "test");
        net = TrainedNets.deep(train, 150, 0.5);
        loss = Losses.defaultFor(net.outputDim());
    }

    /** The training worked: clean training accuracy well above chance (1/3), so the attacks face a real model. */
    @Test
    void trainedModelIsBetterThanChance() {
        AttackRun.Result clean = AttackRun.run(net, loss, train, AttackSpec.parse("identity"), 0, 32, Parallel.serial(), false);
        assertTrue(clean.accuracy() > 0.6, "clean train accuracy " + clean.accuracy());
    }

    /** APGD-CE with PGD's budget (20 steps, one restart) reaches at least PGD's mean loss, for l-inf, l2 and the cap. */
    @Test
    void apgdIsAtLeastAsStrongAsPgdOnATrainedDeepNet() {
        for (String set : List.of("norm=linf,eps=0.05", "norm=l2,eps=0.2", "norm=l2,eps=0.2,sphere=true")) {
            AttackRun.Result pgd = AttackRun.run(net, loss, test, AttackSpec.parse("pgd:steps=20," + set), 3, 32, Parallel.serial(), false);
            AttackRun.Result apgd = AttackRun.run(net, loss, test, AttackSpec.parse("apgd-ce:steps=20," + set), 3, 32, Parallel.serial(), false);
            assertTrue(apgd.surrogateLoss() >= pgd.surrogateLoss(), set + ": apgd " + apgd.surrogateLoss() + " < pgd " + pgd.surrogateLoss());
        }
    }

    /** Every attack's points on the real net stay in their sets (1e-12), for the cap and the l2 ball with a box. */
    @Test
    void attacksOnTheDeepNetStayInTheirSets() {
        for (String spec : List.of("ensemble:pgd+apgd-ce+apgd-dlr+fgm+random,norm=l2,eps=0.3,sphere=true,steps=8",
                "ensemble:pgd+apgd-ce+apgd-dlr+fgsm+random,norm=linf,eps=0.1,box=0,1,steps=8",
                "ensemble:pgd+apgd-ce+fgm,norm=l2,eps=0.3,box=-1,1,steps=8")) {
            AttackSpec s = AttackSpec.parse(spec);
            Dataset data = test;
            if (s.hasBox() && s.boxLo() >= 0) { // the box [0, 1] needs non-negative centres: use |x| (leaves the sphere)
                double[] ax = test.x().clone();
                for (int i = 0; i < ax.length; i++) {
                    ax[i] = Math.abs(ax[i]);
                }
                data = new Dataset("abs", "test", test.n(), test.d(), ax, test.y(), test.classes());
            }
            AttackRun.Result r = AttackRun.run(net, loss, data, s, 5, 16, Parallel.serial(), true);
            PerturbationSet set = s.perturbationSet();
            for (int i = 0; i < data.n(); i++) {
                assertTrue(set.contains(data.d(), r.xAdv(), i * data.d(), data.x(), i * data.d(), PerturbationSet.TOLERANCE),
                        spec + " row " + i);
            }
        }
    }

    /** One batch of n or batches of 7, one thread or two: the same bits (keyed streams, per-row GEMM chains). */
    @Test
    void deepNetAttacksAreBitIdenticalAcrossThreadsAndBatchSizes() {
        AttackSpec spec = AttackSpec.parse("ensemble:pgd+apgd-ce+apgd-dlr+random,norm=l2,eps=0.2,sphere=true,steps=6,restarts=2");
        AttackRun.Result ref = AttackRun.run(net, loss, test, spec, 9, test.n(), Parallel.serial(), true);
        try (Parallel two = Parallel.create(2)) {
            AttackRun.Result other = AttackRun.run(net, loss, test, spec, 9, 7, two, true);
            for (int i = 0; i < ref.xAdv().length; i++) {
                assertEquals(Double.doubleToRawLongBits(ref.xAdv()[i]), Double.doubleToRawLongBits(other.xAdv()[i]), "x " + i);
            }
            for (int i = 0; i < ref.loss().length; i++) {
                assertEquals(Double.doubleToRawLongBits(ref.loss()[i]), Double.doubleToRawLongBits(other.loss()[i]), "loss " + i);
            }
        }
    }

    /**
     * The evaluation's lower bound is the per-sample maximum: at least every attack's L_A, at least the clean loss;
     * its accuracy at most every attack's; and on this honest model every gradient-masking check passes.
     */
    @Test
    void robustEvaluationReportsTheWorstCaseAsALowerBoundAndPassesItsChecks() {
        List<AttackSpec> attacks = List.of(AttackSpec.parse("pgd:norm=l2,sphere=true,steps=10"),
                AttackSpec.parse("apgd-ce:norm=l2,sphere=true,steps=10"), AttackSpec.parse("fgm:sphere=true"));
        RobustEvaluation.Report rep = RobustEvaluation.evaluate(net, loss, test, attacks, new double[] {0.05, 0.2}, 1, 16,
                Parallel.serial(), true);
        assertEquals(2, rep.sets().size());
        for (RobustEvaluation.SetResult s : rep.sets()) {
            assertTrue(s.worstLoss() >= rep.cleanLoss());
            for (AttackRun.Result a : s.attacks()) {
                assertTrue(s.worstLoss() >= a.surrogateLoss());
                assertTrue(s.worstAccuracy() <= a.accuracy());
            }
        }
        for (RobustEvaluation.Check c : rep.checks()) {
            assertTrue(c.passed(), c.name() + ": " + c.detail());
        }
        String text = rep.toText();
        assertTrue(text.contains("LOWER bound on robust loss L_*"));
        assertTrue(text.contains("UPPER bound on L_* (certified)"));
        RobustEvaluation.Report withUpper = rep.withUpperBound(0, new RobustEvaluation.Bound("test", 9.0, 0.0));
        assertTrue(withUpper.toText().contains("certified (test): UPPER bound on L_*"));
    }

    /**
     * A model whose input gradients are zero (the classic masking failure): gradient attacks stay at their random
     * start while the random baseline draws ten points, so the "random points do not beat gradient attacks" check
     * must fail and be reported as a warning, as must the zero-gradient check.
     */
    @Test
    void maskedGradientsAreFlagged() {
        Network masked = new MaskedNet(net);
        RobustEvaluation.Report rep = RobustEvaluation.evaluate(masked, loss, test,
                List.of(AttackSpec.parse("pgd:norm=l2,eps=0.3,sphere=true,steps=5")), null, 1, 16, Parallel.serial(), true);
        assertTrue(rep.checks().stream().anyMatch(c -> !c.passed() && c.name().startsWith("random points")), rep.toText());
        assertTrue(rep.checks().stream().anyMatch(c -> !c.passed() && c.name().equals("input gradients are not zero")), rep.toText());
        assertTrue(rep.warnings() > 0);
        assertTrue(rep.toText().contains("WARN"));
    }

    /** Delegates everything but returns zero input gradients. */
    static final class MaskedNet implements Network {
        private final Network inner;

        MaskedNet(Network inner) {
            this.inner = inner;
        }

        @Override public String kind() { return inner.kind(); }
        @Override public int inputDim() { return inner.inputDim(); }
        @Override public int outputDim() { return inner.outputDim(); }
        @Override public int width() { return inner.width(); }
        @Override public int paramCount() { return inner.paramCount(); }
        @Override public double[] params() { return inner.params(); }
        @Override public double[] initialParams() { return inner.initialParams(); }
        @Override public int blocks() { return inner.blocks(); }
        @Override public int blockOffset(int b) { return inner.blockOffset(b); }
        @Override public int blockSize(int b) { return inner.blockSize(b); }
        @Override public double blockRadius(double r) { return inner.blockRadius(r); }
        @Override public Workspace newWorkspace(int maxBatch, Parallel par) { return inner.newWorkspace(maxBatch, par); }
        @Override public void forward(Workspace ws, double[] x, int xOff, int batch) { inner.forward(ws, x, xOff, batch); }

        @Override
        public void backwardInput(Workspace ws, double[] gOut, int gOutOff, double[] gx, int gxOff) {
            java.util.Arrays.fill(gx, gxOff, gxOff + ws.batch() * inputDim(), 0.0);
        }

        @Override
        public void backwardWeights(Workspace ws, double[] gOut, int gOutOff, double beta, double[] grad) {
            inner.backwardWeights(ws, gOut, gOutOff, beta, grad);
        }

        @Override public Network copy() { return new MaskedNet(inner.copy()); }
    }
}
