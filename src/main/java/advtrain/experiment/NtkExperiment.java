package advtrain.experiment;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.model.Activation;
import advtrain.model.DeepReluNet;
import advtrain.model.Network;
import advtrain.model.TwoLayerNet;
import advtrain.theory.DeepReluNtk;
import advtrain.theory.EmpiricalNtk;
import advtrain.theory.GradientFactors;
import advtrain.theory.KernelMatrix;
import advtrain.theory.PointKernel;
import advtrain.theory.RandomFeatureError;
import advtrain.theory.TwoLayerNtk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Section 5's random-feature view: at initialisation the empirical NTK Gram matrix of a width-m network
 * approaches the analytic NTK (Definition 5.1; the deep net's over its trained layers) as m grows, at the
 * Monte Carlo rate 1/sqrt(m).
 */
final class NtkExperiment implements Experiment {

    record Config(int[] widths, String[] nets, int n, int d, int depth) {
    }

    static Config config(Settings s) {
        return s.pick(
                new Config(new int[] {16, 64, 256}, new String[] {"two-layer-relu", "deep-relu"}, 8, 5, 2),
                new Config(new int[] {16, 64, 256, 1024, 4096}, new String[] {"two-layer-relu", "two-layer-softplus", "deep-relu"},
                        16, 8, 2),
                new Config(new int[] {16, 64, 256, 1024, 4096}, new String[] {"two-layer-relu", "two-layer-softplus",
                        "two-layer-tanh", "deep-relu"}, 32, 10, 2));
    }

    @Override
    public String name() {
        return "ntk";
    }

    @Override
    public String title() {
        return "empirical NTK at initialisation against the analytic NTK, by width";
    }

    @Override
    public String claim() {
        return "Section 5 (Definition 5.1 and the random-feature argument behind Theorem 5.2): near initialisation a "
                + "width-m network is a random-feature approximation of its NTK, so the empirical Gram matrix "
                + "<grad_W f(x_i), grad_W f(x_j)> (suitably normalised) converges to the analytic NTK K(x_i, x_j) as m grows, "
                + "with error of order 1/sqrt(m).";
    }

    @Override
    public int defaultSeeds(Settings.Size size) {
        return size == Settings.Size.TEST ? 3 : 5;
    }

    @Override
    public List<Point> points(Settings s) {
        Config c = config(s);
        PointList pl = new PointList();
        for (String net : c.nets()) {
            for (int w : c.widths()) {
                for (int seed = 0; seed < s.seeds(); seed++) {
                    pl.add("net", net, "width", w, "seed", seed);
                }
            }
        }
        return pl.build();
    }

    @Override
    public List<String> metrics() {
        return List.of("relative_error", "analytic_error_bound");
    }

    @Override
    public String setup(Settings s) {
        Config c = config(s);
        return "- points: `" + Lab.sphereSpec(c.n(), c.d(), 0, 0) + "` (n points on the unit sphere)\n"
                + "- networks: " + Arrays.toString(c.nets()) + " (deep: H = " + c.depth() + " trained layers, Gram / m), "
                + "widths " + Arrays.toString(c.widths()) + ", at initialisation\n"
                + "- error: ||c K_emp - K||_F / ||K||_F, with K the analytic NTK (closed form for ReLU, Gauss-Hermite "
                + "quadrature for smooth activations; analytic_error_bound is the quadrature's own error estimate, relative)";
    }

    @Override
    public double cost(Point p, Settings s) {
        Config c = config(s);
        int m = p.intParam("width");
        return p.param("net").startsWith("deep") ? Lab.trainCost(c.n(), 1, 2 + c.n(), c.d(), m, c.depth())
                : Lab.trainCost(c.n(), 1, 2 + c.n(), c.d(), m, 0);
    }

    @Override
    public Measurement measure(Point p, Settings s, Parallel par) {
        Config c = config(s);
        long seed = p.longParam("seed");
        int m = p.intParam("width");
        Dataset data = Lab.data(Lab.sphereSpec(c.n(), c.d(), 0, 0));
        String kind = p.param("net");
        Network net;
        PointKernel kernel;
        if (kind.equals("deep-relu")) {
            net = DeepReluNet.init(c.d(), m, c.depth(), 1, seed);
            kernel = new DeepReluNtk(c.depth());
        } else {
            Activation act = Activation.parse(kind.substring("two-layer-".length()));
            net = TwoLayerNet.init(c.d(), m, 1, act, seed);
            kernel = TwoLayerNtk.of(act.id(), act::derivative, TwoLayerNtk.DEFAULT_TOLERANCE);
        }
        KernelMatrix km = new KernelMatrix(kernel);
        double[] analytic = km.gram(data.x(), data.n(), data.d());
        double[] emp = GradientFactors.of(net, net.initialParams(), data.x(), data.n(), 0, par).gram(par);
        double err = RandomFeatureError.relative(emp, EmpiricalNtk.normalisation(net), analytic, data.n());
        double norm = 0;
        for (double v : analytic) {
            norm += v * v;
        }
        return new Measurement()
                .put("relative_error", err)
                .put("analytic_error_bound", km.lastError() * data.n() / Math.sqrt(norm));
    }

    @Override
    public Analysis analyze(Table t, Settings s) {
        List<Finding> findings = new ArrayList<>();
        for (String net : t.distinct("net")) {
            Table tn = t.where("net", net);
            Interval slope = Analyses.logLogSlope(tn, "width", "relative_error");
            findings.add(Checks.below(net + ": the empirical NTK converges to the analytic one as m grows",
                    "the log-log slope of the relative error against m", slope, -0.25));
            findings.add(Checks.within(net + ": at the Monte Carlo rate 1/sqrt(m)",
                    "the log-log slope + 0.5", new Interval(slope.estimate() + 0.5, slope.lo() + 0.5, slope.hi() + 0.5,
                            slope.method(), slope.n()), 0.15));
        }
        Plot plot = new Plot("ntk-error-vs-width.svg", "Empirical vs analytic NTK: relative error vs width", "width m",
                "||c K_emp - K||_F / ||K||_F", true, true, Analyses.seriesBy(t, "net", "", "width", "relative_error"));
        String table = "## Means over seeds\n\n" + Analyses.meansTable(t, List.of("net", "width"), metrics())
                + "\nThe rate rule accepts slopes in [-0.65, -0.35] (the Monte Carlo rate -0.5 within 0.15).\n";
        return new Analysis(findings, List.of(plot), table);
    }
}
