package advtrain.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class VectorOpsTest {

    private static void rejects(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void badLengthsOffsetsAndArraysAreRejectedWithTheirNumbers() {
        double[] x = new double[10], y = new double[10], out = new double[4];
        rejects(() -> VectorOps.relu(-1, x, 0, y, 0), "n must be >= 0", "got -1");
        rejects(() -> VectorOps.relu(5, x, 0, out, 0), "y is too short", "offset 0 + n 5 = 5 > length 4");
        rejects(() -> VectorOps.axpy(4, 1, x, 7, y, 0), "x is too short", "offset 7 + n 4 = 11 > length 10");
        rejects(() -> VectorOps.mul(3, x, -2, y, 0, out, 0), "x offset must be >= 0, got -2");
        rejects(() -> VectorOps.reluBackward(3, x, 0, null, 0, out, 0), "pre must not be null");
        rejects(() -> VectorOps.reluBackward(5, x, 0, y, 0, out, 0), "out is too short");
        rejects(() -> VectorOps.dot(11, x, 0, y, 0), "x is too short", "11 > length 10");
        rejects(() -> VectorOps.sum(1, x, Integer.MAX_VALUE), "x is too short", "2147483648 > length 10");
        rejects(() -> VectorOps.scale(-3, 2, x, 0), "got -3");
        rejects(() -> VectorOps.sign(10, x, 1, y, 0), "x is too short");
        rejects(() -> VectorOps.normInf(2, null, 0), "x must not be null");
        rejects(() -> VectorOps.sumSquaredDifferences(10, x, 0, out, 0), "y is too short");
        rejects(() -> VectorOps.norm2(-1, x, 0), "got -1");
        rejects(() -> VectorOps.clamp(3, 1.0, -1.0, x, 0), "lo <= hi", "lo=1.0, hi=-1.0");
        rejects(() -> VectorOps.clamp(3, Double.NaN, 1.0, x, 0), "lo=NaN");
        rejects(() -> VectorOps.signStepClip(3, x, 0, y, 0, 0.1, out, 0, -0.5, 0, 1), "eps must be >= 0, got -0.5");
        rejects(() -> VectorOps.signStepClip(3, x, 0, y, 0, 0.1, out, 0, 0.5, 1, 0), "boxLo <= boxHi", "boxLo=1.0, boxHi=0.0");
        rejects(() -> VectorOps.signStepClip(3, x, 0, y, 0, Double.NaN, out, 0, 0.5, 0, 1), "step");
        rejects(() -> VectorOps.signStepClip(5, x, 0, y, 0, 0.1, out, 0, 0.5, 0, 1), "c is too short");
    }

    @Test
    void aRejectedCallWritesNothing() {
        double[] x = {1, -2, 3, -4, 5};
        double[] y = {9, 9, 9};
        rejects(() -> VectorOps.relu(5, x, 0, y, 0), "y is too short");
        assertArrayEquals(new double[] {9, 9, 9}, y, 0.0);
        double[] c = {0, 0};
        rejects(() -> VectorOps.signStepClip(3, x, 0, x, 0, 1.0, c, 0, 0.5, -1, 1), "c is too short");
        assertArrayEquals(new double[] {1, -2, 3, -4, 5}, x, 0.0);
    }

    @Test
    void validCallsGiveTheKernelsResults() {
        double[] x = {3, -4, 0.5, 2, 7, -1, 0, 2, 1};
        double[] y = {0, 0, 0.5, 2, 7, -1, 0, 2, 1}; // x - y = (3, -4, 0, ...)
        VectorKernels k = Simd.kernels();
        assertEquals(k.dot(9, x, 0, y, 0), VectorOps.dot(9, x, 0, y, 0), 0.0);
        assertEquals(k.sum(8, x, 1), VectorOps.sum(8, x, 1), 0.0);
        assertEquals(Math.sqrt(k.sumSquares(9, x, 0, null, 0)), VectorOps.norm2(9, x, 0), 0.0);
        assertEquals(5.0, VectorOps.norm2(2, x, 0), 0.0);
        assertEquals(5.0, VectorOps.distance2(9, x, 0, y, 0), 0.0);
        assertEquals(7.0, VectorOps.normInf(9, x, 0), 0.0);
        assertEquals(0.0, VectorOps.normInf(0, x, 9), 0.0);
        double[] r = new double[9];
        VectorOps.relu(9, x, 0, r, 0);
        assertArrayEquals(new double[] {3, 0, 0.5, 2, 7, 0, 0, 2, 1}, r, 0.0);
        double[] v = x.clone();
        VectorOps.signStepClip(9, v, 0, x, 0, 10.0, y, 0, 1.0, -2.0, 6.5);
        for (int i = 0; i < 9; i++) {
            if (i == 4) {
                // ball [6, 8] and box [-2, 6.5] meet in [6, 6.5]; the step of +10 ends at the top
                assertEquals(6.5, v[i], 0.0);
            } else {
                assertTrue(v[i] >= Math.max(y[i] - 1, -2) && v[i] <= Math.min(y[i] + 1, 6.5), "index " + i);
            }
        }
        double[] w = {0.0};
        VectorOps.signStepClip(1, w, 0, new double[] {-1}, 0, 0.1, new double[] {5}, 0, 1.0, -1, 1);
        assertEquals(1.0, w[0], 0.0, "ball [4, 6] misses box [-1, 1]: documented result min(c + eps, boxHi)");
    }
}
