package advtrain.experiment;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Logistic;
import advtrain.loss.Loss;
import advtrain.model.DeepReluNet;
import advtrain.threat.AttackSpec;
import advtrain.train.Evaluator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Section 7, "Removal of projection": the projection onto B(R) of Theorem 4.1 is conjectured unnecessary in
 * practice. Train with and without it for several R: with R large the projection never binds and the
 * losses agree; with R small it binds (the iterates sit on the sphere of radius R) and limits the loss.
 */
final class ProjectionExperiment implements Experiment {

    record Config(int width, int n, int d, int depth, double delta, double sep, double lrTimesWidth, int steps,
                  int attackSteps, double[] radii, int evalSteps) {
    }

    static Config config(Settings s) {
        return s.pick(
                new Config(64, 12, 6, 2, 0.1, 0.3, 4.0, 15, 2, new double[] {0.25, 64}, 5),
                new Config(256, 32, 8, 2, 0.1, 0.3, 4.0, 60, 3, new double[] {0.25, 1, 4, 64}, 20),
                new Config(1024, 64, 10, 2, 0.1, 0.3, 4.0, 300, 5, new double[] {0.25, 0.5, 1, 2, 4, 8, 64}, 50));
    }

    @Override
    public String name() {
        return "projection";
    }

    @Override
    public String title() {
        return "adversarial training with and without the projection onto B(R)";
    }

    @Override
    public String claim() {
        return "Section 7: the projection step is needed by the proof of Theorem 4.1 but conjectured unnecessary in "
                + "practice. With a large R the projected and unprojected runs should reach the same loss; with a small R "
                + "the projection binds (the iterates reach the boundary of B(R)) and keeps the loss higher.";
    }

    @Override
    public int defaultSeeds(Settings.Size size) {
        return size == Settings.Size.FULL ? 3 : 2;
    }

    /** Radius labels: the radii in order, then {@code none}. */
    static List<String> radii(Config c) {
        List<String> r = new ArrayList<>();
        for (double v : c.radii()) {
            r.add(Num.exact(v));
        }
        r.add("none");
        return r;
    }

    @Override
    public List<Point> points(Settings s) {
        PointList pl = new PointList();
        for (String r : radii(config(s))) {
            for (int seed = 0; seed < s.seeds(); seed++) {
                pl.add("radius", r, "seed", seed);
            }
        }
        return pl.build();
    }

    @Override
    public List<String> metrics() {
        return List.of("min_surrogate", "attack_lower", "distance", "projected");
    }

    static String trainAttack(Config c) {
        return Lab.capPgd(c.delta(), c.attackSteps());
    }

    static String evalAttack(Config c) {
        return Lab.capEnsemble(c.delta(), c.evalSteps());
    }

    @Override
    public String setup(Settings s) {
        Config c = config(s);
        return "- data: `" + Lab.sphereSpec(c.n(), c.d(), c.sep(), 0) + "`\n"
                + "- network: deep ReLU net, H = " + c.depth() + ", width " + c.width() + ", logistic loss\n"
                + "- training: full-batch GD, step " + Num.exact(c.lrTimesWidth()) + "/m, T = " + c.steps()
                + ", attack `" + trainAttack(c) + "`; projection onto B(R) for R in " + Arrays.toString(c.radii())
                + ", and without projection (`none`)\n"
                + "- robust loss lower bound at the end: `" + evalAttack(c) + "`";
    }

    @Override
    public double cost(Point p, Settings s) {
        Config c = config(s);
        return Lab.trainCost(c.n(), c.steps(), c.attackSteps() + 3, c.d(), c.width(), c.depth())
                + Lab.trainCost(c.n(), 1, 2.0 * c.evalSteps(), c.d(), c.width(), c.depth());
    }

    @Override
    public Measurement measure(Point p, Settings s, Parallel par) {
        Config c = config(s);
        long seed = p.longParam("seed");
        String r = p.param("radius");
        double radius = r.equals("none") ? Double.POSITIVE_INFINITY : Num.parse(r);
        Dataset data = Lab.data(Lab.sphereSpec(c.n(), c.d(), c.sep(), 0));
        Loss loss = Logistic.INSTANCE;
        DeepReluNet net = DeepReluNet.init(c.d(), c.width(), c.depth(), 1, seed);
        Lab.Trained tr = Lab.train(net, loss, AttackSpec.parse(trainAttack(c)).newAttack(), data, radius,
                c.lrTimesWidth() / c.width(), c.steps(), seed, par);
        Evaluator.Result lower = Lab.evaluate(net, loss, evalAttack(c), data, seed, par);
        return new Measurement()
                .put("min_surrogate", tr.minSurrogate())
                .put("attack_lower", lower.loss())
                .put("distance", tr.maxDistance())
                .put("projected", tr.projected() ? 1 : 0);
    }

    @Override
    public Analysis analyze(Table t, Settings s) {
        Config c = config(s);
        List<String> radii = radii(c);
        String small = radii.get(0);
        String large = radii.get(radii.size() - 2);
        double[] relLarge = relative(t, large);
        Finding same = Checks.within("with a large R (" + large + ") projection changes nothing: same loss floor",
                "(min_t L_A with projection - without) / without, paired by seed", Stats.meanInterval(relLarge, "seeds"), 0.02);
        Interval dSmall = Stats.meanInterval(Analyses.pairedBySeed(t, "min_surrogate", Map.of("radius", small),
                Map.of("radius", "none")), "seeds");
        Finding limits = Checks.above("with a small R (" + small + ") the projection binds and keeps the loss higher",
                "min_t L_A with projection minus without, paired by seed", dSmall, 0.0);
        Table tSmall = t.where("radius", small);
        boolean binds = true;
        for (int r = 0; r < tSmall.size(); r++) {
            binds &= tSmall.num(r, "projected") == 1.0;
        }
        Finding boundary = new Finding("with R = " + small + " the iterates reach the boundary of B(R)",
                "holds if the projection was active at some step in every run with R = " + small,
                binds ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD,
                "distances at the end: " + Arrays.toString(tSmall.nums("distance")));
        List<Plot.Series> series = new ArrayList<>();
        series.add(meanByRadius(t, "min_surrogate", "min_t L_A with projection"));
        series.add(meanByRadius(t, "attack_lower", "L_* lower bound with projection"));
        Plot loss = new Plot("loss-vs-radius.svg", "Loss floor vs R (dashed: no projection)", "R", "loss", true, true,
                series, List.of(new Plot.Reference("min_t L_A without projection", Stats.mean(t.where("radius", "none").nums("min_surrogate")))));
        Plot dist = new Plot("distance-vs-radius.svg", "Distance from initialisation vs R", "R",
                "sqrt(m) max_h ||W_h(T) - W_h(0)||_F", true, true,
                List.of(meanByRadius(t, "distance", "with projection"), identity(c)),
                List.of(new Plot.Reference("without projection", Stats.mean(t.where("radius", "none").nums("distance")))));
        String table = "## Means over seeds\n\n" + Analyses.meansTable(t, List.of("radius"), metrics());
        return new Analysis(List.of(same, limits, boundary), List.of(loss, dist), table);
    }

    private static double[] relative(Table t, String radius) {
        double[] d = Analyses.pairedBySeed(t, "min_surrogate", Map.of("radius", radius), Map.of("radius", "none"));
        double[] base = new double[d.length];
        List<String> seeds = t.distinct("seed");
        for (int i = 0; i < d.length; i++) {
            base[i] = Stats.mean(t.where("seed", seeds.get(i)).where("radius", "none").nums("min_surrogate"));
            d[i] /= base[i];
        }
        return d;
    }

    private static Plot.Series meanByRadius(Table t, String col, String name) {
        Table proj = t.filter(row -> !row.get(t.columns().indexOf("radius")).equals("none"));
        return Plot.Series.meanOverSeeds(name, proj, "radius", col);
    }

    private static Plot.Series identity(Config c) {
        return new Plot.Series("R (the ball's radius)", c.radii().clone(), c.radii().clone(), null);
    }
}
