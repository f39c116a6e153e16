package advtrain.model;

import advtrain.kernel.PackedMatrix;
import advtrain.kernel.VectorKernels;
import java.util.Arrays;

/**
 * Prepacked copies ({@link PackedMatrix}) of the matrices a network multiplies by in its forward and
 * input-backward passes, for the many passes an attack makes while the weights stay fixed. Made and refreshed
 * by {@link Network#packWeights}; {@link Workspace#attach attached} to the workspaces that compute the passes.
 *
 * <p>Two kinds:
 * <ul>
 *   <li><b>exact</b> packs give every pass the same bits as without them, minus the packing of every weight
 *       matrix on every product;</li>
 *   <li><b>fused</b> packs also multiply a fixed layer into the trained one after it where that saves work
 *       (the deep net: its first hidden layer becomes {@code (W1 A) x}, one product instead of two). The
 *       network is the same function, but its outputs and input gradients are rounded differently from the plain
 *       passes; weight gradients are refused after a fused forward. Attacks use them: they need f and ∇x f only.
 *       Networks with nothing to fuse make exact packs either way ({@link #fused()} says which).</li>
 * </ul>
 *
 * <p>Fused packs may also be carried across a training step ({@link Network#carryFused}) instead of being made
 * afresh: the same function, rounded by the steps carried through.
 *
 * <p>Fixed matrices are packed once, when the object is made; the trained weights every time
 * {@link Network#packWeights} is called. Trained matrices too large for the heap ({@link #affordable}) are left
 * unpacked and packed on the fly, with the same bits. Fused packs made next to exact ones of the same weights
 * (the trainer's: exact for its training pass, fused for the attack) share the matrices the two have in common. A
 * pack is only valid while the weights it was taken from stay unchanged: with assertions on, every pass checks
 * that they did.
 */
public final class PackedWeights {

    /** Whether assertions are enabled for this class ({@link #fresh} is only called from assertions). */
    private static final boolean CHECKED = PackedWeights.class.desiredAssertionStatus();

    private final Network source;
    private final VectorKernels kern;
    private final boolean fused;
    private final PackedMatrix[] matrices;
    /** The fused matrix before packing (the deep net: (W1 A)^T, d x m), or null. */
    final double[] fusedMatrix;
    /** The exact packs whose matrices these share ({@link Network#packWeights(PackedWeights, boolean, VectorKernels, Parallel, PackedWeights)}), or null. */
    private final PackedWeights shares;
    private int paramsHash;
    /** Scratch of {@link Network#carryFused} (rows x d), grown on demand. */
    private double[] carryRows = new double[0];
    /** The fused matrix of the initial weights (the deep net: (W1(0) A)^T), once {@link Network#carryFused} needed it. */
    private double[] initialFused;

    PackedWeights(Network source, VectorKernels kern, boolean fused, PackedMatrix[] matrices, double[] fusedMatrix,
                  PackedWeights shares) {
        this.source = source;
        this.kern = kern;
        this.fused = fused;
        this.matrices = matrices;
        this.fusedMatrix = fusedMatrix;
        this.shares = shares;
    }

    /** The exact packs these share matrices with, or null. */
    PackedWeights shares() {
        return shares;
    }

    /**
     * Whether packing the trained weights of {@code net} is affordable: their packs take about two copies of
     * them, allowed up to a quarter of the maximum heap. Packing changes speed only, never a result, so this
     * may depend on the heap.
     */
    public static boolean affordable(Network net) {
        long heap = heapForTests >= 0 ? heapForTests : Runtime.getRuntime().maxMemory();
        return 16L * net.paramCount() <= heap / 4;
    }

    /** A heap size for {@link #affordable} to assume instead of the real one (tests of the unpacked path); -1: none. */
    static volatile long heapForTests = -1;

    /** The network the copies were taken from. */
    public Network source() {
        return source;
    }

    /** True for fused packs (see the class javadoc). */
    public boolean fused() {
        return fused;
    }

    /** Whether this holds packs of {@code net} for {@code kern} of the kind asked for (else new ones are needed). */
    public boolean isFor(Network net, VectorKernels kern, boolean fused) {
        return isFor(net, kern) && fused == this.fused;
    }

    boolean isFor(Network net, VectorKernels kern) {
        return net == source && kern == this.kern;
    }

    boolean isFor(Network net) {
        return net == source;
    }

    /** Bytes held by the packed copies and the carrying scratch, those shared with other packs not counted. */
    public long bytes() {
        long b = fusedMatrix == null ? 0 : 8L * fusedMatrix.length;
        b += 8L * carryRows.length + (initialFused == null ? 0 : 8L * initialFused.length);
        for (int i = 0; i < matrices.length; i++) {
            boolean own = shares == null || matrices[i] != shares.get(i);
            b += matrices[i] == null || !own ? 0 : matrices[i].bytes();
        }
        return b;
    }

    /** At least {@code n} doubles of scratch for {@link Network#carryFused}. */
    double[] carryRows(int n) {
        if (carryRows.length < n) {
            carryRows = new double[n];
        }
        return carryRows;
    }

    double[] initialFused() {
        return initialFused;
    }

    double[] initialFused(double[] p0) {
        initialFused = p0;
        return p0;
    }

    /**
     * A copy of the fused matrix (the state {@link Network#carryFused} carries from step to step, which a checkpoint
     * keeps), or null for exact packs.
     */
    public double[] fusedState() {
        return fusedMatrix == null ? null : fusedMatrix.clone();
    }

    /** Pack i, or null when that matrix is packed on the fly. */
    PackedMatrix get(int i) {
        return matrices[i];
    }

    /**
     * Records the weights just packed, for the staleness assertion; a no-op with assertions off, where hashing
     * millions of weights twice per training step would cost 1-2% of it.
     */
    void stamp(double[] params) {
        if (CHECKED) {
            paramsHash = Arrays.hashCode(params);
        }
    }

    /** True while the weights are those last packed (a hash: for assertions, not a guarantee). */
    boolean fresh(double[] params) {
        return Arrays.hashCode(params) == paramsHash;
    }

    @Override
    public String toString() {
        return "PackedWeights[" + (fused ? "fused, " : "exact, ") + source + ", " + kern.name() + ", " + bytes() / 1024
                + " KiB]";
    }
}
