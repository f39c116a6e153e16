package advtrain.train;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Losses;
import advtrain.model.DeepReluNet;
import advtrain.random.RandomStream;
import advtrain.threat.AttackSpec;

/**
 * The benchmark configuration shared by {@code advtrain bench train-step}, the JMH
 * {@code TrainStepBench} and {@code tools/compare-torch}: the deep ReLU net on synthetic data (4 batches
 * of Gaussian rows scaled to norm about 1, uniform labels), trained by mini-batch SGD (step 1e-3, no
 * projection, no momentum) against PGD in the l-inf ball of radius 8/255 with a random start.
 */
public final class TrainStepSetup {

    private TrainStepSetup() {
    }

    /** Synthetic rows: n x d Gaussian entries of variance 1/d, labels uniform (k = 2: +-1). */
    public static Dataset synthetic(int n, int d, int classes, long seed) {
        double[] x = new double[n * d];
        int[] y = new int[n];
        RandomStream rs = RandomStream.of(seed, "bench.data");
        rs.fillGaussian(x, 0, x.length, 1 / Math.sqrt(d));
        for (int i = 0; i < n; i++) {
            y[i] = classes == 2 ? (rs.nextSign() > 0 ? 1 : -1) : rs.nextInt(classes);
        }
        return new Dataset("synthetic", "bench", n, d, x, y, classes);
    }

    /** A trainer for (d, m, H, B, PGD steps, classes) on {@code par}. */
    public static Trainer trainer(int d, int m, int depth, int batch, int attackSteps, int classes, Parallel par) {
        if (d < 1 || m < 1 || depth < 1 || batch < 1 || attackSteps < 1 || classes < 2) {
            throw new IllegalArgumentException("train-step needs d, width, depth, batch, attack steps >= 1 and classes >= 2, got d="
                    + d + ", m=" + m + ", H=" + depth + ", B=" + batch + ", steps=" + attackSteps + ", classes=" + classes);
        }
        Dataset data = synthetic(batch * 4, d, classes, 1);
        DeepReluNet net = DeepReluNet.init(d, m, depth, data.outputDim(), 1, par);
        return new Trainer(net, Losses.defaultFor(data.outputDim()),
                AttackSpec.parse("pgd:norm=linf,eps=" + (8.0 / 255.0) + ",steps=" + attackSteps).newAttack(), data,
                new TrainSettings(Double.POSITIVE_INFINITY, 1e-3, 0, batch, batch, 1), par);
    }
}
