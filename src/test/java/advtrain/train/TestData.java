package advtrain.train;

import advtrain.data.Dataset;
import advtrain.random.RandomStream;

/** Test-only datasets on the unit sphere. */
final class TestData {

    private TestData() {
    }

    /**
     * n points uniform on the sphere in R^d, labelled by the nearest of k random centres (k = 2: labels
     * +-1 by the sign of a random direction).
     */
    static Dataset sphere(int n, int d, int k, long seed) {
        RandomStream rs = RandomStream.of(seed, "test.data");
        double[] centres = new double[k * d];
        rs.fillGaussian(centres, 0, centres.length, 1);
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            rs.fillGaussian(x, i * d, d, 1);
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += x[i * d + j] * x[i * d + j];
            }
            double inv = 1 / Math.sqrt(s);
            for (int j = 0; j < d; j++) {
                x[i * d + j] *= inv;
            }
            if (k == 2) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += x[i * d + j] * centres[j];
                }
                y[i] = dot >= 0 ? 1 : -1;
            } else {
                int best = 0;
                double bestDot = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double dot = 0;
                    for (int j = 0; j < d; j++) {
                        dot += x[i * d + j] * centres[c * d + j];
                    }
                    if (dot > bestDot) {
                        bestDot = dot;
                        best = c;
                    }
                }
                y[i] = best;
            }
        }
        return new Dataset("test-sphere", "TestData.sphere(" + n + "," + d + "," + k + "," + seed + ")", n, d, x, y, k);
    }
}
