package advtrain.certify;

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
import advtrain.threat.AttackRun;
import advtrain.threat.AttackSpec;
import org.junit.jupiter.api.Test;

/**
 * The attack/certificate sandwich with the threat package's attacks on model networks: the outputs at the
 * PGD and APGD points (the ensemble picks the worst per sample) lie inside the certified output bounds, the
 * attack's loss is at most the certified loss bound sample by sample (so L_A <= certified upper bound on L_*),
 * and certified accuracy <= accuracy under the attack (a certified sample is never broken).
 *
 * <p>Tolerance: 1e-10 x (1 + |bound|), rounding (see {@link SoundnessTest}).
 */
class AttackSandwichTest {

    @Test
    void attackLossAndOutputsLieInsideTheCertifiedBounds() {
        Network[] nets = {DeepReluNet.init(8, 24, 2, 3, 21), DeepReluNet.init(8, 24, 3, 1, 22),
                          TwoLayerNet.init(8, 24, 1, Activation.SOFTPLUS, 23), TwoLayerNet.init(8, 24, 3, Activation.SIGMOID, 24)};
        String[] sets = {"norm=linf,eps=0.05", "norm=linf,eps=0.2,box=-1,1", "norm=l2,eps=0.3", "norm=l2,eps=0.6,box=-1,1"};
        int n = 24;
        int anyCertified = 0;
        try (Parallel par = Parallel.create(2)) {
            for (Network net : nets) {
                RandomStream r = RandomStream.of(5, "test.sandwich", net.outputDim(), net.paramCount());
                for (int i = 0; i < net.paramCount(); i++) {
                    net.params()[i] += 0.3 * r.nextGaussian();
                }
                int k = net.outputDim();
                double[] x = TestNets.inputs(31, n, 8);
                int[] y = TestNets.labels(31, n, k);
                Dataset data = new Dataset("sandwich", "test", n, 8, x, y, k == 1 ? 2 : k);
                Loss loss = Losses.defaultFor(k);
                Certifier cert = Certifier.of(net, par);
                for (String set : sets) {
                    AttackSpec spec = AttackSpec.parse("ensemble:pgd+apgd-ce," + set + ",steps=20");
                    AttackRun.Result adv = AttackRun.run(net, loss, data, spec, 3, 16, par, true);
                    Ball ball = Ball.of(spec.perturbationSet());
                    for (Method method : Method.values()) {
                        Certificate c = cert.certify(method, ball, loss, x, y, n);
                        int per = c.outputsPerSample();
                        for (int b = 0; b < n; b++) {
                            String what = net.kind() + " k=" + k + " " + spec + " " + method + " sample " + b;
                            double up = c.lossUpper()[b];
                            assertTrue(adv.loss()[b] <= up + 1e-10 * (1 + Math.abs(up)), what + ": attack loss " + adv.loss()[b]
                                    + " above certified " + up);
                            for (int s = 0; s < Specs.rows(k); s++) {
                                double v = SoundnessTest.spec(java.util.Arrays.copyOfRange(adv.f(), b * k, b * k + k), k, y[b], s);
                                double lb = SoundnessTest.specLowerFromOutputs(c.outputs(), b * per, k, y[b], s);
                                assertTrue(v >= lb - 1e-10 * (1 + Math.abs(lb)), what + " spec " + s + ": " + v + " below " + lb);
                            }
                            if (c.certified()[b]) {
                                anyCertified++;
                                assertTrue(adv.correct()[b], what + ": certified, yet the attack broke it");
                            }
                        }
                        assertTrue(c.certifiedAccuracy() <= adv.accuracy(), what(net, spec, method));
                        assertTrue(adv.surrogateLoss() <= c.robustLossUpper() + 1e-10 * (1 + c.robustLossUpper()));
                    }
                }
            }
        }
        assertTrue(anyCertified > 0, "no sample was ever certified: the accuracy sandwich never bit");
    }

    private static String what(Network net, AttackSpec spec, Method method) {
        return net.kind() + " " + spec + " " + method + ": certified accuracy above accuracy under attack";
    }
}
