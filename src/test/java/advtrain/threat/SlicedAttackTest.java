package advtrain.threat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.loss.Losses;
import advtrain.model.Activation;
import advtrain.model.DeepReluNet;
import advtrain.model.Network;
import advtrain.model.TwoLayerNet;
import advtrain.random.RandomStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the engine's networks run with packed weights (fused ones on the deep net) and, on a pool, cut into
 * one slice of rows per thread ({@link BatchSlices}). None of that may show in the results: one batch on one
 * thread, the same batch in 2 and 3 slices, and batches of one row give the same bits, for every attack.
 */
class SlicedAttackTest {

    private static final List<String> SPECS = List.of("pgd:norm=linf,eps=0.05,steps=5,restarts=2",
            "apgd-ce:norm=l2,eps=0.2,steps=6", "apgd-dlr:norm=linf,eps=0.05,steps=5", "fgsm:eps=0.05",
            "ensemble:pgd+apgd-ce+fgm,norm=l2,eps=0.2,sphere=true,steps=4");

    private static Dataset data(int n, int d, long seed) {
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            RandomStream rs = RandomStream.of(seed, "sliced", i);
            rs.fillGaussian(x, i * d, d, 1.0);
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += x[i * d + j] * x[i * d + j];
            }
            for (int j = 0; j < d; j++) {
                x[i * d + j] /= Math.sqrt(s);
            }
            y[i] = rs.nextInt(3);
        }
        return new Dataset("sliced", "test", n, d, x, y, 3);
    }

    private static void moveOffInit(Network net, long seed) {
        RandomStream rs = RandomStream.of(seed, "sliced.w");
        double[] w = net.params();
        for (int i = 0; i < w.length; i++) {
            w[i] += 0.05 * rs.nextGaussian();
        }
    }

    @Test
    void slicesThreadsAndBatchSizesGiveTheSameBits() {
        DeepReluNet deep = DeepReluNet.init(12, 40, 2, 3, 5);
        moveOffInit(deep, 1);
        DeepReluNet wideInput = DeepReluNet.init(600, 24, 1, 3, 6); // fgsm's 3 passes x 128 < d: exact packs
        TwoLayerNet twoLayer = TwoLayerNet.init(12, 40, 3, Activation.RELU, 7);
        moveOffInit(twoLayer, 2);
        int checked = 0;
        for (Network net : new Network[] {deep, wideInput, twoLayer}) {
            Dataset data = data(37, net.inputDim(), 8);
            Loss loss = Losses.defaultFor(net.outputDim());
            for (String s : SPECS) {
                AttackSpec spec = AttackSpec.parse(s);
                AttackRun.Result ref = AttackRun.run(net, loss, data, spec, 11, 37, Parallel.serial(), true);
                assertSame(ref, AttackRun.run(net, loss, data, spec, 11, 1, Parallel.serial(), true), net + " " + s + " batches of 1");
                for (int threads : new int[] {2, 3}) {
                    try (Parallel par = Parallel.create(threads)) {
                        assertTrue(BatchSlices.sliceCount(par, 37) == threads, "the batch is really sliced");
                        assertSame(ref, AttackRun.run(net, loss, data, spec, 11, 37, par, true), net + " " + s + " " + threads + " slices");
                    }
                }
                PerturbationSet set = spec.perturbationSet();
                for (int i = 0; i < data.n(); i++) {
                    assertTrue(set.contains(data.d(), ref.xAdv(), i * data.d(), data.x(), i * data.d(), PerturbationSet.TOLERANCE),
                            net + " " + s + " row " + i);
                }
                checked++;
            }
        }
        assertEquals(15, checked);
        assertTrue(BatchSlices.fuses(AttackSpec.parse(SPECS.get(0)), deep));
        assertFalse(BatchSlices.fuses(AttackSpec.parse("fgsm:eps=0.05"), wideInput));
    }

    private static void assertSame(AttackRun.Result a, AttackRun.Result b, String what) {
        for (int i = 0; i < a.xAdv().length; i++) {
            assertEquals(Double.doubleToRawLongBits(a.xAdv()[i]), Double.doubleToRawLongBits(b.xAdv()[i]), what + " x[" + i + "]");
        }
        for (int i = 0; i < a.loss().length; i++) {
            assertEquals(Double.doubleToRawLongBits(a.loss()[i]), Double.doubleToRawLongBits(b.loss()[i]), what + " loss[" + i + "]");
        }
    }
}
