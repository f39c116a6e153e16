package advtrain.experiment;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Logistic;
import advtrain.loss.Loss;
import advtrain.model.Activation;
import advtrain.model.TwoLayerNet;
import advtrain.threat.AttackSpec;
import advtrain.train.Evaluator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Theorem 5.1: the two-layer net of eq. (4) with a smooth activation, adversarially trained by plain
 * gradient descent (no projection), across widths: distance ||W(T) - W(0)||_F and loss floor.
 */
final class TwoLayerSmoothExperiment implements Experiment {

    record Config(int[] widths, String[] activations, int n, int d, double delta, double sep, double lr, int steps,
                  int attackSteps, int evalSteps) {
    }

    static Config config(Settings s) {
        return s.pick(
                new Config(new int[] {32, 128, 512}, new String[] {"softplus"}, 12, 6, 0.1, 0.3, 10.0, 15, 2, 5),
                new Config(new int[] {64, 256, 1024, 4096}, new String[] {"softplus", "tanh"}, 32, 8, 0.1, 0.3, 10.0, 100, 3, 20),
                new Config(new int[] {64, 256, 1024, 4096, 16384, 65536}, new String[] {"softplus", "tanh"}, 64, 10, 0.1, 0.3,
                        10.0, 500, 5, 50));
    }

    @Override
    public String name() {
        return "two-layer-smooth";
    }

    @Override
    public String title() {
        return "two-layer smooth nets trained without projection: distance and loss against width";
    }

    @Override
    public String claim() {
        return "Theorem 5.1: for the two-layer net of eq. (4) with a smooth activation (Assumption 5.1), gradient "
                + "descent WITHOUT projection, step size alpha = O(eps), reaches min_t L_A(W_t) <= L_*(W_*) + eps once "
                + "m = Omega(R^4 / eps^2), where W_* is the best robust network in B(R) = {||W - W_0||_F <= R}. "
                + "So without any projection the iterates should stay at a width-independent distance from W_0, and the "
                + "loss floor should not get worse as m grows.";
    }

    @Override
    public int defaultSeeds(Settings.Size size) {
        return size == Settings.Size.FULL ? 3 : 2;
    }

    @Override
    public List<Point> points(Settings s) {
        Config c = config(s);
        PointList pl = new PointList();
        for (String a : c.activations()) {
            for (int w : c.widths()) {
                for (int seed = 0; seed < s.seeds(); seed++) {
                    pl.add("activation", a, "width", w, "seed", seed);
                }
            }
        }
        return pl.build();
    }

    @Override
    public List<String> metrics() {
        return List.of("min_surrogate", "attack_lower", "distance", "linearisation_error");
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
                + "- network: two-layer net of eq. (4) (f = 0 at init, a_r = +-1 fixed), activations "
                + Arrays.toString(c.activations()) + ", widths " + Arrays.toString(c.widths()) + ", logistic loss\n"
                + "- training: full-batch gradient descent without projection, step " + Num.exact(c.lr()) + ", T = "
                + c.steps() + ", attack `" + trainAttack(c) + "`\n"
                + "- distance ||W(T) - W(0)||_F (no sqrt(m): the 1/sqrt(m) is inside eq. (4)); L_* lower bound from `"
                + evalAttack(c) + "`; linearisation error as in lazy-regime";
    }

    @Override
    public double cost(Point p, Settings s) {
        Config c = config(s);
        // smooth activations cost about as much as a GEMM of this size (scalar StrictMath per unit)
        return Lab.trainCost(c.n(), c.steps(), c.attackSteps() + 3, 4.0 * c.d(), p.intParam("width"), 0);
    }

    @Override
    public Measurement measure(Point p, Settings s, Parallel par) {
        Config c = config(s);
        long seed = p.longParam("seed");
        int m = p.intParam("width");
        Dataset data = Lab.data(Lab.sphereSpec(c.n(), c.d(), c.sep(), 0));
        Loss loss = Logistic.INSTANCE;
        TwoLayerNet net = TwoLayerNet.init(c.d(), m, 1, Activation.parse(p.param("activation")), seed);
        Lab.Trained tr = Lab.train(net, loss, AttackSpec.parse(trainAttack(c)).newAttack(), data, Double.POSITIVE_INFINITY,
                c.lr(), c.steps(), seed, par);
        Evaluator.Result lower = Lab.evaluate(net, loss, evalAttack(c), data, seed, par);
        return new Measurement()
                .put("min_surrogate", tr.minSurrogate())
                .put("attack_lower", lower.loss())
                .put("distance", tr.maxDistance())
                .put("linearisation_error", Lab.linearisationError(net, data, par));
    }

    @Override
    public Analysis analyze(Table t, Settings s) {
        List<Finding> findings = new ArrayList<>();
        for (String a : t.distinct("activation")) {
            Table ta = t.where("activation", a);
            findings.add(Checks.below(a + ": the distance ||W(T) - W(0)||_F stays bounded as m grows (no projection)",
                    "the log-log slope of the distance against m", Analyses.logLogSlope(ta, "width", "distance"), 0.1));
            findings.add(Checks.below(a + ": the loss floor min_t L_A does not rise with m",
                    "the log-log slope of min_t L_A against m", Analyses.logLogSlope(ta, "width", "min_surrogate"), 0.02));
        }
        Plot dist = new Plot("distance-vs-width.svg", "Distance from initialisation vs width (no projection)", "width m",
                "||W(T) - W(0)||_F", true, true, Analyses.seriesBy(t, "activation", "", "width", "distance"));
        List<Plot.Series> ls = new ArrayList<>(Analyses.seriesBy(t, "activation", "min_t L_A, ", "width", "min_surrogate"));
        ls.addAll(Analyses.seriesBy(t, "activation", "L_* lower bound, ", "width", "attack_lower"));
        Plot loss = new Plot("loss-vs-width.svg", "Loss floor and robust loss vs width", "width m", "loss", true, true, ls);
        Plot lin = new Plot("linearisation-vs-width.svg", "Relative linearisation error vs width", "width m",
                "relative linearisation error", true, true,
                Analyses.seriesBy(t, "activation", "", "width", "linearisation_error"));
        String table = "## Means over seeds\n\n" + Analyses.meansTable(t, List.of("activation", "width"), metrics());
        return new Analysis(findings, List.of(dist, loss, lin), table);
    }
}
