package advtrain.threat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.random.RandomStream;
import org.junit.jupiter.api.Test;

class DlrLossTest {

    /**
     * The gradient in f matches central differences. h = 1e-6: rounding contributes ~1e-16 / h = 1e-10; DLR is
     * rational between ties, with truncation error ~h^2 / gap^3 for a gap between logits (trials with a gap below
     * 1e-2 are skipped): at most 1e-6, the tolerance.
     */
    @Test
    void gradientMatchesCentralDifferences() {
        DlrLoss dlr = new DlrLoss();
        int k = 6;
        RandomStream rs = RandomStream.of(3, "test.dlr");
        int tested = 0;
        for (int trial = 0; trial < 50; trial++) {
            double[] f = new double[k];
            rs.fillGaussian(f, 0, k, 2.0);
            int y = rs.nextInt(k);
            double gap = Double.POSITIVE_INFINITY;
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    gap = Math.min(gap, Math.abs(f[a] - f[b]));
                }
            }
            if (gap < 1e-2) {
                continue; // near a tie the selection may flip inside [f - h, f + h]
            }
            tested++;
            double[] g = new double[k];
            double v = dlr.valueAndGradient(f, 0, k, y, g, 0);
            assertEquals(dlr.value(f, 0, k, y), v, 0.0);
            double h = 1e-6;
            for (int j = 0; j < k; j++) {
                double[] p = f.clone();
                double[] m = f.clone();
                p[j] += h;
                m[j] -= h;
                double fd = (dlr.value(p, 0, k, y) - dlr.value(m, 0, k, y)) / (2 * h);
                assertEquals(fd, g[j], 1e-6, "trial " + trial + " j " + j);
            }
        }
        assertTrue(tested >= 30, "only " + tested + " trials away from ties");
    }

    @Test
    void valueFollowsTheDefinitionAndIsScaleInvariant() {
        DlrLoss dlr = new DlrLoss();
        double[] f = {3.0, 1.0, 2.0, -1.0};
        // y = 1: z_y = 1, max other = 3, sorted 3 > 2 > 1: -(1 - 3) / (3 - 1 + 1e-12)
        assertEquals(2.0 / (2.0 + 1e-12), dlr.value(f, 0, 4, 1), 1e-15);
        // y = 0 (correct, top): -(3 - 2) / (3 - 1 + 1e-12) < 0
        assertTrue(dlr.value(f, 0, 4, 0) < 0);
        double[] scaled = {30.0 + 5, 10.0 + 5, 20.0 + 5, -10.0 + 5};
        assertEquals(dlr.value(f, 0, 4, 1), dlr.value(scaled, 0, 4, 1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> dlr.value(new double[] {1, 2}, 0, 2, 0));
    }
}
