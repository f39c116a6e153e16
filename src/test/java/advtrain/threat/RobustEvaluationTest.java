package advtrain.threat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import java.util.List;
import org.junit.jupiter.api.Test;

class RobustEvaluationTest {

    private static AttackRun.Result result(String spec, boolean... correct) {
        double[] loss = new double[correct.length];
        return new AttackRun.Result(AttackSpec.parse(spec), loss, correct, null, null);
    }

    private static RobustEvaluation.SetResult set(AttackRun.Result r) {
        AttackSpec s = r.spec();
        return new RobustEvaluation.SetResult(s.perturbationSet().describe(), s.norm(), s.eps(), List.of(r), null, 0.0,
                r.accuracy(), null);
    }

    /** Accuracy that rises from eps = 0.1 to eps = 0.2 fails the check; a falling one passes. */
    @Test
    void accuracyRisingWithEpsIsFlagged() {
        RobustEvaluation.SetResult small = set(result("pgd:eps=0.1", true, false, false, false));
        RobustEvaluation.SetResult big = set(result("pgd:eps=0.2", true, true, false, false));
        List<RobustEvaluation.Check> bad = RobustEvaluation.monotoneChecks(List.of(big, small));
        assertEquals(1, bad.size());
        assertFalse(bad.get(0).passed(), bad.get(0).detail());
        RobustEvaluation.SetResult bigger = set(result("pgd:eps=0.3", false, false, false, false));
        assertTrue(RobustEvaluation.monotoneChecks(List.of(small, bigger)).get(0).passed());
    }

    /**
     * A constant classifier (f = b, zero weights): no eps can change its answers, so the large-eps check fails (its
     * accuracy stays at the share of positive labels, far above 10%), and its input gradients are exactly zero.
     */
    @Test
    void aConstantClassifierFailsTheLargeEpsAndZeroGradientChecks() {
        int n = 20;
        int d = 4;
        double[] x = AttackTest.data(12, n, d, false);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2 == 0 ? 1 : -1;
        }
        Dataset data = new Dataset("const", "test", n, d, x, y, 2);
        TestNets.Net net = TestNets.linear(new double[d], 0.5);
        RobustEvaluation.Report rep = RobustEvaluation.evaluate(net, TestNets.LOGISTIC, data,
                List.of(AttackSpec.parse("pgd:norm=l2,eps=0.1,steps=3")), null, 1, 8, Parallel.serial(), true);
        assertTrue(rep.checks().stream().anyMatch(c -> !c.passed() && c.name().startsWith("a large eps")), rep.toText());
        assertTrue(rep.checks().stream().anyMatch(c -> !c.passed() && c.name().equals("input gradients are not zero")), rep.toText());
        assertTrue(rep.checks().stream().anyMatch(c -> c.passed() && c.name().equals("outputs are deterministic")), rep.toText());
        assertEquals(0.5, rep.cleanAccuracy());
    }
}
