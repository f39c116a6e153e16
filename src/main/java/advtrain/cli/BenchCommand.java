package advtrain.cli;

import advtrain.kernel.Gemm;
import advtrain.kernel.Parallel;
import advtrain.kernel.Simd;
import advtrain.random.RandomStream;

/**
 * {@code advtrain bench gemm}: a quick throughput look without JMH (the JMH benchmarks in {@code bench/}
 * are the measurement of record). Warms up, then times repeated calls for about a second.
 */
final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "quick throughput check: bench gemm [--n N] [--op NN|NT|TN] | bench train-step [--d D --width M ...]";
    }

    @Override
    public Options options() {
        return new Options("bench gemm [--n N] [--m M --k K] [--op NN|NT|TN|TT] [--seconds S] | bench train-step [--d D] "
                + "[--width M] [--depth H] [--batch B] [--attack-steps S] [--classes K] [--seconds S]")
                .positional(1)
                .flag("--n", "1024", "columns of C (and rows/depth when --m/--k are not given)")
                .flag("--m", null, "rows of C (default: --n)")
                .flag("--k", null, "inner dimension (default: --n)")
                .flag("--op", "NN", "transposes of A and B")
                .flag("--seconds", "1", "time to measure after warm-up")
                .flag("--d", "784", "train-step: input dimension")
                .flag("--width", "1024", "train-step: width m of the deep ReLU net")
                .flag("--depth", "2", "train-step: trained layers H")
                .flag("--batch", "128", "train-step: batch size")
                .flag("--attack-steps", "10", "train-step: PGD steps (l-inf, eps 8/255, random start) per training step")
                .flag("--classes", "10", "train-step: classes k (2: one output, logistic loss)");
    }

    @Override
    public int run(Options.Parsed args, Console console) {
        String what = args.positional().isEmpty() ? "gemm" : args.positional().get(0);
        if (what.equals("train-step")) {
            return TrainStepBench.run(args, console);
        }
        if (!what.equals("gemm")) {
            throw new IllegalArgumentException("unknown benchmark '" + what + "' (available: gemm, train-step)");
        }
        int n = args.getInt("--n");
        int m = args.given("--m") ? args.getInt("--m") : n;
        int k = args.given("--k") ? args.getInt("--k") : n;
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException("--m, --n and --k must be >= 1, got m=" + m + ", n=" + n + ", k=" + k);
        }
        String op = args.get("--op").toUpperCase(java.util.Locale.ROOT);
        if (!op.matches("[NT][NT]")) {
            throw new IllegalArgumentException("--op must be NN, NT, TN or TT, got '" + args.get("--op") + "'");
        }
        Gemm.Op opA = Gemm.Op.valueOf(op.substring(0, 1));
        Gemm.Op opB = Gemm.Op.valueOf(op.substring(1, 2));
        double seconds = args.getDouble("--seconds");
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        double[] c = new double[m * n];
        RandomStream rs = RandomStream.of(0, "bench.gemm");
        rs.fillGaussian(a, 0, a.length, 1);
        rs.fillGaussian(b, 0, b.length, 1);
        int lda = opA == Gemm.Op.N ? k : m;
        int ldb = opB == Gemm.Op.N ? n : k;
        double flops = 2.0 * m * n * k;
        try (Parallel par = console.newParallel()) {
            long warmEnd = System.nanoTime() + (long) (0.5e9 * seconds);
            while (System.nanoTime() < warmEnd) {
                Gemm.gemm(par, opA, opB, m, n, k, 1.0, a, 0, lda, b, 0, ldb, 0.0, c, 0, n);
            }
            long t0 = System.nanoTime();
            long end = t0 + (long) (1e9 * seconds);
            int reps = 0;
            long t;
            do {
                Gemm.gemm(par, opA, opB, m, n, k, 1.0, a, 0, lda, b, 0, ldb, 0.0, c, 0, n);
                reps++;
                t = System.nanoTime();
            } while (t < end);
            double secs = (t - t0) / 1e9;
            console.out().printf("gemm %s m=%d n=%d k=%d  %s  threads=%d  %.1f GFLOP/s  (%d calls, %.3f ms each)%n",
                    op, m, n, k, Simd.describe(), console.threads(), flops * reps / secs / 1e9, reps, 1e3 * secs / reps);
        }
        return 0;
    }
}
