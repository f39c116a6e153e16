package advtrain.cli;

import advtrain.kernel.Parallel;
import advtrain.kernel.Simd;
import advtrain.train.TrainStepSetup;
import advtrain.train.Trainer;
import java.util.Locale;

/**
 * {@code advtrain bench train-step}: one adversarial training step ({@link TrainStepSetup}) timed after a
 * warm-up of at least two seconds; prints samples/s. The JMH benchmark {@code advtrain.bench.TrainStepBench}
 * and {@code tools/compare-torch} run the same configuration.
 */
final class TrainStepBench {

    private TrainStepBench() {
    }

    static int run(Options.Parsed args, Console console) {
        int d = args.getInt("--d");
        int m = args.getInt("--width");
        int depth = args.getInt("--depth");
        int batch = args.getInt("--batch");
        int steps = args.getInt("--attack-steps");
        int classes = args.getInt("--classes");
        double seconds = args.getDouble("--seconds");
        try (Parallel par = console.newParallel()) {
            Trainer t = TrainStepSetup.trainer(d, m, depth, batch, steps, classes, par);
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
