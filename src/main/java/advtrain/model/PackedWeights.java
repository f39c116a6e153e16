package advtrain.model;

import advtrain.kernel.PackedMatrix;
import advtrain.kernel.VectorKernels;
import java.util.Arrays;

/**
 * Prepacked copies ({@link PackedMatrix}) of the matrices a network multiplies by in its forward and
 * input-backward passes, for the many passes an attack makes while the weights stay fixed. Made and refreshed
 * by {@link Network#packWeights}; {@link Workspace#attach attached} to the workspaces that compute the passes,
 * which then give the same bits as without it, minus the packing of every weight matrix on every pass.
 *
 * <p>The fixed parts of a network (its input and output matrices) are packed once, when the object is made;
 * the trained weights every time {@link Network#packWeights} is called. A pack is only valid while the weights
 * it was taken from stay unchanged: with assertions on, every pass checks that they did.
 */
public final class PackedWeights {

    private final Network source;
    private final VectorKernels kern;
    private final PackedMatrix[] matrices;
    private int paramsHash;

    PackedWeights(Network source, VectorKernels kern, PackedMatrix[] matrices) {
        this.source = source;
        this.kern = kern;
        this.matrices = matrices;
    }

    /**
     * Whether packing {@code net} is affordable: packs take about two copies of the trained weights, allowed up
     * to a quarter of the maximum heap. (Packing changes speed only, never a result, so this may depend on the heap.)
     */
    public static boolean affordable(Network net) {
        return 16L * net.paramCount() <= Runtime.getRuntime().maxMemory() / 4;
    }

    /** The network the copies were taken from. */
    public Network source() {
        return source;
    }

    /** Whether this holds the packs of {@code net} for {@code kern} (else a new one is needed). */
    public boolean isFor(Network net, VectorKernels kern) {
        return net == source && kern == this.kern;
    }

    /** Bytes held by the packed copies. */
    public long bytes() {
        long b = 0;
        for (PackedMatrix p : matrices) {
            b += p.bytes();
        }
        return b;
    }

    PackedMatrix get(int i) {
        return matrices[i];
    }

    /** Records the weights just packed (for the staleness assertion). */
    void stamp(double[] params) {
        paramsHash = Arrays.hashCode(params);
    }

    /** True while the weights are those last packed (a hash: for assertions, not a guarantee). */
    boolean fresh(double[] params) {
        return Arrays.hashCode(params) == paramsHash;
    }

    @Override
    public String toString() {
        return "PackedWeights[" + source + ", " + kern.name() + ", " + bytes() / 1024 + " KiB]";
    }
}
