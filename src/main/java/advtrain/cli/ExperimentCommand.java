package advtrain.cli;

import advtrain.experiment.Experiment;
import advtrain.experiment.Experiments;
import advtrain.experiment.Settings;
import advtrain.experiment.Shard;
import advtrain.experiment.SvgRenderer;
import advtrain.experiment.SweepRunner;
import advtrain.kernel.Parallel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code advtrain experiment NAME|all}: runs the paper's claims as experiments and writes, per experiment,
 * {@code points.csv}, SVG figures and {@code report.md} with verdicts (see {@code advtrain.experiment}).
 */
final class ExperimentCommand implements Command {

    @Override
    public String name() {
        return "experiment";
    }

    @Override
    public String summary() {
        return "run the paper's claims as experiments with plots and verdicts: experiment NAME|all --out DIR";
    }

    @Override
    public Options options() {
        return new Options("experiment NAME[,NAME...]|all|list --out DIR [--quick] [--seeds N] [--shard i/n]")
                .positional(1)
                .flag("--out", null, "output folder (one subfolder per experiment, plus report.md)")
                .flagSwitch("--quick", "the small version of each experiment (under a minute each on 2 cores)")
                .flag("--size", null, "test, quick or full (--quick is --size quick; test is the test suite's size)")
                .flag("--seeds", null, "seeds 0..N-1 per sweep point (default: per experiment)")
                .flag("--shard", "0/1", "run only part i of n of every sweep (points p with p % n == i); combine with merge")
                .flag("--log-every", "10", "seconds between progress lines when stderr is not a terminal");
    }

    @Override
    public int run(Options.Parsed args, Console console) throws Exception {
        if (args.positional().isEmpty()) {
            throw new IllegalArgumentException("name an experiment (" + Experiments.names() + "), all, or list");
        }
        String what = args.positional().get(0);
        if (what.equals("list")) {
            for (Experiment e : Experiments.all()) {
                console.out().printf(Locale.ROOT, "%-18s %s%n", e.name(), e.title());
            }
            return 0;
        }
        List<Experiment> exps = Experiments.select(what);
        Settings.Size size = Settings.Size.FULL;
        if (args.given("--size")) {
            size = Settings.Size.parse(args.get("--size"));
            if (args.isSet("--quick") && size != Settings.Size.QUICK) {
                throw new IllegalArgumentException("--quick contradicts --size " + args.get("--size"));
            }
        } else if (args.isSet("--quick")) {
            size = Settings.Size.QUICK;
        }
        int seeds = 0;
        if (args.given("--seeds")) {
            seeds = args.getInt("--seeds");
            if (seeds < 1 || seeds > 1000) {
                throw new IllegalArgumentException("--seeds must be in 1..1000, got " + seeds);
            }
        }
        Shard shard = Shard.parse(args.get("--shard"));
        Path out = Path.of(args.get("--out"));
        double logEvery = args.getDouble("--log-every");
        if (!(logEvery > 0)) {
            throw new IllegalArgumentException("--log-every must be > 0, got " + args.get("--log-every"));
        }
        List<SweepRunner.Outcome> outcomes;
        try (Parallel par = console.newParallel()) {
            outcomes = new SweepRunner(console.err(), console.terminal(), logEvery, System::nanoTime, new SvgRenderer())
                    .indexing(Experiments.all())
                    .run(exps, size, seeds, shard, out, par);
        }
        for (SweepRunner.Outcome o : outcomes) {
            String status = o.skipped() != null ? "skipped (" + o.skipped() + ")"
                    : o.verdict() != null ? o.verdict().text()
                    : "shard " + shard + " written; combine the shards with: advtrain merge DIR... --out DIR";
            console.out().printf(Locale.ROOT, "%-18s %s  [%s]%n", o.experiment().name(), status, o.dir());
        }
        return 0;
    }
}
