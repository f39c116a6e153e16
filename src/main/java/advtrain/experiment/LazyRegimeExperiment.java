package advtrain.experiment;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Logistic;
import advtrain.model.DeepReluNet;
import advtrain.threat.AttackSpec;
import java.util.Arrays;
import java.util.List;

/**
 * The lazy (NTK) regime behind the proofs (section 4.1): adversarially trained without projection, the
 * weights move O(1/sqrt(m)) per layer, so sqrt(m) ||W_h(T) - W_h(0)||_F stays bounded as m grows, while
 * the network's deviation from its linearisation at W(0) shrinks.
 */
final class LazyRegimeExperiment implements Experiment {

    record Config(int[] widths, int n, int d, int depth, double delta, double sep, double lrTimesWidth, int steps,
                  int attackSteps) {
    }

    static Config config(Settings s) {
        return s.pick(
                new Config(new int[] {32, 64, 128}, 12, 6, 2, 0.1, 0.3, 4.0, 15, 2),
                new Config(new int[] {64, 128, 256, 512, 1024}, 32, 8, 2, 0.1, 0.3, 4.0, 60, 3),
                new Config(new int[] {64, 128, 256, 512, 1024, 2048, 4096}, 48, 10, 2, 0.1, 0.3, 4.0, 200, 5));
    }

    @Override
    public String name() {
        return "lazy-regime";
    }

    @Override
    public String title() {
        return "distance from initialisation and linearisation error against width";
    }

    @Override
    public String claim() {
        return "Section 4.1 (proof sketch): near initialisation the network is close to linear in W, and training "
                + "stays near initialisation: in the paper's scaling sqrt(m) ||W_h(T) - W_h(0)||_F stays bounded "
                + "(the iterates live in B(R) with R independent of m) while the linearisation error vanishes as m grows.";
    }

    @Override
    public int defaultSeeds(Settings.Size size) {
        return size == Settings.Size.FULL ? 3 : 2;
    }

    @Override
    public List<Point> points(Settings s) {
        return PointList.withSeeds("width", config(s).widths(), s.seeds());
    }

    @Override
    public List<String> metrics() {
        return List.of("distance", "linearisation_error", "min_surrogate");
    }

    static String trainAttack(Config c) {
        return Lab.capPgd(c.delta(), c.attackSteps());
    }

    @Override
    public String setup(Settings s) {
        Config c = config(s);
        return "- data: `" + Lab.sphereSpec(c.n(), c.d(), c.sep(), 0) + "`\n"
                + "- network: deep ReLU net of eq. (1), H = " + c.depth() + ", logistic loss; widths " + Arrays.toString(c.widths()) + "\n"
                + "- training: full-batch gradient descent WITHOUT projection, step size " + Num.exact(c.lrTimesWidth())
                + "/m, T = " + c.steps() + " steps, perturbation function `" + trainAttack(c) + "`\n"
                + "- distance: sqrt(m) max_h ||W_h(T) - W_h(0)||_F; linearisation error: "
                + "rms_i |f(W_T, x_i) - f_lin(W_T, x_i)| / rms_i |f(W_T, x_i) - f(W_0, x_i)| with f_lin the first-order "
                + "Taylor expansion at W_0 (theory.LinearizationProbe: exact first-order term from the gradient factors at W_0)";
    }

    @Override
    public double cost(Point p, Settings s) {
        Config c = config(s);
        return Lab.trainCost(c.n(), c.steps(), c.attackSteps() + 3, c.d(), p.intParam("width"), c.depth());
    }

    @Override
    public Measurement measure(Point p, Settings s, Parallel par) {
        Config c = config(s);
        int m = p.intParam("width");
        long seed = p.longParam("seed");
        Dataset data = Lab.data(Lab.sphereSpec(c.n(), c.d(), c.sep(), 0));
        DeepReluNet net = DeepReluNet.init(c.d(), m, c.depth(), 1, seed);
        Lab.Trained tr = Lab.train(net, Logistic.INSTANCE, AttackSpec.parse(trainAttack(c)).newAttack(), data,
                Double.POSITIVE_INFINITY, c.lrTimesWidth() / m, c.steps(), seed, par);
        return new Measurement()
                .put("distance", tr.maxDistance())
                .put("linearisation_error", Lab.linearisationError(net, data, par))
                .put("min_surrogate", tr.minSurrogate());
    }

    @Override
    public Analysis analyze(Table t, Settings s) {
        Finding bounded = Checks.below("the distance sqrt(m) ||W_h(T) - W_h(0)||_F stays bounded as m grows",
                "the log-log slope of the distance against m", Analyses.logLogSlope(t, "width", "distance"), 0.1);
        Finding linear = Checks.below("the linearisation error shrinks as m grows",
                "the log-log slope of the relative linearisation error against m",
                Analyses.logLogSlope(t, "width", "linearisation_error"), -0.1);
        Plot dist = new Plot("distance-vs-width.svg", "Distance from initialisation vs width", "width m",
                "sqrt(m) max_h ||W_h(T) - W_h(0)||_F", true, true,
                List.of(Plot.Series.meanOverSeeds("distance", t, "width", "distance")));
        Plot lin = new Plot("linearisation-vs-width.svg", "Relative linearisation error vs width", "width m",
                "relative linearisation error", true, true,
                List.of(Plot.Series.meanOverSeeds("|f - f_lin| / |f - f_0| (rms)", t, "width", "linearisation_error")));
        String table = "## Means over seeds\n\n" + Analyses.meansTable(t, List.of("width"), metrics())
                + "\nA slope of -0.5 is the NTK theory's rate for the linearisation error; a slope near 0 for the distance "
                + "means it does not grow with m. The bounded-distance rule uses 0.1 as its threshold: growth slower than "
                + "m^0.1 over the swept range counts as bounded.\n";
        return new Analysis(List.of(bounded, linear), List.of(dist, lin), table);
    }
}
