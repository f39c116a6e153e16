package advtrain.experiment;

import advtrain.certify.Certificate;
import advtrain.data.DataHome;
import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Losses;
import advtrain.loss.Loss;
import advtrain.model.DeepReluNet;
import advtrain.threat.AttackSpec;
import advtrain.train.Evaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real-data check of the paper's setting: wide ReLU nets on Fashion-MNIST (rows normalised onto the unit
 * sphere, as the paper assumes), trained adversarially or normally, binary and 10-class, evaluated on
 * held-out images: clean accuracy, accuracy under a strong attack (an upper bound on robust accuracy) and
 * certified accuracy (a lower bound), against width and eps.
 */
final class FashionMnistExperiment implements Experiment {

    /** The binary task's two classes: 1 (trouser) as -1, 3 (dress) as +1. */
    static final String BINARY_CLASSES = "1,3";

    record Config(int[] widths, double[] eps, String[] tasks, int trainN, int testN, int depth, double lrTimesWidth,
                  int batch, int epochs, int attackSteps, int evalSteps) {
    }

    static Config config(Settings s) {
        return s.pick(
                new Config(new int[] {64}, new double[] {0.05}, new String[] {"binary"}, 128, 64, 1, 64.0, 32, 1, 2, 5),
                new Config(new int[] {256}, new double[] {0.05}, new String[] {"binary", "10-class"}, 512, 256, 1, 64.0, 64, 3, 3, 10),
                new Config(new int[] {128, 512, 2048}, new double[] {0.02, 0.05}, new String[] {"binary", "10-class"}, 2000,
                        1000, 1, 64.0, 64, 5, 5, 30));
    }

    @Override
    public String name() {
        return "fashion-mnist";
    }

    @Override
    public String title() {
        return "Fashion-MNIST: adversarial vs standard training, clean / attacked / certified accuracy";
    }

    @Override
    public String claim() {
        return "The paper's conclusion (sections 4-5, 7): adversarial training of a wide network finds a network with a "
                + "low surrogate loss for the training attack, i.e. a classifier the attack cannot easily break. On real "
                + "images (rows on the unit sphere, l2 perturbations) adversarially trained nets should keep more accuracy "
                + "under a strong attack than normally trained ones; and for every net certified accuracy <= accuracy under "
                + "attack <= clean accuracy (the robust accuracy lies between the two bounds).";
    }

    @Override
    public String unavailable() {
        Path dir = DataHome.fashionMnist();
        for (String f : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            if (!Files.isRegularFile(dir.resolve(f)) && !Files.isRegularFile(dir.resolve(f + ".gz"))) {
                return "Fashion-MNIST is not installed: " + dir.resolve(f) + "[.gz] is missing. Install Debian's package "
                        + "(apt-get install dataset-fashion-mnist, files under " + DataHome.FASHION_MNIST_DEFAULT + "), or put "
                        + "the four IDX files from https://github.com/zalandoresearch/fashion-mnist in a folder and set "
                        + "ADVTRAIN_FASHION_MNIST to it.";
            }
        }
        return null;
    }

    @Override
    public int defaultSeeds(Settings.Size size) {
        return size == Settings.Size.TEST ? 1 : size == Settings.Size.QUICK ? 3 : 2;
    }

    @Override
    public List<Point> points(Settings s) {
        Config c = config(s);
        PointList pl = new PointList();
        for (String task : c.tasks()) {
            for (double eps : c.eps()) {
                for (int w : c.widths()) {
                    for (String training : new String[] {"standard", "adversarial"}) {
                        for (int seed = 0; seed < s.seeds(); seed++) {
                            pl.add("task", task, "eps", eps, "width", w, "training", training, "seed", seed);
                        }
                    }
                }
            }
        }
        return pl.build();
    }

    @Override
    public List<String> metrics() {
        return List.of("clean_accuracy", "attacked_accuracy", "certified_accuracy", "train_loss");
    }

    static String dataSpec(String task, String split, int n) {
        return "fashion-mnist:split=" + split + (task.equals("binary") ? ",classes=" + BINARY_CLASSES : "")
                + ",shuffle=0,limit=" + n + ",normalize=sphere";
    }

    static String trainAttack(Config c, double eps) {
        return "pgd:norm=l2,eps=" + Num.exact(eps) + ",steps=" + c.attackSteps();
    }

    static String evalAttack(Config c, String task, double eps) {
        return "ensemble:" + (task.equals("binary") ? "apgd-ce+pgd" : "apgd-ce+apgd-dlr+pgd") + ",norm=l2,eps="
                + Num.exact(eps) + ",steps=" + c.evalSteps();
    }

    @Override
    public String setup(Settings s) {
        Config c = config(s);
        return "- data: `" + dataSpec("binary", "train", c.trainN()) + "` (binary: classes " + BINARY_CLASSES
                + ", trouser vs dress) and `" + dataSpec("10-class", "train", c.trainN()) + "`; evaluation on `split=test`, "
                + c.testN() + " images; rows normalised onto the unit sphere\n"
                + "- network: deep ReLU net, H = " + c.depth() + ", widths " + Arrays.toString(c.widths())
                + " (logistic loss for binary, cross-entropy for 10 classes)\n"
                + "- training: mini-batch SGD, batch " + c.batch() + ", " + c.epochs() + " epochs, step "
                + Num.exact(c.lrTimesWidth()) + "/m, no projection; standard = identity attack, adversarial = `"
                + trainAttack(c, c.eps()[0]) + "` (eps as in the row)\n"
                + "- evaluation: clean; under `" + evalAttack(c, "10-class", c.eps()[0]) + "` (upper bound on robust "
                + "accuracy); CROWN-certified over the l2 ball (a lower bound on robust "
                + "accuracy); eps in "
                + Arrays.toString(c.eps());
    }

    @Override
    public double cost(Point p, Settings s) {
        Config c = config(s);
        int passes = p.param("training").equals("adversarial") ? c.attackSteps() + 3 : 3;
        return Lab.trainCost(c.trainN(), c.epochs(), passes, 784, p.intParam("width"), c.depth())
                + Lab.trainCost(c.testN(), 1, 3.0 * c.evalSteps() + 10, 784, p.intParam("width"), c.depth());
    }

    private final Map<String, Dataset> cache = new LinkedHashMap<>();

    private synchronized Dataset load(String spec) {
        Dataset d = cache.get(spec);
        if (d == null) {
            if (cache.size() >= 4) {
                cache.clear();
            }
            d = Lab.data(spec);
            cache.put(spec, d);
        }
        return d;
    }

    @Override
    public Measurement measure(Point p, Settings s, Parallel par) {
        Config c = config(s);
        long seed = p.longParam("seed");
        String task = p.param("task");
        double eps = p.doubleParam("eps");
        int m = p.intParam("width");
        Dataset train = load(dataSpec(task, "train", c.trainN()));
        Dataset test = load(dataSpec(task, "test", c.testN()));
        Loss loss = Losses.defaultFor(train.outputDim());
        DeepReluNet net = DeepReluNet.init(train.d(), m, c.depth(), train.outputDim(), seed);
        String spec = p.param("training").equals("adversarial") ? trainAttack(c, eps) : "identity";
        long steps = (long) c.epochs() * ((train.n() + c.batch() - 1) / c.batch());
        Lab.Trained tr = Lab.train(net, loss, AttackSpec.parse(spec).newAttack(), train, Double.POSITIVE_INFINITY,
                c.lrTimesWidth() / m, c.batch(), steps, seed, par);
        Evaluator.Result clean = Lab.evaluate(net, loss, null, test, seed, par);
        Evaluator.Result attacked = Lab.evaluate(net, loss, evalAttack(c, task, eps), test, seed, par);
        Certificate cert = Lab.certifyL2(net, loss, test, eps, par);
        return new Measurement()
                .put("clean_accuracy", clean.accuracy())
                .put("attacked_accuracy", attacked.accuracy())
                .put("certified_accuracy", cert.certifiedAccuracy())
                .put("train_loss", tr.lastSurrogate());
    }

    @Override
    public Analysis analyze(Table t, Settings s) {
        List<Finding> findings = new ArrayList<>();
        for (String task : t.distinct("task")) {
            Table tt = t.where("task", task);
            List<Double> diffs = new ArrayList<>();
            for (String eps : tt.distinct("eps")) {
                for (String w : tt.distinct("width")) {
                    for (String seed : tt.distinct("seed")) {
                        Table g = tt.where("eps", eps).where("width", w).where("seed", seed);
                        Table adv = g.where("training", "adversarial");
                        Table std = g.where("training", "standard");
                        if (adv.size() == 1 && std.size() == 1) {
                            diffs.add(adv.num(0, "attacked_accuracy") - std.num(0, "attacked_accuracy"));
                        }
                    }
                }
            }
            double[] d = diffs.stream().mapToDouble(Double::doubleValue).toArray();
            findings.add(Checks.above(task + ": adversarial training keeps more accuracy under attack than standard training",
                    "attacked accuracy, adversarial minus standard, paired by (eps, width, seed)",
                    Stats.meanInterval(d, "pairs"), 0.0));
        }
        int violations = 0;
        for (int r = 0; r < t.size(); r++) {
            double clean = t.num(r, "clean_accuracy");
            double att = t.num(r, "attacked_accuracy");
            double cert = t.num(r, "certified_accuracy");
            if (!(cert <= att && att <= clean)) {
                violations++;
            }
        }
        findings.add(new Finding("certified accuracy <= accuracy under attack <= clean accuracy for every net",
                "holds if the order holds at every point (a violation means an unsound certificate or a broken attack)",
                violations == 0 ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD, violations + " violations in " + t.size() + " points"));
        List<Plot> plots = new ArrayList<>();
        for (String task : t.distinct("task")) {
            for (String eps : t.distinct("eps")) {
                Table g = t.where("task", task).where("eps", eps);
                List<Plot.Series> ss = new ArrayList<>();
                for (String training : g.distinct("training")) {
                    Table gt = g.where("training", training);
                    ss.add(Plot.Series.meanOverSeeds(training + ": clean", gt, "width", "clean_accuracy"));
                    ss.add(Plot.Series.meanOverSeeds(training + ": under attack", gt, "width", "attacked_accuracy"));
                    ss.add(Plot.Series.meanOverSeeds(training + ": certified", gt, "width", "certified_accuracy"));
                }
                plots.add(new Plot("accuracy-" + task + "-eps" + eps.replace('.', '_') + ".svg",
                        task + ", eps = " + eps + ": test accuracy vs width", "width m", "test accuracy", true, false, ss));
            }
        }
        String table = "## Means over seeds\n\n" + Analyses.meansTable(t, List.of("task", "eps", "width", "training"), metrics());
        return new Analysis(findings, plots, table);
    }
}
