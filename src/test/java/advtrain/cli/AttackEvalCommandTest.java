package advtrain.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.data.NdArray;
import advtrain.data.Npz;
import advtrain.model.DeepReluNet;
import advtrain.model.ModelIO;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackEvalCommandTest {

    static final String DATA = "sphere:n=24,d=6,classes=3,seed=2,label=teacher";

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    private static Path model(Path dir) throws Exception {
        Path m = dir.resolve("model.npz");
        ModelIO.write(m, DeepReluNet.init(6, 32, 2, 3, 5));
        return m;
    }

    /** attack writes x_adv (n x d), f_adv (n x k), loss and success (n), prints the four numbers; 2 threads == 1 thread. */
    @Test
    void attackWritesTheAdversarialArraysAndPrintsTheLosses(@TempDir Path dir) throws Exception {
        Path m = model(dir);
        Path out1 = dir.resolve("adv1.npz");
        Path out2 = dir.resolve("adv2.npz");
        String spec = "pgd:norm=l2,eps=0.2,sphere=true,steps=5";
        String[] r = run("attack", "--model", m.toString(), "--data", DATA, "--attack", spec, "--seed", "3", "--out",
                out1.toString(), "--threads", "1");
        assertEquals("0", r[0], r[2]);
        for (String label : new String[] {"surrogate loss L_A", "clean loss", "clean accuracy", "accuracy under attack",
                "2.5*eps/steps"}) {
            assertTrue(r[1].contains(label), label + " in\n" + r[1]);
        }
        String[] r2 = run("attack", "--model", m.toString(), "--data", DATA, "--attack", spec, "--seed", "3", "--out",
                out2.toString(), "--threads", "2", "--batch", "5");
        assertEquals("0", r2[0], r2[2]);
        Map<String, NdArray> a = Npz.read(out1);
        Map<String, NdArray> b = Npz.read(out2);
        assertArrayEquals(new int[] {24, 6}, a.get("x_adv").shape());
        assertArrayEquals(new int[] {24, 3}, a.get("f_adv").shape());
        assertArrayEquals(new int[] {24}, a.get("loss").shape());
        assertArrayEquals(new int[] {24}, a.get("success").shape());
        assertArrayEquals(a.get("x_adv").doubles(), b.get("x_adv").doubles(), 0.0);
        assertArrayEquals(a.get("loss").doubles(), b.get("loss").doubles(), 0.0);
        assertArrayEquals(Files.readAllBytes(out1), Files.readAllBytes(out2));
    }

    @Test
    void evalPrintsALabelledLowerBoundAndTheChecks(@TempDir Path dir) throws Exception {
        Path m = model(dir);
        String[] r = run("eval", "--model", m.toString(), "--data", DATA, "--attack", "pgd:norm=l2,sphere=true;fgm:sphere=true",
                "--eps", "0.05,0.3");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("LOWER bound on robust loss L_*"), r[1]);
        assertTrue(r[1].contains("certified (crown, over the l2 ball holding the cap): UPPER bound on L_*"), r[1]);
        assertTrue(r[1].contains("spherical cap eps=0.05") && r[1].contains("spherical cap eps=0.3"), r[1]);
        assertTrue(r[1].contains("accuracy does not rise as eps grows"), r[1]);
        assertTrue(r[1].contains("a large eps drives accuracy near zero"), r[1]);
    }

    @Test
    void badAttackSpecsAndEpsListsExitTwoNamingTheField(@TempDir Path dir) throws Exception {
        Path m = model(dir);
        String[] r = run("attack", "--model", m.toString(), "--data", DATA, "--attack", "pgd:steps=0");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("steps"), r[2]);
        String[] r2 = run("eval", "--model", m.toString(), "--data", DATA, "--attack", "pgd:norm=l7");
        assertEquals("2", r2[0]);
        assertTrue(r2[2].contains("norm"), r2[2]);
        String[] r3 = run("eval", "--model", m.toString(), "--data", DATA, "--eps", "0.1,-2");
        assertEquals("2", r3[0]);
        assertTrue(r3[2].contains("--eps"), r3[2]);
        String[] r4 = run("attack", "--model", m.toString(), "--data", DATA, "--attack", "warp:eps=1");
        assertEquals("2", r4[0]);
        assertTrue(r4[2].contains("unknown attack 'warp'"), r4[2]);
    }
}
