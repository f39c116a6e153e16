package advtrain.experiment;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Logistic;
import advtrain.loss.Loss;
import advtrain.model.DeepReluNet;
import advtrain.threat.AttackSpec;
import advtrain.train.Evaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The remark after Theorem 4.1: the guarantee is for the training attack's surrogate loss, "the stronger
 * the attack algorithm is during training, the stronger the guaranteed surrogate loss becomes". Train one
 * width with perturbation functions of increasing strength and evaluate each under the same strong ensemble.
 */
final class AttackStrengthExperiment implements Experiment {

    record Config(int width, int n, int d, int depth, double delta, double sep, double lrTimesWidth, int steps,
                  int[] pgdSteps, int evalSteps, int evalRestarts) {
    }

    static Config config(Settings s) {
        return s.pick(
                new Config(64, 12, 6, 2, 0.15, 0.4, 4.0, 15, new int[] {2}, 5, 1),
                new Config(256, 32, 8, 2, 0.15, 0.4, 4.0, 60, new int[] {1, 3, 10}, 20, 2),
                new Config(1024, 64, 10, 2, 0.15, 0.4, 4.0, 300, new int[] {1, 3, 10, 20}, 50, 3));
    }

    /** The training attacks, weakest first: identity, one l2 gradient step (FGM, the l2 FGSM), PGD-k. */
    static List<String[]> attacks(Config c) {
        String cap = "sphere=true,eps=" + Num.exact(c.delta());
        List<String[]> a = new ArrayList<>();
        a.add(new String[] {"identity", "identity"});
        a.add(new String[] {"fgm", "fgm:" + cap});
        for (int k : c.pgdSteps()) {
            a.add(new String[] {"pgd-" + k, "pgd:" + cap + ",steps=" + k});
        }
        return a;
    }

    static String evalAttack(Config c) {
        return "ensemble:pgd+apgd-ce+fgm,sphere=true,eps=" + Num.exact(c.delta()) + ",steps=" + c.evalSteps()
                + ",restarts=" + c.evalRestarts();
    }

    @Override
    public String name() {
        return "attack-strength";
    }

    @Override
    public String title() {
        return "robust loss after training with attacks of increasing strength";
    }

    @Override
    public String claim() {
        return "Remark after Theorem 4.1: adversarial training guarantees a low surrogate loss for the perturbation "
                + "function used in training; the stronger that attack, the stronger the guarantee. Evaluated under one "
                + "strong attack ensemble, networks trained with stronger attacks should have a lower robust loss.";
    }

    @Override
    public int defaultSeeds(Settings.Size size) {
        return size == Settings.Size.FULL ? 4 : 3;
    }

    @Override
    public List<Point> points(Settings s) {
        PointList pl = new PointList();
        List<String[]> a = attacks(config(s));
        for (int i = 0; i < a.size(); i++) {
            for (int seed = 0; seed < s.seeds(); seed++) {
                pl.add("strength", i, "train_attack", a.get(i)[0], "seed", seed);
            }
        }
        return pl.build();
    }

    @Override
    public List<String> metrics() {
        return List.of("train_surrogate", "attack_lower", "attacked_accuracy", "clean_accuracy");
    }

    @Override
    public String setup(Settings s) {
        Config c = config(s);
        StringBuilder sb = new StringBuilder();
        sb.append("- data: `").append(Lab.sphereSpec(c.n(), c.d(), c.sep(), 0)).append("`\n");
        sb.append("- network: deep ReLU net, H = ").append(c.depth()).append(", width ").append(c.width())
                .append(", logistic loss; full-batch GD, no projection, step ").append(Num.exact(c.lrTimesWidth()))
                .append("/m, T = ").append(c.steps()).append("\n- training attacks (strength order):");
        for (String[] a : attacks(c)) {
            sb.append(" `").append(a[1]).append('`');
        }
        sb.append("\n- evaluation (lower bound on L_*): `").append(evalAttack(c)).append('`');
        return sb.toString();
    }

    @Override
    public double cost(Point p, Settings s) {
        Config c = config(s);
        int k = Math.max(1, p.intParam("strength") - 1);
        int attackSteps = p.intParam("strength") >= 2 ? c.pgdSteps()[p.intParam("strength") - 2] : k;
        return Lab.trainCost(c.n(), c.steps(), attackSteps + 3, c.d(), c.width(), c.depth())
                + Lab.trainCost(c.n(), 1, 3.0 * c.evalSteps() * c.evalRestarts(), c.d(), c.width(), c.depth());
    }

    @Override
    public Measurement measure(Point p, Settings s, Parallel par) {
        Config c = config(s);
        long seed = p.longParam("seed");
        String spec = attacks(c).get(p.intParam("strength"))[1];
        Dataset data = Lab.data(Lab.sphereSpec(c.n(), c.d(), c.sep(), 0));
        Loss loss = Logistic.INSTANCE;
        DeepReluNet net = DeepReluNet.init(c.d(), c.width(), c.depth(), 1, seed);
        Lab.Trained tr = Lab.train(net, loss, AttackSpec.parse(spec).newAttack(), data, Double.POSITIVE_INFINITY,
                c.lrTimesWidth() / c.width(), c.steps(), seed, par);
        Evaluator.Result lower = Lab.evaluate(net, loss, evalAttack(c), data, seed, par);
        Evaluator.Result clean = Lab.evaluate(net, loss, null, data, seed, par);
        return new Measurement()
                .put("train_surrogate", tr.minSurrogate())
                .put("attack_lower", lower.loss())
                .put("attacked_accuracy", lower.accuracy())
                .put("clean_accuracy", clean.accuracy());
    }

    @Override
    public Analysis analyze(Table t, Settings s) {
        List<String> names = t.distinct("train_attack");
        String strongest = names.get(names.size() - 1);
        Interval idVsStrong = Stats.meanInterval(Analyses.pairedBySeed(t, "attack_lower",
                Map.of("train_attack", "identity"), Map.of("train_attack", strongest)), "seeds");
        Finding beatsClean = Checks.above("training with the strongest attack (" + strongest
                        + ") gives a lower robust loss than standard training",
                "L_* lower bound of identity-trained minus " + strongest + "-trained (paired by seed)", idVsStrong, 0.0);
        Interval trend = Stats.slope(t.nums("strength"), t.nums("attack_lower"), Analyses.texts(t, "seed"));
        Finding monotone = Checks.below("the robust loss falls as the training attack gets stronger",
                "the slope of the L_* lower bound against the strength rank (0 = identity, 1 = fgm, 2.. = pgd with more steps)",
                trend, 0.0);
        Plot plot = new Plot("robust-loss-vs-attack.svg", "Robust loss (strong ensemble) vs training attack",
                "training attack strength rank (0 identity, 1 fgm, then pgd-k)", "loss", false, true,
                List.of(Plot.Series.meanOverSeeds("L_* lower bound (ensemble)", t, "strength", "attack_lower"),
                        Plot.Series.meanOverSeeds("min_t L_A (training attack)", t, "strength", "train_surrogate")));
        String table = "## Means over seeds\n\n" + Analyses.meansTable(t, List.of("strength", "train_attack"), metrics());
        return new Analysis(List.of(beatsClean, monotone), List.of(plot), table);
    }
}
