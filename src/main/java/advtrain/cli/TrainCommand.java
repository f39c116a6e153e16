package advtrain.cli;

import advtrain.certify.Ball;
import advtrain.certify.Certifier;
import advtrain.certify.Method;
import advtrain.data.DataSpec;
import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.loss.Losses;
import advtrain.model.Activation;
import advtrain.model.DeepReluNet;
import advtrain.model.ModelIO;
import advtrain.model.Network;
import advtrain.model.TwoLayerNet;
import advtrain.theory.LinearizationProbe;
import advtrain.threat.AttackSpec;
import advtrain.threat.Norm;
import advtrain.train.Compatibility;
import advtrain.train.RunFolder;
import advtrain.train.Schedule;
import advtrain.train.Training;
import advtrain.train.TrainingRun;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code advtrain train}: adversarial training with projection onto B(R) into a run folder (see
 * {@link advtrain.train.TrainingRun}, {@link advtrain.train.RunFolder}). Every flag's resolved value is
 * stored in config.json under {@code "cli"}; {@code --resume DIR} rebuilds the run from there, so only
 * {@code --steps}/{@code --epochs} (and {@code --threads}, which never changes results) may be given with it.
 */
final class TrainCommand implements Command {

    /** Flags that may accompany --resume (they do not change the trajectory). */
    private static final Set<String> RESUME_FLAGS = Set.of("--resume", "--steps", "--epochs");
    /** Flags not stored in the config (per-invocation). */
    private static final Set<String> TRANSIENT = Set.of("--resume", "--force", "--out");

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "adversarial training with projection onto B(R) into a run folder (config, metrics, model, report)";
    }

    @Override
    public Options options() {
        return new Options("train --data SPEC [--model deep|two-layer --width M --depth H --attack SPEC --radius R|none "
                + "--lr X|--schedule S --steps T|--epochs E --batch B|full --seed S --out DIR] | train --resume DIR --steps T")
                .flag("--data", "digits:normalize=sphere", "training data spec (see advtrain data --help); split=train is added unless the spec has a split")
                .flag("--test", "auto", "held-out data spec, auto (the spec's split=test) or none")
                .flag("--model", "deep", "deep (paper eq. 1, ReLU) or two-layer (eq. 4)")
                .flag("--width", "512", "width m")
                .flag("--depth", "2", "trained layers H (deep net)")
                .flag("--activation", "relu", "activation (two-layer net: " + "relu, softplus, tanh, sigmoid, gelu, quadratic-relu; the deep net is ReLU)")
                .flag("--loss", "auto", "logistic, square, cross-entropy, or auto (logistic for 2 classes, cross-entropy otherwise)")
                .flag("--attack", "pgd:norm=l2,eps=0.1,steps=10", "the perturbation function A(W, x) used in training (identity: standard training)")
                .flag("--eval-attack", "auto", "strong attack for the robust-loss lower bound: a spec, none, or auto (ensemble of APGD-CE, PGD and, for k >= 3, APGD-DLR at the training attack's norm and eps)")
                .flag("--certify", "crown", "certified UPPER bound on L_* at evaluations over the same ball as the strong attack: crown, ibp or none (CROWN costs O(m^2 d) per row: use ibp or none for wide nets on large inputs)")
                .flag("--probe-rows", "64", "linearization error |f - f_lin| (Taylor at W(0)) measured at evaluations on the first N training rows (0: off)")
                .flag("--radius", "none", "R of the ball B(R) around init (deep: ||W_h - W_h(0)||_F <= R/sqrt(m)), or none")
                .flag("--lr", "0.05", "constant step size alpha (ignored with --schedule)")
                .flag("--schedule", null, "constant:lr=X or theory:eps=E[,c_alpha=A][,c_t=T] (Theorem 4.1 / Corollary 5.1: sets alpha and T)")
                .flag("--momentum", "0", "plain momentum mu in [0, 1) (0: the paper's plain step)")
                .flag("--steps", null, "steps T (default: --epochs, or T from the theory schedule)")
                .flag("--epochs", "5", "passes over the data when --steps is not given")
                .flag("--batch", "64", "mini-batch size B, or full (full-batch gradient descent, the theorem's algorithm)")
                .flag("--chunk", "128", "rows per forward/backward pass (sets the summation order, so it is part of the trajectory)")
                .flag("--seed", "1", "seed of every random draw (init, shuffles, attack starts)")
                .flag("--log-every", "1", "metrics.csv row every N steps")
                .flag("--eval-every", "0", "strong evaluation every N steps (0: only at the end)")
                .flag("--eval-rows", "500", "rows of train and test used by the strong evaluation (the first ones; 0: all)")
                .flag("--checkpoint-every", "100", "checkpoint every N steps (and at the end)")
                .flag("--out", null, "run folder (default runs/train-YYYYmmdd-HHMMSS)")
                .flag("--resume", null, "continue the run in this folder up to --steps T, bit-identically")
                .flagSwitch("--force", "replace an existing run folder's files")
                .flagSwitch("--allow-incompatible", "train even if eps violates Def. 3.1 (balls of different labels intersect); recorded in config.json");
    }

    @Override
    public int run(Options.Parsed args, Console console) throws Exception {
        Options.Parsed p = args;
        Path out;
        boolean resume = args.given("--resume");
        if (resume) {
            out = Path.of(args.get("--resume"));
            p = resumeArgs(args, out);
        } else {
            out = args.given("--out") ? Path.of(args.get("--out"))
                    : Path.of("runs", "train-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
            RunFolder.prepareNew(out, args.isSet("--force"));
        }
        try (Parallel par = console.newParallel()) {
            Training t = configure(p, par, console).out(out).listener(new Progress(console)).build();
            if (resume) {
                long from = t.resumeFrom(out);
                console.err().printf(Locale.ROOT, "resuming %s from step %d to %d%n", out, from, t.totalSteps());
            }
            TrainingRun.Result r = t.train();
            printSummary(console, r, out);
        }
        return 0;
    }

    /** The stored flags of a run, with --steps/--epochs from this command line. */
    private Options.Parsed resumeArgs(Options.Parsed args, Path dir) throws Exception {
        for (String f : List.of("--data", "--test", "--model", "--width", "--depth", "--activation", "--loss", "--attack",
                "--eval-attack", "--certify", "--probe-rows", "--radius", "--lr", "--schedule", "--momentum", "--batch", "--chunk", "--seed", "--log-every",
                "--eval-every", "--eval-rows", "--checkpoint-every", "--out", "--force", "--allow-incompatible")) {
            if (args.given(f) && !RESUME_FLAGS.contains(f)) {
                throw new IllegalArgumentException(f + " cannot be changed on --resume (it would change the trajectory); "
                        + "only --steps/--epochs (and --threads) may be given");
            }
        }
        Map<String, Object> config = RunFolder.readConfig(dir);
        Object cli = config.get("cli");
        if (!(cli instanceof Map<?, ?> stored)) {
            throw new IllegalArgumentException(dir.resolve(RunFolder.CONFIG) + ": no \"cli\" settings (not written by advtrain train?)");
        }
        List<String> argv = new ArrayList<>();
        for (Map.Entry<?, ?> e : stored.entrySet()) {
            String flag = (String) e.getKey();
            if (e.getValue() == null || flag.equals("--steps") || flag.equals("--epochs")) {
                continue;
            }
            if (e.getValue() instanceof Boolean b) {
                if (b) {
                    argv.add(flag);
                }
            } else {
                argv.add(flag);
                argv.add(String.valueOf(e.getValue()));
            }
        }
        if (args.given("--steps")) {
            argv.add("--steps");
            argv.add(args.get("--steps"));
        } else if (args.given("--epochs")) {
            argv.add("--epochs");
            argv.add(args.get("--epochs"));
        } else {
            throw new IllegalArgumentException("--resume needs --steps T (or --epochs E): the step to continue to");
        }
        return options().parse(argv.toArray(new String[0]));
    }

    /** The flags' resolved values, as stored in config.json under "cli". */
    private Map<String, Object> cliValues(Options.Parsed p) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : List.of("--data", "--test", "--model", "--width", "--depth", "--activation", "--loss", "--attack",
                "--eval-attack", "--certify", "--probe-rows", "--radius", "--lr", "--schedule", "--momentum", "--steps", "--epochs", "--batch", "--chunk",
                "--seed", "--log-every", "--eval-every", "--eval-rows", "--checkpoint-every")) {
            m.put(f, p.getOrNull(f));
        }
        m.put("--allow-incompatible", p.isSet("--allow-incompatible"));
        return m;
    }

    /** Builds the training from resolved flags (shared with the demo). */
    Training.Builder configure(Options.Parsed p, Parallel par, Console console) throws Exception {
        DataSpec spec = DataSpec.parse(p.get("--data"));
        boolean hasSplit = spec.options().containsKey("split");
        Dataset train = (hasSplit ? spec : spec.with("split", "train")).load();
        String testFlag = p.get("--test");
        Dataset test = null;
        String testSpec = null;
        if (testFlag.equals("auto")) {
            if (!hasSplit) {
                DataSpec ts = spec.with("split", "test");
                testSpec = ts.toString();
                test = ts.load();
            }
        } else if (!testFlag.equals("none")) {
            DataSpec ts = DataSpec.parse(testFlag);
            testSpec = ts.toString();
            test = ts.load();
        }
        int k = train.outputDim();
        int m = p.getInt("--width");
        int depth = p.getInt("--depth");
        long seed = p.getLong("--seed");
        String model = p.get("--model");
        Network net = switch (model) {
            case "deep" -> {
                if (!p.get("--activation").equals("relu")) {
                    throw new IllegalArgumentException("--activation: the deep net (paper eq. 1) is ReLU only, got '" + p.get("--activation") + "'");
                }
                yield DeepReluNet.init(train.d(), m, depth, k, seed, par);
            }
            case "two-layer" -> TwoLayerNet.init(train.d(), m, k, Activation.parse(p.get("--activation")), seed);
            default -> throw new IllegalArgumentException("--model must be deep or two-layer, got '" + model + "'");
        };
        Loss loss = p.get("--loss").equals("auto") ? Losses.defaultFor(k) : Losses.checkFor(Losses.parse(p.get("--loss")), k);
        AttackSpec attack = AttackSpec.parse(p.get("--attack"));
        AttackSpec evalAttack = evalAttack(p.get("--eval-attack"), attack, k);
        boolean allow = p.isSet("--allow-incompatible");
        Compatibility.Closest closest = null;
        if (!attack.name().equals("identity") || evalAttack != null) {
            AttackSpec ref = attack.name().equals("identity") ? evalAttack : attack;
            closest = Compatibility.check(train, ref.norm() == Norm.L2 ? Compatibility.Norm.L2 : Compatibility.Norm.LINF,
                    ref.eps(), allow, par);
        }
        String radiusText = p.get("--radius");
        double radius = radiusText.equals("none") ? Double.POSITIVE_INFINITY : p.getDouble("--radius");
        Schedule schedule = p.given("--schedule") ? Schedule.parse(p.get("--schedule")) : Schedule.constant(p.getDouble("--lr"));
        String batch = p.get("--batch");
        Training.Builder b = Training.builder().data(train).test(test).network(net).loss(loss).attack(attack.newAttack())
                .evalAttack(evalAttack == null ? null : evalAttack.newAttack()).radius(radius).schedule(schedule)
                .momentum(p.getDouble("--momentum")).batch(batch.equals("full") ? 0 : p.getInt("--batch"))
                .chunk(p.getInt("--chunk")).seed(seed).parallel(par).logEvery(p.getInt("--log-every"))
                .evalEvery(p.getInt("--eval-every")).evalRows(p.getInt("--eval-rows"))
                .checkpointEvery(p.getInt("--checkpoint-every")).modelWriter((n, f) -> ModelIO.write(f, n));
        if (!batch.equals("full") && p.getInt("--batch") < 1) {
            throw new IllegalArgumentException("--batch must be a positive integer or full, got '" + batch + "'");
        }
        int probeRows = Math.min(p.getInt("--probe-rows"), train.n());
        if (probeRows > 0) {
            LinearizationProbe probe = new LinearizationProbe(net, train.x(), probeRows, 0, par);
            b.linearization(probe::measure).config("linearization_probe", "first " + probeRows + " training rows, output 0");
        }
        String certify = p.get("--certify");
        AttackSpec ballOf = evalAttack != null ? evalAttack : attack.name().equals("identity") ? null : attack;
        if (!certify.equals("none") && ballOf != null) {
            Method method = Method.parse(certify);
            Ball ball = Ball.of(ballOf.perturbationSet());
            b.upperBound((n, data, rows) -> Certifier.of(n, par)
                    .certify(method, ball, loss, data.x(), data.y(), rows <= 0 || rows > data.n() ? data.n() : rows).robustLossUpper());
            b.config("certify", method.spec() + " over " + ball);
        }
        if (p.given("--steps")) {
            b.steps(p.getLong("--steps"));
        } else if (!(schedule.kind() == Schedule.Kind.THEORY)) {
            b.epochs(p.getInt("--epochs"));
        }
        b.config("data_spec", (hasSplit ? spec : spec.with("split", "train")).toString())
                .config("data_sha256", train.contentSha256())
                .config("test_spec", testSpec)
                .config("test_sha256", test == null ? null : test.contentSha256())
                .config("attack_describe", attack.describe())
                .config("allow_incompatible", allow)
                .config("min_interclass_distance", closest == null ? null : closest.distance())
                .config("closest_pair", closest == null ? null : closest.rowI() + "," + closest.rowJ())
                .config("cli", cliValues(p));
        return b;
    }

    /** The strong evaluation attack: a spec, none, or auto (see the flag's help). */
    static AttackSpec evalAttack(String flag, AttackSpec train, int k) {
        if (flag.equals("none")) {
            return null;
        }
        if (!flag.equals("auto")) {
            return AttackSpec.parse(flag);
        }
        if (train.name().equals("identity")) {
            return null;
        }
        StringBuilder s = new StringBuilder("ensemble:apgd-ce+pgd").append(k >= 3 ? "+apgd-dlr" : "")
                .append(",norm=").append(train.norm().spec()).append(",eps=").append(Double.toString(train.eps()));
        if (train.sphere()) {
            s.append(",sphere=true");
        }
        if (train.hasBox()) {
            s.append(",box=").append(Double.toString(train.boxLo())).append(',').append(Double.toString(train.boxHi()));
        }
        return AttackSpec.parse(s.toString());
    }

    static void printSummary(Console console, TrainingRun.Result r, Path out) {
        var ev = r.lastEval();
        console.out().printf(Locale.ROOT, "trained %d steps in %.1f s; min_t L_A (full train) = %.4g%n", r.steps(), r.trainSeconds(), r.runningMin());
        if (ev != null) {
            console.out().printf(Locale.ROOT, "robust loss L_* (attack LOWER bound <= L_* <= certified UPPER bound): train %s <= L_* <= %s, "
                    + "test %s <= L_* <= %s; accuracy under the strong attack: train %s, test %s; clean test %s%n",
                    f(ev.trainRobustLower()), f(ev.trainCertifiedUpper()), f(ev.testRobustLower()), f(ev.testCertifiedUpper()),
                    f(ev.trainRobustAccuracy()), f(ev.testRobustAccuracy()), f(ev.testCleanAccuracy()));
        }
        console.out().println("run folder: " + out + " (report: " + out.resolve(RunFolder.REPORT) + ")");
    }

    static String f(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "-";
    }
}
