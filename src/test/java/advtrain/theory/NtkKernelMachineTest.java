package advtrain.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.kernel.Parallel;
import advtrain.model.Activation;
import advtrain.model.TwoLayerNet;
import org.junit.jupiter.api.Test;

class NtkKernelMachineTest {

    /**
     * With a tiny ridge the kernel machine interpolates: on distinct sphere points the NTK Gram matrix is
     * positive definite, so f(x_i) = y_i up to ridge * ||alpha|| (checked at 1e-6 with ridge 1e-9).
     */
    @Test
    void interpolatesTrainingLabelsBinaryAndMulticlass() {
        int n = 20;
        int d = 4;
        double[] x = TestPoints.onSphere(n, d, 21);
        int[] yb = new int[n];
        int[] yk = new int[n];
        for (int i = 0; i < n; i++) {
            yb[i] = (i * 7) % 3 == 0 ? 1 : -1;
            yk[i] = (i * 5) % 3;
        }
        for (PointKernel k : new PointKernel[] {new DeepReluNtk(2), TwoLayerNtk.of(Activation.TANH)}) {
            NtkKernelMachine bin = NtkKernelMachine.fit(k, x, n, d, yb, 1, 1e-9);
            double[] fb = bin.predict(k, x, n);
            for (int i = 0; i < n; i++) {
                assertEquals(yb[i], fb[i], 1e-6, k.describe() + " row " + i);
            }
            assertEquals(1.0, bin.accuracy(fb, yb, n), 0.0);
            NtkKernelMachine multi = NtkKernelMachine.fit(k, x, n, d, yk, 3, 1e-9);
            double[] fk = multi.predict(k, x, n);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(yk[i] == c ? 1.0 : 0.0, fk[i * 3 + c], 1e-6, k.describe() + " row " + i + " class " + c);
                }
            }
        }
    }

    /**
     * A large ridge shrinks toward 0: with lambda >> ||K|| the outputs are about K y / lambda; and the
     * empirical NTK of a wide two-layer net gives nearly the analytic machine's predictions on held-out points,
     * the closer the wider the net.
     */
    @Test
    void ridgeShrinksAndEmpiricalKernelAgreesWithAnalytic() {
        int n = 12;
        int p = 6;
        int d = 5;
        double[] x = TestPoints.onSphere(n, d, 22);
        double[] t = TestPoints.onSphere(p, d, 23);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2 == 0 ? 1 : -1;
        }
        DeepReluNtk k = new DeepReluNtk(2);
        double lambda = 1e6;
        double[] f = NtkKernelMachine.fit(k, x, n, d, y, 1, lambda).predict(k, t, p);
        double[] cross = new KernelMatrix(k).cross(t, p, x, n, d);
        for (int i = 0; i < p; i++) {
            double ky = 0;
            for (int j = 0; j < n; j++) {
                ky += cross[i * n + j] * y[j];
            }
            assertEquals(ky / lambda, f[i], 1e-4 * Math.abs(ky / lambda) + 1e-12);
        }
        // the empirical machine of a wide two-layer ReLU net vs the analytic one: the difference in held-out
        // outputs shrinks with m (measured over seeds 1-3: 0.24-0.27 at m = 256, 0.02-0.11 at 2048, 0.042-0.045 at 16384)
        TwoLayerNtk relu = TwoLayerNtk.of(Activation.RELU);
        double ridge = 0.1;
        double[] fa = NtkKernelMachine.fit(relu, x, n, d, y, 1, ridge).predict(relu, t, p);
        double[] diff = new double[2];
        int[] widths = {256, 16384};
        for (int w = 0; w < 2; w++) {
            TwoLayerNet net = TwoLayerNet.init(d, widths[w], 1, Activation.RELU, 1);
            GradientFactors fx = GradientFactors.of(net, net.initialParams(), x, n, 0, Parallel.serial());
            GradientFactors ft = GradientFactors.of(net, net.initialParams(), t, p, 0, Parallel.serial());
            double[] fe = NtkKernelMachine.fit(fx.gram(Parallel.serial()), x, n, d, y, 1, ridge)
                    .predictFromCross(ft.kernelWith(fx, Parallel.serial()), p);
            double num = 0;
            double den = 0;
            for (int i = 0; i < p; i++) {
                num += (fe[i] - fa[i]) * (fe[i] - fa[i]);
                den += fa[i] * fa[i];
            }
            diff[w] = Math.sqrt(num / den);
        }
        assertTrue(diff[1] < diff[0] / 2 && diff[1] < 0.1, "relative differences " + diff[0] + " -> " + diff[1]);
    }
}
