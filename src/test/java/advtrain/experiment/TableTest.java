package advtrain.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void csvRoundTripsQuotesCommasAndNewlines() {
        Table t = new Table(List.of("point", "attack", "loss"), List.of(
                List.of("0", "pgd:steps=10,eps=0.1", "0.5"),
                List.of("1", "say \"hi\"\nthere", "nan"),
                List.of("2", "", "1e-7")));
        Table back = Table.parseCsv(t.toCsv(), "t.csv");
        assertEquals(t.columns(), back.columns());
        for (int r = 0; r < t.size(); r++) {
            assertEquals(t.row(r), back.row(r));
        }
        assertEquals(t.toCsv(), back.toCsv());
        assertTrue(Double.isNaN(back.num(1, "loss")));
    }

    @Test
    void raggedRowNamesFileAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Table.parseCsv("a,b\n1,2\n3\n", "x.csv"));
        assertEquals("x.csv:3: 1 cells, the header has 2", e.getMessage());
    }

    @Test
    void badNumberNamesRowAndColumn() {
        Table t = Table.parseCsv("a,b\n1,oops\n", "x.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.num(0, "b"));
        assertTrue(e.getMessage().contains("row 0, column 'b'"), e.getMessage());
    }

    @Test
    void aOneColumnTableKeepsItsBlankCells() {
        Table t = new Table(List.of("note"), List.of(List.of("a"), List.of(""), List.of(" "), List.of("b")));
        Table back = Table.parseCsv(t.toCsv(), "t.csv");
        assertEquals(4, back.size());
        for (int r = 0; r < t.size(); r++) {
            assertEquals(t.row(r), back.row(r));
        }
    }

    @Test
    void quoteInsideAnUnquotedCellNamesFileAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Table.parseCsv("a,b\n1,x\"y\"\n", "x.csv"));
        assertEquals("x.csv:2: quote inside an unquoted cell", e.getMessage());
    }
}
