package advtrain.train;

import advtrain.kernel.Parallel;
import advtrain.model.Network;
import advtrain.model.Workspace;
import advtrain.random.RandomStream;

/**
 * Test-only network f(W, x) = W x (W: k x d), its weights split into two projection blocks (the first
 * and second half of the flat array) with the deep net's radius R / sqrt(m), to exercise the trainer
 * before the real networks exist and to hand-compute gradient steps. Plain loops: it allocates nothing,
 * so tests can check that the trainer's own code does not either.
 */
final class LinearTestNet implements Network {

    private final int d;
    private final int k;
    private final int m;
    private final double[] w;
    private final double[] w0;

    LinearTestNet(int d, int k, int m, long seed) {
        this.d = d;
        this.k = k;
        this.m = m;
        this.w0 = new double[k * d];
        RandomStream.of(seed, "test.linear.init").fillGaussian(w0, 0, w0.length, 1.0 / Math.sqrt(d));
        this.w = w0.clone();
    }

    private LinearTestNet(LinearTestNet o) {
        this.d = o.d;
        this.k = o.k;
        this.m = o.m;
        this.w = o.w.clone();
        this.w0 = o.w0.clone();
    }

    static final class Ws extends Workspace {
        final double[] x;

        Ws(int maxBatch, int d, int k, Parallel par) {
            super(maxBatch, k, par);
            x = new double[maxBatch * d];
        }

        void setRows(int rows) {
            this.batch = rows;
        }
    }

    @Override public String kind() { return "deep"; }
    @Override public int inputDim() { return d; }
    @Override public int outputDim() { return k; }
    @Override public int width() { return m; }
    @Override public int paramCount() { return w.length; }
    @Override public double[] params() { return w; }
    @Override public double[] initialParams() { return w0; }
    @Override public int blocks() { return 2; }
    @Override public int blockOffset(int b) { return b == 0 ? 0 : w.length / 2; }
    @Override public int blockSize(int b) { return b == 0 ? w.length / 2 : w.length - w.length / 2; }
    @Override public double blockRadius(double r) { return r / Math.sqrt(m); }

    @Override
    public Workspace newWorkspace(int maxBatch, Parallel par) {
        return new Ws(maxBatch, d, k, par);
    }

    @Override
    public void forward(Workspace ws, double[] x, int xOff, int batch) {
        Ws s = (Ws) ws;
        System.arraycopy(x, xOff, s.x, 0, batch * d);
        double[] out = ws.output();
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < k; j++) {
                double acc = 0;
                for (int c = 0; c < d; c++) {
                    acc += w[j * d + c] * x[xOff + b * d + c];
                }
                out[b * k + j] = acc;
            }
        }
        setBatch(s, batch);
    }

    private static void setBatch(Ws s, int batch) {
        s.setRows(batch);
    }

    @Override
    public void backwardInput(Workspace ws, double[] gOut, int gOutOff, double[] gx, int gxOff) {
        int rows = ws.batch();
        for (int b = 0; b < rows; b++) {
            for (int c = 0; c < d; c++) {
                double acc = 0;
                for (int j = 0; j < k; j++) {
                    acc += gOut[gOutOff + b * k + j] * w[j * d + c];
                }
                gx[gxOff + b * d + c] = acc;
            }
        }
    }

    @Override
    public void backwardWeights(Workspace ws, double[] gOut, int gOutOff, double beta, double[] grad) {
        Ws s = (Ws) ws;
        int rows = ws.batch();
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < d; c++) {
                double acc = 0;
                for (int b = 0; b < rows; b++) {
                    acc += gOut[gOutOff + b * k + j] * s.x[b * d + c];
                }
                grad[j * d + c] = beta * grad[j * d + c] + acc;
            }
        }
    }

    @Override
    public Network copy() {
        return new LinearTestNet(this);
    }
}
