package advtrain.cli;

import advtrain.data.DataSpec;
import advtrain.data.Dataset;
import advtrain.data.NdArray;
import advtrain.data.Npz;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.loss.Losses;
import advtrain.model.ModelIO;
import advtrain.model.Network;
import advtrain.threat.AttackRun;
import advtrain.threat.AttackSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code advtrain attack --model M.npz --data SPEC --attack SPEC --seed S --out adv.npz}: attacks every row and
 * writes {@code x_adv} (float64 n x d), {@code f_adv} (float64 n, or n x k), {@code loss} (float64 n) and
 * {@code success} (int64 n: 1 where the attacked point is misclassified); prints the surrogate loss L_A, the
 * clean loss, clean accuracy and accuracy under attack.
 */
final class AttackCommand implements Command {

    @Override
    public String name() {
        return "attack";
    }

    @Override
    public String summary() {
        return "attack a model on a dataset; write x_adv, f_adv, loss, success to an npz; print L_A and accuracies";
    }

    @Override
    public Options options() {
        return new Options("attack --model M.npz --data SPEC --attack SPEC [--seed S] [--out adv.npz]")
                .flag("--model", null, "model file (model.npz written by train)")
                .flag("--data", null, "data spec, e.g. digits,normalize=sphere,split=test")
                .flag("--attack", "pgd", "attack spec: " + String.join(", ", AttackSpec.NAMES)
                        + "; e.g. pgd:norm=linf,eps=0.1,steps=20; " + AttackSpec.DEFAULTS_HELP)
                .flag("--seed", "0", "seed of the attack's random streams")
                .flag("--loss", null, "loss: " + Losses.NAMES + " (default: logistic for k = 1, cross-entropy otherwise)")
                .flag("--batch", Integer.toString(AttackRun.DEFAULT_BATCH), "samples per batch (results do not depend on it)")
                .flag("--out", null, "write x_adv, f_adv, loss, success to this npz file (atomically)");
    }

    @Override
    public int run(Options.Parsed args, Console console) throws Exception {
        Path modelPath = Path.of(args.get("--model"));
        DataSpec dataSpec = DataSpec.parse(args.get("--data"));
        AttackSpec spec = AttackSpec.parse(args.get("--attack"));
        long seed = args.getLong("--seed");
        int batch = args.getInt("--batch");
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        Network net = ModelIO.read(modelPath);
        Dataset data = dataSpec.load();
        Loss loss = Losses.checkFor(args.given("--loss") ? Losses.parse(args.get("--loss")) : Losses.defaultFor(net.outputDim()),
                net.outputDim());
        console.out().println("attack   " + spec.describe());
        console.out().println("spec     " + spec);
        console.out().printf(Locale.ROOT, "data     %s (n=%d, d=%d), model %s m=%d k=%d, loss %s, seed %d%n", data.name(),
                data.n(), data.d(), net.kind(), net.width(), net.outputDim(), loss.name(), seed);
        try (Parallel par = console.newParallel()) {
            long t0 = System.nanoTime();
            AttackRun.Result clean = AttackRun.run(net, loss, data, AttackSpec.parse("identity"), seed, batch, par, false);
            AttackRun.Result adv = AttackRun.run(net, loss, data, spec, seed, batch, par, true);
            double secs = (System.nanoTime() - t0) / 1e9;
            console.out().printf(Locale.ROOT, "clean loss            %.6f%n", clean.surrogateLoss());
            console.out().printf(Locale.ROOT, "clean accuracy        %.2f%%%n", 100 * clean.accuracy());
            console.out().printf(Locale.ROOT, "surrogate loss L_A    %.6f   (a lower bound on the robust loss L_*)%n", adv.surrogateLoss());
            console.out().printf(Locale.ROOT, "accuracy under attack %.2f%%%n", 100 * adv.accuracy());
            console.out().printf(Locale.ROOT, "time                  %.2f s (%.1f samples/s)%n", secs, data.n() / Math.max(secs, 1e-9));
            if (args.given("--out")) {
                Path out = Path.of(args.get("--out"));
                int n = data.n();
                int k = net.outputDim();
                long[] success = new long[n];
                for (int i = 0; i < n; i++) {
                    success[i] = adv.correct()[i] ? 0 : 1;
                }
                Map<String, NdArray> arrays = new LinkedHashMap<>();
                arrays.put("x_adv", NdArray.ofDoubles(adv.xAdv(), n, data.d()));
                arrays.put("f_adv", k == 1 ? NdArray.ofDoubles(adv.f(), n) : NdArray.ofDoubles(adv.f(), n, k));
                arrays.put("loss", NdArray.ofDoubles(adv.loss(), n));
                arrays.put("success", NdArray.ofLongs(success, n));
                Npz.write(out, arrays, false);
                console.out().println("wrote    " + out + "  (x_adv, f_adv, loss, success)");
            }
        }
        return 0;
    }
}
