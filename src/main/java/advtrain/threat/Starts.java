package advtrain.threat;

import advtrain.kernel.Parallel;
import advtrain.random.RandomStream;

/**
 * Start points of iterative attacks: x itself, or a random point of the set from a keyed stream. One per attack
 * instance: it keeps a stream per parallel chunk and its loop body, so drawing starts allocates nothing.
 */
final class Starts {

    /**
     * Samples per parallel chunk in the per-sample phases of the attacks (starts, steps, projections). Each sample
     * is computed on its own, so the chunking never changes results; 8 rows of d = 784 are ~6k elements, enough
     * to amortise a fork.
     */
    static final int SAMPLE_GRAIN = 8;

    private final Parallel.RangeBody body = this::draw;
    private RandomStream[] streams = new RandomStream[0];
    // The arguments of the call in progress.
    private PerturbationSet set;
    private int d;
    private double[] x;
    private int xOff;
    private int[] sampleIds;
    private int idOff;
    private long purposeKey;
    private int restart;
    private long step;
    private double[] out;

    /**
     * Writes the start of restart {@code restart} for each of {@code batch} samples into {@code out} (batch x d):
     * a copy of x, or a draw of {@link PerturbationSet#sample} from the stream
     * (seed, purpose, sample id, restart, step).
     */
    void start(Parallel par, boolean random, PerturbationSet set, String purpose, int d, int batch, double[] x,
               int xOff, int[] sampleIds, int idOff, long seed, int restart, long step, double[] out) {
        if (!random) {
            System.arraycopy(x, xOff, out, 0, batch * d);
            return;
        }
        int chunks = Parallel.chunks(batch, SAMPLE_GRAIN);
        if (streams.length < chunks) {
            streams = new RandomStream[chunks];
            for (int c = 0; c < chunks; c++) {
                streams[c] = RandomStream.of(seed, purpose);
            }
        }
        this.set = set;
        this.d = d;
        this.x = x;
        this.xOff = xOff;
        this.sampleIds = sampleIds;
        this.idOff = idOff;
        this.purposeKey = RandomStream.key(seed, purpose);
        this.restart = restart;
        this.step = step;
        this.out = out;
        try {
            par.forRange(batch, SAMPLE_GRAIN, body);
        } finally {
            this.set = null; // do not keep the caller's objects alive
            this.x = null;
            this.sampleIds = null;
            this.out = null;
        }
    }

    private void draw(int b0, int b1) {
        RandomStream rs = streams[b0 / SAMPLE_GRAIN];
        for (int b = b0; b < b1; b++) {
            long key = RandomStream.extend(RandomStream.extend(RandomStream.extend(purposeKey, sampleIds[idOff + b]), restart),
                    step);
            rs.reset(key);
            set.sample(d, x, xOff + b * d, rs, out, b * d);
        }
    }
}
