package advtrain.cli;

import advtrain.certify.Ball;
import advtrain.certify.Certificate;
import advtrain.certify.Certifier;
import advtrain.certify.Method;
import advtrain.data.DataSpec;
import advtrain.data.Dataset;
import advtrain.data.NdArray;
import advtrain.data.Npz;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.loss.Losses;
import advtrain.model.ModelIO;
import advtrain.model.Network;
import advtrain.threat.Norm;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code advtrain certify --model M.npz --data SPEC --norm linf|l2 --eps E [--box lo,hi] --method ibp|crown
 * --out bounds.npz}: certified bounds for every row ({@link Certifier}); writes {@code f_lower}, {@code f_upper}
 * (k = 1) or {@code margin_lower} (n x k, the label's own column 0), {@code loss_upper} and {@code certified}
 * (int64, 1 where every margin lower bound is > 0); prints certified accuracy and the certified UPPER bound on
 * the robust loss L_*.
 */
final class CertifyCommand implements Command {

    @Override
    public String name() {
        return "certify";
    }

    @Override
    public String summary() {
        return "certified bounds (IBP or CROWN): per-sample output/margin and loss upper bounds, UPPER bound on L_*";
    }

    @Override
    public Options options() {
        return new Options("certify --model M.npz --data SPEC --norm linf|l2 --eps E [--box lo,hi] [--method ibp|crown] [--out bounds.npz]")
                .flag("--model", null, "model file (model.npz written by train)")
                .flag("--data", null, "data spec, e.g. digits,normalize=sphere,split=test")
                .flag("--norm", "linf", "norm of the perturbation ball: linf or l2")
                .flag("--eps", null, "radius of the ball (>= 0)")
                .flag("--box", null, "intersect the ball with the box [lo, hi]^d, e.g. 0,1")
                .flag("--method", "crown", "bound propagation: ibp (intervals) or crown (linear bounds, never looser)")
                .flag("--loss", null, "loss: " + Losses.NAMES + " (default: logistic for k = 1, cross-entropy otherwise)")
                .flag("--out", null, "write f_lower, f_upper | margin_lower, loss_upper, certified to this npz (atomically)");
    }

    @Override
    public int run(Options.Parsed args, Console console) throws Exception {
        Path modelPath = Path.of(args.get("--model"));
        DataSpec dataSpec = DataSpec.parse(args.get("--data"));
        Norm norm = Norm.parse(args.get("--norm"), "--norm");
        double eps = args.getDouble("--eps");
        if (eps < 0) {
            throw new IllegalArgumentException("--eps must be >= 0, got " + args.get("--eps"));
        }
        Ball ball = Ball.of(norm, eps);
        if (args.given("--box")) {
            double[] box = Ball.parseBox(args.get("--box"));
            ball = ball.withBox(box[0], box[1]);
        }
        Method method = Method.parse(args.get("--method"));
        Network net = ModelIO.read(modelPath);
        Dataset data = dataSpec.load();
        if (data.d() != net.inputDim()) {
            throw new IllegalArgumentException("--data " + data.name() + " has d=" + data.d() + " but the model " + modelPath
                    + " expects d=" + net.inputDim());
        }
        if (data.outputDim() != net.outputDim()) {
            throw new IllegalArgumentException("--data " + data.name() + " has " + data.classes() + " classes (k="
                    + data.outputDim() + ") but the model " + modelPath + " has k=" + net.outputDim());
        }
        int k = net.outputDim();
        Loss loss = Losses.checkFor(args.given("--loss") ? Losses.parse(args.get("--loss")) : Losses.defaultFor(k), k);
        console.out().printf(Locale.ROOT, "certify  %s over %s, loss %s%n", method, ball, loss.name());
        console.out().printf(Locale.ROOT, "data     %s (n=%d, d=%d), model %s m=%d k=%d%n", data.name(), data.n(), data.d(),
                net.kind(), net.width(), k);
        Certificate c;
        long t0 = System.nanoTime();
        try (Parallel par = console.newParallel()) {
            c = Certifier.of(net, par).certify(method, ball, loss, data.x(), data.y(), data.n());
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        console.out().printf(Locale.ROOT, "certified accuracy        %.2f%%   (a LOWER bound on robust accuracy)%n",
                100 * c.certifiedAccuracy());
        console.out().printf(Locale.ROOT, "certified loss bound      %.6f   (an UPPER bound on the robust loss L_*)%n",
                c.robustLossUpper());
        console.out().printf(Locale.ROOT, "time                      %.2f s (%.1f samples/s)%n", secs, data.n() / Math.max(secs, 1e-9));
        if (args.given("--out")) {
            Path out = Path.of(args.get("--out"));
            Npz.write(out, arrays(c), false);
            console.out().println("wrote    " + out + "  (" + String.join(", ", arrays(c).keySet()) + ")");
        }
        return 0;
    }

    /** The npz arrays of a certificate. */
    static Map<String, NdArray> arrays(Certificate c) {
        int n = c.n();
        int per = c.outputsPerSample();
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        if (c.k() == 1) {
            double[] lo = new double[n];
            double[] hi = new double[n];
            for (int i = 0; i < n; i++) {
                lo[i] = c.outputs()[i * per];
                hi[i] = c.outputs()[i * per + 1];
            }
            arrays.put("f_lower", NdArray.ofDoubles(lo, n));
            arrays.put("f_upper", NdArray.ofDoubles(hi, n));
        } else {
            arrays.put("margin_lower", NdArray.ofDoubles(c.outputs(), n, c.k()));
        }
        arrays.put("loss_upper", NdArray.ofDoubles(c.lossUpper(), n));
        long[] cert = new long[n];
        for (int i = 0; i < n; i++) {
            cert[i] = c.certified()[i] ? 1 : 0;
        }
        arrays.put("certified", NdArray.ofLongs(cert, n));
        return arrays;
    }
}
