package advtrain.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Comma-separated values with one row per sample, raw or gzip-compressed (by magic bytes), read as
 * features plus a label column. Fields may be double-quoted (with {@code ""} for a quote inside);
 * blank lines are skipped.
 *
 * <p>Options (the data spec's csv keys): {@code label=last|first|INDEX|NAME} (the label column by
 * 0-based index or header name; default last), {@code header=auto|yes|no} (auto: the first line is a
 * header when one of its cells is not a number), {@code columns=A,B,...} (feature columns by index
 * or name; default every column but the label). Numeric labels follow {@link Labels}; a label column
 * with any non-numeric cell is read as class names (sorted).
 *
 * <p>Errors name {@code file:line:column} (both counted from 1) and the cell: ragged rows, cells
 * that are not numbers (such as {@code NA}), NaN or infinite values, unknown columns.
 */
public final class Csv {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private Csv() {
    }

    /** How to read a file: label column, header mode, feature columns (null: all but the label). */
    public record Layout(String label, String header, List<String> columns) {

        /** Label last, header auto, all other columns. */
        public static Layout defaults() {
            return new Layout("last", "auto", null);
        }
    }

    /** One non-blank line of a CSV text: its 1-based line number and its cells. */
    public record Line(int number, List<String> cells) {
    }

    /** Reads a CSV file as a table (see the class comment). */
    static Table read(Path file, Layout layout) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        byte[] raw = Files.readAllBytes(file);
        String sha = Hashes.sha256(raw);
        String text = new String(raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B ? gunzip(raw, file) : raw,
                StandardCharsets.UTF_8);
        List<Line> lines = split(text, file.toString());
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + ": no rows");
        }
        List<String> first = lines.get(0).cells();
        boolean header = switch (layout.header()) {
            case "yes" -> true;
            case "no" -> false;
            case "auto" -> first.stream().anyMatch(c -> !NUMBER.matcher(c.strip()).matches());
            default -> throw new IllegalArgumentException(file + ": header must be auto, yes or no, got '" + layout.header() + "'");
        };
        List<String> names = header ? first : null;
        int ncols = first.size();
        int labelCol = column(layout.label(), names, ncols, file, "label");
        int[] feat;
        if (layout.columns() == null) {
            feat = new int[ncols - 1];
            for (int j = 0, k = 0; j < ncols; j++) {
                if (j != labelCol) {
                    feat[k++] = j;
                }
            }
        } else {
            feat = new int[layout.columns().size()];
            for (int k = 0; k < feat.length; k++) {
                feat[k] = column(layout.columns().get(k), names, ncols, file, "columns");
                if (feat[k] == labelCol) {
                    throw new IllegalArgumentException(file + ": column " + layout.columns().get(k) + " is the label column");
                }
            }
        }
        if (feat.length == 0) {
            throw new IllegalArgumentException(file + ": no feature columns (the file has " + ncols + " column" + (ncols == 1 ? "" : "s") + ")");
        }
        int start = header ? 1 : 0;
        int n = lines.size() - start;
        int d = feat.length;
        double[] x = new double[Math.multiplyExact(n, d)];
        String[] labels = new String[n];
        int[] labelLine = new int[n];
        boolean numericLabels = true;
        int widthLine = lines.get(0).number();
        for (int r = 0; r < n; r++) {
            Line line = lines.get(start + r);
            List<String> cells = line.cells();
            if (cells.size() != ncols) {
                throw new IllegalArgumentException(file + ":" + line.number() + ": " + cells.size() + " fields, expected " + ncols
                        + " (as in line " + widthLine + ")");
            }
            for (int k = 0; k < d; k++) {
                x[r * d + k] = number(cells.get(feat[k]), file, line.number(), feat[k], names);
            }
            labels[r] = cells.get(labelCol).strip();
            labelLine[r] = line.number();
            numericLabels &= NUMBER.matcher(labels[r]).matches();
        }
        Labels.Where where = r -> file + ":" + labelLine[r] + ":" + (labelCol + 1);
        Labels.Classes classes;
        if (numericLabels) {
            double[] v = new double[n];
            for (int r = 0; r < n; r++) {
                v[r] = Double.parseDouble(labels[r]);
            }
            classes = Labels.fromNumbers(v, where);
        } else {
            classes = Labels.fromStrings(labels, where);
        }
        return new Table(x, n, d, classes, null, List.of(sha + "  " + file));
    }

    private static byte[] gunzip(byte[] raw, Path file) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
            return in.readAllBytes();
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": truncated gzip stream (" + raw.length + " compressed bytes end early)");
        } catch (ZipException e) {
            throw new IllegalArgumentException(file + ": corrupt gzip stream (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": unreadable gzip stream (" + e.getMessage() + ")");
        }
    }

    private static int column(String key, List<String> names, int ncols, Path file, String option) {
        if (key.equals("last")) {
            return ncols - 1;
        }
        if (key.equals("first")) {
            return 0;
        }
        if (key.matches("\\d+")) {
            int j = Integer.parseInt(key);
            if (j >= ncols) {
                throw new IllegalArgumentException(file + ": " + option + "=" + key + " but the file has " + ncols
                        + " columns (indices 0.." + (ncols - 1) + ")");
            }
            return j;
        }
        if (names == null) {
            throw new IllegalArgumentException(file + ": " + option + "=" + key + " names a column, but the file has no header line");
        }
        for (int j = 0; j < names.size(); j++) {
            if (names.get(j).strip().equals(key)) {
                return j;
            }
        }
        throw new IllegalArgumentException(file + ": " + option + "=" + key + " is not a column; the header has " + names);
    }

    private static double number(String cell, Path file, int line, int col, List<String> names) {
        String c = cell.strip();
        String where = file + ":" + line + ":" + (col + 1) + ": ";
        String column = names != null ? " (column " + names.get(col).strip() + ")" : "";
        if (NON_FINITE.matcher(c).matches()) {
            throw new IllegalArgumentException(where + "value '" + c + "'" + column + " is not finite (NaN and infinite values are not accepted)");
        }
        if (!NUMBER.matcher(c).matches()) {
            throw new IllegalArgumentException(where + "cell '" + c + "'" + column + " is not a number");
        }
        double v = Double.parseDouble(c);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(where + "value '" + c + "'" + column + " overflows a double");
        }
        return v;
    }

    /**
     * Splits CSV text into its non-blank lines of cells, honouring double quotes (a quoted cell may hold
     * commas, newlines and doubled quotes). The one tokenizer of the engine: {@code source} names the file
     * in errors (an unterminated quote, a quote inside an unquoted cell).
     */
    public static List<Line> split(String text, String source) {
        List<Line> out = new ArrayList<>();
        int lineNo = 1;
        int i = 0;
        int len = text.length();
        while (i < len) {
            int startLine = lineNo;
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            for (; i < len; i++) {
                char ch = text.charAt(i);
                if (quoted) {
                    if (ch == '"') {
                        if (i + 1 < len && text.charAt(i + 1) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (ch == '\n') {
                            lineNo++;
                        }
                        cell.append(ch);
                    }
                } else if (ch == '"') {
                    if (cell.length() > 0) {
                        throw new IllegalArgumentException(source + ":" + lineNo + ": quote inside an unquoted cell");
                    }
                    quoted = true;
                    any = true;
                } else if (ch == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    any = true;
                } else if (ch == '\n') {
                    i++;
                    lineNo++;
                    break;
                } else if (ch != '\r') {
                    cell.append(ch);
                    any |= !Character.isWhitespace(ch);
                }
            }
            if (quoted) {
                throw new IllegalArgumentException(source + ":" + startLine + ": unterminated quoted field");
            }
            if (any) {
                cells.add(cell.toString());
                out.add(new Line(startLine, cells));
            }
        }
        return out;
    }

    /**
     * Writes {@code data} as CSV atomically: the features, then the label (as stored: -1/+1 or 0..k-1),
     * numbers in Java's shortest round-trip form, with a header line {@code x0,...,label} when asked.
     */
    public static void write(Path file, Dataset data, boolean header) throws IOException {
        AtomicFiles.write(file, out -> {
            StringBuilder sb = new StringBuilder();
            if (header) {
                for (int j = 0; j < data.d(); j++) {
                    sb.append('x').append(j).append(',');
                }
                sb.append("label\n");
            }
            double[] x = data.x();
            for (int i = 0; i < data.n(); i++) {
                for (int j = 0; j < data.d(); j++) {
                    sb.append(x[i * data.d() + j]).append(',');
                }
                sb.append(data.y()[i]).append('\n');
                if (sb.length() > 1 << 16) {
                    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                    sb.setLength(0);
                }
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        });
    }
}
