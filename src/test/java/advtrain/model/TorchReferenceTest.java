package advtrain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.data.NdArray;
import advtrain.data.Npz;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.loss.Losses;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The networks against PyTorch (float64, autograd) on the fixtures of tools/make-model-fixtures.py: outputs,
 * the gradient of the summed loss with respect to the trained weights, and with respect to the inputs agree to
 * 1e-10 absolute (all values are O(1); the two implementations differ only in summation order, about 1e-15).
 */
class TorchReferenceTest {

    private static final double TOL = 1e-10;

    private static Map<String, NdArray> fixture(String name) throws IOException, URISyntaxException {
        return Npz.read(Path.of(TorchReferenceTest.class.getResource("/fixtures/model/" + name + ".npz").toURI()));
    }

    @Test
    void deepNetMatchesTorch() throws Exception {
        int checked = 0;
        for (String name : new String[] {"deep_logistic", "deep_cross_entropy", "deep_square"}) {
            Map<String, NdArray> z = fixture(name);
            NdArray a = z.get("A");
            int m = a.dim(0), d = a.dim(1);
            int depth = 0;
            while (z.containsKey("W" + (depth + 1))) {
                depth++;
            }
            int k = z.get("a").ndim() == 1 ? 1 : z.get("a").dim(0);
            double[] w = new double[depth * m * m];
            for (int h = 1; h <= depth; h++) {
                System.arraycopy(z.get("W" + h).doubles(), 0, w, (h - 1) * m * m, m * m);
            }
            DeepReluNet net = DeepReluNet.of(d, m, depth, k, 0, a.doubles(), z.get("a").doubles(), w, w);
            double[] grad = compare(net, z, name);
            for (int h = 1; h <= depth; h++) {
                assertClose(z.get("gW" + h).doubles(), grad, net.layerOffset(h), name + " dL/dW" + h);
            }
            checked++;
        }
        assertEquals(3, checked);
    }

    @Test
    void twoLayerNetMatchesTorchForEveryActivation() throws Exception {
        int checked = 0;
        for (String name : new String[] {"two_relu", "two_softplus", "two_tanh", "two_sigmoid", "two_gelu",
            "two_quadratic_relu", "two_tanh_logistic", "two_softplus_square"}) {
            Map<String, NdArray> z = fixture(name);
            NdArray w = z.get("W");
            int m = w.dim(0), d = w.dim(1);
            int k = z.get("a").dim(0);
            Activation act = Activation.parse(z.get("activation").text());
            TwoLayerNet net = TwoLayerNet.of(d, m, k, act, 0, z.get("a").doubles(), w.doubles(), w.doubles());
            double[] grad = compare(net, z, name);
            assertClose(z.get("gW").doubles(), grad, 0, name + " dL/dW");
            checked++;
        }
        assertEquals(8, checked);
    }

    /** Compares f, dL/dx and the summed loss; returns dL/dW for the caller to compare. */
    private static double[] compare(Network net, Map<String, NdArray> z, String name) {
        double[] x = z.get("x").doubles();
        int[] y = z.get("y").toInts("y");
        Loss loss = Losses.parse(z.get("loss").text());
        int batch = y.length, k = net.outputDim();
        Workspace ws = net.newWorkspace(batch, Parallel.serial());
        double total = TestNets.batchLoss(net, ws, x, batch, y, loss);
        assertEquals(z.get("L").doubles()[0], total, TOL, name + " loss");
        assertClose(z.get("f").doubles(), ws.output(), 0, name + " f");
        double[] g = TestNets.lossGradient(net, ws, batch, y, loss);
        double[] grad = new double[net.paramCount()];
        double[] gx = new double[x.length];
        net.backward(ws, g, 0, 0.0, grad, gx, 0);
        assertClose(z.get("gx").doubles(), gx, 0, name + " dL/dx");
        assertTrue(batch * k > 0);
        return grad;
    }

    private static void assertClose(double[] expected, double[] actual, int off, String what) {
        double scale = 0;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[off + i], TOL, what + " element " + i);
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        assertTrue(scale > 1e-3, what + ": reference is (nearly) zero, the comparison would be vacuous");
    }
}
