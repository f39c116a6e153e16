package advtrain.cli;

import advtrain.kernel.Gemm;
import advtrain.kernel.Parallel;
import advtrain.kernel.Simd;
import advtrain.random.RandomStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code advtrain bench gemm}: a quick throughput look without JMH (the JMH benchmarks in {@code bench/}
 * are the measurement of record). For each shape and op pair it warms up for {@code --warmup} seconds,
 * then times every call for about {@code --seconds} and prints the best and the median call in GFLOP/s: the best call is the
 * figure least disturbed by other load on a shared machine, the median shows how noisy the run was.
 * With one thread it also prints {@code cpu-best}: the best call's rate per CPU-second of the calling
 * thread, which leaves out the time other processes held the core.
 * {@code tools/bench-numpy-gemm} prints the same figures for OpenBLAS.
 */
final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "quick throughput: bench gemm [--n N | --shapes 256,128x784x1024] [--op NN,NT,TN] | bench train-step [--d D --width M ...]";
    }

    @Override
    public Options options() {
        return new Options("bench gemm [--n N] [--m M --k K] [--shapes LIST] [--op LIST] [--seconds S] [--warmup S] | bench train-step "
                + "[--d D] [--width M] [--depth H] [--batch B] [--attack-steps S] [--classes K] [--seconds S]")
                .positional(1)
                .flag("--n", "1024", "columns of C (and rows/depth when --m/--k are not given)")
                .flag("--m", null, "rows of C (default: --n)")
                .flag("--k", null, "inner dimension (default: --n)")
                .flag("--shapes", null, "comma-separated shapes, each N (square) or MxKxN; overrides --n/--m/--k")
                .flag("--op", "NN", "comma-separated op pairs among NN, NT, TN, TT")
                .flag("--seconds", "1", "time to measure per shape and op (train-step: after a warm-up of at least 2 s)")
                .flag("--warmup", "1", "seconds of warm-up calls before measuring each shape and op (JIT compilation)")
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
        List<int[]> shapes = shapes(args);
        List<String> ops = new ArrayList<>();
        for (String op : args.get("--op").split(",")) {
            String o = op.trim().toUpperCase(Locale.ROOT);
            if (!o.matches("[NT][NT]")) {
                throw new IllegalArgumentException("--op must list NN, NT, TN or TT, got '" + op + "'");
            }
            ops.add(o);
        }
        double seconds = args.getDouble("--seconds");
        if (!(seconds > 0) || seconds > 3600) {
            throw new IllegalArgumentException("--seconds must be in (0, 3600], got " + seconds);
        }
        double warmup = args.getDouble("--warmup");
        if (!(warmup >= 0) || warmup > 3600) {
            throw new IllegalArgumentException("--warmup must be in [0, 3600], got " + warmup);
        }
        try (Parallel par = console.newParallel()) {
            for (int[] s : shapes) {
                for (String op : ops) {
                    measure(par, console, s[0], s[1], s[2], op, seconds, warmup);
                }
            }
        }
        return 0;
    }

    /** Shapes as {m, k, n}, from {@code --shapes} or from {@code --n/--m/--k}. */
    private static List<int[]> shapes(Options.Parsed args) {
        List<int[]> shapes = new ArrayList<>();
        if (args.given("--shapes")) {
            for (String spec : args.get("--shapes").split(",")) {
                String[] d = spec.trim().split("x");
                if (d.length != 1 && d.length != 3) {
                    throw new IllegalArgumentException("--shapes entries must be N or MxKxN, got '" + spec + "'");
                }
                int[] mkn = new int[3];
                for (int i = 0; i < 3; i++) {
                    mkn[i] = parseDim(d[d.length == 1 ? 0 : i], spec);
                }
                shapes.add(mkn);
            }
        } else {
            int n = args.getInt("--n");
            int m = args.given("--m") ? args.getInt("--m") : n;
            int k = args.given("--k") ? args.getInt("--k") : n;
            if (m < 1 || n < 1 || k < 1) {
                throw new IllegalArgumentException("--m, --n and --k must be >= 1, got m=" + m + ", n=" + n + ", k=" + k);
            }
            shapes.add(new int[] {m, k, n});
        }
        return shapes;
    }

    private static int parseDim(String s, String spec) {
        try {
            int v = Integer.parseInt(s.trim());
            if (v >= 1 && v <= 1 << 15) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--shapes entries need sizes in 1..32768, got '" + spec + "'");
    }

    private static void measure(Parallel par, Console console, int m, int k, int n, String op, double seconds,
                                double warmup) {
        Gemm.Op opA = Gemm.Op.valueOf(op.substring(0, 1));
        Gemm.Op opB = Gemm.Op.valueOf(op.substring(1, 2));
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        double[] c = new double[m * n];
        RandomStream rs = RandomStream.of(0, "bench.gemm", m, k, n);
        rs.fillGaussian(a, 0, a.length, 1);
        rs.fillGaussian(b, 0, b.length, 1);
        int lda = opA == Gemm.Op.N ? k : m;
        int ldb = opB == Gemm.Op.N ? n : k;
        long warmEnd = System.nanoTime() + (long) (1e9 * warmup);
        int warm = 0;
        while (warm < 2 || System.nanoTime() < warmEnd) {
            Gemm.gemm(par, opA, opB, m, n, k, 1.0, a, 0, lda, b, 0, ldb, 0.0, c, 0, n);
            warm++;
        }
        // One thread runs on this thread: its CPU time per call is also the rate undisturbed by other
        // processes on a shared machine (the time this thread was not running is left out).
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpuTimed = par.threads() == 1 && mx.isCurrentThreadCpuTimeSupported();
        long[] times = new long[64];
        long bestCpu = Long.MAX_VALUE;
        int calls = 0;
        long end = System.nanoTime() + (long) (1e9 * seconds);
        do {
            long c0 = cpuTimed ? mx.getCurrentThreadCpuTime() : 0;
            long t0 = System.nanoTime();
            Gemm.gemm(par, opA, opB, m, n, k, 1.0, a, 0, lda, b, 0, ldb, 0.0, c, 0, n);
            long t1 = System.nanoTime();
            if (cpuTimed) {
                bestCpu = Math.min(bestCpu, mx.getCurrentThreadCpuTime() - c0);
            }
            if (calls == times.length) {
                times = Arrays.copyOf(times, 2 * calls);
            }
            times[calls++] = t1 - t0;
        } while (calls < 3 || System.nanoTime() < end);
        Arrays.sort(times, 0, calls);
        double flops = 2.0 * m * n * k;
        String cpu = cpuTimed ? String.format(Locale.ROOT, "  cpu-best %.1f", flops / bestCpu) : "";
        console.out().printf(Locale.ROOT,
                "gemm %s m=%d k=%d n=%d  %s  threads=%d  best %.1f GFLOP/s  median %.1f%s  (%d calls, best %.3f ms)%n",
                op, m, k, n, Simd.describe(), par.threads(), flops / times[0], flops / times[calls / 2], cpu, calls,
                times[0] / 1e6);
    }
}
