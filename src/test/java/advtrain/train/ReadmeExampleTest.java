package advtrain.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeExampleTest {

    /** The lines between the markers, with the method's indentation removed. */
    static String snippet() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/advtrain/train/ReadmeExample.java"));
        int from = -1;
        int to = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("// README-BEGIN")) {
                from = i + 1;
            } else if (lines.get(i).trim().equals("// README-END")) {
                to = i;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines.subList(from, to)) {
            sb.append(l.length() >= 8 ? l.substring(8) : l.strip()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void readmeContainsTheExampleVerbatim() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(snippet()), "README.md must contain ReadmeExample's code verbatim:\n" + snippet());
    }

    /** Runs the example: it trains, evaluates, saves and reloads; the printed line is checked, not shown. */
    @Test
    void readmeExampleRunsAndReloadsTheModel(@TempDir Path dir) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            ReadmeExample.run(dir.resolve("model.npz"));
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("robust accuracy (\\d\\.\\d{3}), reloaded equal: true").matcher(out);
        assertTrue(m.find(), out);
        double acc = Double.parseDouble(m.group(1));
        assertTrue(acc > 0.3, "one epoch of adversarial training beat chance (0.1) under PGD clearly: " + acc);
    }
}
