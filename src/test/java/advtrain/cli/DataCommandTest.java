package advtrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.data.DataSpec;
import advtrain.data.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {

    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void summaryNamesThePlusOneClassAndTheMinDistance() {
        String[] r = run("data", "digits:classes=0,6,normalize=sphere", "--threads", "2");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("n=359  d=64  classes=2"), r[1]);
        assertTrue(r[1].contains("+1 is class 6, -1 is class 0"), r[1]);
        assertTrue(r[1].contains("l2 "), r[1]);
        assertTrue(r[1].contains("source sha256  46abec6b"), r[1]);
    }

    @Test
    void outWritesAnNpzThatLoadsBackBitIdentical() throws Exception {
        Path out = tmp.resolve("s.npz");
        String spec = "sphere:n=40,d=5,classes=3,sep=0.2,seed=3";
        String[] r = run("data", spec, "--out", out.toString(), "--compress");
        assertEquals("0", r[0], r[2]);
        Dataset a = DataSpec.parse(spec).load();
        Dataset b = DataSpec.parse("npz:" + out).load();
        assertEquals(a.contentSha256(), b.contentSha256());
    }

    @Test
    void badSpecOrFileExitsNonZeroWithTheReason() {
        String[] r = run("data", "sphere:n=50,d=2,classes=3,sep=1.8");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("cannot meet the request"), r[2]);
        r = run("data", "npz:" + tmp.resolve("missing.npz"));
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("missing.npz: no such file"), r[2]);
        r = run("data");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("needs a SPEC"), r[2]);
    }
}
