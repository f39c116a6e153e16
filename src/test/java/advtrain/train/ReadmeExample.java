package advtrain.train;

import advtrain.data.DataSpec;
import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Losses;
import advtrain.model.DeepReluNet;
import advtrain.model.ModelIO;
import advtrain.model.Network;
import advtrain.threat.Attack;
import advtrain.threat.AttackSpec;
import java.nio.file.Path;
import java.util.Arrays;

/** The README's embedding example, verbatim between the markers ({@link ReadmeExampleTest} checks both). */
final class ReadmeExample {

    private ReadmeExample() {
    }

    static void run(Path modelFile) throws Exception {
        // README-BEGIN
        Dataset train = DataSpec.parse("digits:split=train,normalize=sphere").load();
        Dataset test = DataSpec.parse("digits:split=test,normalize=sphere").load();
        Attack pgd = AttackSpec.parse("pgd:norm=l2,eps=0.13,steps=10").newAttack();
        try (Parallel par = Parallel.create(2)) {                      // or Training.builder().threads(2)
            Network net = DeepReluNet.init(train.d(), 128, 2, train.outputDim(), 1, par);
            Training training = Training.builder()
                    .data(train).network(net).loss(Losses.parse("cross-entropy")).attack(pgd)
                    .radius(60).lr(0.1).batch(32).epochs(1).seed(1).parallel(par)
                    .build();
            training.train();                                          // projected SGD on the PGD points
            double robust = training.evaluate(pgd, test).accuracy();   // test accuracy under PGD
            ModelIO.write(modelFile, net);                             // model.npz, readable by numpy
            Network loaded = ModelIO.read(modelFile);
            System.out.printf("robust accuracy %.3f, reloaded equal: %b%n", robust,
                    Arrays.equals(loaded.params(), net.params()));
        }
        // README-END
    }
}
