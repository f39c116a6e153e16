package advtrain.train;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.model.Network;
import advtrain.threat.Attack;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training loop around a {@link Trainer}: runs it to step T, evaluates at intervals, logs
 * {@code metrics.csv}, writes checkpoints and the final model into a run folder (optional), and reports
 * progress to a {@link Listener}.
 *
 * <p>Per step t: (1) if t is a multiple of {@code evalEvery}, evaluate (updating the running minimum of L_A);
 * (2) if t is a multiple of {@code checkpointEvery} or t = T, checkpoint; (3) at t = T, if (1) did not run,
 * evaluate (after the checkpoint, so the checkpoint holds exactly an uninterrupted run's state); (4) if t is a
 * multiple of {@code logEvery} or t = T, append a metrics row. A resumed run therefore writes the same rows as
 * an uninterrupted one (see {@link MetricsLog#resume}).
 *
 * <p>The evaluation: L_A on the full training set with the training attack; the strong attack's loss and
 * accuracy on the first {@code evalRows} rows of train and test (a LOWER bound on L_*); clean test
 * accuracy; and, when an {@link UpperBound} is given, the certified UPPER bound on the same rows.
 */
public final class TrainingRun {

    /** Progress callbacks (the CLI's progress line; tests). */
    public interface Listener {
        /** After each step; {@code eval} is null unless this step was evaluated. */
        void onStep(StepStats s, long totalSteps, EvalRow eval, double trainSeconds);
    }

    /** A certified upper bound on the robust loss L_* over the first {@code rows} rows of a dataset (NaN when none). */
    public interface UpperBound {
        double bound(Network net, Dataset data, int rows);
    }

    /**
     * An instrument measured at evaluations, e.g. the largest linearization error |f(W, x) - f_lin(W, x)| on a
     * probe set (the theory layer's {@code LinearizationProbe::measure}; passed in because theory sits above train).
     */
    public interface Probe {
        double measure(Network net);
    }

    /** Writes a network to a model file (model.npz). */
    public interface ModelWriter {
        void write(Network net, Path file) throws IOException;
    }

    /** What a run ends with. */
    public record Result(long steps, double runningMin, EvalRow lastEval, double trainSeconds, Path out) {
    }

    private final Trainer trainer;
    private final long totalSteps;
    private final Attack evalAttack;
    private final Dataset test;
    private final int evalRows;
    private final int logEvery;
    private final int evalEvery;
    private final int checkpointEvery;
    private final Path out;
    private final ModelWriter modelWriter;
    private final UpperBound upper;
    private final Listener listener;
    private final Parallel par;
    private final int keepCheckpoints;
    private final Probe linearization;

    private TrainingRun(Builder b) {
        this.linearization = b.linearization;
        this.trainer = b.trainer;
        this.totalSteps = b.totalSteps;
        this.evalAttack = b.evalAttack;
        this.test = b.test;
        this.evalRows = b.evalRows;
        this.logEvery = b.logEvery;
        this.evalEvery = b.evalEvery;
        this.checkpointEvery = b.checkpointEvery;
        this.out = b.out;
        this.modelWriter = b.modelWriter;
        this.upper = b.upper;
        this.listener = b.listener;
        this.par = b.par;
        this.keepCheckpoints = b.keepCheckpoints;
    }

    /** A run of {@code trainer} (already restored when resuming) to {@code totalSteps} steps. */
    public static Builder builder(Trainer trainer, long totalSteps, Parallel par) {
        return new Builder(trainer, totalSteps, par);
    }

    /** Settings of the loop; defaults: log every step, evaluate only at the end, checkpoint every 100 steps. */
    public static final class Builder {
        private final Trainer trainer;
        private final long totalSteps;
        private final Parallel par;
        private Attack evalAttack;
        private Dataset test;
        private int evalRows = 500;
        private int logEvery = 1;
        private int evalEvery = 0;
        private int checkpointEvery = 100;
        private int keepCheckpoints = 2;
        private Path out;
        private ModelWriter modelWriter;
        private UpperBound upper;
        private Listener listener;
        private Probe linearization;

        private Builder(Trainer trainer, long totalSteps, Parallel par) {
            if (totalSteps < 0) {
                throw new IllegalArgumentException("--steps must be >= 0, got " + totalSteps);
            }
            this.trainer = trainer;
            this.totalSteps = totalSteps;
            this.par = par;
        }

        /** The strong attack whose loss is the lower bound on L_* (null: no robust evaluation). */
        public Builder evalAttack(Attack a) {
            this.evalAttack = a;
            return this;
        }

        /** The held-out set (null: none). */
        public Builder test(Dataset t) {
            this.test = t;
            return this;
        }

        /** Rows of train and test the strong evaluation uses (the first ones; <= 0: all). */
        public Builder evalRows(int n) {
            this.evalRows = n;
            return this;
        }

        public Builder logEvery(int n) {
            this.logEvery = positive("--log-every", n);
            return this;
        }

        /** Evaluate every n steps (0: only at the end). */
        public Builder evalEvery(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("--eval-every must be >= 0, got " + n);
            }
            this.evalEvery = n;
            return this;
        }

        public Builder checkpointEvery(int n) {
            this.checkpointEvery = positive("--checkpoint-every", n);
            return this;
        }

        /** How many of the newest checkpoints to keep (older ones are deleted after a new one is written). */
        public Builder keepCheckpoints(int n) {
            this.keepCheckpoints = positive("keepCheckpoints", n);
            return this;
        }

        /** The run folder (null: nothing written). It must exist; see {@link RunFolder}. */
        public Builder out(Path dir) {
            this.out = dir;
            return this;
        }

        public Builder modelWriter(ModelWriter w) {
            this.modelWriter = w;
            return this;
        }

        public Builder upperBound(UpperBound u) {
            this.upper = u;
            return this;
        }

        public Builder listener(Listener l) {
            this.listener = l;
            return this;
        }

        /** The linearization-error instrument measured at evaluations (null: none). */
        public Builder linearization(Probe p) {
            this.linearization = p;
            return this;
        }

        private static int positive(String name, int n) {
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + n);
            }
            return n;
        }

        public TrainingRun build() {
            return new TrainingRun(this);
        }
    }

    /** Runs to step T; returns the final state. Divergence stops the run naming the step and the last good checkpoint. */
    public Result run() throws IOException {
        Network net = trainer.network();
        Evaluator evaluator = new Evaluator(net, trainer.loss(), trainer.settings().chunk(), par);
        long start = trainer.stepsDone();
        if (start > totalSteps) {
            throw new IllegalArgumentException("the run is already at step " + start + ", past --steps " + totalSteps);
        }
        MetricsLog log = null;
        Path ckDir = null;
        Path lastCheckpoint = null;
        if (out != null) {
            ckDir = out.resolve(RunFolder.CHECKPOINTS);
            Files.createDirectories(ckDir);
            Path metrics = out.resolve(RunFolder.METRICS);
            if (start == 0) {
                log = MetricsLog.create(metrics, net.blocks());
            } else {
                log = MetricsLog.resume(metrics, net.blocks(), start, start % logEvery == 0,
                        evalEvery > 0 && start % evalEvery == 0, trainer.runningMin());
            }
            lastCheckpoint = ckDir.resolve(Checkpoint.fileName(start));
            if (start == 0 || !Files.exists(lastCheckpoint)) {
                writeCheckpoint(ckDir);
            }
        }
        EvalRow lastEval = null;
        try {
            while (trainer.stepsDone() < totalSteps) {
                StepStats s;
                try {
                    s = trainer.step();
                } catch (DivergenceException e) {
                    throw new IllegalStateException(e.getMessage() + "; nothing was written for this step; last good checkpoint: "
                            + (lastCheckpoint == null ? "none (no run folder)" : lastCheckpoint), e);
                }
                long t = s.step;
                boolean scheduledEval = evalEvery > 0 && t % evalEvery == 0;
                EvalRow ev = scheduledEval ? evaluate(evaluator, t) : null;
                if (ckDir != null && (t % checkpointEvery == 0 || t == totalSteps)) {
                    lastCheckpoint = writeCheckpoint(ckDir);
                }
                if (t == totalSteps && !scheduledEval) {
                    ev = evaluate(evaluator, t);
                }
                double secs = trainer.elapsedNanos() / 1e9;
                if (log != null && (t % logEvery == 0 || t == totalSteps)) {
                    log.append(MetricsLog.row(s, trainer.runningMin(), secs, ev));
                }
                if (ev != null) {
                    lastEval = ev;
                }
                if (listener != null) {
                    listener.onStep(s, totalSteps, ev, secs);
                }
            }
        } finally {
            if (log != null) {
                log.close();
            }
        }
        if (out != null && modelWriter != null) {
            modelWriter.write(net, out.resolve(RunFolder.MODEL));
        }
        return new Result(trainer.stepsDone(), trainer.runningMin(), lastEval, trainer.elapsedNanos() / 1e9, out);
    }

    private EvalRow evaluate(Evaluator ev, long step) {
        Network net = trainer.network();
        Dataset train = trainer.data();
        long seed = trainer.settings().seed();
        double la = ev.evaluate(trainer.attack(), train, 0, seed).loss();
        trainer.recordFullSurrogate(la);
        double trLo = Double.NaN;
        double trAcc = Double.NaN;
        double teLo = Double.NaN;
        double teAcc = Double.NaN;
        double teClean = Double.NaN;
        if (evalAttack != null) {
            Evaluator.Result r = ev.evaluate(evalAttack, train, evalRows, seed);
            trLo = r.loss();
            trAcc = r.accuracy();
        }
        if (test != null) {
            teClean = ev.evaluate(null, test, evalRows, seed).accuracy();
            if (evalAttack != null) {
                Evaluator.Result r = ev.evaluate(evalAttack, test, evalRows, seed);
                teLo = r.loss();
                teAcc = r.accuracy();
            }
        }
        double trUp = upper == null ? Double.NaN : upper.bound(net, train, evalRows);
        double teUp = upper == null || test == null ? Double.NaN : upper.bound(net, test, evalRows);
        double lin = linearization == null ? Double.NaN : linearization.measure(net);
        return new EvalRow(step, la, trLo, trAcc, trUp, teClean, teLo, teAcc, teUp, lin);
    }

    private Path writeCheckpoint(Path ckDir) throws IOException {
        Path file = ckDir.resolve(Checkpoint.fileName(trainer.stepsDone()));
        trainer.checkpoint().write(file);
        List<Path> all = checkpoints(ckDir);
        for (int i = 0; i + keepCheckpoints < all.size(); i++) {
            Files.deleteIfExists(all.get(i));
        }
        return file;
    }

    /** The checkpoint files of a folder, oldest first. */
    public static List<Path> checkpoints(Path ckDir) throws IOException {
        List<Path> all = new ArrayList<>();
        if (!Files.isDirectory(ckDir)) {
            return all;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(ckDir, "step-*.ckpt")) {
            for (Path p : ds) {
                all.add(p);
            }
        }
        all.sort(null);
        return all;
    }

    /** The newest checkpoint that reads back intact (a damaged newest one falls back to the one before). */
    public static Checkpoint latest(Path ckDir) throws IOException {
        List<Path> all = checkpoints(ckDir);
        IOException first = null;
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                return Checkpoint.read(all.get(i));
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        throw first != null ? first : new IOException(ckDir + ": no checkpoint to resume from");
    }
}
