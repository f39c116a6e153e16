package advtrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import org.junit.jupiter.api.Test;

class CompatibilityTest {

    @Test
    void closestPairMatchesBruteForceInBothNormsOnAnyThreadCount() {
        Dataset data = TestData.sphere(61, 5, 3, 4);
        for (Compatibility.Norm norm : Compatibility.Norm.values()) {
            double best = Double.POSITIVE_INFINITY;
            int bi = -1;
            int bj = -1;
            for (int i = 0; i < data.n(); i++) {
                for (int j = i + 1; j < data.n(); j++) {
                    if (data.y()[i] == data.y()[j]) {
                        continue;
                    }
                    double s = 0;
                    for (int c = 0; c < data.d(); c++) {
                        double t = data.x()[i * 5 + c] - data.x()[j * 5 + c];
                        s = norm == Compatibility.Norm.L2 ? s + t * t : Math.max(s, Math.abs(t));
                    }
                    double dist = norm == Compatibility.Norm.L2 ? Math.sqrt(s) : s;
                    if (dist < best) {
                        best = dist;
                        bi = i;
                        bj = j;
                    }
                }
            }
            try (Parallel par = Parallel.create(2)) {
                Compatibility.Closest c = Compatibility.closest(data, norm, par);
                assertEquals(best, c.distance(), 0.0, norm.toString());
                assertEquals(bi, c.rowI());
                assertEquals(bj, c.rowJ());
                assertEquals(c, Compatibility.closest(data, norm, Parallel.serial()));
            }
        }
    }

    @Test
    void incompatibleRadiusIsRefusedWithTheOffendingPairUnlessAllowed() {
        double[] x = {1, 0, 0.9, Math.sqrt(1 - 0.81), 0, 1};
        Dataset data = new Dataset("three", "test", 3, 2, x, new int[] {1, -1, -1}, 2);
        double dist = Math.hypot(0.1, Math.sqrt(1 - 0.81));
        Compatibility.Closest ok = Compatibility.check(data, Compatibility.Norm.L2, 0.49 * dist, false, Parallel.serial());
        assertEquals(0, ok.rowI());
        assertEquals(1, ok.rowJ());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compatibility.check(data, Compatibility.Norm.L2, 0.5 * dist, false, Parallel.serial()));
        assertTrue(e.getMessage().contains("rows 0 (label 1) and 1 (label -1)"), e.getMessage());
        Compatibility.check(data, Compatibility.Norm.L2, dist, true, Parallel.serial());
    }
}
