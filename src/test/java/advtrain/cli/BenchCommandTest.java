package advtrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void printsOneLinePerShapeAndOpWithBestMedianAndCpuRate() {
        String[] r = run("--threads", "1", "bench", "gemm", "--shapes", "7,3x5x9", "--op", "NN,tn",
                "--seconds", "0.01", "--warmup", "0");
        assertEquals("0", r[0], r[2]);
        String[] lines = r[1].strip().split("\n");
        assertEquals(4, lines.length, r[1]);
        assertTrue(lines[0].startsWith("gemm NN m=7 k=7 n=7 ") && lines[0].contains("threads=1  best "), lines[0]);
        assertTrue(lines[3].startsWith("gemm TN m=3 k=5 n=9 ") && lines[3].contains(" GFLOP/s  median "), lines[3]);
        assertTrue(lines[3].contains("cpu-best "), "one thread reports the CPU-time rate: " + lines[3]);
    }

    @Test
    void badShapesOpsAndTimesAreRejectedByName() {
        String[] r = run("bench", "gemm", "--shapes", "7x7");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--shapes entries must be N or MxKxN, got '7x7'"), r[2]);
        r = run("bench", "gemm", "--shapes", "0");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("sizes in 1..32768, got '0'"), r[2]);
        r = run("bench", "gemm", "--op", "NX");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--op must list NN, NT, TN or TT, got 'NX'"), r[2]);
        r = run("bench", "gemm", "--seconds", "-1");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--seconds must be in (0, 3600], got -1.0"), r[2]);
        r = run("bench", "gemm", "--warmup", "NaN");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--warmup"), r[2]);
        r = run("bench", "matmul");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("unknown benchmark 'matmul'"), r[2]);
    }
}
