package advtrain.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.certify.Ball;
import advtrain.certify.Certificate;
import advtrain.certify.Certifier;
import advtrain.certify.Method;
import advtrain.data.DataSpec;
import advtrain.data.Dataset;
import advtrain.data.NdArray;
import advtrain.data.Npz;
import advtrain.kernel.Parallel;
import advtrain.loss.Losses;
import advtrain.model.Activation;
import advtrain.model.DeepReluNet;
import advtrain.model.ModelIO;
import advtrain.model.TwoLayerNet;
import advtrain.threat.Norm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertifyCommandTest {

    private static final String DATA3 = "sphere:n=20,d=6,classes=3,seed=2,label=teacher";
    private static final String DATA2 = "sphere:n=20,d=6,classes=2,seed=2,label=teacher";

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    /** k classes: margin_lower (n x k), loss_upper, certified written; numbers equal the Certifier's; 2 threads == 1. */
    @Test
    void certifyWritesMarginBoundsEqualToTheCertifierOnAnyThreadCount(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("model.npz");
        DeepReluNet net = DeepReluNet.init(6, 16, 2, 3, 5);
        ModelIO.write(m, net);
        Path out1 = dir.resolve("b1.npz");
        Path out2 = dir.resolve("b2.npz");
        String[] r = run("certify", "--model", m.toString(), "--data", DATA3, "--norm", "linf", "--eps", "0.02", "--box", "-1,1",
                "--method", "crown", "--out", out1.toString(), "--threads", "1");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("certified accuracy") && r[1].contains("UPPER bound on the robust loss L_*"), r[1]);
        String[] r2 = run("certify", "--model", m.toString(), "--data", DATA3, "--norm", "linf", "--eps", "0.02", "--box", "-1,1",
                "--out", out2.toString(), "--threads", "2");
        assertEquals("0", r2[0], r2[2]);
        assertArrayEquals(Files.readAllBytes(out1), Files.readAllBytes(out2));
        Map<String, NdArray> a = Npz.read(out1);
        assertArrayEquals(new int[] {20, 3}, a.get("margin_lower").shape());
        assertArrayEquals(new int[] {20}, a.get("loss_upper").shape());
        assertArrayEquals(new int[] {20}, a.get("certified").shape());
        Dataset data = DataSpec.parse(DATA3).load();
        Certificate c = Certifier.of(ModelIO.read(m), Parallel.serial()).certify(Method.CROWN,
                Ball.of(Norm.LINF, 0.02).withBox(-1, 1), Losses.parse("cross-entropy"), data.x(), data.y(), data.n());
        assertArrayEquals(c.outputs(), a.get("margin_lower").doubles(), 0.0);
        assertArrayEquals(c.lossUpper(), a.get("loss_upper").doubles(), 0.0);
    }

    @Test
    void scalarOutputGetsFLowerAndFUpper(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("model.npz");
        TwoLayerNet net = TwoLayerNet.init(6, 16, 1, Activation.TANH, 5);
        for (int i = 0; i < net.paramCount(); i++) {
            net.params()[i] += 0.01 * (i % 7 - 3);
        }
        ModelIO.write(m, net);
        Path out = dir.resolve("b.npz");
        String[] r = run("certify", "--model", m.toString(), "--data", DATA2, "--norm", "l2", "--eps", "0.1", "--method", "ibp",
                "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        Map<String, NdArray> a = Npz.read(out);
        double[] lo = a.get("f_lower").doubles();
        double[] hi = a.get("f_upper").doubles();
        for (int i = 0; i < lo.length; i++) {
            assertTrue(lo[i] <= hi[i]);
        }
    }

    @Test
    void badFlagsExitTwoNamingTheFlag(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("model.npz");
        ModelIO.write(m, DeepReluNet.init(6, 8, 1, 3, 5));
        String[][] cases = {
            {"--norm", "l3", "--norm"}, {"--box", "1,0", "--box"}, {"--method", "lp", "method"}, {"--eps", "-1", "--eps"},
            {"--eps", "x", "--eps"}};
        for (String[] c : cases) {
            String[] args = {"certify", "--model", m.toString(), "--data", DATA3, "--eps", "0.1", c[0], c[1]};
            String[] r = run(args);
            assertEquals("2", r[0], c[0] + " " + c[1] + ": " + r[1] + r[2]);
            assertTrue(r[2].contains(c[2]), r[2]);
        }
        String[] wrongK = run("certify", "--model", m.toString(), "--data", DATA2, "--eps", "0.1");
        assertEquals("2", wrongK[0], wrongK[2]);
        assertTrue(wrongK[2].contains("k="), wrongK[2]);
    }
}
