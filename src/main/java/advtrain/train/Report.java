package advtrain.train;

import advtrain.report.SvgPlot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run folder's {@code report.md} and its plots from {@code metrics.csv} and the config: the
 * surrogate loss and the robust-loss bounds over steps ({@code loss.svg}), accuracies clean and attacked
 * ({@code accuracy.svg}), and each block's distance from initialisation against R ({@code distance.svg}).
 * Every robust number is labelled with the bound it is: the strong attack's loss is a lower bound on L_*,
 * the certified loss an upper bound.
 */
public final class Report {

    private Report() {
    }

    /** The columns of a metrics file, by name; empty cells are NaN. */
    static Map<String, double[]> readMetrics(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        int rows = lines.size() - 1;
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String h : header) {
            cols.put(h, new double[rows]);
        }
        for (int r = 0; r < rows; r++) {
            String[] cells = lines.get(r + 1).split(",", -1);
            if (cells.length != header.length) {
                throw new IOException(file + ":" + (r + 2) + ": " + cells.length + " cells, header has " + header.length);
            }
            for (int c = 0; c < header.length; c++) {
                cols.get(header[c])[r] = cells[c].isEmpty() ? Double.NaN : Double.parseDouble(cells[c]);
            }
        }
        return cols;
    }

    /**
     * Writes {@code report.md} and the SVGs into {@code dir}. {@code summary}: ordered key -> value lines shown
     * in the settings table (the resolved config); {@code radius}: R (infinite: no projection).
     */
    public static void write(Path dir, Map<String, String> summary, double radius, TrainingRun.Result result) throws IOException {
        Map<String, double[]> m = readMetrics(dir.resolve(RunFolder.METRICS));
        double[] step = m.get("step");
        int blocks = 0;
        while (m.containsKey("dist_" + (blocks + 1))) {
            blocks++;
        }
        SvgPlot loss = new SvgPlot("Losses over training", "step", "loss (log scale)").logY(true)
                .series("surrogate L_A (batch)", step, m.get("surrogate_loss"))
                .series("min_t L_A(W_t) (full train)", step, m.get("running_min_la"))
                .series("clean loss (batch)", step, m.get("clean_loss"));
        addIfAny(loss, "robust LOWER bound (train)", step, m.get("train_robust_lower"));
        addIfAny(loss, "robust LOWER bound (test)", step, m.get("test_robust_lower"));
        addIfAny(loss, "certified UPPER bound (train)", step, m.get("train_certified_upper"));
        addIfAny(loss, "certified UPPER bound (test)", step, m.get("test_certified_upper"));
        SvgPlot acc = new SvgPlot("Accuracy", "step", "accuracy")
                .series("clean (batch)", step, m.get("clean_acc"))
                .series("attacked, training attack (batch)", step, m.get("attacked_acc"));
        addIfAny(acc, "strong attack (train)", step, m.get("train_robust_acc"));
        addIfAny(acc, "clean (test)", step, m.get("test_clean_acc"));
        addIfAny(acc, "strong attack (test)", step, m.get("test_robust_acc"));
        SvgPlot dist = new SvgPlot("Distance from initialisation", "step", "sqrt(m) ||W_h - W_h(0)||_F (scale of R)");
        for (int b = 1; b <= blocks; b++) {
            dist.series(blocks == 1 ? "||W - W(0)||" : "layer " + b, step, m.get("dist_" + b));
        }
        if (Double.isFinite(radius)) {
            dist.hline("R = " + fmt(radius), radius);
        }
        write(dir.resolve("loss.svg"), loss.render());
        write(dir.resolve("accuracy.svg"), acc.render());
        write(dir.resolve("distance.svg"), dist.render());

        StringBuilder md = new StringBuilder();
        md.append("# advtrain run report\n\n");
        md.append("| setting | value |\n|---|---|\n");
        for (Map.Entry<String, String> e : summary.entrySet()) {
            md.append("| ").append(e.getKey()).append(" | `").append(e.getValue()).append("` |\n");
        }
        md.append("\n## Result after ").append(result.steps()).append(" steps\n\n");
        EvalRow ev = result.lastEval();
        md.append("- min over measured iterates of the surrogate loss L_A on the full training set: ")
                .append(fmt(result.runningMin())).append('\n');
        if (ev != null) {
            md.append("- robust loss L_* (Def. 3.4), bounded: the strong attack's loss is a LOWER bound, the certified loss an UPPER bound\n\n");
            md.append("| set | LOWER bound on L_* | certified UPPER bound | accuracy under the strong attack | clean accuracy |\n");
            md.append("|---|---|---|---|---|\n");
            md.append("| train | ").append(fmt(ev.trainRobustLower())).append(" | ").append(fmt(ev.trainCertifiedUpper()))
                    .append(" | ").append(fmt(ev.trainRobustAccuracy())).append(" | ").append(fmt(lastFinite(m.get("clean_acc"))))
                    .append(" (last batch) |\n");
            md.append("| test | ").append(fmt(ev.testRobustLower())).append(" | ").append(fmt(ev.testCertifiedUpper()))
                    .append(" | ").append(fmt(ev.testRobustAccuracy())).append(" | ").append(fmt(ev.testCleanAccuracy())).append(" |\n");
            md.append("\n(`-`: not measured.)\n");
        }
        if (ev != null && Double.isFinite(ev.linearizationError())) {
            md.append("\n- largest linearization error |f(W, x) - f_lin(W, x)| on the probe rows (Taylor expansion at W(0), section 4.1): ")
                    .append(fmt(ev.linearizationError())).append('\n');
        }
        md.append("\n- distance from init at the end (scale of R")
                .append(Double.isFinite(radius) ? ", R = " + fmt(radius) : ", no projection").append("): ");
        List<String> ds = new ArrayList<>();
        for (int b = 1; b <= blocks; b++) {
            ds.add(fmt(lastFinite(m.get("dist_" + b))));
        }
        md.append(String.join(", ", ds)).append('\n');
        md.append("- training time: ").append(String.format(Locale.ROOT, "%.1f s", result.trainSeconds())).append("\n\n");
        md.append("![losses](loss.svg)\n\n![accuracy](accuracy.svg)\n\n![distance from init](distance.svg)\n\n");
        md.append("Files: `config.json` (every setting), `metrics.csv` (per step; columns in the MetricsLog javadoc), ")
                .append("`model.npz`, `checkpoints/` (resume with `tools/advtrain train --resume DIR --steps T`).\n");
        write(dir.resolve(RunFolder.REPORT), md.toString());
    }

    private static void addIfAny(SvgPlot p, String label, double[] x, double[] y) {
        for (double v : y) {
            if (Double.isFinite(v)) {
                p.series(label, x, y);
                return;
            }
        }
    }

    private static double lastFinite(double[] a) {
        for (int i = a.length - 1; i >= 0; i--) {
            if (Double.isFinite(a[i])) {
                return a[i];
            }
        }
        return Double.NaN;
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "-";
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Checkpoint.moveAtomic(tmp, file);
    }
}
