package advtrain.experiment;

import advtrain.kernel.Parallel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs experiments: the points of the chosen shard, in list order, one after another (each point uses
 * all threads of {@code par}), with progress over every point of every experiment. Writes into
 * {@code out/NAME/}: {@code manifest.txt}, {@code points.csv} (rewritten after each point, so a run that
 * stops keeps what it measured), {@code timings.csv} (seconds per point: the only file that differs
 * between runs), and, for an unsharded run, the report ({@link #finish}).
 */
public final class SweepRunner {

    /** Timings live apart from the compared outputs. */
    public static final String TIMINGS_FILE = "timings.csv";
    public static final String POINTS_FILE = "points.csv";

    private final PrintStream err;
    private final boolean terminal;
    private final double logEverySeconds;
    private final LongSupplier nanos;
    private final PlotRenderer renderer;
    private List<Experiment> indexOrder;

    public SweepRunner(PrintStream err, boolean terminal, double logEverySeconds, LongSupplier nanos, PlotRenderer renderer) {
        this.renderer = renderer;
        this.err = err;
        this.terminal = terminal;
        this.logEverySeconds = logEverySeconds;
        this.nanos = nanos;
    }

    /**
     * The experiments the index {@code out/report.md} may list (those with a folder there), in order; by
     * default the ones being run. The CLI passes every experiment, so runs into one folder add up.
     */
    public SweepRunner indexing(List<Experiment> known) {
        this.indexOrder = List.copyOf(known);
        return this;
    }

    /** One experiment's outcome: its folder and overall verdict (null when sharded or skipped). */
    public record Outcome(Experiment experiment, Path dir, Verdict verdict, String skipped) {
    }

    /**
     * Runs {@code experiments} at {@code size} with {@code seeds} seeds (0: each experiment's default)
     * for the points of {@code shard}, writing under {@code out}.
     */
    public List<Outcome> run(List<Experiment> experiments, Settings.Size size, int seeds, Shard shard, Path out,
                             Parallel par) throws Exception {
        Map<Experiment, Settings> settings = new LinkedHashMap<>();
        Map<Experiment, List<Point>> mine = new LinkedHashMap<>();
        Map<Experiment, Integer> totals = new LinkedHashMap<>();
        int totalPoints = 0;
        double totalCost = 0;
        for (Experiment e : experiments) {
            Settings s = new Settings(size, seeds > 0 ? seeds : e.defaultSeeds(size));
            settings.put(e, s);
            List<Point> all = e.points(s);
            checkIndices(e, all);
            totals.put(e, all.size());
            List<Point> part = new ArrayList<>();
            if (e.unavailable() == null) {
                for (Point p : all) {
                    if (shard.contains(p.index())) {
                        part.add(p);
                        totalCost += e.cost(p, s);
                    }
                }
            }
            mine.put(e, part);
            totalPoints += part.size();
        }
        Progress progress = new Progress(err, terminal, totalPoints, totalCost, logEverySeconds, nanos);
        List<Outcome> outcomes = new ArrayList<>();
        for (Experiment e : experiments) {
            Settings s = settings.get(e);
            Path dir = out.resolve(e.name());
            Files.createDirectories(dir);
            String why = e.unavailable();
            Manifest manifest = new Manifest(e.name(), s, totals.get(e), shard, why);
            if (why != null) {
                manifest.write(dir);
                AtomicFiles.write(dir.resolve("report.md"), ReportWriter.skippedReport(e, why));
                err.println("experiment " + e.name() + ": skipped: " + why);
                outcomes.add(new Outcome(e, dir, null, why));
                continue;
            }
            manifest.write(dir);
            List<List<String>> rows = new ArrayList<>();
            List<List<String>> timings = new ArrayList<>();
            List<String> columns = columns(e, e.points(s));
            for (Point p : mine.get(e)) {
                progress.starting(e.name() + " " + p);
                long t0 = nanos.getAsLong();
                Measurement m;
                try {
                    m = e.measure(p, s, par);
                } catch (RuntimeException ex) {
                    throw new IllegalStateException("experiment " + e.name() + ", point " + p + ": " + ex.getMessage(), ex);
                }
                rows.add(row(e, p, m));
                timings.add(List.of(Integer.toString(p.index()), Num.fixed((nanos.getAsLong() - t0) / 1e9, 3)));
                AtomicFiles.write(dir.resolve(POINTS_FILE), new Table(columns, rows).toCsv());
                AtomicFiles.write(dir.resolve(TIMINGS_FILE), new Table(List.of("point", "seconds"), timings).toCsv());
                progress.done(e.cost(p, s));
            }
            AtomicFiles.write(dir.resolve(POINTS_FILE), new Table(columns, rows).toCsv());
            Verdict v = null;
            if (shard.isAll()) {
                v = finish(e, s, new Table(columns, rows), dir, renderer);
            }
            outcomes.add(new Outcome(e, dir, v, null));
        }
        ReportWriter.writeIndex(out, indexOrder != null ? indexOrder : experiments);
        return outcomes;
    }

    private static void checkIndices(Experiment e, List<Point> points) {
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).index() != i) {
                throw new IllegalStateException("experiment " + e.name() + ": point " + i + " has index " + points.get(i).index());
            }
        }
    }

    /** CSV columns: {@code point}, the parameters of the first point, the metrics. */
    static List<String> columns(Experiment e, List<Point> points) {
        List<String> cols = new ArrayList<>();
        cols.add("point");
        if (!points.isEmpty()) {
            cols.addAll(points.get(0).params().keySet());
        }
        cols.addAll(e.metrics());
        return cols;
    }

    private static List<String> row(Experiment e, Point p, Measurement m) {
        if (!m.values().keySet().equals(new java.util.LinkedHashSet<>(e.metrics()))) {
            throw new IllegalStateException("experiment " + e.name() + ", point " + p + ": measured " + m.values().keySet()
                    + ", declared metrics " + e.metrics());
        }
        List<String> row = new ArrayList<>();
        row.add(Integer.toString(p.index()));
        row.addAll(p.params().values());
        for (String metric : e.metrics()) {
            row.add(m.values().get(metric));
        }
        return row;
    }

    /**
     * Completes an experiment's folder from the table of all its points (any order): checks that every
     * point is present exactly once with the parameters the settings give, writes the sorted
     * {@code points.csv}, the figures, {@code report.md}, {@code verdict.csv} and the unsharded
     * manifest. Unsharded runs and {@link Merge} both end here, so they write the same bytes.
     */
    static Verdict finish(Experiment e, Settings s, Table table, Path dir, PlotRenderer renderer) throws IOException {
        List<Point> points = e.points(s);
        List<String> columns = columns(e, points);
        if (!table.columns().equals(columns)) {
            throw new IllegalArgumentException(e.name() + ": columns " + table.columns() + ", expected " + columns);
        }
        List<List<String>> byIndex = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            byIndex.add(null);
        }
        for (int r = 0; r < table.size(); r++) {
            String idx = table.cell(r, "point");
            int i;
            try {
                i = Integer.parseInt(idx);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(e.name() + ": row " + r + " has point '" + idx + "'");
            }
            if (i < 0 || i >= points.size()) {
                throw new IllegalArgumentException(e.name() + ": point " + i + " is outside the sweep of " + points.size() + " points");
            }
            if (byIndex.get(i) != null) {
                throw new IllegalArgumentException(e.name() + ": point " + i + " appears twice");
            }
            for (Map.Entry<String, String> param : points.get(i).params().entrySet()) {
                if (!table.cell(r, param.getKey()).equals(param.getValue())) {
                    throw new IllegalArgumentException(e.name() + ": point " + i + " has " + param.getKey() + "="
                            + table.cell(r, param.getKey()) + ", the settings give " + param.getValue());
                }
            }
            byIndex.set(i, table.row(r));
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < byIndex.size(); i++) {
            if (byIndex.get(i) == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(e.name() + ": " + missing.size() + " of " + points.size()
                    + " points missing (first: " + missing.subList(0, Math.min(10, missing.size())) + "); is a shard absent?");
        }
        Table sorted = new Table(columns, byIndex);
        AtomicFiles.write(dir.resolve(POINTS_FILE), sorted.toCsv());
        Analysis a = e.analyze(sorted, s);
        for (Plot p : a.plots()) {
            AtomicFiles.write(dir.resolve(p.file()), renderer.svg(p));
        }
        AtomicFiles.write(dir.resolve("report.md"), ReportWriter.report(e, s, points.size(), a));
        AtomicFiles.write(dir.resolve(ReportWriter.VERDICT_FILE), ReportWriter.verdictCsv(a));
        new Manifest(e.name(), s, points.size(), Shard.ALL, null).write(dir);
        return a.overall();
    }
}
