package advtrain.cli;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.kernel.Simd;
import advtrain.loss.Losses;
import advtrain.model.DeepReluNet;
import advtrain.random.RandomStream;
import advtrain.threat.AttackSpec;
import advtrain.train.TrainSettings;
import advtrain.train.Trainer;
import java.util.Locale;

/**
 * {@code advtrain bench train-step}: one adversarial training step of the deep ReLU net (PGD l-inf attack with
 * a random start, then the gradient step, no projection) on synthetic data (Gaussian rows, random labels), timed
 * after a warm-up; prints samples/s. The same configuration as {@code tools/compare-torch} and the JMH
 * benchmark {@code advtrain.bench.TrainStepBenchmark}.
 */
final class TrainStepBench {

    private TrainStepBench() {
    }

    /** Synthetic rows: n x d Gaussian entries scaled to norm about 1, labels uniform (k = 2: +-1). */
    static Dataset synthetic(int n, int d, int classes, long seed) {
        double[] x = new double[n * d];
        int[] y = new int[n];
        RandomStream rs = RandomStream.of(seed, "bench.data");
        rs.fillGaussian(x, 0, x.length, 1 / Math.sqrt(d));
        for (int i = 0; i < n; i++) {
            y[i] = classes == 2 ? (rs.nextSign() > 0 ? 1 : -1) : rs.nextInt(classes);
        }
        return new Dataset("synthetic", "bench", n, d, x, y, classes);
    }

    static int run(Options.Parsed args, Console console) {
        int d = args.getInt("--d");
        int m = args.getInt("--width");
        int depth = args.getInt("--depth");
        int batch = args.getInt("--batch");
        int steps = args.getInt("--attack-steps");
        int classes = args.getInt("--classes");
        double seconds = args.getDouble("--seconds");
        if (d < 1 || m < 1 || depth < 1 || batch < 1 || steps < 1 || classes < 2) {
            throw new IllegalArgumentException("train-step needs --d, --width, --depth, --batch, --attack-steps >= 1 and --classes >= 2");
        }
        Dataset data = synthetic(batch * 4, d, classes, 1);
        try (Parallel par = console.newParallel()) {
            DeepReluNet net = DeepReluNet.init(d, m, depth, data.outputDim(), 1, par);
            Trainer t = new Trainer(net, Losses.defaultFor(data.outputDim()),
                    AttackSpec.parse("pgd:norm=linf,eps=0.03137254901960784,steps=" + steps).newAttack(), data,
                    new TrainSettings(Double.POSITIVE_INFINITY, 1e-3, 0, batch, batch, 1), par);
            long warmEnd = System.nanoTime() + (long) (Math.max(2.0, seconds) * 1e9);
            int warm = 0;
            while (System.nanoTime() < warmEnd || warm < 3) {
                t.step();
                warm++;
            }
            long t0 = System.nanoTime();
            long end = t0 + (long) (seconds * 1e9);
            int reps = 0;
            long now;
            do {
                t.step();
                reps++;
                now = System.nanoTime();
            } while (now < end);
            double secs = (now - t0) / 1e9;
            console.out().printf(Locale.ROOT, "train-step d=%d m=%d H=%d B=%d k=%d PGD-%d  %s  threads=%d  %.1f samples/s  (%d steps, %.1f ms each)%n",
                    d, m, depth, batch, classes == 2 ? 1 : classes, steps, Simd.describe(), par.threads(), reps * (double) batch / secs,
                    reps, 1e3 * secs / reps);
        }
        return 0;
    }
}
