package advtrain.cli;

import advtrain.experiment.Experiments;
import advtrain.experiment.Merge;
import advtrain.experiment.SvgRenderer;
import advtrain.experiment.SweepRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code advtrain merge DIR... --out OUT}: combines the outputs of {@code experiment --shard i/n} runs into the
 * output an unsharded run gives (same CSVs, figures and reports).
 */
final class MergeCommand implements Command {

    /** Most shard folders one call takes. */
    private static final int MAX_INPUTS = 4096;

    @Override
    public String name() {
        return "merge";
    }

    @Override
    public String summary() {
        return "combine experiment shard outputs: merge DIR... --out DIR";
    }

    @Override
    public Options options() {
        return new Options("merge SHARD_DIR... --out DIR")
                .positional(MAX_INPUTS)
                .flag("--out", null, "output folder for the merged experiments and their reports");
    }

    @Override
    public int run(Options.Parsed args, Console console) throws Exception {
        if (args.positional().isEmpty()) {
            throw new IllegalArgumentException("give the shard output folders to merge");
        }
        List<Path> in = new ArrayList<>();
        for (String p : args.positional()) {
            in.add(Path.of(p));
        }
        List<SweepRunner.Outcome> outcomes = Merge.merge(in, Path.of(args.get("--out")), Experiments::byName,
                Experiments.all(), new SvgRenderer());
        for (SweepRunner.Outcome o : outcomes) {
            String status = o.skipped() != null ? "skipped (" + o.skipped() + ")" : o.verdict().text();
            console.out().printf(Locale.ROOT, "%-18s %s  [%s]%n", o.experiment().name(), status, o.dir());
        }
        return 0;
    }
}
