package advtrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.data.NdArray;
import advtrain.data.Npz;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NtkCommandTest {

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    /** The npz holds K (symmetric, n x n), its eigenvalues (ascending, the printed range), y and the normalisation. */
    @Test
    void writesGramAndPrintsEigenvalueRange(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("k.npz");
        String[] r = run("ntk", "--data", "sphere:n=24,d=5,seed=3", "--depth", "2", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("eigenvalues  ["), r[1]);
        assertTrue(r[1].contains("PSD"), r[1]);
        Map<String, NdArray> z = Npz.read(out);
        double[] k = z.get("K").doubles();
        double[] ev = z.get("eigenvalues").doubles();
        assertEquals(24 * 24, k.length);
        for (int i = 0; i < 24; i++) {
            assertEquals(2.0, k[i * 24 + i], 1e-12, "Theta(x, x) = H |x|^2 on the sphere");
            for (int j = 0; j < 24; j++) {
                assertEquals(k[i * 24 + j], k[j * 24 + i], 0.0);
            }
        }
        for (int i = 1; i < 24; i++) {
            assertTrue(ev[i] >= ev[i - 1]);
        }
        assertEquals(1.0, z.get("normalisation").doubles()[0], 0.0);
        assertEquals(24, z.get("y").size());
        r = run("ntk", "--data", "sphere:n=12,d=5,seed=3", "--model", "two-layer", "--activation", "softplus",
                "--kind", "empirical", "--width", "512", "--compare");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("relative Frobenius error"), r[1]);
        assertTrue(Files.list(dir).count() == 1, "no temp files left");
    }

    @Test
    void badFlagsAreNamed() {
        String[] r = run("ntk", "--data", "sphere:n=8,d=3", "--kind", "exact");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--kind must be analytic or empirical, got 'exact'"), r[2]);
        r = run("ntk", "--data", "sphere:n=8,d=3", "--activation", "tanh");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("the deep net of eq. (1) is ReLU"), r[2]);
        r = run("ntk", "--data", "sphere:n=8,d=3", "--model", "two-layer", "--depth", "2");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--depth applies to the deep net only"), r[2]);
        r = run("ntk", "--data", "sphere:n=8,d=3", "--compare");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--compare needs --kind empirical"), r[2]);
    }
}
