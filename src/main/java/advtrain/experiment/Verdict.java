package advtrain.experiment;

/** The outcome of checking a claim against measured numbers. */
public enum Verdict {
    HOLDS("holds"),
    DOES_NOT_HOLD("does not hold"),
    INCONCLUSIVE("inconclusive");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    /** As written in reports: {@code holds}, {@code does not hold}, {@code inconclusive}. */
    public String text() {
        return text;
    }

    /** Of several checks that all must hold: any failure fails, else any doubt is doubt. */
    public static Verdict all(Verdict... vs) {
        Verdict out = HOLDS;
        for (Verdict v : vs) {
            if (v == DOES_NOT_HOLD) {
                return DOES_NOT_HOLD;
            }
            if (v == INCONCLUSIVE) {
                out = INCONCLUSIVE;
            }
        }
        return out;
    }
}
