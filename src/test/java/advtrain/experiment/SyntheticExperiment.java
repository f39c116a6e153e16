package advtrain.experiment;

import advtrain.kernel.Parallel;
import advtrain.random.RandomStream;
import java.util.List;

/**
 * A test experiment whose answer is known: loss(width, seed) = 3 * width^slope * exp(noise * z) with z a
 * keyed standard normal, plus a sum computed through {@link Parallel} (so thread counts matter if
 * anything is wrong). Claim: "the loss falls with width" (log-log slope below -0.05).
 */
final class SyntheticExperiment implements Experiment {

    private final double slope;
    private final double noise;
    private final int[] widths;
    private String unavailable;

    SyntheticExperiment(double slope, double noise, int... widths) {
        this.slope = slope;
        this.noise = noise;
        this.widths = widths;
    }

    /** Makes the experiment report itself unavailable for {@code why}. */
    SyntheticExperiment unavailableBecause(String why) {
        this.unavailable = why;
        return this;
    }

    @Override
    public String unavailable() {
        return unavailable;
    }

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public String title() {
        return "a power law with known slope";
    }

    @Override
    public String claim() {
        return "The loss falls as the width grows.";
    }

    @Override
    public int defaultSeeds(Settings.Size size) {
        return 3;
    }

    @Override
    public List<Point> points(Settings settings) {
        PointList pl = new PointList();
        for (int w : widths) {
            for (int s = 0; s < settings.seeds(); s++) {
                pl.add("width", w, "seed", s);
            }
        }
        return pl.build();
    }

    @Override
    public List<String> metrics() {
        return List.of("loss", "checksum");
    }

    @Override
    public String setup(Settings settings) {
        return "loss = 3 width^" + slope + " exp(" + noise + " z)";
    }

    @Override
    public double cost(Point p, Settings s) {
        return p.intParam("width");
    }

    @Override
    public Measurement measure(Point p, Settings s, Parallel par) {
        int w = p.intParam("width");
        long seed = p.longParam("seed");
        double z = RandomStream.of(seed, "synthetic.noise", w).nextGaussian();
        double[] v = new double[1000 + w];
        RandomStream.of(seed, "synthetic.values", w).fillGaussian(v, 0, v.length, 1.0);
        double sum = par.sumRange(v.length, 64, (a, b) -> {
            double t = 0;
            for (int i = a; i < b; i++) {
                t += v[i] * v[i];
            }
            return t;
        });
        return new Measurement()
                .put("loss", 3.0 * StrictMath.pow(w, slope) * StrictMath.exp(noise * z))
                .put("checksum", sum / 3.0);
    }

    @Override
    public Analysis analyze(Table t, Settings s) {
        String[] seeds = t.distinct("seed").isEmpty() ? new String[0] : new String[t.size()];
        for (int r = 0; r < t.size(); r++) {
            seeds[r] = t.cell(r, "seed");
        }
        Interval iv = Stats.logLogSlope(t.nums("width"), t.nums("loss"), seeds);
        Finding f = Checks.below("the loss falls with width", "log-log slope of loss vs width", iv, -0.05);
        Plot plot = new Plot("loss.svg", "loss vs width", "width m", "loss", true, true,
                List.of(Plot.Series.meanOverSeeds("loss", t, "width", "loss")));
        return new Analysis(List.of(f), List.of(plot), "");
    }
}
