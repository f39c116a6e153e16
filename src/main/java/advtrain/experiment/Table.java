package advtrain.experiment;

import advtrain.data.Csv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A table of text cells with named columns: the measured points of an experiment as written to and
 * read from CSV (RFC 4180 quoting, {@code \n} line ends, UTF-8). Numbers in it are written by
 * {@link Num#exact(double)}, so {@link #num} gives back the exact doubles that were measured.
 * Immutable.
 */
public final class Table {

    private final List<String> columns;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final List<List<String>> rows;

    /** Checks that every row has one cell per column. */
    public Table(List<String> columns, List<List<String>> rows) {
        this.columns = List.copyOf(columns);
        for (int c = 0; c < this.columns.size(); c++) {
            if (index.put(this.columns.get(c), c) != null) {
                throw new IllegalArgumentException("duplicate column '" + this.columns.get(c) + "'");
            }
        }
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).size() != this.columns.size()) {
                throw new IllegalArgumentException("row " + r + " has " + rows.get(r).size() + " cells for "
                        + this.columns.size() + " columns " + this.columns);
            }
            copy.add(List.copyOf(rows.get(r)));
        }
        this.rows = Collections.unmodifiableList(copy);
    }

    public List<String> columns() {
        return columns;
    }

    public int size() {
        return rows.size();
    }

    public List<String> row(int r) {
        return rows.get(r);
    }

    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    /** The cell of row {@code r}, column {@code name}. */
    public String cell(int r, String name) {
        return rows.get(r).get(col(name));
    }

    /** The cell as a number ({@link Num#parse}); names the row and column on failure. */
    public double num(int r, String name) {
        String s = cell(r, name);
        try {
            return Num.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("row " + r + ", column '" + name + "': " + e.getMessage());
        }
    }

    /** Every value of a numeric column, in row order. */
    public double[] nums(String name) {
        double[] v = new double[rows.size()];
        for (int r = 0; r < v.length; r++) {
            v[r] = num(r, name);
        }
        return v;
    }

    /** Distinct values of a column in order of first appearance. */
    public List<String> distinct(String name) {
        LinkedHashSet<String> s = new LinkedHashSet<>();
        int c = col(name);
        for (List<String> row : rows) {
            s.add(row.get(c));
        }
        return new ArrayList<>(s);
    }

    /** The rows whose cell in {@code name} equals {@code value}. */
    public Table where(String name, String value) {
        int c = col(name);
        return filter(row -> Objects.equals(row.get(c), value));
    }

    /** The rows accepted by {@code keep}. */
    public Table filter(Predicate<List<String>> keep) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> row : rows) {
            if (keep.test(row)) {
                out.add(row);
            }
        }
        return new Table(columns, out);
    }

    private int col(String name) {
        Integer c = index.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column '" + name + "' (columns: " + columns + ")");
        }
        return c;
    }

    /** The CSV text: header line, then one line per row. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        appendLine(sb, columns);
        for (List<String> row : rows) {
            appendLine(sb, row);
        }
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i);
            // A lone blank cell is quoted so the line is not read back as a blank line (Csv.split skips those).
            boolean loneBlank = cells.size() == 1 && c.isBlank();
            if (loneBlank || c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        sb.append('\n');
    }

    /** Parses CSV text as {@link #toCsv()} writes it (through {@link Csv#split}); {@code source} names the file in errors. */
    public static Table parseCsv(String text, String source) {
        List<Csv.Line> lines = Csv.split(text, source);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(source + ": empty file (no header line)");
        }
        List<String> header = lines.get(0).cells();
        List<List<String>> rows = new ArrayList<>();
        for (Csv.Line line : lines.subList(1, lines.size())) {
            if (line.cells().size() != header.size()) {
                throw new IllegalArgumentException(source + ":" + line.number() + ": " + line.cells().size()
                        + " cells, the header has " + header.size());
            }
            rows.add(line.cells());
        }
        return new Table(header, rows);
    }

    /** Reads a CSV file. */
    public static Table read(Path file) throws IOException {
        return parseCsv(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }
}
