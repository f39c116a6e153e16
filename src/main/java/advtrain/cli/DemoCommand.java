package advtrain.cli;

import advtrain.data.DataSpec;
import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.loss.Losses;
import advtrain.model.DeepReluNet;
import advtrain.model.ModelIO;
import advtrain.model.Network;
import advtrain.threat.AttackSpec;
import advtrain.train.Compatibility;
import advtrain.train.Evaluator;
import advtrain.train.Projection;
import advtrain.train.RunFolder;
import advtrain.train.Training;
import advtrain.train.TrainingRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code advtrain demo}: the main job in about a minute on two cores. Trains a wide deep ReLU net (paper eq. 1)
 * adversarially (PGD, l2 ball) on the embedded digits normalised onto the unit sphere, with projection onto
 * B(R), then a standard-trained twin of the same width, seed and schedule, and compares them under the same
 * attack. Writes {@code DIR/adversarial} and {@code DIR/standard} (full run folders with reports) and
 * {@code DIR/README.md} with the table.
 */
final class DemoCommand implements Command {

    static final String DATA = "digits:normalize=sphere";
    static final int WIDTH = 256;
    static final int DEPTH = 2;
    /** l2 radius: below half the smallest inter-class distance of digits on the sphere (0.273, NOTES.md). */
    static final double EPS = 0.13;
    static final String ATTACK = "pgd:norm=l2,eps=0.13,steps=10";
    /** The stronger evaluation attack: more steps and restarts than training used. */
    static final String STRONG = "pgd:norm=l2,eps=0.13,steps=20,restarts=2";
    static final double RADIUS = 60;
    static final double LR = 0.1;
    static final int BATCH = 32;
    static final int EPOCHS = 8;
    static final long SEED = 1;

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "the main job: adversarial vs standard training of a wide ReLU net on digits (about a minute)";
    }

    @Override
    public Options options() {
        return new Options("demo [--out DIR] [--force] [--epochs E] [--width M]")
                .flag("--out", null, "where to write (default runs/demo-YYYYmmdd-HHMMSS, never an existing folder)")
                .flagSwitch("--force", "reuse an existing --out folder, replacing the demo's run files in it")
                .flag("--epochs", String.valueOf(EPOCHS), "passes over the training set for each model")
                .flag("--width", String.valueOf(WIDTH), "width m of both networks");
    }

    private record Row(String name, double clean, double attacked, double strong, double strongLoss, String dist, double seconds) {
    }

    @Override
    public int run(Options.Parsed args, Console console) throws Exception {
        Path out = args.given("--out") ? Path.of(args.get("--out"))
                : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        boolean force = args.isSet("--force");
        int epochs = args.getInt("--epochs");
        int width = args.getInt("--width");
        if (Files.isDirectory(out) && Files.list(out).findAny().isPresent() && !force) {
            throw new IllegalArgumentException("--out " + out + " already exists and is not empty: pass --force to replace the demo's files there, or choose another --out");
        }
        Files.createDirectories(out);
        Dataset train = DataSpec.parse(DATA).with("split", "train").load();
        Dataset test = DataSpec.parse(DATA).with("split", "test").load();
        Loss loss = Losses.parse("cross-entropy");
        List<Row> rows = new ArrayList<>();
        try (Parallel par = console.newParallel()) {
            Compatibility.Closest c = Compatibility.check(train, Compatibility.Norm.L2, EPS, false, par);
            console.out().printf(Locale.ROOT, "data: digits on the unit sphere, %d train / %d test rows, d=%d, 10 classes; "
                    + "closest pair of different labels %.3f apart > 2 eps = %.2f (Def. 3.1 holds)%n", train.n(), test.n(), train.d(),
                    c.distance(), 2 * EPS);
            console.out().printf(Locale.ROOT, "model: deep ReLU net (eq. 1), width m=%d, H=%d trained layers, A and a fixed; "
                    + "%d epochs of SGD (batch %d, lr %s), seed %d, %d threads, %s%n", width, DEPTH, epochs, BATCH,
                    Double.toString(LR), SEED, par.threads(), advtrain.kernel.Simd.describe());
            for (boolean adversarial : new boolean[] {true, false}) {
                String name = adversarial ? "adversarial" : "standard";
                Path dir = out.resolve(name);
                RunFolder.prepareNew(dir, true);
                console.out().println(adversarial
                        ? "training adversarially: each batch attacked by " + ATTACK + ", projection onto B(R), R=" + RADIUS
                        : "training the standard twin: same width, seed, schedule and R, clean inputs (attack: identity)");
                Network net = DeepReluNet.init(train.d(), width, DEPTH, train.outputDim(), SEED, par);
                Training.Builder b = Training.builder().data(train).test(test).network(net).loss(loss)
                        .attack(AttackSpec.parse(adversarial ? ATTACK : "identity").newAttack())
                        .evalAttack(AttackSpec.parse(STRONG).newAttack()).evalRows(test.n())
                        .lr(LR).batch(BATCH).epochs(epochs).seed(SEED).parallel(par).logEvery(1).checkpointEvery(100)
                        .out(dir).modelWriter((n, f) -> ModelIO.write(f, n)).listener(new Progress(console))
                        .config("data_spec", DATA).config("demo", name).radius(RADIUS);
                long t0 = System.nanoTime();
                TrainingRun.Result r = b.build().train();
                Evaluator ev = new Evaluator(net, loss, 128, par);
                double clean = ev.evaluate(null, test, 0, SEED).accuracy();
                double attacked = ev.evaluate(AttackSpec.parse(ATTACK).newAttack(), test, 0, SEED).accuracy();
                List<String> ds = new ArrayList<>();
                for (int h = 0; h < net.blocks(); h++) {
                    ds.add(String.format(Locale.ROOT, "%.1f", Projection.distanceScale(net) * Projection.blockDistance(net, h)));
                }
                rows.add(new Row(name, clean, attacked, r.lastEval().testRobustAccuracy(), r.lastEval().testRobustLower(),
                        String.join(" / ", ds), (System.nanoTime() - t0) / 1e9));
            }
        }
        String table = table(rows);
        console.out().println();
        console.out().print(table);
        console.out().printf(Locale.ROOT, "%nrun folders: %s and %s (report.md, metrics.csv, model.npz, plots)%n",
                out.resolve("adversarial"), out.resolve("standard"));
        String readme = "# advtrain demo\n\nTest set of digits (on the unit sphere), l2 attacks with eps = " + EPS + ".\n\n" + table
                + "\nReports: [adversarial](adversarial/report.md), [standard](standard/report.md).\n";
        Files.writeString(out.resolve("README.md"), readme, StandardCharsets.UTF_8);
        return 0;
    }

    private static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "| %-11s | %-9s | %-20s | %-23s | %-22s | %-21s | %-7s |%n", "training", "clean acc",
                "PGD-10 acc (train's)", "PGD-20x2 acc (stronger)", "L_* >= (PGD-20x2 loss)", "sqrt(m)||W_h-W_h(0)||", "time"));
        sb.append(String.format(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(13), "-".repeat(11), "-".repeat(22), "-".repeat(25),
                "-".repeat(24), "-".repeat(23), "-".repeat(9)));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %-11s | %9.3f | %20.3f | %23.3f | %22.3f | %-21s | %6.1fs |%n", r.name, r.clean,
                    r.attacked, r.strong, r.strongLoss, r.dist, r.seconds));
        }
        return sb.toString();
    }
}
