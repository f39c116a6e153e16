package advtrain.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void jsonRoundTripsNestedValuesAndExactDoubles() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 0.1 + 0.2);
        m.put("big", 123456789012L);
        m.put("s", "quote \" backslash \\ newline \n tab \t");
        m.put("none", null);
        m.put("list", List.of(1L, "x", true));
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("nested", Map.of("k", -2.5e-300));
        Object back = Json.parse(Json.write(m), "test");
        Map<?, ?> b = (Map<?, ?>) back;
        assertEquals(0.1 + 0.2, (Double) b.get("a"), 0.0);
        assertEquals(123456789012L, b.get("big"));
        assertEquals(m.get("s"), b.get("s"));
        assertTrue(b.containsKey("none") && b.get("none") == null);
        assertEquals(List.of(1L, "x", true), b.get("list"));
        assertEquals("Infinity", b.get("inf"));
        assertEquals(-2.5e-300, (Double) ((Map<?, ?>) b.get("nested")).get("k"), 0.0);
        assertEquals(List.copyOf(m.keySet()), List.copyOf(b.keySet()), "key order kept");
    }

    @Test
    void jsonErrorsNameTheSourceAndOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1,, }", "cfg.json"));
        assertTrue(e.getMessage().contains("cfg.json") && e.getMessage().contains("character 8"), e.getMessage());
    }

    @Test
    void svgNumbersIgnoreTheDefaultLocaleAndNanBreaksTheLine() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String svg = new SvgPlot("t", "x", "y").logY(true)
                    .series("a", new double[] {1, 2, 3, 4}, new double[] {0.5, Double.NaN, 0.25, 0.125})
                    .errors(new double[] {0.4, 0, 0.2, 0.1}, new double[] {0.6, 0, 0.3, 0.2})
                    .hline("R", 1.5)
                    .render();
            Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(svg);
            while (m.find()) {
                assertFalse(m.group(1).matches(".*\\d,\\d.*"), "locale comma in " + m.group(1));
            }
            Matcher p = Pattern.compile("<path d=\"(M[^\"]*)\" fill=\"none\"").matcher(svg);
            assertTrue(p.find(), svg);
            assertEquals(2, p.group(1).split("M").length - 1, "the NaN point starts a new segment: " + p.group(1));
            assertTrue(svg.startsWith("<svg") && svg.trim().endsWith("</svg>"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void ticksCoverTheRange() {
        double[] t = SvgPlot.ticks(0.13, 9.7, false);
        assertTrue(t[0] <= 0.13 && t[t.length - 1] >= 9.7);
        assertArrayEquals(new double[] {-2, -1, 0, 1}, SvgPlot.ticks(-1.5, 0.2, true));
    }
}
