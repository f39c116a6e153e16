package advtrain.cli;

import advtrain.data.DataSpec;
import advtrain.data.Dataset;
import advtrain.data.NdArray;
import advtrain.data.Npz;
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
import advtrain.theory.SpectrumSummary;
import advtrain.theory.TwoLayerNtk;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code advtrain ntk}: the NTK Gram matrix of a data set, analytic (infinite width) or empirical (a
 * network of width m at its initialisation, normalised so that it is comparable with the analytic one),
 * written as an npz (K: float64 n x n, eigenvalues: float64 n ascending, y: int64 n, normalisation:
 * float64 [1]) with its eigenvalue range printed.
 */
final class NtkCommand implements Command {

    /** Largest n accepted: the Gram is n^2 doubles and its eigenvalues cost O(n^3). */
    static final int MAX_POINTS = 4096;

    @Override
    public String name() {
        return "ntk";
    }

    @Override
    public String summary() {
        return "NTK Gram matrix (analytic or empirical at width m) of a data set, its eigenvalue range, as npz";
    }

    @Override
    public Options options() {
        return new Options("ntk --data SPEC [--model deep|two-layer] [--kind analytic|empirical] [--out K.npz] [options]")
                .flag("--data", null, "data spec, e.g. sphere:n=200,d=10 or digits,classes=0,1,normalize=sphere,limit=300")
                .flag("--model", "deep", "deep (eq. 1, ReLU, W1..WH trained) or two-layer (eq. 4)")
                .flag("--depth", "1", "H, hidden layers of the deep net")
                .flag("--activation", "relu", "sigma of the two-layer net: relu, softplus, tanh, sigmoid, gelu, quadratic-relu")
                .flag("--kind", "analytic", "analytic (infinite width) or empirical (the network at init, Gram x normalisation)")
                .flag("--width", "1024", "m, for --kind empirical")
                .flag("--seed", "0", "initialisation seed, for --kind empirical")
                .flag("--output", "0", "which network output (0..k-1) for --kind empirical")
                .flag("--tolerance", String.valueOf(TwoLayerNtk.DEFAULT_TOLERANCE), "quadrature tolerance (smooth sigma, analytic)")
                .flagSwitch("--compare", "with --kind empirical: also build the analytic Gram and print the relative Frobenius error")
                .flag("--out", null, "write K, eigenvalues, y and normalisation to this npz (atomically)");
    }

    @Override
    public int run(Options.Parsed args, Console console) throws Exception {
        String model = args.get("--model");
        if (!model.equals("deep") && !model.equals("two-layer")) {
            throw new IllegalArgumentException("--model must be deep or two-layer, got '" + model + "'");
        }
        String kind = args.get("--kind");
        if (!kind.equals("analytic") && !kind.equals("empirical")) {
            throw new IllegalArgumentException("--kind must be analytic or empirical, got '" + kind + "'");
        }
        boolean deep = model.equals("deep");
        int depth = args.getInt("--depth");
        if (deep && depth < 1) {
            throw new IllegalArgumentException("--depth must be >= 1, got " + depth);
        }
        if (!deep && args.given("--depth")) {
            throw new IllegalArgumentException("--depth applies to the deep net only (the two-layer net has one hidden layer)");
        }
        Activation act = Activation.parse(args.get("--activation"));
        if (deep && act != Activation.RELU) {
            throw new IllegalArgumentException("--activation: the deep net of eq. (1) is ReLU, got '" + args.get("--activation") + "'");
        }
        double tol = args.getDouble("--tolerance");
        if (!(tol > 0)) {
            throw new IllegalArgumentException("--tolerance must be > 0, got " + tol);
        }
        boolean empirical = kind.equals("empirical");
        if (args.isSet("--compare") && !empirical) {
            throw new IllegalArgumentException("--compare needs --kind empirical");
        }
        Dataset ds = DataSpec.parse(args.get("--data")).load();
        int n = ds.n();
        int d = ds.d();
        if (n < 1 || n > MAX_POINTS) {
            throw new IllegalArgumentException("--data: need 1.." + MAX_POINTS + " points for a Gram matrix, got " + n
                    + " (add limit=N to the spec)");
        }
        PointKernel analytic = deep ? new DeepReluNtk(depth) : TwoLayerNtk.of(act.id(), act::derivative, tol);
        double[] k;
        double normalisation = 1.0;
        String what;
        long t0 = System.nanoTime();
        double quadratureError = 0.0;
        try (Parallel par = console.newParallel()) {
            if (empirical) {
                int m = args.getInt("--width");
                long seed = args.getLong("--seed");
                int output = args.getInt("--output");
                Network net = deep ? DeepReluNet.init(d, m, depth, ds.outputDim(), seed, par)
                        : TwoLayerNet.init(d, m, ds.outputDim(), act, seed);
                if (output < 0 || output >= net.outputDim()) {
                    throw new IllegalArgumentException("--output must be in 0.." + (net.outputDim() - 1) + ", got " + output);
                }
                normalisation = EmpiricalNtk.normalisation(net);
                k = GradientFactors.of(net, net.initialParams(), ds.x(), n, output, par).gram(par);
                for (int i = 0; i < k.length; i++) {
                    k[i] *= normalisation;
                }
                what = String.format(Locale.ROOT, "empirical NTK of the %s net at init (m=%d, %sseed=%d, output %d), Gram x %s",
                        model, m, deep ? "H=" + depth + ", " : "sigma=" + act.id() + ", ", seed, output,
                        deep ? "1/m" : "1");
            } else {
                KernelMatrix km = new KernelMatrix(analytic);
                k = km.gram(ds.x(), n, d, par);
                quadratureError = km.lastError();
                what = analytic.describe();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            SpectrumSummary s = SpectrumSummary.of(k, n);
            double[] ev = advtrain.theory.SymmetricEigen.eigenvalues(k, 0, n);
            console.out().printf(Locale.ROOT, "data         %s (n=%d, d=%d)%n", ds.name(), n, d);
            console.out().printf(Locale.ROOT, "kernel       %s%n", what);
            console.out().printf(Locale.ROOT, "gram         %d x %d in %.2f s%s%n", n, n, seconds,
                    empirical || quadratureError == 0 ? "" : String.format(Locale.ROOT, ", quadrature error <= %.2g", quadratureError));
            console.out().printf(Locale.ROOT, "eigenvalues  [%.6g, %.6g]  condition %.4g  %s%n", s.min(), s.max(),
                    s.condition(), s.positiveSemiDefinite() ? "PSD" : "NOT PSD (smallest < -1e-10 x largest)");
            if (args.isSet("--compare")) {
                double[] ka = new KernelMatrix(analytic).gram(ds.x(), n, d, par);
                console.out().printf(Locale.ROOT, "vs analytic  relative Frobenius error %.4g (%s)%n",
                        RandomFeatureError.relative(k, 1.0, ka, n), analytic.describe());
            }
            if (args.given("--out")) {
                Path out = Path.of(args.get("--out"));
                long[] y = new long[n];
                for (int i = 0; i < n; i++) {
                    y[i] = ds.y()[i];
                }
                Map<String, NdArray> arrays = new LinkedHashMap<>();
                arrays.put("K", NdArray.ofDoubles(k, n, n));
                arrays.put("eigenvalues", NdArray.ofDoubles(ev, n));
                arrays.put("y", NdArray.ofLongs(y, n));
                arrays.put("normalisation", NdArray.ofDoubles(new double[] {normalisation}, 1));
                Npz.write(out, arrays, false);
                console.out().println("wrote        " + out + "  (K: float64[" + n + ", " + n + "], eigenvalues, y, normalisation)");
            }
        }
        return 0;
    }
}
