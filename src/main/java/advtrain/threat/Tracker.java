package advtrain.threat;

/** The per-sample "best point seen" bookkeeping every iterative attack shares. */
final class Tracker {

    private Tracker() {
    }

    /**
     * For each sample b, when {@code first} or {@code value[b] > best[b]}: best[b] = value[b] and row b of
     * {@code cur} is copied to row b of {@code bestX} (from {@code bestOff}). Strict improvement only, so ties
     * keep the earlier point; the first call takes every point (even a NaN loss).
     */
    static void keepBest(boolean first, int batch, int d, double[] value, double[] cur, double[] best,
                         double[] bestX, int bestOff) {
        for (int b = 0; b < batch; b++) {
            if (first || value[b] > best[b]) {
                best[b] = value[b];
                System.arraycopy(cur, b * d, bestX, bestOff + b * d, d);
            }
        }
    }
}
