package advtrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.data.Dataset;
import advtrain.kernel.Parallel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

    private static final TrainSettings SETTINGS = new TrainSettings(0.5, 1.0, 0.5, 16, 8, 33);

    private static Trainer trainer(Dataset data) {
        return new Trainer(new LinearTestNet(6, 3, 16, 2), TestLosses.CROSS_ENTROPY, new SignTestAttack(0.04), data, SETTINGS,
                Parallel.serial());
    }

    private static TrainingRun.Result run(Trainer t, long steps, Path out, Dataset test) throws IOException {
        return TrainingRun.builder(t, steps, Parallel.serial()).out(out).test(test).evalAttack(new SignTestAttack(0.06))
                .evalRows(20).logEvery(2).evalEvery(3).checkpointEvery(4).build().run();
    }

    /** The metrics file without its seconds column (wall-clock time, the one column that may differ). */
    private static List<String> metricsWithoutSeconds(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(RunFolder.METRICS), StandardCharsets.UTF_8);
        int col = List.of(lines.get(0).split(",")).indexOf("seconds");
        return lines.stream().map(l -> {
            String[] c = l.split(",", -1);
            c[col] = "";
            return String.join(",", c);
        }).toList();
    }

    /**
     * T = 11 straight against 5 + resume to 11: step 5 is off the log (2) and eval (3) schedules, so the resume
     * must drop and rewrite what the short run wrote at its end. Model bits and every metrics cell but
     * seconds must agree.
     */
    @Test
    void resumedRunWritesTheSameModelAndMetricsAsAnUninterruptedOne(@TempDir Path tmp) throws IOException {
        Dataset data = TestData.sphere(50, 6, 3, 7);
        Dataset test = TestData.sphere(30, 6, 3, 8);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        RunFolder.prepareNew(a, false);
        RunFolder.prepareNew(b, false);
        Trainer straight = trainer(data);
        run(straight, 11, a, test);

        Trainer first = trainer(data);
        run(first, 5, b, test);
        Trainer second = trainer(data);
        Checkpoint ck = TrainingRun.latest(b.resolve(RunFolder.CHECKPOINTS));
        assertEquals(5, ck.step());
        second.restore(ck);
        TrainingRun.Result r = run(second, 11, b, test);

        assertEquals(11, r.steps());
        assertArrayEquals(straight.network().params(), second.network().params());
        List<String> ma = metricsWithoutSeconds(a);
        assertEquals(ma, metricsWithoutSeconds(b));
        assertEquals(1 + 6, ma.size(), "rows at 2,4,6,8,10 and the last step 11");
        String[] row2 = ma.get(1).split(",", -1);
        String[] row6 = ma.get(3).split(",", -1);
        int la = row2.length - MetricsLog.EVAL_COLUMNS.length;
        assertEquals("2", row2[0]);
        assertEquals("", row2[la], "step 2 is not evaluated");
        assertEquals("6", row6[0]);
        assertTrue(!row6[la].isEmpty() && !row6[la + 5].isEmpty(), "step 6 is evaluated: " + ma.get(3));
    }

    @Test
    void existingRunFolderIsNotOverwrittenWithoutForce(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("run");
        RunFolder.prepareNew(dir, false);
        Files.writeString(dir.resolve(RunFolder.METRICS), "old");
        Files.writeString(dir.resolve("notes.txt"), "mine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunFolder.prepareNew(dir, false));
        assertTrue(e.getMessage().contains("--resume") && e.getMessage().contains("--force"), e.getMessage());
        assertEquals("old", Files.readString(dir.resolve(RunFolder.METRICS)));
        RunFolder.prepareNew(dir, true);
        assertTrue(!Files.exists(dir.resolve(RunFolder.METRICS)));
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")), "files a run does not write are left alone");
    }

    @Test
    void divergenceNamesTheStepAndTheLastGoodCheckpointAndKeepsTheMetrics(@TempDir Path tmp) throws IOException {
        Dataset good = TestData.sphere(40, 4, 2, 3);
        Path dir = tmp.resolve("run");
        RunFolder.prepareNew(dir, false);
        // A logistic loss that turns NaN once the weights move far enough: a large step makes that happen fast.
        advtrain.loss.Loss nanAfter = new advtrain.loss.Loss() {
            @Override public String name() { return "nan-after"; }
            @Override public double value(double[] f, int o, int k, int y) {
                return Math.abs(f[o]) > 3 ? Double.NaN : TestLosses.LOGISTIC.value(f, o, k, y);
            }
            @Override public double valueAndGradient(double[] f, int o, int k, int y, double[] g, int go) {
                TestLosses.LOGISTIC.valueAndGradient(f, o, k, y, g, go);
                return value(f, o, k, y);
            }
            @Override public String assumption31() { return "test"; }
        };
        Trainer t = new Trainer(new LinearTestNet(4, 1, 4, 1), nanAfter, new IdentityTestAttack(), good,
                new TrainSettings(Double.POSITIVE_INFINITY, 8.0, 0, 0, 16, 1), Parallel.serial());
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                TrainingRun.builder(t, 50, Parallel.serial()).out(dir).checkpointEvery(2).build().run());
        long bad = ((DivergenceException) e.getCause()).step();
        assertTrue(bad > 1, "diverges after some good steps, at " + bad);
        String expectCk = Checkpoint.fileName(((bad - 1) / 2) * 2);
        assertTrue(e.getMessage().contains("step " + bad) && e.getMessage().contains(expectCk), e.getMessage());
        List<String> rows = Files.readAllLines(dir.resolve(RunFolder.METRICS));
        assertEquals(bad, rows.size(), "header + one row per good step");
        Checkpoint ck = Checkpoint.read(dir.resolve(RunFolder.CHECKPOINTS).resolve(expectCk));
        assertEquals(((bad - 1) / 2) * 2, ck.step());
    }
}
