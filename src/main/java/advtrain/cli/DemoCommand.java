package advtrain.cli;

import advtrain.kernel.Gemm;
import advtrain.kernel.GemmReference;
import advtrain.kernel.Parallel;
import advtrain.kernel.Simd;
import advtrain.random.RandomStream;
import java.util.Arrays;

/**
 * {@code advtrain demo}. Until the trainer lands this runs the kernel self-check: the blocked GEMM
 * against the naive reference on awkward shapes, bit for bit, on the selected SIMD path.
 */
final class DemoCommand implements Command {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run the main job (for now: the kernel self-check)";
    }

    @Override
    public Options options() {
        return new Options("demo");
    }

    @Override
    public int run(Options.Parsed args, Console console) {
        int[][] shapes = {{1, 1, 1}, {7, 33, 257}, {33, 7, 1}, {257, 65, 129}, {100, 1030, 515}};
        int failures = 0;
        try (Parallel par = console.newParallel()) {
            for (int[] s : shapes) {
                for (Gemm.Op opA : Gemm.Op.values()) {
                    for (Gemm.Op opB : Gemm.Op.values()) {
                        failures += check(par, opA, opB, s[0], s[1], s[2]) ? 0 : 1;
                    }
                }
            }
        }
        console.out().printf("kernel self-check on %s, %d threads: %s%n", Simd.describe(), console.threads(),
                failures == 0 ? "all GEMM shapes match the reference bit for bit" : failures + " shapes FAILED");
        return failures == 0 ? 0 : 1;
    }

    private static boolean check(Parallel par, Gemm.Op opA, Gemm.Op opB, int m, int n, int k) {
        RandomStream rs = RandomStream.of(1, "demo.selfcheck", m, n, k);
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        double[] c = new double[m * n];
        rs.fillGaussian(a, 0, a.length, 1);
        rs.fillGaussian(b, 0, b.length, 1);
        rs.fillGaussian(c, 0, c.length, 1);
        double[] ref = c.clone();
        int lda = opA == Gemm.Op.N ? k : m;
        int ldb = opB == Gemm.Op.N ? n : k;
        Gemm.gemm(par, opA, opB, m, n, k, 0.5, a, 0, lda, b, 0, ldb, 0.5, c, 0, n);
        GemmReference.gemm(opA, opB, m, n, k, 0.5, a, 0, lda, b, 0, ldb, 0.5, ref, 0, n);
        return Arrays.equals(c, ref);
    }
}
