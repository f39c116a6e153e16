package advtrain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.kernel.Parallel;
import advtrain.kernel.Simd;
import advtrain.kernel.VectorKernels;
import advtrain.random.RandomStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every result is one fixed-order chain per element, so it must agree bit for bit (tolerance 0) between:
 * a batch and its rows run one at a time (the weight gradient accumulated with beta = 1 over the rows, which
 * continues the same fma chain over the batch); 1 and 2 threads; the scalar and the vector kernels.
 * The sizes make the GEMMs and element-wise loops split into several parallel chunks (B = 200 > MC = 96 rows,
 * m = 300 > 256 columns per task).
 */
class DeterminismTest {

    /** One full evaluation: outputs, input gradient, weight gradient (beta 0.5 over a fixed start), per-sample gradients. */
    record Result(double[] f, double[] gx, double[] grad, double[] perSample) {
        void assertSameBits(Result o, String what) {
            assertArrayEquals(f, o.f, 0.0, what + ": outputs");
            assertArrayEquals(gx, o.gx, 0.0, what + ": input gradients");
            assertArrayEquals(grad, o.grad, 0.0, what + ": weight gradients");
            if (perSample != null && o.perSample != null) {
                assertArrayEquals(perSample, o.perSample, 0.0, what + ": per-sample gradients");
            }
        }
    }

    static Result run(Network net, Workspace ws, double[] x, int batch, boolean perSample) {
        int k = net.outputDim();
        int d = net.inputDim();
        net.forward(ws, x, 0, batch);
        double[] f = Arrays.copyOf(ws.output(), batch * k);
        double[] gOut = new double[batch * k];
        RandomStream.of(3, "test.gout").fillGaussian(gOut, 0, gOut.length, 1.0);
        double[] gx = new double[batch * d];
        double[] grad = new double[net.paramCount()];
        RandomStream.of(4, "test.grad0").fillGaussian(grad, 0, grad.length, 1.0);
        net.backward(ws, gOut, 0, 0.5, grad, gx, 0);
        double[] ps = null;
        if (perSample) {
            ps = new double[batch * net.paramCount()];
            net.perSampleGradients(ws, k - 1, ps, 0);
        }
        return new Result(f, gx, grad, ps);
    }

    static Network[] nets(int d, int m, int k) {
        return new Network[] {
            TestNets.deep(d, m, 2, k, 31),
            TestNets.twoLayer(d, m, k, Activation.RELU, 32),
            TestNets.twoLayer(d, m, k, Activation.GELU, 33),
        };
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalBits() {
        int batch = 200;
        for (Network net : nets(50, 300, 3)) {
            double[] x = TestNets.inputs(batch, net.inputDim(), 9);
            Result serial = run(net, net.newWorkspace(batch, Parallel.serial()), x, batch, false);
            try (Parallel two = Parallel.create(2)) {
                Result par = run(net, net.newWorkspace(batch, two), x, batch, false);
                serial.assertSameBits(par, net + " 1 vs 2 threads");
            }
        }
    }

    @Test
    void perSampleGradientsAreIdenticalOnOneAndTwoThreads() {
        int batch = 6;
        for (Network net : nets(7, 40, 2)) {
            double[] x = TestNets.inputs(batch, net.inputDim(), 9);
            Result serial = run(net, net.newWorkspace(batch, Parallel.serial()), x, batch, true);
            try (Parallel two = Parallel.create(2)) {
                Result par = run(net, net.newWorkspace(batch, two), x, batch, true);
                serial.assertSameBits(par, net + " per-sample, 1 vs 2 threads");
            }
        }
    }

    @Test
    void scalarAndVectorKernelsGiveIdenticalBits() {
        VectorKernels vector = Simd.vector();
        org.junit.jupiter.api.Assumptions.assumeTrue(vector != null, "the Vector API module is absent");
        int batch = 37;
        for (Network net : nets(21, 70, 3)) {
            double[] x = TestNets.inputs(batch, net.inputDim(), 10);
            Result s = run(net, workspace(net, batch, Simd.scalar()), x, batch, true);
            Result v = run(net, workspace(net, batch, vector), x, batch, true);
            s.assertSameBits(v, net + " scalar vs " + vector.name());
        }
    }

    static Workspace workspace(Network net, int batch, VectorKernels kern) {
        if (net instanceof DeepReluNet deep) {
            return deep.newWorkspace(batch, Parallel.serial(), kern);
        }
        return ((TwoLayerNet) net).newWorkspace(batch, Parallel.serial(), kern);
    }

    /** Rows one at a time (weight gradient accumulated with beta = 1) == the whole batch, bit for bit. */
    @Test
    void batchOfRowsEqualsRowsOneAtATime() {
        int batch = 9;
        for (Network net : nets(13, 30, 3)) {
            int k = net.outputDim();
            int d = net.inputDim();
            double[] x = TestNets.inputs(batch, d, 12);
            Result whole = run(net, net.newWorkspace(batch, Parallel.serial()), x, batch, true);

            Workspace ws = net.newWorkspace(1, Parallel.serial());
            double[] gOut = new double[batch * k];
            RandomStream.of(3, "test.gout").fillGaussian(gOut, 0, gOut.length, 1.0);
            double[] grad = new double[net.paramCount()];
            RandomStream.of(4, "test.grad0").fillGaussian(grad, 0, grad.length, 1.0);
            double[] f = new double[batch * k];
            double[] gx = new double[batch * d];
            double[] ps = new double[batch * net.paramCount()];
            for (int b = 0; b < batch; b++) {
                net.forward(ws, x, b * d, 1);
                System.arraycopy(ws.output(), 0, f, b * k, k);
                net.backwardInput(ws, gOut, b * k, gx, b * d);
                net.backwardWeights(ws, gOut, b * k, b == 0 ? 0.5 : 1.0, grad);
                net.perSampleGradients(ws, k - 1, ps, b * net.paramCount());
            }
            whole.assertSameBits(new Result(f, gx, grad, ps), net + " batch vs rows");
        }
    }

    /** backward() == backwardWeights() then backwardInput(), and the Network default per-sample path agrees. */
    @Test
    void fusedBackwardAndDefaultPerSampleAgreeWithSeparateCalls() {
        int batch = 5;
        for (Network net : nets(6, 10, 2)) {
            double[] x = TestNets.inputs(batch, net.inputDim(), 14);
            Workspace ws = net.newWorkspace(batch, Parallel.serial());
            Result fused = run(net, ws, x, batch, true);
            net.forward(ws, x, 0, batch);
            double[] gOut = new double[batch * net.outputDim()];
            RandomStream.of(3, "test.gout").fillGaussian(gOut, 0, gOut.length, 1.0);
            double[] grad = new double[net.paramCount()];
            RandomStream.of(4, "test.grad0").fillGaussian(grad, 0, grad.length, 1.0);
            double[] gx = new double[batch * net.inputDim()];
            net.backwardWeights(ws, gOut, 0, 0.5, grad);
            net.backwardInput(ws, gOut, 0, gx, 0);
            fused.assertSameBits(new Result(fused.f, gx, grad, null), net + " fused vs separate");

            double[] generic = new double[batch * net.paramCount()];
            Network plain = new Delegate(net);
            plain.perSampleGradients(ws, net.outputDim() - 1, generic, 0);
            for (int i = 0; i < generic.length; i++) {
                // fma(g, x, +0) and g * x differ at most in the sign of a zero: compare as numbers.
                assertTrue(generic[i] == fused.perSample[i], net + " per-sample element " + i);
            }
        }
    }

    @Test
    void forwardRejectsOversizedBatchAndShortInput() {
        DeepReluNet net = DeepReluNet.init(3, 4, 1, 1, 1);
        Workspace ws = net.newWorkspace(2, Parallel.serial());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> net.forward(ws, new double[9], 0, 3));
        assertTrue(e.getMessage().contains("1..2") && e.getMessage().contains("got 3"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> net.forward(ws, new double[5], 0, 2));
        assertTrue(e.getMessage().contains("has 5"), e.getMessage());
        Workspace other = DeepReluNet.init(3, 5, 1, 1, 1).newWorkspace(2, Parallel.serial());
        assertEquals(IllegalArgumentException.class, org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> net.forward(other, new double[6], 0, 2)).getClass());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TwoLayerNet.init(3, 513, 1, Activation.TANH, 1));
    }

    /** A Network that forwards everything but perSampleGradients, so the interface's default runs. */
    private record Delegate(Network n) implements Network {
        public String kind() { return n.kind(); }
        public int inputDim() { return n.inputDim(); }
        public int outputDim() { return n.outputDim(); }
        public int width() { return n.width(); }
        public int paramCount() { return n.paramCount(); }
        public double[] params() { return n.params(); }
        public double[] initialParams() { return n.initialParams(); }
        public int blocks() { return n.blocks(); }
        public int blockOffset(int b) { return n.blockOffset(b); }
        public int blockSize(int b) { return n.blockSize(b); }
        public double blockRadius(double r) { return n.blockRadius(r); }
        public Workspace newWorkspace(int maxBatch, Parallel par) { return n.newWorkspace(maxBatch, par); }
        public void forward(Workspace ws, double[] x, int xOff, int batch) { n.forward(ws, x, xOff, batch); }
        public void backwardInput(Workspace ws, double[] g, int o, double[] gx, int gxo) { n.backwardInput(ws, g, o, gx, gxo); }
        public void backwardWeights(Workspace ws, double[] g, int o, double beta, double[] grad) { n.backwardWeights(ws, g, o, beta, grad); }
        public Network copy() { return new Delegate(n.copy()); }
    }
}
