package advtrain.experiment;

import java.util.List;

/**
 * What an experiment concludes from its table of measured points: the checked claims, the figures and
 * a free markdown section (e.g. a table of means). Computed from the CSV text only, so a merged set of
 * shards gives the same analysis as one unsharded run.
 */
public record Analysis(List<Finding> findings, List<Plot> plots, String markdown) {

    public Analysis {
        findings = List.copyOf(findings);
        plots = List.copyOf(plots);
    }

    /** The verdict over all findings ({@link Verdict#all}). */
    public Verdict overall() {
        return Verdict.all(findings.stream().map(Finding::verdict).toArray(Verdict[]::new));
    }
}
