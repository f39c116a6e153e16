package advtrain.threat;

import advtrain.kernel.Gemm;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.Workspace;
import advtrain.random.RandomStream;

/**
 * Small networks and losses for the attack tests, independent of the model package: a linear model
 * f = W x + b (closed-form worst cases) and a two-layer tanh net f = V tanh(U x + c) (non-trivial landscape,
 * GEMMs on the workspace's Parallel).
 */
final class TestNets {

    private TestNets() {
    }

    static final class Ws extends Workspace {
        final double[] hidden;
        double[] input;
        int inputOff;

        Ws(int maxBatch, int k, int hiddenWidth, Parallel par) {
            super(maxBatch, k, par);
            hidden = new double[maxBatch * Math.max(hiddenWidth, 1)];
        }

        void setBatch(int b) {
            batch = b;
        }
    }

    /** f = V tanh(U x + c) (m hidden units), or f = W x + b when m == 0. Only the input gradient is implemented. */
    static final class Net implements Network {
        final int d;
        final int k;
        final int m;
        final double[] u; // m x d (or W: k x d when m == 0)
        final double[] c; // m (or b: k)
        final double[] v; // k x m

        Net(int d, int k, int m, double[] u, double[] c, double[] v) {
            this.d = d;
            this.k = k;
            this.m = m;
            this.u = u;
            this.c = c;
            this.v = v;
        }

        @Override
        public String kind() {
            return m == 0 ? "linear" : "tanh";
        }

        @Override
        public int inputDim() {
            return d;
        }

        @Override
        public int outputDim() {
            return k;
        }

        @Override
        public int width() {
            return m;
        }

        @Override
        public int paramCount() {
            return 0;
        }

        @Override
        public double[] params() {
            return new double[0];
        }

        @Override
        public double[] initialParams() {
            return new double[0];
        }

        @Override
        public int blocks() {
            return 0;
        }

        @Override
        public int blockOffset(int b) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int blockSize(int b) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double blockRadius(double r) {
            return r;
        }

        @Override
        public Workspace newWorkspace(int maxBatch, Parallel par) {
            return new Ws(maxBatch, k, m, par);
        }

        @Override
        public void forward(Workspace w, double[] x, int xOff, int batch) {
            Ws ws = (Ws) w;
            ws.setBatch(batch);
            ws.input = x;
            ws.inputOff = xOff;
            double[] out = ws.output();
            if (m == 0) {
                Gemm.gemm(ws.parallel(), Gemm.Op.N, Gemm.Op.T, batch, k, d, 1.0, x, xOff, d, u, 0, d, 0.0, out, 0, k);
                addBias(out, batch, k, c);
                return;
            }
            Gemm.gemm(ws.parallel(), Gemm.Op.N, Gemm.Op.T, batch, m, d, 1.0, x, xOff, d, u, 0, d, 0.0, ws.hidden, 0, m);
            addBias(ws.hidden, batch, m, c);
            for (int i = 0; i < batch * m; i++) {
                ws.hidden[i] = StrictMath.tanh(ws.hidden[i]);
            }
            Gemm.gemm(ws.parallel(), Gemm.Op.N, Gemm.Op.T, batch, k, m, 1.0, ws.hidden, 0, m, v, 0, m, 0.0, out, 0, k);
        }

        private static void addBias(double[] a, int rows, int cols, double[] bias) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    a[r * cols + j] += bias[j];
                }
            }
        }

        @Override
        public void backwardInput(Workspace w, double[] gOut, int gOutOff, double[] gx, int gxOff) {
            Ws ws = (Ws) w;
            int batch = ws.batch();
            if (m == 0) {
                Gemm.gemm(ws.parallel(), Gemm.Op.N, Gemm.Op.N, batch, d, k, 1.0, gOut, gOutOff, k, u, 0, d, 0.0, gx, gxOff, d);
                return;
            }
            double[] gh = new double[batch * m];
            Gemm.gemm(ws.parallel(), Gemm.Op.N, Gemm.Op.N, batch, m, k, 1.0, gOut, gOutOff, k, v, 0, m, 0.0, gh, 0, m);
            for (int i = 0; i < batch * m; i++) {
                double h = ws.hidden[i];
                gh[i] *= 1.0 - h * h;
            }
            Gemm.gemm(ws.parallel(), Gemm.Op.N, Gemm.Op.N, batch, d, m, 1.0, gh, 0, m, u, 0, d, 0.0, gx, gxOff, d);
        }

        @Override
        public void backwardWeights(Workspace ws, double[] gOut, int gOutOff, double beta, double[] grad) {
            throw new UnsupportedOperationException("attack tests need input gradients only");
        }

        @Override
        public Network copy() {
            return new Net(d, k, m, u.clone(), c.clone(), v.clone());
        }
    }

    static Net linear(double[] w, double b) {
        return new Net(w.length, 1, 0, w.clone(), new double[] {b}, new double[0]);
    }

    /** A random tanh net with N(0, scale^2 / d) first-layer and N(0, 1/m)... scaled second-layer weights. */
    static Net tanh(long seed, int d, int m, int k, double scale) {
        RandomStream rs = RandomStream.of(seed, "test.tanh");
        double[] u = new double[m * d];
        double[] c = new double[m];
        double[] v = new double[k * m];
        rs.fillGaussian(u, 0, u.length, scale / Math.sqrt(d));
        rs.fillGaussian(c, 0, m, 0.5);
        rs.fillGaussian(v, 0, v.length, 3.0 / Math.sqrt(m));
        return new Net(d, k, m, u, c, v);
    }

    /** log(1 + exp(-y f)) for k = 1, y in {-1, +1}. */
    static final Loss LOGISTIC = new Loss() {
        @Override
        public String name() {
            return "logistic";
        }

        @Override
        public double value(double[] f, int fOff, int k, int y) {
            double z = -y * f[fOff];
            return z > 0 ? z + StrictMath.log1p(StrictMath.exp(-z)) : StrictMath.log1p(StrictMath.exp(z));
        }

        @Override
        public double valueAndGradient(double[] f, int fOff, int k, int y, double[] g, int gOff) {
            double z = -y * f[fOff];
            double s = z > 0 ? 1.0 / (1.0 + StrictMath.exp(-z)) : StrictMath.exp(z) / (1.0 + StrictMath.exp(z));
            g[gOff] = -y * s;
            return value(f, fOff, k, y);
        }

        @Override
        public String assumption31() {
            return "yes";
        }
    };

    /** Softmax cross-entropy for k >= 2, y in 0..k-1. */
    static final Loss CROSS_ENTROPY = new Loss() {
        @Override
        public String name() {
            return "cross-entropy";
        }

        private double logSumExp(double[] f, int fOff, int k) {
            double mx = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                mx = Math.max(mx, f[fOff + j]);
            }
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += StrictMath.exp(f[fOff + j] - mx);
            }
            return mx + StrictMath.log(s);
        }

        @Override
        public double value(double[] f, int fOff, int k, int y) {
            return logSumExp(f, fOff, k) - f[fOff + y];
        }

        @Override
        public double valueAndGradient(double[] f, int fOff, int k, int y, double[] g, int gOff) {
            double lse = logSumExp(f, fOff, k);
            for (int j = 0; j < k; j++) {
                g[gOff + j] = StrictMath.exp(f[fOff + j] - lse) - (j == y ? 1.0 : 0.0);
            }
            return lse - f[fOff + y];
        }

        @Override
        public String assumption31() {
            return "yes";
        }
    };
}
