package advtrain.certify;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.data.DataSpec;
import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.loss.Losses;
import advtrain.model.DeepReluNet;
import advtrain.threat.AttackSpec;
import advtrain.threat.RobustEvaluation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A robustness report with certified bounds attached shows, for every set: attack lower bound (the per-sample
 * worst case) <= certified upper bound on L_*, and certified accuracy <= accuracy under the attacks.
 */
class ReportBoundsTest {

    @Test
    void reportShowsLowerBoundBelowCertifiedUpperBound() throws Exception {
        Dataset data = DataSpec.parse("sphere:n=16,d=5,classes=3,seed=4,label=teacher").load();
        DeepReluNet net = DeepReluNet.init(5, 16, 2, 3, 7);
        Loss loss = Losses.defaultFor(3);
        List<AttackSpec> attacks = List.of(AttackSpec.parse("pgd:norm=linf,eps=0.05,steps=10"),
                AttackSpec.parse("pgd:norm=l2,eps=0.1,sphere=true,steps=10"));
        try (Parallel par = Parallel.create(2)) {
            RobustEvaluation.Report report = RobustEvaluation.evaluate(net, loss, data, attacks, new double[0], 1, 8, par, false);
            for (Method method : Method.values()) {
                RobustEvaluation.Report withBounds = ReportBounds.attach(report, net, loss, data, method, par);
                for (RobustEvaluation.SetResult r : withBounds.sets()) {
                    assertNotNull(r.upper(), r.set());
                    assertTrue(r.worstLoss() <= r.upper().robustLossUpper(), r.set() + ": " + r.worstLoss() + " > " + r.upper());
                    assertTrue(r.upper().certifiedAccuracy() <= r.worstAccuracy(), r.set());
                }
                assertTrue(withBounds.toText().contains("certified (" + method), withBounds.toText());
            }
        }
    }
}
