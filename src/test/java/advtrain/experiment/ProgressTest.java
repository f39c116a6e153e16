package advtrain.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private long now;

    @Test
    void timeLeftScalesElapsedByRemainingCost() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(buf, true, StandardCharsets.UTF_8), false, 4, 10.0, 5, () -> now);
        now = 2_000_000_000L;
        p.done(1.0); // 2 s for 1 of 10 cost units: 18 s left
        assertEquals("sweep 1/4 points (10%), elapsed 2s, left ~18s", p.line());
        now = 62_000_000_000L;
        p.done(4.0);
        assertEquals("sweep 2/4 points (50%), elapsed 1m02s, left ~1m02s", p.line());
        String log = buf.toString(StandardCharsets.UTF_8);
        // a line at most every 5 s: none at 2 s, one at 62 s
        assertEquals(1, log.split("\n").length, log);
        assertTrue(log.startsWith("sweep 2/4"), log);
    }

    @Test
    void terminalRedrawsOneLine() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(buf, true, StandardCharsets.UTF_8), true, 2, 2.0, 5, () -> now);
        p.starting("a");
        p.done(1);
        p.starting("b");
        p.done(1);
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.startsWith("\r") && s.endsWith("\n") && s.indexOf('\n') == s.length() - 1, s);
    }

    @Test
    void durationsAreCompact() {
        assertEquals("42s", Progress.duration(42));
        assertEquals("3m05s", Progress.duration(185));
        assertEquals("1h02m", Progress.duration(3725));
    }
}
