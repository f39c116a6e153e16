package advtrain.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Losses;
import advtrain.model.DeepReluNet;
import advtrain.random.RandomStream;
import advtrain.threat.Attack;
import advtrain.threat.AttackSpec;
import org.junit.jupiter.api.Test;

class AdversarialGapTest {

    static double[] trainAndAttack(String trainAttack, int steps) {
        Dataset train = TestData.sphere(96, 6, 2, 4);
        int[] lab = train.y().clone();
        RandomStream rs = RandomStream.of(4, "test.labels");
        for (int i = 0; i < lab.length; i++) {
            lab[i] = rs.nextSign() > 0 ? 1 : -1;
        }
        train = new Dataset("random-labels", "test", train.n(), train.d(), train.x(), lab, 2);
        Attack pgd = AttackSpec.parse("pgd:norm=l2,eps=0.15,steps=20").newAttack();
        try (Parallel par = Parallel.create(2)) {
            DeepReluNet net = DeepReluNet.init(6, 256, 1, 1, 3);
            Trainer t = new Trainer(net, Losses.parse("logistic"), AttackSpec.parse(trainAttack).newAttack(), train,
                    new TrainSettings(Double.POSITIVE_INFINITY, 0.5, 0, 0, 96, 5), par);
            for (int i = 0; i < steps; i++) {
                t.step();
            }
            Evaluator ev = new Evaluator(net, Losses.parse("logistic"), 128, par);
            return new double[] {ev.evaluate(null, train, 0, 9).accuracy(), ev.evaluate(pgd, train, 0, 9).accuracy()};
        }
    }

    /**
     * 96 points on the sphere in R^6 with random labels +-1: the closest differently labelled pair is 0.340 apart,
     * so l2 balls of radius 0.15 are compatible (Def. 3.1). Standard training interpolates with boundaries close
     * to the points; adversarial training (PGD-5, same eps) pushes them away. Same width (256), same seed,
     * full batch, 300 steps. Measured: standard clean 1.00, PGD-20 0.656; adversarial clean 0.917, PGD-20 0.823.
     * The test asks for a gap of at least 0.1 (measured 0.167).
     */
    @Test
    void adversarialTrainingBeatsStandardTrainingUnderPgdAtTheSameWidth() {
        double[] std = trainAndAttack("identity", 300);
        double[] adv = trainAndAttack("pgd:norm=l2,eps=0.15,steps=5", 300);
        assertTrue(adv[1] > std[1] + 0.1, "PGD accuracy: adversarial " + adv[1] + ", standard " + std[1]);
    }
}
