package advtrain.model;

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
                            PackedWeights pw = net.packWeights(null, kern, par);
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
            PackedWeights pw = net.packWeights(null, ws.kernels(), Parallel.serial());
            TestNets.perturb(net.params(), 0.1, 6);
            assertSame(pw, net.packWeights(pw, ws.kernels(), Parallel.serial()), "buffers reused");
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
        ws.attach(twin.packWeights(null, ws.kernels(), Parallel.serial()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.forward(ws, x, 0, 3));
        assertTrue(e.getMessage().contains("not packs of"), e.getMessage());
        ws.attach(net.packWeights(null, ws.kernels(), Parallel.serial()));
        net.params()[7] += 1e-3;
        // Surefire runs with assertions on: a pass after the weights changed under attached packs is caught.
        AssertionError a = assertThrows(AssertionError.class, () -> net.forward(ws, x, 0, 3));
        assertTrue(a.getMessage().contains("changed while their packed copies were attached"), a.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ws.attach(null));
    }
}
