package advtrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.model.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    private static final double ULP1 = Math.ulp(1.0);

    private static Trainer trainer(Network net, Loss loss, Dataset data, TrainSettings s, Parallel par,
                                   advtrain.threat.Attack attack) {
        return new Trainer(net, loss, attack, data, s, par);
    }

    /**
     * One full-batch step with the identity attack, by hand: g = (1/n) Σ_i ℓ'(f(x_i), y_i) ∂f/∂W, W1 = W0 - α g.
     * n = 37 rows in chunks of 8 (four full chunks and a partial one) so the chunked sum is exercised.
     * Tolerance: every gradient entry is a mean of n terms of size <= max|ℓ'|·max|x| <= 1 (rows on the
     * sphere, |ℓ'| <= 1 for both losses), whose rounding error is at most (n + d) ulp(1); times α.
     */
    @Test
    void fullBatchStepWithIdentityAttackEqualsHandComputedGradientStep() {
        for (int k : new int[] {1, 3}) {
            int n = 37;
            int d = 5;
            Dataset data = TestData.sphere(n, d, k == 1 ? 2 : k, 11);
            LinearTestNet net = new LinearTestNet(d, k, 16, 5);
            Loss loss = k == 1 ? TestLosses.LOGISTIC : TestLosses.CROSS_ENTROPY;
            double lr = 0.7;
            double[] w0 = net.params().clone();
            double[] g = new double[k * d];
            double[] f = new double[k];
            double[] dl = new double[k];
            double lossSum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    f[j] = 0;
                    for (int c = 0; c < d; c++) {
                        f[j] += w0[j * d + c] * data.x()[i * d + c];
                    }
                }
                lossSum += loss.valueAndGradient(f, 0, k, data.y()[i], dl, 0);
                for (int j = 0; j < k; j++) {
                    for (int c = 0; c < d; c++) {
                        g[j * d + c] += dl[j] * data.x()[i * d + c] / n;
                    }
                }
            }
            Trainer t = trainer(net, loss, data, new TrainSettings(Double.POSITIVE_INFINITY, lr, 0, 0, 8, 3),
                    Parallel.serial(), new IdentityTestAttack());
            StepStats s = t.step();
            double tol = (n + d) * ULP1 * lr;
            for (int i = 0; i < w0.length; i++) {
                assertEquals(w0[i] - lr * g[i], net.params()[i], tol, "k=" + k + " weight " + i);
            }
            assertEquals(lossSum / n, s.surrogateLoss, n * ULP1 * 4, "surrogate loss = clean loss under the identity");
            assertEquals(s.cleanLoss, s.surrogateLoss, 0.0);
            assertEquals(1, s.step);
            assertEquals(n, s.batch);
        }
    }

    /** With a small R and a large step every step leaves the ball, and the projection brings each block back. */
    @Test
    void projectionKeepsEveryBlockInsideItsBallAfterEveryStep() {
        Dataset data = TestData.sphere(40, 6, 3, 2);
        LinearTestNet net = new LinearTestNet(6, 3, 25, 9);
        double r = 0.3;
        Trainer t = trainer(net, TestLosses.CROSS_ENTROPY, data, new TrainSettings(r, 5.0, 0.5, 8, 8, 4),
                Parallel.serial(), new SignTestAttack(0.05));
        int activeSteps = 0;
        for (int i = 0; i < 30; i++) {
            StepStats s = t.step();
            for (int b = 0; b < net.blocks(); b++) {
                double dist = Projection.blockDistance(net, b);
                assertTrue(dist <= net.blockRadius(r) * (1 + 1e-12), "step " + s.step + " block " + b + ": " + dist);
                assertEquals(dist * Math.sqrt(25), s.distance[b], 1e-15 * s.distance[b] + 1e-300);
            }
            activeSteps += s.projected[0] ? 1 : 0;
        }
        assertTrue(activeSteps > 10, "the test must actually hit the boundary, active in " + activeSteps + " of 30 steps");
    }

    @Test
    void projectionLeavesAPointInsideTheBallUnchangedAndRescalesAPointOutside() {
        LinearTestNet net = new LinearTestNet(7, 2, 49, 1);
        double[] w0 = net.initialParams();
        double[] w = net.params();
        advtrain.random.RandomStream.of(3, "test.offset").fillGaussian(w, 0, w.length, 0.01);
        for (int i = 0; i < w.length; i++) {
            w[i] += w0[i];
        }
        double r = 100 * Math.sqrt(49) * Projection.blockDistance(net, 0);
        double[] before = w.clone();
        boolean[] active = new boolean[2];
        Projection.project(net, r, active);
        assertArrayEquals(before, w, "inside the ball: unchanged bit for bit");
        assertTrue(!active[0] && !active[1]);

        double small = 0.5 * Projection.blockDistance(net, 1) * Math.sqrt(49);
        double dist1 = Projection.blockDistance(net, 1);
        Projection.project(net, small, active);
        assertTrue(active[1]);
        assertEquals(net.blockRadius(small), Projection.blockDistance(net, 1), 1e-12 * net.blockRadius(small));
        int off = net.blockOffset(1);
        double scale = net.blockRadius(small) / dist1;
        for (int i = off; i < off + net.blockSize(1); i++) {
            assertEquals(w0[i] + scale * (before[i] - w0[i]), w[i], 4 * Math.ulp(w[i]), "same direction from init");
        }
    }

    private record Run(double[] params, List<double[]> stats) {
    }

    private static double[] snapshot(StepStats s) {
        return new double[] {s.step, s.epoch, s.batch, s.surrogateLoss, s.cleanLoss, s.cleanAccuracy, s.attackedAccuracy,
            s.gradNorm, s.distance[0], s.distance[1], s.projected[0] ? 1 : 0, s.projected[1] ? 1 : 0};
    }

    private static Run run(int threads, int steps, Path resumeVia) throws IOException {
        Dataset data = TestData.sphere(50, 6, 3, 7);
        TrainSettings s = new TrainSettings(0.4, 1.5, 0.9, 16, 8, 21);
        List<double[]> rows = new ArrayList<>();
        try (Parallel par = Parallel.create(threads)) {
            LinearTestNet net = new LinearTestNet(6, 3, 16, 8);
            Trainer t = trainer(net, TestLosses.CROSS_ENTROPY, data, s, par, new SignTestAttack(0.05));
            int first = resumeVia == null ? steps : steps / 2;
            for (int i = 0; i < first; i++) {
                rows.add(snapshot(t.step()));
            }
            if (resumeVia != null) {
                Path file = resumeVia.resolve(Checkpoint.fileName(t.stepsDone()));
                t.checkpoint().write(file);
                LinearTestNet fresh = new LinearTestNet(6, 3, 16, 8);
                Trainer t2 = trainer(fresh, TestLosses.CROSS_ENTROPY, data, s, par, new SignTestAttack(0.05));
                t2.restore(Checkpoint.read(file));
                while (t2.stepsDone() < steps) {
                    rows.add(snapshot(t2.step()));
                }
                return new Run(fresh.params().clone(), rows);
            }
            return new Run(net.params().clone(), rows);
        }
    }

    private static void assertBitIdentical(Run a, Run b) {
        assertArrayEquals(a.params, b.params);
        assertEquals(a.stats.size(), b.stats.size());
        for (int i = 0; i < a.stats.size(); i++) {
            assertArrayEquals(a.stats.get(i), b.stats.get(i), "step " + (i + 1));
        }
    }

    /** SGD with momentum across epoch boundaries (50 rows, batch 16: 4 steps per epoch), a keyed random attack. */
    @Test
    void resumeFromCheckpointGivesTheUninterruptedTrajectoryBitForBit(@TempDir Path dir) throws IOException {
        assertBitIdentical(run(1, 14, null), run(1, 14, dir));
    }

    @Test
    void oneAndTwoThreadsGiveBitIdenticalTrajectories() throws IOException {
        assertBitIdentical(run(1, 10, null), run(2, 10, null));
    }

    /** The same with the real deep ReLU net (two layers of width 160) and a PGD attack with random starts. */
    @Test
    void deepNetWithPgdIsBitIdenticalOnOneAndTwoThreadsAndAcrossAResume(@TempDir Path dir) throws IOException {
        Dataset data = TestData.sphere(90, 12, 3, 3);
        TrainSettings s = new TrainSettings(2.0, 0.2, 0.5, 40, 24, 17);
        double[][] results = new double[3][];
        for (int variant = 0; variant < 3; variant++) {
            try (Parallel par = Parallel.create(variant == 1 ? 2 : 1)) {
                advtrain.model.DeepReluNet net = advtrain.model.DeepReluNet.init(12, 160, 2, 3, 4);
                Trainer t = trainer(net, TestLosses.CROSS_ENTROPY, data, s, par,
                        advtrain.threat.AttackSpec.parse("pgd:norm=l2,eps=0.1,steps=3").newAttack());
                for (int i = 0; i < (variant == 2 ? 3 : 6); i++) {
                    t.step();
                }
                if (variant == 2) {
                    Path f = dir.resolve("ck");
                    t.checkpoint().write(f);
                    net = advtrain.model.DeepReluNet.init(12, 160, 2, 3, 4);
                    t = trainer(net, TestLosses.CROSS_ENTROPY, data, s, par,
                            advtrain.threat.AttackSpec.parse("pgd:norm=l2,eps=0.1,steps=3").newAttack());
                    t.restore(Checkpoint.read(f));
                    for (int i = 0; i < 3; i++) {
                        t.step();
                    }
                }
                results[variant] = net.params().clone();
                assertTrue(!java.util.Arrays.equals(results[variant], net.initialParams()), "the weights moved");
            }
        }
        assertArrayEquals(results[0], results[1], "1 vs 2 threads");
        assertArrayEquals(results[0], results[2], "straight vs resumed");
    }

    /**
     * Carried fused packs (deep net of width 160, batch 16, plain steps, l2 PGD (whose steps carry every bit of the gradient), projection active): every step
     * between refreshes carries them, they stay within 1e-12 of fresh ones, and the run is bit-identical on 1 and 2
     * threads and across a resume from a step that carried (the checkpoint keeps the carried matrix), past the
     * refresh at step 64.
     */
    @Test
    void carriedFusedPacksKeepRunsBitIdenticalOnThreadsAndAcrossAResume(@TempDir Path dir) throws IOException {
        Dataset data = TestData.sphere(90, 12, 3, 3);
        TrainSettings s = new TrainSettings(0.3, 0.5, 0.0, 16, 16, 17);
        String spec = "pgd:norm=l2,eps=0.1,steps=3";
        int steps = Trainer.REFRESH + 6;
        double[][] results = new double[3][];
        boolean projected = false;
        for (int variant = 0; variant < 3; variant++) {
            try (Parallel par = Parallel.create(variant == 1 ? 2 : 1)) {
                advtrain.model.DeepReluNet net = advtrain.model.DeepReluNet.init(12, 160, 2, 3, 4);
                Trainer t = trainer(net, TestLosses.CROSS_ENTROPY, data, s, par, advtrain.threat.AttackSpec.parse(spec).newAttack());
                for (int i = 0; i < (variant == 2 ? 37 : steps); i++) {
                    projected |= t.step().projected[0];
                    assertEquals(t.stepsDone() % Trainer.REFRESH != 0, t.carried(), "carried after step " + t.stepsDone());
                    if (variant == 0 && t.carried() && t.stepsDone() % 9 == 1) {
                        double[] fresh = net.packWeights(null, true, advtrain.kernel.Simd.kernels(), par).fusedState();
                        double[] carried = t.attackPacks().fusedState();
                        double scale = 0;
                        for (double v : fresh) {
                            scale = Math.max(scale, Math.abs(v));
                        }
                        for (int j = 0; j < fresh.length; j++) {
                            assertEquals(fresh[j], carried[j], 1e-12 * scale, "step " + t.stepsDone() + " entry " + j);
                        }
                    }
                }
                if (variant == 2) {
                    Path f = dir.resolve("ck");
                    t.checkpoint().write(f);
                    assertTrue(Checkpoint.read(f).fused() != null, "a carrying step's checkpoint keeps the matrix");
                    net = advtrain.model.DeepReluNet.init(12, 160, 2, 3, 4);
                    t = trainer(net, TestLosses.CROSS_ENTROPY, data, s, par, advtrain.threat.AttackSpec.parse(spec).newAttack());
                    t.restore(Checkpoint.read(f));
                    assertTrue(t.carried());
                    while (t.stepsDone() < steps) {
                        t.step();
                    }
                }
                results[variant] = net.params().clone();
            }
        }
        assertTrue(projected, "the projection was active");
        assertArrayEquals(results[0], results[1], "1 vs 2 threads");
        assertArrayEquals(results[0], results[2], "straight vs resumed");
    }

    @Test
    void nonFiniteLossStopsBeforeTouchingTheWeightsAndNamesTheStep() {
        Dataset good = TestData.sphere(20, 4, 2, 1);
        double[] x = good.x().clone();
        x[13] = Double.NaN;
        Dataset bad = new Dataset("bad", "test", 20, 4, x, good.y(), 2);
        LinearTestNet net = new LinearTestNet(4, 1, 4, 1);
        double[] before = net.params().clone();
        Trainer t = trainer(net, TestLosses.LOGISTIC, bad, new TrainSettings(1, 0.1, 0, 0, 8, 1), Parallel.serial(),
                new IdentityTestAttack());
        DivergenceException e = assertThrows(DivergenceException.class, t::step);
        assertEquals(1, e.step());
        assertTrue(e.getMessage().contains("step 1"), e.getMessage());
        assertArrayEquals(before, net.params());
        assertEquals(0, t.stepsDone());
    }

    @Test
    void sgdVisitsEveryRowOncePerEpoch() {
        Dataset data = TestData.sphere(23, 3, 2, 5);
        LinearTestNet net = new LinearTestNet(3, 1, 4, 1);
        Trainer t = trainer(net, TestLosses.LOGISTIC, data, new TrainSettings(1, 0.1, 0, 5, 4, 1), Parallel.serial(),
                new IdentityTestAttack());
        assertEquals(5, t.stepsPerEpoch());
        int rows = 0;
        for (int i = 0; i < 5; i++) {
            StepStats s = t.step();
            assertEquals(0, s.epoch);
            rows += s.batch;
        }
        assertEquals(23, rows);
        assertEquals(1, t.step().epoch);
    }

    /** The carried fused matrix survives a write and read; a file of the first format (no such matrix) still reads. */
    @Test
    void checkpointKeepsTheFusedMatrixAndReadsTheFirstFormat(@TempDir Path dir) throws IOException {
        double[] params = {1.5, -2.0, 0.25};
        double[] fused = {3.0, Math.PI, -0.0, 1e-300};
        Path f = dir.resolve("b.ckpt");
        new Checkpoint(7, 0.5, 11, 42, params, null, fused).write(f);
        Checkpoint back = Checkpoint.read(f);
        assertArrayEquals(fused, back.fused());
        assertArrayEquals(params, back.params());
        assertEquals(null, back.velocity());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.util.zip.CheckedOutputStream(bytes, crc))) {
            out.write("ADVTCKP1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.writeLong(7);
            out.writeDouble(0.5);
            out.writeLong(11);
            out.writeLong(42);
            out.writeInt(params.length);
            for (double v : params) {
                out.writeLong(Double.doubleToRawLongBits(v));
            }
            out.writeInt(0);
            out.flush();
            long sum = crc.getValue();
            out.writeLong(sum);
        }
        Path old = dir.resolve("old.ckpt");
        Files.write(old, bytes.toByteArray());
        Checkpoint first = Checkpoint.read(old);
        assertEquals(7, first.step());
        assertEquals(42, first.initHash());
        assertArrayEquals(params, first.params());
        assertEquals(null, first.fused());
    }

    @Test
    void checkpointDetectsDamage(@TempDir Path dir) throws IOException {
        LinearTestNet net = new LinearTestNet(3, 2, 4, 1);
        Checkpoint ck = new Checkpoint(5, 0.25, 10, Checkpoint.hash(net.initialParams()), net.params().clone(), null);
        Path f = dir.resolve("a.ckpt");
        ck.write(f);
        Checkpoint back = Checkpoint.read(f);
        assertArrayEquals(ck.params(), back.params());
        assertEquals(5, back.step());
        byte[] bytes = Files.readAllBytes(f);
        bytes[40] ^= 1;
        Files.write(f, bytes);
        IOException e = assertThrows(IOException.class, () -> Checkpoint.read(f));
        assertTrue(e.getMessage().contains("a.ckpt"), e.getMessage());
    }
}
