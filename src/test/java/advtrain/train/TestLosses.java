package advtrain.train;

import advtrain.loss.Loss;

/** Test-only losses: logistic for k = 1 (labels +-1), softmax cross-entropy for k >= 2 (StrictMath). */
final class TestLosses {

    private TestLosses() {
    }

    static final Loss LOGISTIC = new Loss() {
        @Override public String name() { return "logistic"; }
        @Override public double value(double[] f, int fOff, int k, int y) {
            double z = -y * f[fOff];
            return z > 0 ? z + StrictMath.log1p(StrictMath.exp(-z)) : StrictMath.log1p(StrictMath.exp(z));
        }
        @Override public double valueAndGradient(double[] f, int fOff, int k, int y, double[] g, int gOff) {
            double z = -y * f[fOff];
            double sig = 1.0 / (1.0 + StrictMath.exp(-z));
            g[gOff] = -y * sig;
            return value(f, fOff, k, y);
        }
        @Override public String assumption31() { return "yes"; }
    };

    static final Loss CROSS_ENTROPY = new Loss() {
        @Override public String name() { return "cross-entropy"; }
        @Override public double value(double[] f, int fOff, int k, int y) {
            double max = f[fOff];
            for (int j = 1; j < k; j++) {
                max = Math.max(max, f[fOff + j]);
            }
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += StrictMath.exp(f[fOff + j] - max);
            }
            return max + StrictMath.log(s) - f[fOff + y];
        }
        @Override public double valueAndGradient(double[] f, int fOff, int k, int y, double[] g, int gOff) {
            double max = f[fOff];
            for (int j = 1; j < k; j++) {
                max = Math.max(max, f[fOff + j]);
            }
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += StrictMath.exp(f[fOff + j] - max);
            }
            for (int j = 0; j < k; j++) {
                g[gOff + j] = StrictMath.exp(f[fOff + j] - max) / s - (j == y ? 1 : 0);
            }
            return max + StrictMath.log(s) - f[fOff + y];
        }
        @Override public String assumption31() { return "yes"; }
    };
}
