package advtrain.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an experiment's {@code report.md} (claim, setup, verdict table, each finding with its criterion
 * and numbers, the figures) and {@code verdict.csv} (one row per finding, for scripts), and the index
 * {@code report.md} of a folder holding several experiments. No timestamps or timings: the bytes depend
 * on the measured table only.
 */
public final class ReportWriter {

    /** Machine-readable verdicts of one experiment. */
    public static final String VERDICT_FILE = "verdict.csv";

    private ReportWriter() {
    }

    static String report(Experiment e, Settings s, int points, Analysis a) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(e.name()).append(": ").append(e.title()).append("\n\n");
        sb.append("**Paper claim.** ").append(e.claim().strip()).append("\n\n");
        sb.append("## Setup\n\n").append(e.setup(s).strip()).append("\n\n");
        sb.append("- run size: ").append(s.size().label()).append(", seeds 0..").append(s.seeds() - 1)
                .append(", ").append(points).append(" sweep points\n");
        sb.append("- every measured point: [points.csv](points.csv); verdicts: [verdict.csv](verdict.csv)\n\n");
        sb.append("## Verdict: **").append(a.overall().text()).append("**\n\n");
        sb.append("| # | claim | verdict |\n|---|---|---|\n");
        for (int i = 0; i < a.findings().size(); i++) {
            Finding f = a.findings().get(i);
            sb.append("| ").append(i + 1).append(" | ").append(cell(f.claim())).append(" | ")
                    .append(f.verdict().text()).append(" |\n");
        }
        sb.append('\n');
        for (int i = 0; i < a.findings().size(); i++) {
            Finding f = a.findings().get(i);
            sb.append("### ").append(i + 1).append(". ").append(f.claim()).append("\n\n");
            sb.append("- criterion: ").append(f.criterion()).append('\n');
            sb.append("- measured: ").append(f.evidence()).append('\n');
            sb.append("- verdict: **").append(f.verdict().text()).append("**\n\n");
        }
        if (!a.plots().isEmpty()) {
            sb.append("## Figures\n\n");
            for (Plot p : a.plots()) {
                sb.append("![").append(p.title()).append("](").append(p.file()).append(")\n\n");
            }
            sb.append("Points are means over seeds; error bars are one standard deviation over seeds.\n\n");
        }
        if (a.markdown() != null && !a.markdown().isBlank()) {
            sb.append(a.markdown().strip()).append("\n");
        }
        return sb.toString();
    }

    static String skippedReport(Experiment e, String reason) {
        return "# " + e.name() + ": " + e.title() + "\n\n"
                + "**Paper claim.** " + e.claim().strip() + "\n\n"
                + "## Skipped\n\n" + reason.strip() + "\n";
    }

    static String verdictCsv(Analysis a) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < a.findings().size(); i++) {
            Finding f = a.findings().get(i);
            rows.add(List.of(Integer.toString(i + 1), f.verdict().text(), f.claim(), f.evidence()));
        }
        rows.add(List.of("all", a.overall().text(), "all claims", ""));
        return new Table(List.of("finding", "verdict", "claim", "measured"), rows).toCsv();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace('\n', ' ');
    }

    /**
     * The index {@code report.md} of {@code dir}: one row per experiment folder in {@code names} order
     * that has a finished report (its verdict.csv), or a skip note.
     */
    static void writeIndex(Path dir, List<Experiment> known) throws IOException {
        StringBuilder sb = new StringBuilder("# advtrain experiments\n\n| experiment | what | verdict |\n|---|---|---|\n");
        int rows = 0;
        for (Experiment e : known) {
            Path sub = dir.resolve(e.name());
            if (!Files.isRegularFile(sub.resolve(Manifest.FILE))) {
                continue;
            }
            Manifest m = Manifest.read(sub);
            String verdict;
            if (m.skipped() != null) {
                verdict = "skipped";
            } else if (Files.isRegularFile(sub.resolve(VERDICT_FILE))) {
                Table t = Table.read(sub.resolve(VERDICT_FILE));
                verdict = t.where("finding", "all").cell(0, "verdict");
            } else {
                verdict = "shard " + m.shard() + " only (run merge)";
            }
            sb.append("| [").append(e.name()).append("](").append(e.name()).append("/report.md) | ")
                    .append(cell(e.title())).append(" | ").append(verdict).append(" |\n");
            rows++;
        }
        if (rows > 0) {
            AtomicFiles.write(dir.resolve("report.md"), sb.toString());
        }
    }

    static String readIfExists(Path p) throws IOException {
        return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
    }
}
