package advtrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MainTest {

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void helpListsEveryCommand() {
        String[] r = run("--help");
        assertEquals("0", r[0]);
        for (Command c : Commands.all()) {
            assertTrue(r[1].contains("  " + c.name() + " "), "--help lists " + c.name());
        }
    }

    @Test
    void versionNamesSimdPathAndThreads() {
        String[] r = run("--version", "--threads", "3");
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("simd     " + advtrain.kernel.Simd.describe()), r[1]);
        assertTrue(r[1].contains("threads  3"), r[1]);
    }

    @Test
    void unknownCommandAndBadFlagsExitTwoAndNameTheCulprit() {
        String[] r = run("frobnicate");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("'frobnicate'"), r[2]);
        r = run("bench", "--nope", "1");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--nope"), r[2]);
        r = run("demo", "--threads", "zero");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--threads") && r[2].contains("'zero'"), r[2]);
        r = run("bench", "gemm", "--n", "abc");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--n must be an integer, got 'abc'"), r[2]);
    }

    @Test
    void everyCommandHasHelp() {
        for (Command c : Commands.all()) {
            String[] r = run(c.name(), "--help");
            assertEquals("0", r[0], c.name());
            assertTrue(r[1].contains("usage: advtrain " + c.name()), r[1]);
        }
    }
}
