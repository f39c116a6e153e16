package advtrain.threat;

import advtrain.kernel.Parallel;
import advtrain.random.RandomStream;

/** Start points of iterative attacks: x itself, or a random point of the set from a keyed stream. */
final class Starts {

    /**
     * Samples per parallel chunk in the per-sample phases of the attacks (starts, steps, projections). Each sample
     * is computed on its own, so the chunking never changes results; 8 rows of d = 784 are ~6k elements, enough
     * to amortise a fork.
     */
    static final int SAMPLE_GRAIN = 8;

    private Starts() {
    }

    /**
     * Writes the start of restart {@code restart} for each of {@code batch} samples into {@code out} (batch x d):
     * a copy of x, or a draw of {@link PerturbationSet#sample} from the stream
     * (seed, purpose, sample id, restart, step).
     */
    static void start(Parallel par, boolean random, PerturbationSet set, String purpose, int d, int batch, double[] x,
                      int xOff, int[] sampleIds, int idOff, long seed, int restart, long step, double[] out) {
        if (!random) {
            System.arraycopy(x, xOff, out, 0, batch * d);
            return;
        }
        par.forRange(batch, SAMPLE_GRAIN, (b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                RandomStream rs = RandomStream.of(seed, purpose, sampleIds[idOff + b], restart, step);
                set.sample(d, x, xOff + b * d, rs, out, b * d);
            }
        });
    }
}
