package advtrain.threat;

import advtrain.random.RandomStream;

/** Start points of iterative attacks: x itself, or a random point of the set from a keyed stream. */
final class Starts {

    private Starts() {
    }

    /**
     * Writes the start of restart {@code restart} for each of {@code batch} samples into {@code out} (batch x d):
     * a copy of x, or a draw of {@link PerturbationSet#sample} from the stream
     * (seed, purpose, sample id, restart, step).
     */
    static void start(boolean random, PerturbationSet set, String purpose, int d, int batch, double[] x, int xOff,
                      int[] sampleIds, int idOff, long seed, int restart, long step, double[] out) {
        if (!random) {
            System.arraycopy(x, xOff, out, 0, batch * d);
            return;
        }
        for (int b = 0; b < batch; b++) {
            RandomStream rs = RandomStream.of(seed, purpose, sampleIds[idOff + b], restart, step);
            set.sample(d, x, xOff + b * d, rs, out, b * d);
        }
    }
}
