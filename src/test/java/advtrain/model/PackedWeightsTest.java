package advtrain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.kernel.Parallel;
import advtrain.kernel.VectorKernels;
import advtrain.kernel.Simd;
import org.junit.jupiter.api.Test;

/** Passes through attached {@link PackedWeights} have the bits of the passes that pack on every product. */
class PackedWeightsTest {

    /** Odd shapes, one wider than a packed panel (NC = 1024 columns) for the deep net's input matrix. */
    private static Network[] nets() {
        return new Network[] {
            TestNets.deep(7, 33, 1, 1, 41),
            TestNets.deep(1030, 40, 3, 3, 42),
            TestNets.deep(33, 257, 2, 10, 43),
            TestNets.twoLayer(257, 34, 1, Activation.RELU, 44),
            TestNets.twoLayer(7, 258, 3, Activation.SOFTPLUS, 45),
        };
    }

    @Test
    void packedPassesEqualPlainPassesBitForBit() {
        try (Parallel two = Parallel.create(2)) {
            for (Network net : nets()) {
                TestNets.perturb(net.params(), 0.05, 5); // away from W(0)
                for (VectorKernels kern : new VectorKernels[] {Simd.kernels(), Simd.scalar()}) {
                    for (Parallel par : new Parallel[] {Parallel.serial(), two}) {
                        for (int batch : new int[] {1, 7, 33}) {
                            double[] x = TestNets.inputs(batch, net.inputDim(), 9);
                            Workspace ws = net.newWorkspace(batch, par, kern);
                            DeterminismTest.Result plain = DeterminismTest.run(net, ws, x, batch, false);
                            PackedWeights pw = net.packWeights(null, false, kern, par);
                            assertNotNull(pw, net + " packs");
                            ws.attach(pw);
                            DeterminismTest.Result packed = DeterminismTest.run(net, ws, x, batch, false);
                            ws.detach();
                            plain.assertSameBits(packed, net + " " + kern.name() + " " + par + " batch " + batch);
                        }
                    }
                }
            }
        }
    }

    @Test
    void repackingAfterAnUpdateFollowsTheNewWeightsAndReusesTheBuffers() {
        for (Network net : nets()) {
            int batch = 5;
            double[] x = TestNets.inputs(batch, net.inputDim(), 10);
            Workspace ws = net.newWorkspace(batch, Parallel.serial());
            PackedWeights pw = net.packWeights(null, false, ws.kernels(), Parallel.serial());
            TestNets.perturb(net.params(), 0.1, 6);
            assertSame(pw, net.packWeights(pw, false, ws.kernels(), Parallel.serial()), "buffers reused");
            ws.attach(pw);
            DeterminismTest.Result packed = DeterminismTest.run(net, ws, x, batch, false);
            ws.detach();
            DeterminismTest.run(net, ws, x, batch, false).assertSameBits(packed, net + " after an update");
        }
    }

    @Test
    void stalePacksAndPacksOfAnotherNetworkAreCaught() {
        Network net = TestNets.deep(5, 16, 2, 2, 46);
        Network twin = net.copy();
        double[] x = TestNets.inputs(3, 5, 11);
        Workspace ws = net.newWorkspace(3, Parallel.serial());
        ws.attach(twin.packWeights(null, false, ws.kernels(), Parallel.serial()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.forward(ws, x, 0, 3));
        assertTrue(e.getMessage().contains("not packs of"), e.getMessage());
        ws.attach(net.packWeights(null, false, ws.kernels(), Parallel.serial()));
        net.params()[7] += 1e-3;
        // Surefire runs with assertions on: a pass after the weights changed under attached packs is caught.
        AssertionError a = assertThrows(AssertionError.class, () -> net.forward(ws, x, 0, 3));
        assertTrue(a.getMessage().contains("changed while their packed copies were attached"), a.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ws.attach(null));
    }

    /** Outputs and input gradients of a forward and an input-backward pass through the given (fused) packs. */
    private static double[][] fusedPasses(Network net, Workspace ws, PackedWeights pw, double[] x, int batch) {
        int k = net.outputDim();
        double[] gOut = new double[batch * k];
        advtrain.random.RandomStream.of(3, "test.gout").fillGaussian(gOut, 0, gOut.length, 1.0);
        double[] gx = new double[batch * net.inputDim()];
        ws.attach(pw);
        net.forward(ws, x, 0, batch);
        double[] f = java.util.Arrays.copyOf(ws.output(), batch * k);
        net.backwardInput(ws, gOut, 0, gx, 0);
        ws.detach();
        return new double[][] {f, gx};
    }

    /**
     * Fused packs (the deep net's first layer as (W1 A) x) compute the same function: outputs and input gradients
     * agree with the plain passes to rounding (relative 1e-12), and bit for bit between 1 and 2 threads, the
     * scalar and vector kernels, and a batch and its rows one at a time.
     */
    @Test
    void fusedPassesAreTheSameFunctionAndReproduceBitForBit() {
        try (Parallel two = Parallel.create(2)) {
            for (Network net : nets()) {
                int batch = 33;
                double[] x = TestNets.inputs(batch, net.inputDim(), 12);
                Workspace plainWs = net.newWorkspace(batch, Parallel.serial());
                DeterminismTest.Result plain = DeterminismTest.run(net, plainWs, x, batch, false);
                PackedWeights pw = net.packWeights(null, true, plainWs.kernels(), Parallel.serial());
                assertTrue(pw.fused() == net instanceof DeepReluNet, pw.toString());
                double[][] fused = fusedPasses(net, plainWs, pw, x, batch);
                assertClose(plain.f(), fused[0], net + " outputs");
                assertClose(plain.gx(), fused[1], net + " input gradients");
                PackedWeights pw2 = net.packWeights(null, true, plainWs.kernels(), two);
                double[][] threads = fusedPasses(net, net.newWorkspace(batch, two), pw2, x, batch);
                assertArrayEquals(fused[0], threads[0], 0.0, net + " 1 vs 2 threads");
                assertArrayEquals(fused[1], threads[1], 0.0, net + " 1 vs 2 threads");
                Workspace one = net.newWorkspace(1, Parallel.serial());
                int d = net.inputDim();
                int k = net.outputDim();
                for (int b = 0; b < batch; b += 8) {
                    double[][] row = fusedPasses(net, one, pw, java.util.Arrays.copyOfRange(x, b * d, (b + 1) * d), 1);
                    assertArrayEquals(java.util.Arrays.copyOfRange(fused[0], b * k, (b + 1) * k), row[0], 0.0, net + " row " + b);
                }
                for (VectorKernels kern : new VectorKernels[] {Simd.scalar()}) {
                    Workspace sw = net.newWorkspace(batch, Parallel.serial(), kern);
                    double[][] scalar = fusedPasses(net, sw, net.packWeights(null, true, kern, Parallel.serial()), x, batch);
                    assertArrayEquals(fused[0], scalar[0], 0.0, net + " scalar vs vector");
                    assertArrayEquals(fused[1], scalar[1], 0.0, net + " scalar vs vector");
                }
            }
        }
    }

    /**
     * Fused packs made next to exact ones share their trained matrices (the same objects, not counted twice) and
     * give the bits of fused packs made alone; the deep net's fused matrix is (W1 A)^T with the bits of the product
     * W1 A; the two-layer net, with nothing to fuse, hands back the exact packs themselves.
     */
    @Test
    void fusedPacksSharingExactOnesKeepTheirBits() {
        try (Parallel two = Parallel.create(2)) {
            for (Network net : nets()) {
                TestNets.perturb(net.params(), 0.05, 7);
                int batch = 9;
                double[] x = TestNets.inputs(batch, net.inputDim(), 13);
                Workspace ws = net.newWorkspace(batch, two);
                PackedWeights exact = net.packWeights(null, false, ws.kernels(), two);
                PackedWeights shared = net.packWeights(null, true, ws.kernels(), two, exact);
                PackedWeights alone = net.packWeights(null, true, ws.kernels(), two);
                if (!(net instanceof DeepReluNet deep)) {
                    assertSame(exact, shared, net + ": nothing to fuse, the exact packs serve");
                    continue;
                }
                assertTrue(shared.bytes() < alone.bytes(), shared + " against " + alone);
                for (int i = 0; i < 2 * (deep.depth() + 2); i++) {
                    if (shared.get(i) != null && exact.get(i) != null && i != 1 && i != deep.depth() + 3) {
                        assertSame(exact.get(i), shared.get(i), "pack " + i + " shared");
                    }
                }
                double[][] a = fusedPasses(net, ws, shared, x, batch);
                double[][] b = fusedPasses(net, ws, alone, x, batch);
                assertArrayEquals(b[0], a[0], 0.0, net + " outputs, shared vs alone");
                assertArrayEquals(b[1], a[1], 0.0, net + " input gradients, shared vs alone");
                int d = net.inputDim();
                int m = net.width();
                double[] p = new double[m * d];
                advtrain.kernel.Gemm.gemm(Parallel.serial(), advtrain.kernel.Gemm.Op.N, advtrain.kernel.Gemm.Op.N, m, d, m,
                        1.0, net.params(), deep.layerOffset(1), m, deep.inputMatrix(), 0, d, 0.0, p, 0, d);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < d; j++) {
                        assertEquals(p[i * d + j], shared.fusedMatrix[j * m + i], 0.0, net + " (W1 A)^T at " + j + "," + i);
                    }
                }
            }
        }
    }

    /**
     * Carried fused packs follow the weights: through 12 plain steps (W1 -= lr G1 from a weights backward, then the
     * offsets of W1 scaled as a projection does, on every third step), the carried (W1 A)^T stays within 1e-13
     * (relative to its largest entry) of the one computed afresh, the passes through it within 1e-12 of the fresh
     * packs' passes, on 1 and 2 threads with the same bits. Shapes with an odd d, m and batch and two depths.
     */
    @Test
    void carriedFusedPacksFollowTheWeightsThroughSteps() {
        try (Parallel two = Parallel.create(2)) {
            for (DeepReluNet base : new DeepReluNet[] {TestNets.deep(13, 37, 2, 3, 48), TestNets.deep(33, 70, 1, 1, 49)}) {
                double[][] finals = new double[2][];
                for (Parallel par : new Parallel[] {Parallel.serial(), two}) {
                    DeepReluNet net = (DeepReluNet) base.copy();
                    int batch = 7;
                    assertTrue(net.carriesFused(batch) && !net.carriesFused((net.width() + 1) / 2));
                    int d = net.inputDim();
                    int k = net.outputDim();
                    DeepReluWorkspace ws = net.newWorkspace(batch, par);
                    PackedWeights exact = net.packWeights(null, false, ws.kernels(), par);
                    PackedWeights carried = net.packWeights(null, true, ws.kernels(), par, exact);
                    double[] grad = new double[net.paramCount()];
                    double[] scales = new double[net.blocks()];
                    double lr = 0.3;
                    for (int step = 0; step < 12; step++) {
                        double[] x = TestNets.inputs(batch, d, 20 + step);
                        double[] gOut = new double[batch * k];
                        advtrain.random.RandomStream.of(step, "test.gout").fillGaussian(gOut, 0, gOut.length, 1.0);
                        net.forward(ws, x, 0, batch);
                        net.backwardWeights(ws, gOut, 0, 0.0, grad);
                        double[] w = net.params();
                        double[] w0 = net.initialParams();
                        for (int i = 0; i < w.length; i++) {
                            w[i] = Math.fma(-lr, grad[i], w[i]);
                        }
                        java.util.Arrays.fill(scales, 1.0);
                        if (step % 3 == 2) {
                            scales[0] = 0.75;
                            for (int i = 0; i < net.blockSize(0); i++) {
                                w[i] = w0[i] + scales[0] * (w[i] - w0[i]);
                            }
                        }
                        exact = net.packWeights(exact, false, ws.kernels(), par);
                        net.carryFused(carried, ws, lr, scales);
                        PackedWeights fresh = net.packWeights(null, true, ws.kernels(), par);
                        double[] p = carried.fusedState();
                        assertClose(fresh.fusedState(), p, 1e-13, net + " carried (W1 A)^T after step " + step);
                        double[] xe = TestNets.inputs(batch, d, 40 + step);
                        double[][] viaFresh = fusedPasses(net, ws, fresh, xe, batch);
                        double[][] viaCarried = fusedPasses(net, ws, carried, xe, batch);
                        assertClose(viaFresh[0], viaCarried[0], 1e-12, net + " outputs after step " + step);
                        assertClose(viaFresh[1], viaCarried[1], 1e-12, net + " input gradients after step " + step);
                    }
                    finals[par.threads() == 1 ? 0 : 1] = carried.fusedState();
                }
                assertArrayEquals(finals[0], finals[1], 0.0, base + " carried on 1 and 2 threads");
            }
        }
    }

    @Test
    void carryingNeedsTheStepsWeightsBackward() {
        DeepReluNet net = TestNets.deep(6, 20, 2, 2, 50);
        double[] x = TestNets.inputs(3, 6, 15);
        DeepReluWorkspace ws = net.newWorkspace(3, Parallel.serial());
        PackedWeights fused = net.packWeights(null, true, ws.kernels(), Parallel.serial());
        double[] scales = {1.0, 1.0};
        net.forward(ws, x, 0, 3);
        assertThrows(IllegalStateException.class, () -> net.carryFused(fused, ws, 0.1, scales), "no backward yet");
        net.backwardWeights(ws, new double[6], 0, 0.0, new double[net.paramCount()]);
        net.forward(ws, x, 0, 3);
        assertThrows(IllegalStateException.class, () -> net.carryFused(fused, ws, 0.1, scales), "a forward came after it");
        net.backwardWeights(ws, new double[6], 0, 0.0, new double[net.paramCount()]);
        PackedWeights exact = net.packWeights(null, false, ws.kernels(), Parallel.serial());
        assertThrows(IllegalArgumentException.class, () -> net.carryFused(exact, ws, 0.1, scales), "exact packs");
        net.carryFused(fused, ws, 0.1, scales);
        Network two = TestNets.twoLayer(6, 20, 2, Activation.RELU, 51);
        assertTrue(!two.carriesFused(1));
        assertThrows(UnsupportedOperationException.class, () -> two.carryFused(null, null, 0.1, scales));
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertClose(expected, actual, 1e-12, what);
    }

    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * scale, what + " [" + i + "]");
        }
    }

    @Test
    void weightGradientsAfterAFusedForwardAreRefused() {
        DeepReluNet net = TestNets.deep(6, 12, 2, 2, 47);
        double[] x = TestNets.inputs(3, 6, 13);
        DeepReluWorkspace ws = net.newWorkspace(3, Parallel.serial());
        ws.attach(net.packWeights(null, true, ws.kernels(), Parallel.serial()));
        net.forward(ws, x, 0, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> net.backwardWeights(ws, new double[6], 0, 0.0, new double[net.paramCount()]));
        assertTrue(e.getMessage().contains("exact forward"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> ws.activation(0));
        ws.detach();
        assertThrows(IllegalStateException.class, () -> net.backwardInput(ws, new double[6], 0, new double[18], 0));
        net.forward(ws, x, 0, 3);
        net.backwardWeights(ws, new double[6], 0, 0.0, new double[net.paramCount()]); // an exact forward serves again
    }

    /**
     * Where the heap is too small to pack the trained weights, they are multiplied unpacked: exact passes keep the
     * plain bits and fused passes give the same bits as with every matrix packed (the heap decides speed only).
     */
    @Test
    void unaffordableTrainedWeightsArePackedOnTheFlyWithTheSameBits() {
        for (Network net : nets()) {
            int batch = 9;
            double[] x = TestNets.inputs(batch, net.inputDim(), 14);
            Workspace ws = net.newWorkspace(batch, Parallel.serial());
            DeterminismTest.Result plain = DeterminismTest.run(net, ws, x, batch, false);
            double[][] fusedAll = fusedPasses(net, ws, net.packWeights(null, true, ws.kernels(), Parallel.serial()), x, batch);
            long fullBytes = net.packWeights(null, false, ws.kernels(), Parallel.serial()).bytes();
            PackedWeights.heapForTests = 0;
            try {
                assertTrue(!PackedWeights.affordable(net));
                PackedWeights exact = net.packWeights(null, false, ws.kernels(), Parallel.serial());
                assertTrue(exact.bytes() < fullBytes, exact + " leaves the trained weights unpacked");
                ws.attach(exact);
                DeterminismTest.Result thin = DeterminismTest.run(net, ws, x, batch, false);
                ws.detach();
                plain.assertSameBits(thin, net + " exact packs without the trained weights");
                double[][] fusedThin = fusedPasses(net, ws, net.packWeights(null, true, ws.kernels(), Parallel.serial()), x, batch);
                assertArrayEquals(fusedAll[0], fusedThin[0], 0.0, net + " fused outputs");
                assertArrayEquals(fusedAll[1], fusedThin[1], 0.0, net + " fused input gradients");
            } finally {
                PackedWeights.heapForTests = -1;
            }
        }
    }
}
