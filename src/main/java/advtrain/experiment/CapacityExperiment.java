package advtrain.experiment;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Logistic;
import advtrain.loss.Loss;
import advtrain.model.DeepReluNet;
import advtrain.random.RandomStream;
import advtrain.theory.CapacitySearch;
import advtrain.threat.AttackSpec;
import advtrain.train.StepStats;
import advtrain.train.TrainSettings;
import advtrain.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Section 6 (Theorem 6.1): robust interpolation needs more capacity than interpolation. For n points in d
 * dimensions, the smallest width at which training interpolates the points, and the smallest at which
 * adversarial training interpolates them robustly (every point of every cap classified right, as far as a
 * strong attack can tell); their ratio should grow with d.
 */
final class CapacityExperiment implements Experiment {

    record Config(int[] ns, int[] ds, double delta, double sep, int depth, double lrTimesWidth, int steps, int checkEvery,
                  int attackSteps, int evalSteps, int evalRestarts, int minWidth, int maxWidth) {
    }

    static Config config(Settings s) {
        return s.pick(
                new Config(new int[] {8}, new int[] {3, 12}, 0.1, 0.4, 1, 4.0, 100, 10, 2, 5, 1, 2, 64),
                new Config(new int[] {16}, new int[] {3, 6, 12}, 0.1, 0.4, 1, 4.0, 300, 10, 3, 10, 1, 2, 512),
                new Config(new int[] {16, 32}, new int[] {3, 6, 12, 24}, 0.1, 0.4, 1, 4.0, 500, 10, 5, 30, 2, 2, 1024));
    }

    @Override
    public String name() {
        return "capacity";
    }

    @Override
    public String title() {
        return "smallest width for interpolation and for robust interpolation as n and d grow";
    }

    @Override
    public String claim() {
        return "Section 6, Theorem 6.1: an n-robust-interpolation class has VC dimension Omega(n d), while n-interpolation "
                + "is possible with VC dimension O(n log n). So robust interpolation needs more capacity, increasingly so as "
                + "the dimension d grows: the ratio (smallest width that robustly interpolates) / (smallest width that "
                + "interpolates) should be >= 1 and grow with d.";
    }

    @Override
    public int defaultSeeds(Settings.Size size) {
        return size == Settings.Size.TEST ? 1 : size == Settings.Size.QUICK ? 2 : 3;
    }

    @Override
    public List<Point> points(Settings s) {
        Config c = config(s);
        PointList pl = new PointList();
        for (int n : c.ns()) {
            for (int d : c.ds()) {
                for (int seed = 0; seed < s.seeds(); seed++) {
                    pl.add("n", n, "d", d, "seed", seed);
                }
            }
        }
        return pl.build();
    }

    @Override
    public List<String> metrics() {
        return List.of("width_interpolation", "width_robust", "ratio", "trials");
    }

    static String trainAttack(Config c) {
        return Lab.capPgd(c.delta(), c.attackSteps());
    }

    static String evalAttack(Config c) {
        return "pgd:sphere=true,eps=" + Num.exact(c.delta()) + ",steps=" + c.evalSteps() + ",restarts=" + c.evalRestarts();
    }

    @Override
    public String setup(Settings s) {
        Config c = config(s);
        return "- data: n points on the unit sphere in n/2 pairs of opposite labels, " + Num.exact(c.sep())
                + " apart along a random tangent direction at a random anchor (anchors at least 4 delta + 2 gap apart): "
                + "the tight case of Theorem 6.1's S_delta, the same geometry at every d; n in " + Arrays.toString(c.ns())
                + ", d in " + Arrays.toString(c.ds()) + " (data seed = the point's seed); caps of radius delta = "
                + Num.exact(c.delta()) + "\n"
                + "- network: deep ReLU net, H = " + c.depth() + ", logistic loss; full-batch GD, step "
                + Num.exact(c.lrTimesWidth()) + "/m, at most T = " + c.steps() + " steps (stopping early once the goal is met, "
                + "checked every " + c.checkEvery() + " steps)\n"
                + "- interpolation: standard training reaches 100% training accuracy; robust interpolation: training with `"
                + trainAttack(c) + "` reaches 100% accuracy under `" + evalAttack(c) + "` on the training points\n"
                + "- width search (theory.CapacitySearch): widths " + c.minWidth() + ", x2, ... up to " + c.maxWidth()
                + ", then bisection to 25%; one seed per search (the point's seed)";
    }

    @Override
    public double cost(Point p, Settings s) {
        Config c = config(s);
        // a search runs ~10 trials per goal, mostly at small widths; charge both goals at a quarter of the largest width
        return 20 * Lab.trainCost(p.intParam("n"), c.steps() / 2.0, c.attackSteps() + 3, p.intParam("d"), c.maxWidth() / 4.0, c.depth());
    }

    @Override
    public Measurement measure(Point p, Settings s, Parallel par) {
        Config c = config(s);
        long seed = p.longParam("seed");
        Dataset data = pairs(p.intParam("n"), p.intParam("d"), c.delta(), c.sep() - 2 * c.delta(), seed);
        Loss loss = Logistic.INSTANCE;
        CapacitySearch search = new CapacitySearch(c.minWidth(), c.maxWidth(), 2.0, 1, 0.25, seed, 1, 1);
        CapacitySearch.Comparison cmp = search.compare(
                (w, sd) -> reaches(c, data, loss, w, sd, false, par),
                (w, sd) -> reaches(c, data, loss, w, sd, true, par));
        int wi = cmp.interpolation().width();
        int wr = cmp.robustInterpolation().width();
        return new Measurement()
                .put("width_interpolation", wi > 0 ? wi : Double.NaN)
                .put("width_robust", wr > 0 ? wr : Double.NaN)
                .put("ratio", cmp.ratio())
                .put("trials", cmp.interpolation().trials().size() + cmp.robustInterpolation().trials().size());
    }

    /**
     * The hard case of Theorem 6.1's class S_delta, the same at every d: n/2 anchors c_j uniform on the unit
     * sphere (at least 4 delta + 2 gap apart), and at each a pair of opposite labels 2 delta + gap apart
     * along a random tangent direction u_j: x = (c_j +- t u_j) / sqrt(1 + t^2) with t chosen so that
     * ||x_+ - x_-|| = 2 delta + gap exactly. Every pair of differently-labelled points is more than 2 delta
     * apart (compatible caps), and a robust classifier must flip its sign within the gap between two caps.
     * Draws from the keyed streams (seed, "experiment.capacity.*", j).
     */
    static Dataset pairs(int n, int d, double delta, double gap, long seed) {
        if (n % 2 != 0 || n < 2) {
            throw new IllegalArgumentException("capacity data: n must be even and >= 2, got " + n);
        }
        double half = delta + gap / 2;
        double t = half / Math.sqrt(1 - half * half);
        double minAnchor = 4 * delta + 2 * gap;
        int pairs = n / 2;
        double[] anchors = new double[pairs * d];
        double[] x = new double[n * d];
        int[] y = new int[n];
        double[] u = new double[d];
        for (int j = 0; j < pairs; j++) {
            for (int attempt = 0; ; attempt++) {
                if (attempt > 10_000) {
                    throw new IllegalArgumentException("capacity data: cannot place " + pairs + " anchors " + minAnchor
                            + " apart on the sphere in d = " + d);
                }
                RandomStream rs = RandomStream.of(seed, "experiment.capacity.anchor", j, attempt);
                unit(rs, anchors, j * d, d);
                boolean ok = true;
                for (int i = 0; i < j && ok; i++) {
                    double dist2 = 0;
                    for (int k = 0; k < d; k++) {
                        double e = anchors[j * d + k] - anchors[i * d + k];
                        dist2 += e * e;
                    }
                    ok = dist2 >= minAnchor * minAnchor;
                }
                if (ok) {
                    break;
                }
            }
            RandomStream rs = RandomStream.of(seed, "experiment.capacity.direction", j);
            unit(rs, u, 0, d);
            double dot = 0;
            for (int k = 0; k < d; k++) {
                dot += u[k] * anchors[j * d + k];
            }
            double norm = 0;
            for (int k = 0; k < d; k++) {
                u[k] -= dot * anchors[j * d + k];
                norm += u[k] * u[k];
            }
            norm = Math.sqrt(norm);
            double scale = 1 / Math.sqrt(1 + t * t);
            int sign = rs.nextSign() > 0 ? 1 : -1;
            for (int k = 0; k < d; k++) {
                x[(2 * j) * d + k] = (anchors[j * d + k] + t * u[k] / norm) * scale;
                x[(2 * j + 1) * d + k] = (anchors[j * d + k] - t * u[k] / norm) * scale;
            }
            y[2 * j] = sign;
            y[2 * j + 1] = -sign;
        }
        return new Dataset("capacity-pairs", "pairs:n=" + n + ",d=" + d + ",delta=" + Num.exact(delta) + ",gap="
                + Num.exact(gap) + ",seed=" + seed, n, d, x, y, 2);
    }

    private static void unit(RandomStream rs, double[] a, int off, int d) {
        double norm = 0;
        for (int k = 0; k < d; k++) {
            a[off + k] = rs.nextGaussian();
            norm += a[off + k] * a[off + k];
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < d; k++) {
            a[off + k] /= norm;
        }
    }

    /** One trial: does a width-w net trained from seed sd reach the goal within T steps? */
    static boolean reaches(Config c, Dataset data, Loss loss, int w, long sd, boolean robust, Parallel par) {
        DeepReluNet net = DeepReluNet.init(data.d(), w, c.depth(), 1, sd);
        String spec = robust ? trainAttack(c) : "identity";
        Trainer tr = new Trainer(net, loss, AttackSpec.parse(spec).newAttack(), data,
                new TrainSettings(Double.POSITIVE_INFINITY, c.lrTimesWidth() / w, 0.0, 0, Lab.CHUNK, sd), par);
        for (int t = 1; t <= c.steps(); t++) {
            StepStats st = tr.step();
            if (t % c.checkEvery() == 0 || t == c.steps()) {
                if (!robust && Lab.evaluate(net, loss, null, data, sd, par).accuracy() == 1.0) {
                    return true;
                }
                if (robust && st.attackedAccuracy == 1.0
                        && Lab.evaluate(net, loss, evalAttack(c), data, sd, par).accuracy() == 1.0) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public Analysis analyze(Table t, Settings s) {
        List<Finding> findings = new ArrayList<>();
        int below = 0;
        int missing = 0;
        for (double r : t.nums("ratio")) {
            if (Double.isNaN(r)) {
                missing++;
            } else if (r < 1) {
                below++;
            }
        }
        findings.add(new Finding("robust interpolation never needs a smaller width than interpolation",
                "holds if the ratio is >= 1 at every point where both widths were found; inconclusive if some width was "
                        + "not found within the search range",
                below > 0 ? Verdict.DOES_NOT_HOLD : missing > 0 ? Verdict.INCONCLUSIVE : Verdict.HOLDS,
                below + " points with ratio < 1, " + missing + " with a width beyond the range, of " + t.size()));
        for (String n : t.distinct("n")) {
            Table tn = t.where("n", n).filter(row -> !row.get(t.columns().indexOf("ratio")).equals("nan"));
            findings.add(Checks.above("n = " + n + ": the capacity ratio grows with the dimension d",
                    "the log-log slope of the ratio against d", Analyses.logLogSlope(tn, "d", "ratio"), 0.0));
        }
        List<Plot.Series> ws = new ArrayList<>(Analyses.seriesBy(t, "n", "interpolation, n=", "d", "width_interpolation"));
        ws.addAll(Analyses.seriesBy(t, "n", "robust interpolation, n=", "d", "width_robust"));
        Plot widths = new Plot("width-vs-d.svg", "Smallest width for (robust) interpolation vs d", "dimension d",
                "smallest width", true, true, ws);
        Plot ratio = new Plot("ratio-vs-d.svg", "Capacity ratio robust / clean vs d", "dimension d", "width ratio",
                true, true, Analyses.seriesBy(t, "n", "n=", "d", "ratio"));
        String table = "## Means over seeds\n\n" + Analyses.meansTable(t, List.of("n", "d"), metrics())
                + "\nWhat is measured is the smallest width at which this training procedure, with this step budget, "
                + "reaches the goal: an upper bound on the capacity the goal needs, and only a proxy for Theorem 6.1's "
                + "statement about VC dimension. `nan` means no width up to the search maximum succeeded.\n";
        return new Analysis(findings, List.of(widths, ratio), table);
    }
}
