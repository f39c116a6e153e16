package advtrain.cli;

import advtrain.certify.Method;
import advtrain.certify.ReportBounds;
import advtrain.data.DataSpec;
import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.loss.Losses;
import advtrain.model.ModelIO;
import advtrain.model.Network;
import advtrain.threat.AttackRun;
import advtrain.threat.AttackSpec;
import advtrain.threat.RobustEvaluation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code advtrain eval --model M.npz --data SPEC [--attack "SPEC SPEC ..."] [--eps LIST]}: the robustness report of
 * {@link RobustEvaluation} (per attack L_A and accuracy, the per-sample worst case as a lower bound on L_*, and
 * the gradient-masking checks, failed ones printed as WARN). The certified upper bound is added by a certifier
 * (see {@link RobustEvaluation.Report#withUpperBound}).
 */
final class EvalCommand implements Command {

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "robustness report: L_A and accuracy per attack and eps, attack LOWER and certified UPPER bounds on L_*, masking checks";
    }

    @Override
    public Options options() {
        return new Options("eval --model M.npz --data SPEC [--attack \"SPEC SPEC ...\"] [--eps LIST]")
                .flag("--model", null, "model file (model.npz written by train)")
                .flag("--data", null, "data spec, e.g. digits,normalize=sphere,split=test")
                .flag("--attack", null, "attack specs separated by spaces or ';' (default: pgd and apgd-ce, plus apgd-dlr "
                        + "for k >= 3, at their default eps); " + AttackSpec.DEFAULTS_HELP)
                .flag("--eps", null, "comma-separated radii: run every attack at each (default: each attack's own eps)")
                .flag("--seed", "0", "seed of the attacks' random streams")
                .flag("--loss", null, "loss: " + Losses.NAMES + " (default: logistic for k = 1, cross-entropy otherwise)")
                .flag("--batch", Integer.toString(AttackRun.DEFAULT_BATCH), "samples per batch (results do not depend on it)")
                .flag("--certify", "crown", "certified UPPER bound on L_* for each eps: crown, ibp or none")
                .flagSwitch("--no-checks", "skip the gradient-masking checks (random baseline, large eps)");
    }

    @Override
    public int run(Options.Parsed args, Console console) throws Exception {
        Path modelPath = Path.of(args.get("--model"));
        DataSpec dataSpec = DataSpec.parse(args.get("--data"));
        long seed = args.getLong("--seed");
        int batch = args.getInt("--batch");
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        double[] eps = parseEps(args.getOrNull("--eps"));
        Network net = ModelIO.read(modelPath);
        List<AttackSpec> attacks = new ArrayList<>();
        if (args.given("--attack")) {
            for (String s : args.get("--attack").trim().split("[;\\s]+")) {
                if (!s.isEmpty()) {
                    attacks.add(AttackSpec.parse(s));
                }
            }
        } else {
            attacks.add(AttackSpec.parse("pgd"));
            attacks.add(AttackSpec.parse("apgd-ce"));
            if (net.outputDim() >= 3) {
                attacks.add(AttackSpec.parse("apgd-dlr"));
            }
        }
        String certify = args.get("--certify");
        Method method = certify.equals("none") ? null : Method.parse(certify);
        Dataset data = dataSpec.load();
        Loss loss = Losses.checkFor(args.given("--loss") ? Losses.parse(args.get("--loss")) : Losses.defaultFor(net.outputDim()),
                net.outputDim());
        console.out().println("attacks (every setting, defaults included" + (eps.length > 0 ? "; --eps replaces eps" : "") + "):");
        for (AttackSpec a : attacks) {
            console.out().println("  " + a.describe().replace("\n", "\n  "));
        }
        try (Parallel par = console.newParallel()) {
            RobustEvaluation.Report report = RobustEvaluation.evaluate(net, loss, data, attacks, eps, seed, batch, par,
                    !args.isSet("--no-checks"));
            if (method != null) {
                // The sandwich: attack LOWER bound <= L_* <= certified UPPER bound, for the same sets.
                report = ReportBounds.attach(report, net, loss, data, method, par);
            }
            console.out().print(report.toText());
            if (report.warnings() > 0) {
                console.err().println("advtrain eval: warning: " + report.warnings() + " check(s) failed (see WARN lines)");
            }
        }
        return 0;
    }

    private static double[] parseEps(String list) {
        if (list == null) {
            return new double[0];
        }
        String[] parts = list.split(",");
        double[] eps = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                eps[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--eps must be a comma-separated list of numbers, got '" + list + "'");
            }
            if (!(eps[i] >= 0) || Double.isInfinite(eps[i])) {
                throw new IllegalArgumentException("--eps values must be finite and >= 0, got '" + parts[i].trim() + "'");
            }
        }
        return eps;
    }
}
