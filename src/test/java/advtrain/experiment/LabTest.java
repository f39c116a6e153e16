package advtrain.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.model.DeepReluNet;
import org.junit.jupiter.api.Test;

class LabTest {

    @Test
    void oneTrainedLayerWithAnUnchangedPatternIsExactlyLinear() {
        Dataset data = CapacityExperiment.pairs(8, 5, 0.1, 0.2, 3);
        DeepReluNet net = DeepReluNet.init(5, 32, 1, 1, 4);
        double[] w = net.params();
        double[] w0 = net.initialParams();
        // a displacement of 1e-6 per weight (pre-activations move by ~1e-5, they are O(0.1)) changes no activation
        for (int i = 0; i < w.length; i++) {
            w[i] = w0[i] + 1e-6 * ((i % 7) - 3);
        }
        double err = Lab.linearisationError(net, data, Parallel.serial());
        // f is linear in W1 within a pattern, so only rounding remains: O(1e-16) errors of f against a change
        // of f of ~1e-5, a relative error ~1e-11; 1e-8 leaves room
        assertTrue(err < 1e-8, "relative linearisation error " + err);
    }

    @Test
    void twoTrainedLayersMovedFarAreNotLinear() {
        Dataset data = CapacityExperiment.pairs(8, 5, 0.1, 0.2, 3);
        DeepReluNet net = DeepReluNet.init(5, 32, 2, 1, 4);
        double[] w = net.params();
        double[] w0 = net.initialParams();
        for (int i = 0; i < w.length; i++) {
            w[i] = w0[i] + 0.3 * ((i % 5) - 2) / Math.sqrt(32);
        }
        assertTrue(Lab.linearisationError(net, data, Parallel.serial()) > 1e-3);
    }

    @Test
    void capacityPairsAreOnTheSphereAndCompatible() {
        double delta = 0.1;
        double gap = 0.2;
        Dataset data = CapacityExperiment.pairs(16, 6, delta, gap, 7);
        int d = data.d();
        double[] x = data.x();
        for (int i = 0; i < data.n(); i++) {
            assertEquals(1.0, Math.sqrt(dot(x, i, i, d)), 1e-12, "row " + i + " on the unit sphere");
            for (int j = 0; j < i; j++) {
                double dist = Math.sqrt(Math.max(0, 2 - 2 * dot(x, i, j, d)));
                if (j == i - 1 && i % 2 == 1) {
                    // a pair: exactly 2 delta + gap apart (to rounding of unit vectors, ~1e-15 / distance)
                    assertEquals(2 * delta + gap, dist, 1e-9);
                    assertEquals(-data.y()[i], data.y()[j]);
                } else if (data.y()[i] != data.y()[j]) {
                    assertTrue(dist > 2 * delta, "rows " + i + ", " + j + " at " + dist);
                }
            }
        }
    }

    private static double dot(double[] x, int i, int j, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s += x[i * d + k] * x[j * d + k];
        }
        return s;
    }
}
