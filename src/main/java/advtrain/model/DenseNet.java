package advtrain.model;

/**
 * What the engine's two networks share: the shapes d, m and k, the seed they were initialised with, the fixed
 * output weights a (k x m), and the trained weights W with their initialisation W(0) in flat arrays. The
 * arrays are held as given (live); the subclasses say what W and a mean and how the passes use them.
 */
abstract class DenseNet implements Network {

    final int d;
    final int m;
    final int k;
    final long seed;
    final double[] outputWeights;
    final double[] params;
    final double[] initialParams;

    DenseNet(int d, int m, int k, long seed, double[] outputWeights, double[] params, double[] initialParams) {
        this.d = d;
        this.m = m;
        this.k = k;
        this.seed = seed;
        this.outputWeights = outputWeights;
        this.params = params;
        this.initialParams = initialParams;
    }

    @Override
    public final int inputDim() {
        return d;
    }

    @Override
    public final int outputDim() {
        return k;
    }

    @Override
    public final int width() {
        return m;
    }

    /** The seed the model was initialised with. */
    public final long seed() {
        return seed;
    }

    /** a (k x m, row-major; m values when k = 1), live; fixed, never modified by the engine (the two-layer net: the ±1 signs, without its 1/sqrt(m) factor). */
    public final double[] outputWeights() {
        return outputWeights;
    }

    @Override
    public final int paramCount() {
        return params.length;
    }

    @Override
    public final double[] params() {
        return params;
    }

    @Override
    public final double[] initialParams() {
        return initialParams;
    }
}
