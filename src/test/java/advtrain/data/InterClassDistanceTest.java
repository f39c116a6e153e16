package advtrain.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import advtrain.kernel.Parallel;
import advtrain.random.RandomStream;
import org.junit.jupiter.api.Test;

class InterClassDistanceTest {

    private static Dataset random(int n, int d, int classes, long seed) {
        double[] x = new double[n * d];
        RandomStream.of(seed, "test.icd").fillGaussian(x, 0, x.length, 1.0);
        int[] y = new int[n];
        RandomStream rs = RandomStream.of(seed, "test.icd.y");
        for (int i = 0; i < n; i++) {
            int c = rs.nextInt(classes);
            y[i] = classes == 2 ? 2 * c - 1 : c;
        }
        return new Dataset("r", "t", n, d, x, y, classes);
    }

    /** Naive reference: every pair, distances summed in coordinate order. */
    private static double[] naive(Dataset ds) {
        int d = ds.d();
        double l2 = Double.POSITIVE_INFINITY;
        double linf = Double.POSITIVE_INFINITY;
        for (int i = 0; i < ds.n(); i++) {
            for (int j = i + 1; j < ds.n(); j++) {
                if (ds.y()[i] == ds.y()[j]) {
                    continue;
                }
                double s = 0;
                double m = 0;
                for (int t = 0; t < d; t++) {
                    double v = ds.x()[i * d + t] - ds.x()[j * d + t];
                    s += v * v;
                    m = Math.max(m, Math.abs(v));
                }
                l2 = Math.min(l2, s);
                linf = Math.min(linf, m);
            }
        }
        return new double[] {Math.sqrt(l2), linf};
    }

    /**
     * Exact agreement with the naive reference on shapes that cross the Gram blocks (n = 4203 > COLS,
     * not a multiple of ROWS), on 1 and 2 threads: the reported distance is recomputed exactly, so it
     * equals the reference bit for bit.
     */
    @Test
    void matchesNaiveReferenceBitForBitOnOneAndTwoThreads() {
        int[][] shapes = {{1, 3, 2}, {2, 1, 2}, {129, 7, 3}, {4203, 3, 2}, {300, 65, 10}};
        for (int[] s : shapes) {
            Dataset ds = random(s[0], s[1], s[2], s[0]);
            double[] ref = naive(ds);
            try (Parallel two = Parallel.create(2)) {
                for (Parallel par : new Parallel[] {Parallel.serial(), two}) {
                    InterClassDistance.Pair l2 = InterClassDistance.l2(ds, par);
                    InterClassDistance.Pair linf = InterClassDistance.linf(ds, par);
                    if (Double.isInfinite(ref[0])) {
                        assertEquals(-1, l2.i());
                        continue;
                    }
                    assertEquals(Double.doubleToLongBits(ref[0]), Double.doubleToLongBits(l2.distance()), "l2 n=" + s[0]);
                    assertEquals(Double.doubleToLongBits(ref[1]), Double.doubleToLongBits(linf.distance()), "linf n=" + s[0]);
                }
            }
        }
    }

    @Test
    void sameAnswerAndPairOnAnyThreadCount() {
        Dataset ds = random(700, 20, 3, 4);
        InterClassDistance.Pair a = InterClassDistance.l2(ds, Parallel.serial());
        try (Parallel three = Parallel.create(3)) {
            assertEquals(a, InterClassDistance.l2(ds, three));
            assertEquals(InterClassDistance.linf(ds, Parallel.serial()), InterClassDistance.linf(ds, three));
        }
    }
}
