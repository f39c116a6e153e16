package advtrain.cli;

import advtrain.data.NdArray;
import advtrain.data.Npz;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code advtrain compare-models A.npz B.npz}: checks that two model (or any npz) files hold the same arrays
 * bit for bit: same names, dtypes, shapes and raw values. Prints one line per array; exit 0 when all are
 * identical, 1 otherwise (CI compares the models trained under JDK 17 and JDK 25 this way).
 */
final class CompareModelsCommand implements Command {

    @Override
    public String name() {
        return "compare-models";
    }

    @Override
    public String summary() {
        return "check that two model.npz files hold bit-identical arrays (exit 1 if not)";
    }

    @Override
    public Options options() {
        return new Options("compare-models A.npz B.npz").positional(2);
    }

    @Override
    public int run(Options.Parsed args, Console console) throws Exception {
        if (args.positional().size() != 2) {
            throw new IllegalArgumentException("compare-models needs two files, got " + args.positional().size());
        }
        Path a = Path.of(args.positional().get(0));
        Path b = Path.of(args.positional().get(1));
        Map<String, NdArray> za = Npz.read(a);
        Map<String, NdArray> zb = Npz.read(b);
        TreeSet<String> names = new TreeSet<>(za.keySet());
        names.addAll(zb.keySet());
        int differ = 0;
        for (String n : names) {
            NdArray x = za.get(n);
            NdArray y = zb.get(n);
            String verdict;
            if (x == null || y == null) {
                verdict = "only in " + (x == null ? b : a);
            } else if (x.equals(y)) {
                verdict = "identical (" + x.describe() + ")";
            } else {
                verdict = "DIFFERENT: " + firstDifference(x, y);
            }
            if (!verdict.startsWith("identical")) {
                differ++;
            }
            console.out().println(n + ": " + verdict);
        }
        console.out().println(differ == 0 ? "all " + names.size() + " arrays identical bit for bit" : differ + " of " + names.size() + " arrays differ");
        return differ == 0 ? 0 : 1;
    }

    private static String firstDifference(NdArray x, NdArray y) {
        if (x.dtype() != y.dtype() || !java.util.Arrays.equals(x.shape(), y.shape())) {
            return x.describe() + " vs " + y.describe();
        }
        if (x.doubles() != null) {
            double[] p = x.doubles();
            double[] q = y.doubles();
            for (int i = 0; i < p.length; i++) {
                if (Double.doubleToRawLongBits(p[i]) != Double.doubleToRawLongBits(q[i])) {
                    return String.format(Locale.ROOT, "first at flat index %d: %s vs %s", i, Double.toString(p[i]), Double.toString(q[i]));
                }
            }
        }
        return "values differ";
    }
}
