package advtrain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.kernel.Simd;
import advtrain.kernel.VectorKernels;
import org.junit.jupiter.api.Test;

class ActivationTest {

    private static final double[] POINTS = {-30, -4.5, -1.3, -0.2, 0.05, 0.7, 1.9, 6.0, 30};

    /** σ' vs central differences with h = 1e-5 (error O(h^2 σ''') + O(eps σ / h) < 1e-8 at |z| <= 30). */
    @Test
    void derivativesMatchCentralDifferences() {
        for (Activation a : Activation.values()) {
            for (double z : POINTS) {
                double h = 1e-5;
                double fd = (a.value(z + h) - a.value(z - h)) / (2 * h);
                assertEquals(fd, a.derivative(z), 1e-8 * Math.max(1, Math.abs(z)), a + " at " + z);
            }
        }
    }

    /** Reference values computed independently (mpmath / closed forms), to 1e-15 relative. */
    @Test
    void valuesMatchClosedForms() {
        assertEquals(Math.log(2), Activation.SOFTPLUS.value(0), 1e-16);
        assertEquals(800.0, Activation.SOFTPLUS.value(800), 0.0, "no overflow");
        assertEquals(0.5, Activation.SIGMOID.value(0), 0.0);
        assertEquals(0.0, Activation.SIGMOID.value(-800), 1e-300, "no overflow, no NaN");
        assertEquals(0.25, Activation.SIGMOID.derivative(0), 0.0);
        // GELU, tanh form: 0.5 * 1 * (1 + tanh(sqrt(2/pi) * 1.044715)) = 0.8411919906082768
        assertEquals(0.8411919906082768, Activation.GELU.value(1.0), 2e-16);
        assertEquals(2.25, Activation.QUADRATIC_RELU.value(1.5), 0.0);
        assertEquals(0.0, Activation.QUADRATIC_RELU.value(-1.5), 0.0);
        assertEquals(3.0, Activation.QUADRATIC_RELU.derivative(1.5), 0.0);
        assertEquals(0.0, Activation.RELU.derivative(0.0), 0.0, "relu'(0) = 0");
        assertEquals(Math.tanh(0.3), Activation.TANH.value(0.3), 1e-16);
    }

    /** The array forms (SIMD for ReLU) equal the scalar value/derivative element by element, on both kernel paths. */
    @Test
    void arrayFormsMatchElementwiseOnEveryKernelPath() {
        int n = 103;
        double[] pre = new double[n + 2];
        double[] g = new double[n + 2];
        for (int i = 0; i < pre.length; i++) {
            pre[i] = (i % 2 == 0 ? 1 : -1) * 0.37 * i - 3 + (i == 50 ? 3.0 + 0.37 * 50 : 0);
            g[i] = 0.1 * i - 2;
        }
        for (VectorKernels kern : new VectorKernels[] {Simd.scalar(), Simd.vector()}) {
            if (kern == null) {
                continue;
            }
            for (Activation a : Activation.values()) {
                double[] out = new double[n + 1];
                double[] back = new double[n + 1];
                a.forward(kern, n, pre, 2, out, 1);
                a.backward(kern, n, g, 1, pre, 2, back, 1);
                double[] expOut = new double[n + 1];
                double[] expBack = new double[n + 1];
                for (int i = 0; i < n; i++) {
                    expOut[1 + i] = a.value(pre[2 + i]);
                    expBack[1 + i] = g[1 + i] * a.derivative(pre[2 + i]);
                }
                assertArrayEquals(expOut, out, 0.0, a + " forward on " + kern.name());
                assertArrayEquals(expBack, back, 0.0, a + " backward on " + kern.name());
            }
        }
    }

    @Test
    void parseRoundTripsAndNamesTheChoices() {
        for (Activation a : Activation.values()) {
            assertSame(a, Activation.parse(a.toString()));
        }
        assertSame(Activation.QUADRATIC_RELU, Activation.parse("QUADRATIC_RELU"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
        assertTrue(e.getMessage().contains("'swish'") && e.getMessage().contains("quadratic-relu"), e.getMessage());
        assertTrue(!Activation.RELU.meetsAssumption51() && Activation.TANH.meetsAssumption51());
        assertTrue(Activation.QUADRATIC_RELU.meetsAssumption51() && !Activation.QUADRATIC_RELU.meetsAssumption53());
    }
}
