package advtrain.certify;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.threat.PerturbationSet;
import advtrain.threat.RobustEvaluation;

/**
 * Attaches certified UPPER bounds to a robustness report ({@link RobustEvaluation.Report#withUpperBound}), one
 * per perturbation set, so the report shows attack lower bound <= L_* <= certified upper bound and certified
 * accuracy <= accuracy under attack for the same eps. A spherical-cap set is bounded over the l2 ball that
 * contains it (sound, looser); the bound's method says so.
 */
public final class ReportBounds {

    private ReportBounds() {
    }

    /** The report with a {@code method} bound on every set; {@code net} and {@code data} as in the evaluation. */
    public static RobustEvaluation.Report attach(RobustEvaluation.Report report, Network net, Loss loss, Dataset data,
                                                 Method method, Parallel par) {
        Certifier cert = Certifier.of(net, par);
        RobustEvaluation.Report out = report;
        for (int i = 0; i < report.sets().size(); i++) {
            RobustEvaluation.SetResult r = report.sets().get(i);
            if (r.attacks().isEmpty()) {
                continue;
            }
            PerturbationSet set = r.attacks().get(0).spec().perturbationSet();
            Certificate c = cert.certify(method, Ball.of(set), loss, data.x(), data.y(), data.n());
            String label = set.sphere() ? method + ", over the l2 ball holding the cap" : method.toString();
            out = out.withUpperBound(i, new RobustEvaluation.Bound(label, c.robustLossUpper(), c.certifiedAccuracy()));
        }
        return out;
    }
}
