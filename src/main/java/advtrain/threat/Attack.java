package advtrain.threat;

import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.Workspace;

/**
 * A perturbation function A(W, x) in B(x) (paper Definition 3.2): identity, random, FGSM/FGM, PGD,
 * APGD, ensembles. The trainer and the evaluators call only this.
 *
 * <p>Randomness: every draw comes from a stream keyed by (seed, sample id, restart, step), where the
 * sample id is the row's index in its dataset, so a sample's adversarial point does not depend on the
 * batch it sits in or on the thread count. An instance keeps scratch buffers sized on first use (no
 * allocation afterwards for batches no larger); it is not thread-safe: one per concurrent user.
 */
public interface Attack {

    /** The canonical spec string; {@code parse(toSpec())} gives an equal attack. */
    String toSpec();

    /**
     * Perturbs {@code batch} rows of {@code x} (batch x d from {@code xOff}, labels {@code y[yOff ..]}) into
     * {@code xAdv} (batch x d from {@code xAdvOff}), each row inside its perturbation set, using {@code ws}
     * (a workspace of {@code net} with {@code maxBatch >= batch}) for forward and backward passes.
     * Writes each sample's loss at its returned point to {@code lossOut[0 .. batch)}. On return the
     * workspace's forward state is unspecified.
     *
     * @param sampleIds dataset row index of each batch row ({@code sampleIds[idOff + b]}), keys the random streams
     * @param seed      the run's seed
     * @param step      the training step (0 outside training), keys the random streams
     */
    void perturb(Network net, Workspace ws, Loss loss, double[] x, int xOff, int[] y, int yOff, int batch,
                 int[] sampleIds, int idOff, long seed, long step, double[] xAdv, int xAdvOff, double[] lossOut);

    /**
     * Whether this attack runs its passes on {@code net} with fused packs ({@code PackedWeights}), decided by the
     * attack and the network's shape only. A caller that packs the weights for the attack (the trainer, once per
     * step) and {@link Workspace#attach attaches} fused packs then spares the attack packing its own.
     */
    default boolean usesFusedPacks(Network net) {
        return false;
    }
}
