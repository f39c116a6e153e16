package advtrain.threat;

import advtrain.data.DataSpec;
import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.loss.Losses;
import advtrain.model.DeepReluNet;
import advtrain.model.Network;
import advtrain.model.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Real networks of the model package, trained briefly (clean full-batch gradient descent) for integration tests. */
final class TrainedNets {

    private TrainedNets() {
    }

    /** Three classes on the unit sphere in d = 8, labelled by a teacher net: sep keeps classes apart. */
    static Dataset sphereData(int n, String split) {
        try {
            return DataSpec.parse("sphere:n=" + n + ",d=8,classes=3,seed=4,label=teacher,sep=0.2,split=" + split).load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The paper's deep ReLU net (m = 64, H = 2, k = 3) after {@code steps} full-batch GD steps on {@code data}. */
    static Network deep(Dataset data, int steps, double lr) {
        DeepReluNet net = DeepReluNet.init(data.d(), 64, 2, data.outputDim(), 21);
        Loss loss = Losses.defaultFor(net.outputDim());
        int n = data.n();
        int k = net.outputDim();
        Workspace ws = net.newWorkspace(n, Parallel.serial());
        double[] gOut = new double[n * k];
        double[] grad = new double[net.paramCount()];
        for (int t = 0; t < steps; t++) {
            net.forward(ws, data.x(), 0, n);
            for (int i = 0; i < n; i++) {
                loss.valueAndGradient(ws.output(), i * k, k, data.y()[i], gOut, i * k);
            }
            net.backwardWeights(ws, gOut, 0, 0.0, grad);
            double[] w = net.params();
            for (int j = 0; j < w.length; j++) {
                w[j] -= lr * grad[j] / n;
            }
        }
        return net;
    }
}
