package advtrain.model;

import advtrain.kernel.Simd;
import org.junit.jupiter.api.Test;

/**
 * Run by the forced-width surefire executions (128, 256, 512 bits, SIMD off): the networks on this JVM's
 * kernels give the same bits as on the scalar kernels (outputs, both gradients, per-sample gradients).
 */
class ModelWidthTest {

    @Test
    void networksOnThisJvmsKernelsMatchScalarBitForBit() {
        int batch = 11;
        for (Network net : DeterminismTest.nets(19, 46, 3)) {
            double[] x = TestNets.inputs(batch, net.inputDim(), 21);
            DeterminismTest.Result s = DeterminismTest.run(net, DeterminismTest.workspace(net, batch, Simd.scalar()), x, batch, true);
            DeterminismTest.Result v = DeterminismTest.run(net, DeterminismTest.workspace(net, batch, Simd.kernels()), x, batch, true);
            s.assertSameBits(v, net + " scalar vs " + Simd.describe());
        }
    }
}
