package advtrain.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.model.ModelIO;
import advtrain.model.Network;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    private static final String DATA = "sphere:n=60,d=8,classes=2,seed=3,label=linear,margin=0.2";

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    private static String[] train(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--data", DATA, "--width", "16", "--depth", "2", "--batch", "16",
                "--attack", "pgd:norm=l2,eps=0.05,steps=2", "--eval-attack", "pgd:norm=l2,eps=0.05,steps=3", "--eval-every", "4",
                "--checkpoint-every", "2", "--radius", "2", "--momentum", "0.5", "--threads", "2", "--out", out.toString()));
        a.addAll(List.of(extra));
        return run(a.toArray(new String[0]));
    }

    @Test
    void helpShowsEveryFlagWithItsDefault() {
        String[] r = run("train", "--help");
        assertEquals("0", r[0]);
        for (String f : List.of("--data", "--model", "--width", "--depth", "--activation", "--loss", "--attack", "--radius", "--lr",
                "--schedule", "--steps", "--epochs", "--batch", "--seed", "--out", "--resume", "--force", "--allow-incompatible")) {
            assertTrue(r[1].contains("  " + f + " "), f + " in " + r[1]);
        }
        assertTrue(r[1].contains("(default: none)") && r[1].contains("(default: 512)"), r[1]);
    }

    private static List<String> withoutSeconds(Path dir) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        int col = Arrays.asList(lines.get(0).split(",")).indexOf("seconds");
        List<String> outl = new ArrayList<>();
        for (String l : lines) {
            String[] c = l.split(",", -1);
            c[col] = "";
            outl.add(String.join(",", c));
        }
        return outl;
    }

    @Test
    void resumeThroughTheCliGivesTheUninterruptedModelAndMetrics(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        String[] r = train(a, "--steps", "10");
        assertEquals("0", r[0], r[2]);
        assertEquals("0", train(b, "--steps", "5")[0]);
        r = run("train", "--resume", b.toString(), "--steps", "10", "--threads", "1");
        assertEquals("0", r[0], r[2]);
        assertEquals(withoutSeconds(a), withoutSeconds(b));
        r = run("compare-models", a.resolve("model.npz").toString(), b.resolve("model.npz").toString());
        assertEquals("0", r[0], r[1]);
        assertTrue(Files.readString(a.resolve("report.md")).contains("LOWER bound"));
        assertTrue(Files.exists(a.resolve("loss.svg")) && Files.exists(a.resolve("distance.svg")));
    }

    /** A checkpoint that does not fit the run (here: too few weights) is refused naming its file. */
    @Test
    void resumeFromAMismatchedCheckpointNamesTheFile(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        assertEquals("0", train(a, "--steps", "2")[0]);
        Path ck = a.resolve(advtrain.train.RunFolder.CHECKPOINTS).resolve(advtrain.train.Checkpoint.fileName(3));
        new advtrain.train.Checkpoint(3, 1.0, 0, 0, new double[5], null).write(ck);
        String[] r = run("train", "--resume", a.toString(), "--steps", "4");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains(ck.getFileName().toString()) && r[2].contains("checkpoint has 5 weights"), r[2]);
    }

    @Test
    void existingFolderNeedsForceAndResumeRefusesTrajectoryChanges(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        assertEquals("0", train(a, "--steps", "2")[0]);
        byte[] model = Files.readAllBytes(a.resolve("model.npz"));
        String[] r = train(a, "--steps", "3");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--resume") && r[2].contains("--force"), r[2]);
        assertArrayEquals(model, Files.readAllBytes(a.resolve("model.npz")), "nothing overwritten");
        r = run("train", "--resume", a.toString(), "--steps", "4", "--lr", "0.5");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--lr cannot be changed on --resume"), r[2]);
        assertEquals("0", train(a, "--steps", "3", "--force")[0]);
        Path b = tmp.resolve("b");
        assertEquals("0", train(b, "--steps", "2")[0]);
        Files.write(b.resolve("model0.npz"), model);
        r = run("compare-models", b.resolve("model0.npz").toString(), a.resolve("model.npz").toString());
        assertEquals("1", r[0], "2 steps vs 3 steps differ: " + r[1]);
        assertTrue(r[1].contains("W1: DIFFERENT") && r[1].contains("A: identical"), r[1]);
        r = run("compare-models", b.resolve("model0.npz").toString(), b.resolve("model.npz").toString());
        assertEquals("0", r[0], "same settings, same bits: " + r[1]);
    }

    @Test
    void stepsZeroWritesTheInitialModel(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        String[] r = train(a, "--steps", "0");
        assertEquals("0", r[0], r[2]);
        Network net = ModelIO.read(a.resolve("model.npz"));
        assertArrayEquals(net.initialParams(), net.params());
        assertEquals(1, Files.readAllLines(a.resolve("metrics.csv")).size(), "header only");
    }

    @Test
    void incompatibleRadiusIsRefusedUnlessAllowedAndThenRecorded(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        String[] r = train(a, "--steps", "1", "--attack", "pgd:norm=l2,eps=1.5,steps=2");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("not compatible") && r[2].contains("rows "), r[2]);
        assertFalse(Files.exists(a.resolve("model.npz")));
        r = train(a, "--steps", "1", "--attack", "pgd:norm=l2,eps=1.5,steps=2", "--allow-incompatible", "--force");
        assertEquals("0", r[0], r[2]);
        assertTrue(Files.readString(a.resolve("config.json")).contains("\"allow_incompatible\": true"));
    }
}
