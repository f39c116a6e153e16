package advtrain.train;

import advtrain.Version;
import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.kernel.Simd;
import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.threat.Attack;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedding API: data, network, loss and attack in, a trained network, its evaluation and a run folder
 * out. No global state: the thread pool is either passed in ({@link Builder#parallel}, not closed here) or
 * owned ({@link Builder#threads}, closed by {@link #close()}).
 * <pre>{@code
 * try (Training run = Training.builder()
 *         .data(train).test(test)
 *         .network(DeepReluNet.init(train.d(), 512, 2, train.outputDim(), 1))
 *         .loss(Losses.parse("cross-entropy"))
 *         .attack(AttackSpec.parse("pgd:norm=l2,eps=0.1,steps=10").build())
 *         .radius(8).lr(0.05).batch(64).epochs(5).seed(1).threads(2)
 *         .build()) {
 *     TrainingRun.Result r = run.train();
 *     Evaluator.Result robust = run.evaluate(strongAttack, test);
 * }
 * }</pre>
 * Defaults: radius none (no projection), constant step 0.1, plain step (no momentum), full batch, 100 steps,
 * seed 1, all cores, chunk {@link TrainSettings#DEFAULT_CHUNK}, evaluation only at the end on the first 500 rows.
 */
public final class Training implements AutoCloseable {

    private final Builder b;
    private final Parallel par;
    private final boolean ownsPool;
    private final Trainer trainer;
    private final long totalSteps;
    private final double lr;

    private Training(Builder b) {
        this.b = b;
        require(b.data, "data");
        require(b.network, "network");
        require(b.loss, "loss");
        require(b.attack, "attack");
        this.ownsPool = b.parallel == null;
        this.par = ownsPool ? Parallel.create(b.threads > 0 ? b.threads : Parallel.defaultThreads()) : b.parallel;
        Network net = b.network;
        int depth = net.kind().equals("deep") ? net.blocks() : 1;
        this.lr = b.schedule.stepSize(net.kind(), net.width(), depth);
        try {
            TrainSettings s = new TrainSettings(b.radius, lr, b.momentum, b.batch, b.chunk, b.seed);
            this.trainer = new Trainer(net, b.loss, b.attack, b.data, s, par);
        } catch (RuntimeException e) {
            if (ownsPool) {
                par.close();
            }
            throw e;
        }
        if (b.schedule.kind() == Schedule.Kind.THEORY && b.steps < 0 && b.epochs < 0) {
            this.totalSteps = b.schedule.theorySteps(net.kind(), net.width(), depth, b.radius);
        } else if (b.epochs >= 0) {
            this.totalSteps = (long) b.epochs * trainer.stepsPerEpoch();
        } else {
            this.totalSteps = b.steps >= 0 ? b.steps : 100;
        }
    }

    private static void require(Object o, String what) {
        if (o == null) {
            throw new IllegalArgumentException("Training.builder(): " + what + " is required");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configuration; every setter returns this. */
    public static final class Builder {
        private Dataset data;
        private Dataset test;
        private Network network;
        private Loss loss;
        private Attack attack;
        private Attack evalAttack;
        private double radius = Double.POSITIVE_INFINITY;
        private Schedule schedule = Schedule.constant(0.1);
        private double momentum;
        private int batch;
        private int chunk = TrainSettings.DEFAULT_CHUNK;
        private long steps = -1;
        private int epochs = -1;
        private long seed = 1;
        private int threads;
        private Parallel parallel;
        private int logEvery = 1;
        private int evalEvery;
        private int evalRows = 500;
        private int checkpointEvery = 100;
        private Path out;
        private TrainingRun.ModelWriter modelWriter;
        private TrainingRun.UpperBound upper;
        private TrainingRun.Listener listener;
        private TrainingRun.Probe linearization;
        private final Map<String, Object> extraConfig = new LinkedHashMap<>();

        private Builder() {
        }

        /** The training set. */
        public Builder data(Dataset d) { this.data = d; return this; }
        /** A held-out set for evaluation (optional). */
        public Builder test(Dataset d) { this.test = d; return this; }
        /** The network, trained in place. */
        public Builder network(Network n) { this.network = n; return this; }
        public Builder loss(Loss l) { this.loss = l; return this; }
        /** The perturbation function A(W, x) used in training (identity for standard training). */
        public Builder attack(Attack a) { this.attack = a; return this; }
        /** The strong attack of the evaluation (lower bound on L_*); default: none. */
        public Builder evalAttack(Attack a) { this.evalAttack = a; return this; }
        /** Project onto B(R) after every step. */
        public Builder radius(double r) { this.radius = r; return this; }
        /** No projection ({@code --radius none}). */
        public Builder noProjection() { this.radius = Double.POSITIVE_INFINITY; return this; }
        /** Constant step size. */
        public Builder lr(double a) { this.schedule = Schedule.constant(a); return this; }
        /** A schedule ({@link Schedule#parse}); the theory schedule also sets T unless steps/epochs are given. */
        public Builder schedule(Schedule s) { this.schedule = s; return this; }
        public Builder momentum(double mu) { this.momentum = mu; return this; }
        /** Mini-batch size (0: full batch). */
        public Builder batch(int rows) { this.batch = rows; return this; }
        public Builder fullBatch() { this.batch = 0; return this; }
        public Builder chunk(int rows) { this.chunk = rows; return this; }
        public Builder steps(long t) { this.steps = t; this.epochs = -1; return this; }
        public Builder epochs(int e) { this.epochs = e; this.steps = -1; return this; }
        public Builder seed(long s) { this.seed = s; return this; }
        /** Own a pool of this many threads (closed by {@link Training#close()}). */
        public Builder threads(int n) { this.threads = n; return this; }
        /** Use this pool (not closed here). */
        public Builder parallel(Parallel p) { this.parallel = p; return this; }
        public Builder logEvery(int n) { this.logEvery = n; return this; }
        public Builder evalEvery(int n) { this.evalEvery = n; return this; }
        public Builder evalRows(int n) { this.evalRows = n; return this; }
        public Builder checkpointEvery(int n) { this.checkpointEvery = n; return this; }
        /** Write a run folder there (must be prepared: {@link RunFolder#prepareNew}). */
        public Builder out(Path dir) { this.out = dir; return this; }
        public Builder modelWriter(TrainingRun.ModelWriter w) { this.modelWriter = w; return this; }
        public Builder upperBound(TrainingRun.UpperBound u) { this.upper = u; return this; }
        public Builder listener(TrainingRun.Listener l) { this.listener = l; return this; }
        /** An instrument measured at evaluations: the largest linearization error on a probe set. */
        public Builder linearization(TrainingRun.Probe p) { this.linearization = p; return this; }
        /** Extra entries for config.json (the CLI adds its specs and checksums). */
        public Builder config(String key, Object value) { this.extraConfig.put(key, value); return this; }

        public Training build() {
            return new Training(this);
        }
    }

    /** The trainer (its network, step, settings). */
    public Trainer trainer() {
        return trainer;
    }

    public Network network() {
        return trainer.network();
    }

    /** T, the step the run trains to. */
    public long totalSteps() {
        return totalSteps;
    }

    /** Continues from the newest intact checkpoint in {@code dir/checkpoints}; returns its step. */
    public long resumeFrom(Path dir) throws IOException {
        Path ckDir = dir.resolve(RunFolder.CHECKPOINTS);
        Checkpoint ck = TrainingRun.latest(ckDir);
        try {
            trainer.restore(ck);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ckDir.resolve(Checkpoint.fileName(ck.step())) + ": " + e.getMessage(), e);
        }
        return ck.step();
    }

    /** Every resolved setting, for config.json and reports. */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        TrainSettings s = trainer.settings();
        Network net = trainer.network();
        c.put("version", Version.VERSION);
        c.putAll(b.extraConfig);
        c.put("data_name", b.data.name());
        c.put("data_provenance", b.data.provenance());
        c.put("n_train", (long) b.data.n());
        c.put("n_test", b.test == null ? null : (Object) (long) b.test.n());
        c.put("d", (long) b.data.d());
        c.put("classes", (long) b.data.classes());
        c.put("network", net.kind());
        c.put("width", (long) net.width());
        c.put("blocks", (long) net.blocks());
        c.put("params", (long) net.paramCount());
        c.put("loss", b.loss.name());
        c.put("attack", b.attack.toSpec());
        c.put("eval_attack", b.evalAttack == null ? null : b.evalAttack.toSpec());
        c.put("radius", s.radiusText());
        c.put("block_radius", s.projects() ? net.blockRadius(s.radius()) : null);
        c.put("schedule", b.schedule.toString());
        c.put("lr", s.lr());
        if (b.schedule.kind() == Schedule.Kind.THEORY) {
            c.put("theory_eps", b.schedule.eps());
            c.put("theory_c_alpha", b.schedule.cAlpha());
            c.put("theory_c_t", b.schedule.cT());
            c.put("theory_rule", net.kind().equals("deep")
                    ? "Theorem 4.1: alpha = c_alpha*eps/(m*H^2), T = c_T*R^2/(m*eps*alpha)"
                    : "Corollary 5.1: alpha = c_alpha*eps, T = c_T*R^2/(eps*alpha)");
        }
        c.put("momentum", s.momentum());
        c.put("batch", s.fullBatch() ? "full" : String.valueOf(s.batch()));
        c.put("steps_per_epoch", (long) trainer.stepsPerEpoch());
        c.put("steps", totalSteps);
        c.put("chunk", (long) s.chunk());
        c.put("seed", s.seed());
        c.put("log_every", (long) b.logEvery);
        c.put("eval_every", (long) b.evalEvery);
        c.put("eval_rows", (long) b.evalRows);
        c.put("checkpoint_every", (long) b.checkpointEvery);
        c.put("jdk", Version.jdk());
        c.put("simd", Simd.describe());
        c.put("threads", (long) par.threads());
        return c;
    }

    /** Trains to step T (writing the run folder when {@code out} was given) and returns the final state. */
    public TrainingRun.Result train() throws IOException {
        if (b.out != null) {
            RunFolder.writeConfig(b.out, config());
        }
        TrainingRun.Result r = TrainingRun.builder(trainer, totalSteps, par).evalAttack(b.evalAttack).test(b.test)
                .evalRows(b.evalRows).logEvery(b.logEvery).evalEvery(b.evalEvery).checkpointEvery(b.checkpointEvery)
                .out(b.out).modelWriter(b.modelWriter).upperBound(b.upper).listener(b.listener).linearization(b.linearization).build().run();
        if (b.out != null) {
            Map<String, String> summary = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : config().entrySet()) {
                if (!e.getKey().equals("cli")) {
                    summary.put(e.getKey(), String.valueOf(e.getValue()));
                }
            }
            Report.write(b.out, summary, trainer.settings().radius(), r);
        }
        return r;
    }

    /** Mean loss and accuracy of the network on {@code data} under {@code attack} (null: clean), all rows. */
    public Evaluator.Result evaluate(Attack attack, Dataset data) {
        return new Evaluator(trainer.network(), trainer.loss(), trainer.settings().chunk(), par)
                .evaluate(attack, data, 0, trainer.settings().seed());
    }

    /** Closes the pool when this object owns it. */
    @Override
    public void close() {
        if (ownsPool) {
            par.close();
        }
    }
}
