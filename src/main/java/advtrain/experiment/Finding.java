package advtrain.experiment;

/**
 * One checked claim: what the paper says ({@code claim}), the rule applied to the numbers
 * ({@code criterion}, stated so a reader can re-check it), the outcome, and the numbers behind it
 * ({@code evidence}).
 */
public record Finding(String claim, String criterion, Verdict verdict, String evidence) {

    /** Several findings that must all hold, as one (criteria and evidence joined). */
    public static Finding allOf(String claim, Finding... parts) {
        Verdict[] vs = new Verdict[parts.length];
        StringBuilder crit = new StringBuilder();
        StringBuilder ev = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            vs[i] = parts[i].verdict();
            String sep = i == 0 ? "" : "; ";
            crit.append(sep).append('(').append(i + 1).append(") ").append(parts[i].criterion());
            ev.append(sep).append('(').append(i + 1).append(") ").append(parts[i].evidence())
                    .append(" -> ").append(parts[i].verdict().text());
        }
        return new Finding(claim, "all of: " + crit, Verdict.all(vs), ev.toString());
    }
}
