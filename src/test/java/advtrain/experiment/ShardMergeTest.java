package advtrain.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.kernel.Parallel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardMergeTest {

    @TempDir
    Path tmp;

    private final Experiment exp = new SyntheticExperiment(-0.5, 0.05, 64, 128, 256, 512, 1024);
    private final Function<String, Experiment> lookup = n -> n.equals(exp.name()) ? exp : null;

    private void run(Shard shard, Path out, int threads) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (Parallel par = Parallel.create(threads)) {
            new SweepRunner(quiet, false, 10, System::nanoTime, new TestRenderer())
                    .run(List.of(exp), Settings.Size.TEST, 3, shard, out, par);
        }
    }

    /** Every file of a folder tree except the timings, by relative path. */
    static Map<String, byte[]> compared(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                if (!p.getFileName().toString().equals(SweepRunner.TIMINGS_FILE)) {
                    files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    static void assertSameFiles(Map<String, byte[]> a, Map<String, byte[]> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), k);
        }
    }

    @Test
    void threeShardsMergedEqualTheUnshardedRunByteForByte() throws Exception {
        run(Shard.ALL, tmp.resolve("whole"), 1);
        for (int i = 0; i < 3; i++) {
            run(new Shard(i, 3), tmp.resolve("s" + i), 1);
        }
        Merge.merge(List.of(tmp.resolve("s2"), tmp.resolve("s0"), tmp.resolve("s1")), tmp.resolve("merged"), lookup,
                List.of(exp), new TestRenderer());
        Map<String, byte[]> whole = compared(tmp.resolve("whole"));
        assertTrue(whole.keySet().containsAll(List.of("report.md", "synthetic/points.csv", "synthetic/report.md",
                "synthetic/verdict.csv", "synthetic/loss.svg", "synthetic/manifest.txt")), whole.keySet().toString());
        assertSameFiles(whole, compared(tmp.resolve("merged")));
        String report = Files.readString(tmp.resolve("merged/synthetic/report.md"));
        assertTrue(report.contains("## Verdict: **holds**"), report);
        assertEquals(16, Files.readAllLines(tmp.resolve("merged/synthetic/points.csv")).size());
        assertEquals(16, Files.readAllLines(tmp.resolve("merged/synthetic/timings.csv")).size());
    }

    @Test
    void shardsHoldDisjointPointsCoveringTheSweep() throws Exception {
        int total = 0;
        for (int i = 0; i < 3; i++) {
            run(new Shard(i, 3), tmp.resolve("s" + i), 1);
            Table t = Table.read(tmp.resolve("s" + i + "/synthetic/points.csv"));
            for (int r = 0; r < t.size(); r++) {
                assertEquals(i, Integer.parseInt(t.cell(r, "point")) % 3);
            }
            total += t.size();
        }
        assertEquals(15, total);
    }

    @Test
    void oneAndTwoThreadsWriteIdenticalFiles() throws Exception {
        run(Shard.ALL, tmp.resolve("t1"), 1);
        run(Shard.ALL, tmp.resolve("t2"), 2);
        assertSameFiles(compared(tmp.resolve("t1")), compared(tmp.resolve("t2")));
    }

    @Test
    void missingDuplicateOrMismatchedShardsAreNamed() throws Exception {
        run(new Shard(0, 3), tmp.resolve("s0"), 1);
        run(new Shard(1, 3), tmp.resolve("s1"), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Merge.merge(
                List.of(tmp.resolve("s0"), tmp.resolve("s1")), tmp.resolve("m"), lookup, List.of(exp), new TestRenderer()));
        assertTrue(e.getMessage().contains("shard 2/3 is missing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Merge.merge(
                List.of(tmp.resolve("s0"), tmp.resolve("s0")), tmp.resolve("m"), lookup, List.of(exp), new TestRenderer()));
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
        run(new Shard(1, 2), tmp.resolve("other"), 1);
        e = assertThrows(IllegalArgumentException.class, () -> Merge.merge(
                List.of(tmp.resolve("s0"), tmp.resolve("other")), tmp.resolve("m"), lookup, List.of(exp), new TestRenderer()));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void anUnavailableExperimentIsSkippedWithItsReasonAndMergesAsSkipped() throws Exception {
        Experiment missing = new SyntheticExperiment(-0.5, 0.05, 64, 128).unavailableBecause("install the data: apt-get install x");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        for (int i = 0; i < 2; i++) {
            List<SweepRunner.Outcome> o = new SweepRunner(quiet, false, 10, System::nanoTime, new TestRenderer())
                    .run(List.of(missing), Settings.Size.TEST, 1, new Shard(i, 2), tmp.resolve("k" + i), Parallel.serial());
            assertEquals("install the data: apt-get install x", o.get(0).skipped());
        }
        Merge.merge(List.of(tmp.resolve("k0"), tmp.resolve("k1")), tmp.resolve("km"), n -> missing, List.of(missing), new TestRenderer());
        String report = Files.readString(tmp.resolve("km/synthetic/report.md"));
        assertTrue(report.contains("## Skipped") && report.contains("apt-get install x"), report);
        assertTrue(Files.readString(tmp.resolve("km/report.md")).contains("| skipped |"));
        assertTrue(!Files.exists(tmp.resolve("km/synthetic/points.csv")));
    }

    @Test
    void shardSpecIsValidated() {
        assertEquals(new Shard(2, 5), Shard.parse("2/5"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("5/5"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("x"));
        assertTrue(new Shard(1, 3).contains(4) && !new Shard(1, 3).contains(5));
    }
}
