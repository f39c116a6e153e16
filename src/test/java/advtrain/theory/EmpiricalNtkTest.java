package advtrain.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.kernel.Parallel;
import advtrain.model.Activation;
import advtrain.model.DeepReluNet;
import advtrain.model.Network;
import advtrain.model.TwoLayerNet;
import advtrain.model.Workspace;
import org.junit.jupiter.api.Test;

class EmpiricalNtkTest {

    static final int N = 10;
    static final int D = 6;
    static final int[] WIDTHS = {256, 1024, 4096};

    static double[] errorsOverWidths(java.util.function.IntFunction<Network> nets, PointKernel analytic) {
        double[] x = TestPoints.onSphere(N, D, 1);
        double[] k = new KernelMatrix(analytic).gram(x, N, D);
        return RandomFeatureError.sweep(nets, WIDTHS, x, N, 0, k, Parallel.serial());
    }

    /**
     * Random features: the error is a Monte Carlo average over m features, so it should fall like 1/sqrt(m),
     * by 2 per step of 4x width. Asserted: it decreases at each step, falls by more than 2 from m = 256 to
     * 4096 (4 expected), and is below 0.1 at m = 4096 (measured 0.03-0.075 over seeds 1-3; a wrong scaling
     * or a wrong recursion gives errors of order 1 that do not fall).
     */
    static void assertConverges(String what, double[] err) {
        String msg = what + " errors " + java.util.Arrays.toString(err);
        assertTrue(err[1] < err[0] && err[2] < err[1], msg);
        assertTrue(err[0] / err[2] > 2.0, msg);
        assertTrue(err[2] < 0.1, msg);
    }

    @Test
    void deepEmpiricalNtkOverMConvergesToAnalyticForOneAndTwoLayers() {
        for (int h = 1; h <= 2; h++) {
            final int depth = h;
            assertConverges("deep H=" + h, errorsOverWidths(m -> DeepReluNet.init(D, m, depth, 1, 1), new DeepReluNtk(h)));
        }
    }

    /**
     * A sharper check of the deep recursion: averaged over 32 seeds the finite-width noise falls by sqrt(32),
     * so the off-diagonal entries of (1/m) K_emp at m = 256 come within the O(1/m) bias of Theta. Measured
     * relative off-diagonal errors 0.040, 0.037, 0.054 for H = 1, 2, 3; bound 0.075. Pairing Sdot_h with the
     * wrong layer's angle (a 5% change of the kernel that the single-seed test above cannot see) gives
     * 0.093 and 0.13 for H = 2, 3.
     */
    @Test
    void deepSeedAveragedNtkMatchesAnalyticOffDiagonal() {
        int m = 256;
        int seeds = 32;
        double[] x = TestPoints.onSphere(N, D, 1);
        for (int h = 1; h <= 3; h++) {
            double[] k = new KernelMatrix(new DeepReluNtk(h)).gram(x, N, D);
            double[] mean = new double[N * N];
            for (int s = 0; s < seeds; s++) {
                DeepReluNet net = DeepReluNet.init(D, m, h, 1, 100 + s);
                double[] g = GradientFactors.of(net, net.initialParams(), x, N, 0, Parallel.serial()).gram(Parallel.serial());
                for (int i = 0; i < N * N; i++) {
                    mean[i] += g[i] / m / seeds;
                }
            }
            double num = 0;
            double den = 0;
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    if (i != j) {
                        double e = mean[i * N + j] - k[i * N + j];
                        num += e * e;
                        den += k[i * N + j] * k[i * N + j];
                    }
                }
            }
            assertTrue(Math.sqrt(num / den) < 0.075, "H=" + h + ": off-diagonal relative error " + Math.sqrt(num / den));
        }
    }

    @Test
    void twoLayerEmpiricalNtkConvergesToAnalytic() {
        for (Activation act : new Activation[] {Activation.RELU, Activation.TANH}) {
            assertConverges("two-layer " + act, errorsOverWidths(m -> TwoLayerNet.init(D, m, 1, act, 1), TwoLayerNtk.of(act)));
        }
    }

    /**
     * The factored Gram equals the Gram of the materialised per-sample gradients (blocks of 3 over 7 rows:
     * partial blocks and off-diagonal blocks), to rounding: both sum the same products in different orders,
     * relative error below paramCount * eps.
     */
    @Test
    void factoredGramEqualsPerSampleGradientGram() {
        int n = 7;
        double[] x = TestPoints.onSphere(n, 5, 2);
        Network[] nets = {DeepReluNet.init(5, 24, 2, 3, 4), TwoLayerNet.init(5, 32, 2, Activation.GELU, 5)};
        for (Network net : nets) {
            // move the weights off W(0) so "current" and "initial" differ
            double[] w = net.params();
            for (int i = 0; i < w.length; i++) {
                w[i] += 0.01 * Math.sin(i);
            }
            for (double[] weights : new double[][] {net.params(), net.initialParams()}) {
                int out = net.outputDim() - 1;
                double[] direct = EmpiricalNtk.gram(net, weights, x, n, out, 3, Parallel.serial());
                double[] factored = GradientFactors.of(net, weights, x, n, out, Parallel.serial()).gram(Parallel.serial());
                double scale = 0;
                for (double v : direct) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < n * n; i++) {
                    assertEquals(direct[i], factored[i], net.paramCount() * 0x1p-52 * scale, net.kind() + " entry " + i);
                }
            }
        }
    }

    /** The factors' outputs are the network's own forward outputs (same GEMMs, so equal to rounding of d*m terms). */
    @Test
    void factorOutputsMatchForward() {
        int n = 5;
        double[] x = TestPoints.onSphere(n, 4, 3);
        Network[] nets = {DeepReluNet.init(4, 40, 3, 2, 6), TwoLayerNet.init(4, 40, 2, Activation.SOFTPLUS, 7)};
        for (Network net : nets) {
            Workspace ws = net.newWorkspace(n, Parallel.serial());
            net.forward(ws, x, 0, n);
            for (int o = 0; o < 2; o++) {
                double[] f = GradientFactors.of(net, net.params(), x, n, o, Parallel.serial()).outputs();
                for (int b = 0; b < n; b++) {
                    assertEquals(ws.output()[b * 2 + o], f[b], 1e-12, net.kind() + " row " + b + " output " + o);
                }
            }
        }
    }

    /** Symmetric bit for bit, PSD (smallest eigenvalue >= -1e-10 largest), and identical bits on 1 and 2 threads. */
    @Test
    void gramIsSymmetricPsdAndThreadInvariant() {
        int n = 12;
        double[] x = TestPoints.onSphere(n, D, 4);
        Network[] nets = {DeepReluNet.init(D, 96, 2, 1, 8), TwoLayerNet.init(D, 96, 1, Activation.TANH, 9)};
        try (Parallel two = Parallel.create(2)) {
            for (Network net : nets) {
                double[] k1 = GradientFactors.of(net, net.params(), x, n, 0, Parallel.serial()).gram(Parallel.serial());
                double[] k2 = GradientFactors.of(net, net.params(), x, n, 0, two).gram(two);
                double[] g1 = EmpiricalNtk.gram(net, net.params(), x, n, 0, 5, Parallel.serial());
                double[] g2 = EmpiricalNtk.gram(net, net.params(), x, n, 0, 5, two);
                for (int i = 0; i < n * n; i++) {
                    assertEquals(Double.doubleToRawLongBits(k1[i]), Double.doubleToRawLongBits(k2[i]), "factored entry " + i);
                    assertEquals(Double.doubleToRawLongBits(g1[i]), Double.doubleToRawLongBits(g2[i]), "direct entry " + i);
                }
                for (double[] k : new double[][] {k1, g1}) {
                    SpectrumSummary s = SpectrumSummary.of(k, n);
                    assertEquals(0.0, s.asymmetry(), 0.0, net.kind());
                    assertTrue(s.positiveSemiDefinite(), net.kind() + ": " + s);
                    assertTrue(s.max() > 0, net.kind() + ": " + s);
                }
            }
        }
    }

    /** The analytic Gram matrices are PSD too (closed form, quadrature, deep recursion). */
    @Test
    void analyticGramsArePsd() {
        int n = 16;
        double[] x = TestPoints.onSphere(n, 3, 5);
        PointKernel[] kernels = {TwoLayerNtk.of(Activation.RELU), TwoLayerNtk.of(Activation.SIGMOID), new DeepReluNtk(3)};
        for (PointKernel k : kernels) {
            SpectrumSummary s = SpectrumSummary.of(new KernelMatrix(k).gram(x, n, 3), n);
            assertTrue(s.positiveSemiDefinite() && s.asymmetry() == 0.0, k.describe() + ": " + s);
        }
    }
}
