package advtrain.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code metrics.csv}: one row per logging interval (and the last step). Columns: step, epoch, lr, batch,
 * surrogate_loss (L_A on the batch, at W_{t-1}), running_min_la (min over measured iterates of L_A on the
 * full training set; empty before the first measurement), clean_loss, clean_acc, attacked_acc, grad_norm,
 * dist_1..dist_H (distance from init in the scale of R, at W_t), proj_1..proj_H (1 when the projection
 * rescaled the block at this step), seconds (training time so far), and the evaluation columns of
 * {@link EvalRow} (empty when not evaluated at that step).
 *
 * <p>Doubles are written with {@link Double#toString} (shortest round-trip form, locale-free), so the file
 * holds the exact values: a resumed run's file equals an uninterrupted run's in every column but
 * {@code seconds} (wall-clock time). Rows are appended and flushed as they come, so an interrupted run
 * leaves a valid prefix.
 */
public final class MetricsLog implements AutoCloseable {

    /** The evaluation columns, in order. */
    static final String[] EVAL_COLUMNS = {"train_la_full", "train_robust_lower", "train_robust_acc", "train_certified_upper",
        "test_clean_acc", "test_robust_lower", "test_robust_acc", "test_certified_upper", "linearization_error"};

    private final Path file;
    private final int blocks;
    private BufferedWriter out;

    private MetricsLog(Path file, int blocks) {
        this.file = file;
        this.blocks = blocks;
    }

    /** The header for a network with {@code blocks} projection blocks. */
    public static String header(int blocks) {
        StringBuilder sb = new StringBuilder("step,epoch,lr,batch,surrogate_loss,running_min_la,clean_loss,clean_acc,attacked_acc,grad_norm");
        for (int b = 1; b <= blocks; b++) {
            sb.append(",dist_").append(b);
        }
        for (int b = 1; b <= blocks; b++) {
            sb.append(",proj_").append(b);
        }
        sb.append(",seconds");
        for (String c : EVAL_COLUMNS) {
            sb.append(',').append(c);
        }
        return sb.toString();
    }

    /** A new file with only the header (replacing any). */
    public static MetricsLog create(Path file, int blocks) throws IOException {
        MetricsLog log = new MetricsLog(file, blocks);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, header(blocks) + "\n", StandardCharsets.UTF_8);
        Checkpoint.moveAtomic(tmp, file);
        log.open();
        return log;
    }

    /**
     * Reopens a run's file for a resume from step {@code step}: keeps the rows up to it and rewrites the
     * row at {@code step} to what an uninterrupted run would have written there (dropped when
     * {@code keepRowAtStep} is false, evaluation columns blanked when {@code keepEvalAtStep} is false,
     * running minimum set to {@code runningMin}). The rewrite is atomic.
     */
    public static MetricsLog resume(Path file, int blocks, long step, boolean keepRowAtStep, boolean keepEvalAtStep,
                                    double runningMin) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String header = header(blocks);
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw new IOException(file + ": header does not match this run's network (expected " + header + ")");
        }
        List<String> kept = new ArrayList<>();
        kept.add(header);
        int cols = header.split(",", -1).length;
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != cols) {
                break; // a partial last line of an interrupted run
            }
            long s;
            try {
                s = Long.parseLong(cells[0]);
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + (i + 1) + ": bad step '" + cells[0] + "'");
            }
            if (s > step || (s == step && !keepRowAtStep)) {
                break;
            }
            if (s == step) {
                cells[5] = cell(runningMin);
                if (!keepEvalAtStep) {
                    for (int c = cols - EVAL_COLUMNS.length; c < cols; c++) {
                        cells[c] = "";
                    }
                }
                kept.add(String.join(",", cells));
            } else {
                kept.add(lines.get(i));
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
        Checkpoint.moveAtomic(tmp, file);
        MetricsLog log = new MetricsLog(file, blocks);
        log.open();
        return log;
    }

    private void open() throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Formats a double exactly (empty for NaN or infinity: "not measured"). */
    static String cell(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    /** The row for a step's stats, the running minimum, the training time and an evaluation (or null). */
    public static String row(StepStats s, double runningMin, double seconds, EvalRow e) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.step).append(',').append(s.epoch).append(',').append(cell(s.lr)).append(',').append(s.batch)
                .append(',').append(cell(s.surrogateLoss)).append(',').append(cell(runningMin))
                .append(',').append(cell(s.cleanLoss)).append(',').append(cell(s.cleanAccuracy))
                .append(',').append(cell(s.attackedAccuracy)).append(',').append(cell(s.gradNorm));
        for (double v : s.distance) {
            sb.append(',').append(cell(v));
        }
        for (boolean p : s.projected) {
            sb.append(',').append(p ? 1 : 0);
        }
        sb.append(',').append(String.format(java.util.Locale.ROOT, "%.3f", seconds));
        double[] ev = e == null ? null : new double[] {e.trainSurrogateFull(), e.trainRobustLower(), e.trainRobustAccuracy(),
            e.trainCertifiedUpper(), e.testCleanAccuracy(), e.testRobustLower(), e.testRobustAccuracy(), e.testCertifiedUpper(),
            e.linearizationError()};
        for (int c = 0; c < EVAL_COLUMNS.length; c++) {
            sb.append(',').append(ev == null ? "" : cell(ev[c]));
        }
        return sb.toString();
    }

    /** Appends a row and flushes. */
    public void append(String row) throws IOException {
        out.write(row);
        out.write('\n');
        out.flush();
    }

    public Path file() {
        return file;
    }

    int blocks() {
        return blocks;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
