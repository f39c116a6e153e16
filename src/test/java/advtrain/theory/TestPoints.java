package advtrain.theory;

import advtrain.random.RandomStream;

/** Test inputs: n Gaussian rows scaled onto the unit sphere (the paper's setting), from a keyed stream. */
final class TestPoints {

    private TestPoints() {
    }

    static double[] onSphere(int n, int d, long seed) {
        double[] x = new double[n * d];
        RandomStream.of(seed, "test.theory.points").fillGaussian(x, 0, x.length, 1.0);
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += x[i * d + j] * x[i * d + j];
            }
            s = Math.sqrt(s);
            for (int j = 0; j < d; j++) {
                x[i * d + j] /= s;
            }
        }
        return x;
    }
}
