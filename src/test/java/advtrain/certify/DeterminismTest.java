package advtrain.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import advtrain.kernel.Parallel;
import advtrain.loss.Losses;
import advtrain.model.Activation;
import advtrain.model.DeepReluNet;
import advtrain.model.Network;
import advtrain.model.TwoLayerNet;
import advtrain.threat.Norm;
import org.junit.jupiter.api.Test;

/**
 * Bounds are bit-identical on 1 and 2 threads, on problems large enough to cut into several sample batches
 * ({@link Certifier#BATCH}) and several GEMM row chunks ({@link BackwardPass#ROW_CHUNK}), and do not depend
 * on which batch a sample falls in.
 */
class DeterminismTest {

    @Test
    void boundsAreBitIdenticalOnOneAndTwoThreads() {
        int n = Certifier.BATCH + 6;
        Network[] nets = {DeepReluNet.init(20, 40, 3, 10, 3), TwoLayerNet.init(20, 40, 10, Activation.GELU, 4),
                          DeepReluNet.init(20, 40, 2, 1, 5)};
        Ball[] balls = {Ball.of(Norm.LINF, 0.3).withBox(-1, 1), Ball.of(Norm.L2, 0.8)};
        try (Parallel two = Parallel.create(2)) {
            for (Network net : nets) {
                int k = net.outputDim();
                double[] x = TestNets.inputs(5, n, 20);
                int[] y = TestNets.labels(5, n, k);
                Certifier c1 = Certifier.of(net, Parallel.serial());
                Certifier c2 = Certifier.of(net, two);
                for (Ball ball : balls) {
                    for (Method method : Method.values()) {
                        Certificate a = c1.certify(method, ball, Losses.defaultFor(k), x, y, n);
                        Certificate b = c2.certify(method, ball, Losses.defaultFor(k), x, y, n);
                        for (int i = 0; i < a.outputs().length; i++) {
                            assertEquals(Double.doubleToRawLongBits(a.outputs()[i]), Double.doubleToRawLongBits(b.outputs()[i]),
                                    net.kind() + " " + ball + " " + method + " output " + i);
                        }
                        for (int i = 0; i < n; i++) {
                            assertEquals(Double.doubleToRawLongBits(a.lossUpper()[i]), Double.doubleToRawLongBits(b.lossUpper()[i]));
                        }
                        // pure CROWN bounds all 2 x 64 x 40 = 5120 neuron rows of a batch: several GEMM row chunks
                        double[] p1 = new double[a.outputs().length];
                        double[] p2 = new double[a.outputs().length];
                        c1.bounds(method, true, ball, x, 0, y, 0, n, p1, 0);
                        c2.bounds(method, true, ball, x, 0, y, 0, n, p2, 0);
                        for (int i = 0; i < p1.length; i++) {
                            assertEquals(Double.doubleToRawLongBits(p1[i]), Double.doubleToRawLongBits(p2[i]), "pure " + method);
                        }
                        // a sample's bounds do not depend on its batch: bound the last 6 alone
                        double[] tail = new double[6 * a.outputsPerSample()];
                        c1.bounds(method, ball, x, (n - 6) * 20, y, n - 6, 6, tail, 0);
                        for (int i = 0; i < tail.length; i++) {
                            assertEquals(Double.doubleToRawLongBits(a.outputs()[(n - 6) * a.outputsPerSample() + i]),
                                    Double.doubleToRawLongBits(tail[i]), "batch independence " + method + " " + ball);
                        }
                    }
                }
            }
        }
    }
}
