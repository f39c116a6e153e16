package advtrain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.kernel.Parallel;
import org.junit.jupiter.api.Test;

/**
 * The paper's initialisation. Moments are checked within 5 standard errors: for n i.i.d. N(0, s^2) draws the
 * sample mean has standard error s / sqrt(n) and the sample variance s^2 sqrt(2 / n).
 */
class InitTest {

    private static void assertGaussianMoments(double[] v, int off, int n, double variance, String what) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += v[off + i];
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            var += (v[off + i] - mean) * (v[off + i] - mean);
        }
        var /= n - 1;
        assertEquals(0.0, mean, 5 * Math.sqrt(variance / n), what + " mean");
        assertEquals(variance, var, 5 * variance * Math.sqrt(2.0 / n), what + " variance");
    }

    @Test
    void deepNetEntriesHaveThePapersVariances() {
        int d = 150, m = 200, depth = 2, k = 40;
        DeepReluNet net = DeepReluNet.init(d, m, depth, k, 2024);
        assertGaussianMoments(net.inputMatrix(), 0, m * d, 2.0 / m, "A ~ N(0, 2/m)");
        for (int h = 1; h <= depth; h++) {
            assertGaussianMoments(net.params(), net.layerOffset(h), m * m, 2.0 / m, "W" + h + " ~ N(0, 2/m)");
        }
        assertGaussianMoments(net.outputWeights(), 0, k * m, 1.0, "a ~ N(0, 1)");
        assertArrayEquals(net.params(), net.initialParams(), 0.0);
        assertTrue(net.params() != net.initialParams(), "W(0) is a separate copy");
        assertEquals(depth, net.blocks());
        assertEquals(m * m, net.layerOffset(2));
        assertEquals(net.layerOffset(2), net.blockOffset(1));
        assertEquals(3.0 / Math.sqrt(m), net.blockRadius(3.0), 0.0);
    }

    @Test
    void twoLayerNetPairsRowsAndSignsAndStartsAtExactlyZero() {
        int d = 40, m = 600, k = 3;
        for (Activation act : Activation.values()) {
            TwoLayerNet net = TwoLayerNet.init(d, m, k, act, 77);
            double[] w = net.params();
            assertGaussianMoments(w, 0, m / 2 * d, 1.0, act + " w_r ~ N(0, I)");
            for (int r = 0; r < m / 2; r++) {
                for (int i = 0; i < d; i++) {
                    assertEquals(w[r * d + i], w[(r + m / 2) * d + i], 0.0, "w̄_r = w_r");
                }
            }
            double[] a = net.outputWeights();
            double sum = 0;
            for (int j = 0; j < k; j++) {
                for (int r = 0; r < m / 2; r++) {
                    assertTrue(a[j * m + r] == 1.0 || a[j * m + r] == -1.0, "a_r in {+1, -1}");
                    assertEquals(-a[j * m + r], a[j * m + r + m / 2], 0.0, "a'_r = -a_r");
                    sum += a[j * m + r];
                }
            }
            assertEquals(0.0, sum / (k * m / 2), 5 / Math.sqrt(k * m / 2.0), "signs are balanced");
            int batch = 16;
            Workspace ws = net.newWorkspace(batch, Parallel.serial());
            net.forward(ws, TestNets.inputs(batch, d, 3), 0, batch);
            for (int i = 0; i < batch * k; i++) {
                assertEquals(0.0, ws.output()[i], 0.0, act + ": f(W(0), x) == 0 exactly");
            }
            assertEquals(1.0 / Math.sqrt(m), net.outputScale(), 0.0);
            assertEquals(2.5, net.blockRadius(2.5), 0.0);
        }
    }

    @Test
    void sameSeedGivesTheSameModelAndOtherSeedsDiffer() {
        DeepReluNet a = DeepReluNet.init(5, 8, 2, 3, 9);
        DeepReluNet b = DeepReluNet.init(5, 8, 2, 3, 9);
        assertArrayEquals(a.params(), b.params(), 0.0);
        assertArrayEquals(a.inputMatrix(), b.inputMatrix(), 0.0);
        assertArrayEquals(a.outputWeights(), b.outputWeights(), 0.0);
        assertFalse(java.util.Arrays.equals(a.params(), DeepReluNet.init(5, 8, 2, 3, 10).params()));
        try (Parallel par = Parallel.create(2)) {
            DeepReluNet p = DeepReluNet.init(5, 40, 2, 3, 9, par);
            DeepReluNet q = DeepReluNet.init(5, 40, 2, 3, 9);
            assertArrayEquals(q.params(), p.params(), 0.0, "parallel init == serial init");
            assertArrayEquals(q.inputMatrix(), p.inputMatrix(), 0.0);
        }
        TwoLayerNet t = TwoLayerNet.init(5, 8, 2, Activation.TANH, 9);
        assertArrayEquals(t.params(), TwoLayerNet.init(5, 8, 2, Activation.RELU, 9).params(), 0.0,
                "the activation does not change the draws");
        // A layer's rows come from their own streams: a wider input keeps the first layer's W rows.
        DeepReluNet wide = DeepReluNet.init(7, 8, 2, 3, 9);
        assertArrayEquals(a.params(), wide.params(), 0.0);
    }

    /**
     * He scaling: E ||ReLU(W x)||^2 = ||x||^2 for W ~ N(0, 2/m), so ||xh|| / ||x0|| stays near 1 through the
     * layers. Per layer the squared norm has relative standard deviation sqrt(5/m) (a sum of m i.i.d.
     * z^2 1[z > 0] terms), so the norm ratio after H layers is within 5 sqrt(5 H / m) / 2 (5 sigma) of 1;
     * at m = 4096, H = 2 that is 0.087. A wrong variance (e.g. 1/m) would give 0.5 after two layers.
     */
    @Test
    void deepNetPreservesNormsThroughDepthAtWidth4096() {
        int d = 32, m = 4096, depth = 2, batch = 4;
        DeepReluNet net;
        DeepReluWorkspace ws;
        try (Parallel par = Parallel.create(2)) {
            net = DeepReluNet.init(d, m, depth, 1, 5, par);
            ws = net.newWorkspace(batch, par);
            net.forward(ws, TestNets.inputs(batch, d, 8), 0, batch);
        }
        double tol = 5 * Math.sqrt(5.0 * depth / m) / 2;
        for (int b = 0; b < batch; b++) {
            double n0 = rowNorm(ws.activation(0), b, m);
            // x0 = A x with A ~ N(0, 2/m): E ||x0||^2 = 2 ||x||^2 = 2 on the sphere (relative sd sqrt(2/m) each).
            assertEquals(Math.sqrt(2.0), n0, Math.sqrt(2.0) * 5 * Math.sqrt(2.0 / m), "||A x||");
            for (int h = 1; h <= depth; h++) {
                double ratio = rowNorm(ws.activation(h), b, m) / n0;
                assertEquals(1.0, ratio, tol, "||x" + h + "|| / ||x0|| for sample " + b);
            }
        }
    }

    private static double rowNorm(double[] v, int row, int m) {
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += v[row * m + i] * v[row * m + i];
        }
        return Math.sqrt(s);
    }
}
