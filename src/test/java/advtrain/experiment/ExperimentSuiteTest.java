package advtrain.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.kernel.Parallel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real experiment at the test size (the suite's version of --quick), through the real engine: each
 * writes its points, figures, report and verdicts; 1 and 2 threads give the same bytes; three shards merged
 * give the bytes of the unsharded run.
 */
class ExperimentSuiteTest {

    @TempDir
    static Path tmp;

    private static Path whole;

    private static void run(Shard shard, Path out, int threads) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (Parallel par = Parallel.create(threads)) {
            new SweepRunner(quiet, false, 60, System::nanoTime, new SvgRenderer())
                    .indexing(Experiments.all())
                    .run(Experiments.all(), Settings.Size.TEST, 0, shard, out, par);
        }
    }

    @BeforeAll
    static void runEverythingOnTwoThreads() throws Exception {
        whole = tmp.resolve("whole");
        run(Shard.ALL, whole, 2);
    }

    @Test
    void everyExperimentWritesPointsFiguresReportAndVerdicts() throws Exception {
        String index = Files.readString(whole.resolve("report.md"));
        for (Experiment e : Experiments.all()) {
            Path dir = whole.resolve(e.name());
            String report = Files.readString(dir.resolve("report.md"));
            assertTrue(index.contains("[" + e.name() + "]"), index);
            if (e.unavailable() != null) {
                assertTrue(report.contains("## Skipped"), report);
                continue;
            }
            Settings s = new Settings(Settings.Size.TEST, e.defaultSeeds(Settings.Size.TEST));
            Table points = Table.read(dir.resolve("points.csv"));
            assertEquals(e.points(s).size(), points.size(), e.name());
            Table verdicts = Table.read(dir.resolve(ReportWriter.VERDICT_FILE));
            assertTrue(verdicts.size() >= 2, e.name());
            String overall = verdicts.where("finding", "all").cell(0, "verdict");
            assertTrue(report.contains("## Verdict: **" + overall + "**"), report);
            for (int r = 0; r + 1 < verdicts.size(); r++) {
                assertTrue(List.of("holds", "does not hold", "inconclusive").contains(verdicts.cell(r, "verdict")));
            }
            assertTrue(report.contains("- criterion: "), report);
            int figures = 0;
            for (String line : report.split("\n")) {
                if (line.startsWith("![")) {
                    String file = line.substring(line.indexOf("](") + 2, line.length() - 1);
                    String svg = Files.readString(dir.resolve(file));
                    assertTrue(svg.startsWith("<svg") && svg.contains("</svg>"), file);
                    figures++;
                }
            }
            assertTrue(figures >= 1, e.name());
        }
    }

    @Test
    void oneThreadWritesTheSameBytesAsTwo() throws Exception {
        Path one = tmp.resolve("one-thread");
        run(Shard.ALL, one, 1);
        ShardMergeTest.assertSameFiles(ShardMergeTest.compared(whole), ShardMergeTest.compared(one));
    }

    @Test
    void threeShardsMergedEqualTheUnshardedRun() throws Exception {
        List<Path> shards = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path p = tmp.resolve("shard" + i);
            run(new Shard(i, 3), p, 2);
            shards.add(p);
        }
        Path merged = tmp.resolve("merged");
        Merge.merge(shards, merged, Experiments::byName, Experiments.all(), new SvgRenderer());
        Map<String, byte[]> a = ShardMergeTest.compared(whole);
        ShardMergeTest.assertSameFiles(a, ShardMergeTest.compared(merged));
    }
}
