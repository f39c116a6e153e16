package advtrain.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code advtrain merge DIR... --out OUT}: combines the output folders of shard runs (each made with
 * {@code --shard i/n}) into the folder one unsharded run would have written, byte for byte on
 * {@code points.csv}, the figures, {@code report.md}, {@code verdict.csv} and {@code manifest.txt}.
 * An input is either a run folder (holding one subfolder per experiment) or an experiment folder.
 * Checks that the shards of an experiment agree on its settings and that every shard 0..n-1 is there
 * exactly once; names the folder and the problem otherwise.
 */
public final class Merge {

    private Merge() {
    }

    /** Merges {@code inputs} into {@code out}; {@code lookup} maps an experiment name to the experiment. */
    public static List<SweepRunner.Outcome> merge(List<Path> inputs, Path out, Function<String, Experiment> lookup,
                                                 List<Experiment> indexOrder, PlotRenderer renderer) throws IOException {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("merge needs at least one shard folder");
        }
        Map<String, List<Path>> byExperiment = new TreeMap<>();
        for (Path in : inputs) {
            if (!Files.isDirectory(in)) {
                throw new IllegalArgumentException(in + ": not a folder");
            }
            List<Path> dirs = new ArrayList<>();
            if (Files.isRegularFile(in.resolve(Manifest.FILE))) {
                dirs.add(in);
            } else {
                try (Stream<Path> s = Files.list(in)) {
                    s.filter(d -> Files.isRegularFile(d.resolve(Manifest.FILE))).sorted().forEach(dirs::add);
                }
            }
            if (dirs.isEmpty()) {
                throw new IllegalArgumentException(in + ": no experiment output here (no " + Manifest.FILE + " in it or its subfolders)");
            }
            for (Path d : dirs) {
                byExperiment.computeIfAbsent(Manifest.read(d).experiment(), k -> new ArrayList<>()).add(d);
            }
        }
        List<SweepRunner.Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, List<Path>> en : byExperiment.entrySet()) {
            outcomes.add(mergeOne(en.getKey(), en.getValue(), out, lookup, renderer));
        }
        ReportWriter.writeIndex(out, indexOrder);
        return outcomes;
    }

    private static SweepRunner.Outcome mergeOne(String name, List<Path> dirs, Path out, Function<String, Experiment> lookup,
                                                PlotRenderer renderer) throws IOException {
        Experiment e = lookup.apply(name);
        if (e == null) {
            throw new IllegalArgumentException(dirs.get(0) + ": unknown experiment '" + name + "'");
        }
        Manifest first = Manifest.read(dirs.get(0));
        Map<Integer, Path> shards = new TreeMap<>();
        for (Path d : dirs) {
            Manifest m = Manifest.read(d);
            if (!m.withShard(first.shard()).equals(first)) {
                throw new IllegalArgumentException(d + ": settings differ from " + dirs.get(0) + " (" + m.text().replace('\n', ' ')
                        + "vs " + first.text().replace('\n', ' ') + ")");
            }
            if (m.shard().count() != first.shard().count()) {
                throw new IllegalArgumentException(d + ": shard " + m.shard() + " does not match " + dirs.get(0) + "'s " + first.shard());
            }
            Path prev = shards.put(m.shard().index(), d);
            if (prev != null) {
                throw new IllegalArgumentException(name + ": shard " + m.shard() + " given twice (" + prev + " and " + d + ")");
            }
        }
        int n = first.shard().count();
        for (int i = 0; i < n; i++) {
            if (!shards.containsKey(i)) {
                throw new IllegalArgumentException(name + ": shard " + i + "/" + n + " is missing (have " + shards.keySet() + ")");
            }
        }
        Path dir = out.resolve(name);
        Files.createDirectories(dir);
        if (first.skipped() != null) {
            first.withShard(Shard.ALL).write(dir);
            AtomicFiles.write(dir.resolve("report.md"), ReportWriter.skippedReport(e, first.skipped()));
            return new SweepRunner.Outcome(e, dir, null, first.skipped());
        }
        List<String> columns = null;
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> timings = new ArrayList<>();
        Map<Integer, List<String>> timingByPoint = new TreeMap<>();
        for (Path d : shards.values()) {
            Table t = Table.read(d.resolve(SweepRunner.POINTS_FILE));
            if (columns == null) {
                columns = t.columns();
            } else if (!columns.equals(t.columns())) {
                throw new IllegalArgumentException(d.resolve(SweepRunner.POINTS_FILE) + ": columns " + t.columns() + " differ from " + columns);
            }
            for (int r = 0; r < t.size(); r++) {
                rows.add(t.row(r));
            }
            Path tf = d.resolve(SweepRunner.TIMINGS_FILE);
            if (Files.isRegularFile(tf)) {
                Table tt = Table.read(tf);
                for (int r = 0; r < tt.size(); r++) {
                    timingByPoint.put(Integer.parseInt(tt.cell(r, "point")), tt.row(r));
                }
            }
        }
        timings.addAll(timingByPoint.values());
        Verdict v = SweepRunner.finish(e, first.settings(), new Table(columns, rows), dir, renderer);
        AtomicFiles.write(dir.resolve(SweepRunner.TIMINGS_FILE), new Table(List.of("point", "seconds"), timings).toCsv());
        return new SweepRunner.Outcome(e, dir, v, null);
    }
}
