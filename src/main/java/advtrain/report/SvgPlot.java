package advtrain.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SVG line plot: several series (lines with point markers, optional error bars), horizontal
 * reference lines, linear or log axes, axis labels, a title and a legend. Points whose coordinate is NaN
 * (or not positive on a log axis) are skipped and break the line. Numbers in the SVG are written with
 * {@link Locale#ROOT}. Usage:
 * <pre>{@code
 * String svg = new SvgPlot("Loss", "step", "loss").logY(true)
 *         .series("surrogate L_A", steps, la)
 *         .series("robust lower bound", evalSteps, lower).errors(lo, hi)
 *         .hline("R", 4.0)
 *         .render();
 * }</pre>
 */
public final class SvgPlot {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 36;
    private static final int BOTTOM = 50;

    private record Line(String label, double[] x, double[] y, double[] lo, double[] hi) {
    }

    private record HLine(String label, double y) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private boolean logX;
    private boolean logY;
    private final List<Line> lines = new ArrayList<>();
    private final List<HLine> hlines = new ArrayList<>();

    public SvgPlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public SvgPlot logX(boolean on) {
        this.logX = on;
        return this;
    }

    public SvgPlot logY(boolean on) {
        this.logY = on;
        return this;
    }

    /** Adds a series (x and y of equal length; copied). */
    public SvgPlot series(String label, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + label + ": " + x.length + " x values, " + y.length + " y values");
        }
        lines.add(new Line(label, x.clone(), y.clone(), null, null));
        return this;
    }

    /** Error bars [lo, hi] for the series added last. */
    public SvgPlot errors(double[] lo, double[] hi) {
        if (lines.isEmpty()) {
            throw new IllegalStateException("errors() needs a series first");
        }
        Line l = lines.remove(lines.size() - 1);
        if (lo.length != l.x.length || hi.length != l.x.length) {
            throw new IllegalArgumentException("series " + l.label + ": error bars need " + l.x.length + " values");
        }
        lines.add(new Line(l.label, l.x, l.y, lo.clone(), hi.clone()));
        return this;
    }

    /** A dashed horizontal reference line at {@code y}. */
    public SvgPlot hline(String label, double y) {
        hlines.add(new HLine(label, y));
        return this;
    }

    private boolean usable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private double tx(double v, boolean log) {
        return log ? Math.log10(v) : v;
    }

    /** The SVG document. */
    public String render() {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (int i = 0; i < l.x.length; i++) {
                if (usable(l.x[i], logX) && usable(l.y[i], logY)) {
                    x0 = Math.min(x0, tx(l.x[i], logX));
                    x1 = Math.max(x1, tx(l.x[i], logX));
                    y0 = Math.min(y0, tx(l.y[i], logY));
                    y1 = Math.max(y1, tx(l.y[i], logY));
                    if (l.lo != null && usable(l.lo[i], logY)) {
                        y0 = Math.min(y0, tx(l.lo[i], logY));
                    }
                    if (l.hi != null && usable(l.hi[i], logY)) {
                        y1 = Math.max(y1, tx(l.hi[i], logY));
                    }
                }
            }
        }
        for (HLine h : hlines) {
            if (usable(h.y, logY)) {
                y0 = Math.min(y0, tx(h.y, logY));
                y1 = Math.max(y1, tx(h.y, logY));
            }
        }
        if (!(x0 <= x1)) {
            x0 = 0;
            x1 = 1;
        }
        if (!(y0 <= y1)) {
            y0 = 0;
            y1 = 1;
        }
        if (x1 - x0 < 1e-12 * Math.max(1, Math.abs(x0))) {
            x0 -= 0.5;
            x1 += 0.5;
        }
        if (y1 - y0 < 1e-12 * Math.max(1, Math.abs(y0))) {
            y0 -= logY ? 0.5 : Math.max(0.5, Math.abs(y0) * 0.1);
            y1 += logY ? 0.5 : Math.max(0.5, Math.abs(y1) * 0.1);
        }
        double[] xt = ticks(x0, x1, logX);
        double[] yt = ticks(y0, y1, logY);
        x0 = Math.min(x0, xt[0]);
        x1 = Math.max(x1, xt[xt.length - 1]);
        y0 = Math.min(y0, yt[0]);
        y1 = Math.max(y1, yt[yt.length - 1]);
        Frame f = new Frame(x0, x1, y0, y1);

        StringBuilder sb = new StringBuilder();
        sb.append(fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        sb.append(fmt("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, HEIGHT));
        sb.append(fmt("<text x=\"%d\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">%s</text>\n", WIDTH / 2, esc(title)));
        for (double t : xt) {
            double px = f.px(t);
            sb.append(fmt("<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" stroke=\"#e0e0e0\"/>\n", px, TOP, px, HEIGHT - BOTTOM));
            sb.append(fmt("<text x=\"%.2f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", px, HEIGHT - BOTTOM + 16, esc(label(t, logX))));
        }
        for (double t : yt) {
            double py = f.py(t);
            sb.append(fmt("<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"#e0e0e0\"/>\n", LEFT, py, WIDTH - RIGHT, py));
            sb.append(fmt("<text x=\"%d\" y=\"%.2f\" text-anchor=\"end\">%s</text>\n", LEFT - 6, py + 4, esc(label(t, logY))));
        }
        sb.append(fmt("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"black\"/>\n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        sb.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 12, esc(xLabel)));
        sb.append(fmt("<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">%s</text>\n",
                (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2, esc(yLabel)));
        int legendRow = 0;
        // The legend's left edge follows its longest label (about 0.6 em per character at 12 px), so
        // long labels stay inside the picture; it is drawn last, on a translucent box, over the data.
        int longest = 0;
        for (HLine hl : hlines) {
            longest = Math.max(longest, hl.label.length());
        }
        for (Line l : lines) {
            longest = Math.max(longest, l.label.length());
        }
        int legendX = Math.max(LEFT + 8, WIDTH - RIGHT - 8 - 28 - (int) Math.ceil(6.6 * longest));
        StringBuilder leg = new StringBuilder();
        for (int h = 0; h < hlines.size(); h++) {
            HLine hl = hlines.get(h);
            if (!usable(hl.y, logY)) {
                continue;
            }
            double py = f.py(tx(hl.y, logY));
            sb.append(fmt("<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"#555555\" stroke-dasharray=\"6 4\"/>\n",
                    LEFT, py, WIDTH - RIGHT, py));
            legend(leg, legendX, legendRow++, "#555555", true, hl.label);
        }
        for (int s = 0; s < lines.size(); s++) {
            Line l = lines.get(s);
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            int points = 0;
            for (int i = 0; i < l.x.length; i++) {
                if (!(usable(l.x[i], logX) && usable(l.y[i], logY))) {
                    pen = false;
                    continue;
                }
                double px = f.px(tx(l.x[i], logX));
                double py = f.py(tx(l.y[i], logY));
                path.append(pen ? " L" : " M").append(fmt("%.2f %.2f", px, py));
                pen = true;
                points++;
                if (l.lo != null && usable(l.lo[i], logY) && usable(l.hi[i], logY)) {
                    double plo = f.py(tx(l.lo[i], logY));
                    double phi = f.py(tx(l.hi[i], logY));
                    sb.append(fmt("<path d=\"M%.2f %.2f L%.2f %.2f M%.2f %.2f L%.2f %.2f M%.2f %.2f L%.2f %.2f\" stroke=\"%s\"/>\n",
                            px, plo, px, phi, px - 3, plo, px + 3, plo, px - 3, phi, px + 3, phi, colour));
                }
            }
            if (points > 0) {
                sb.append(fmt("<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\"/>\n", path.toString().trim(), colour));
                if (points <= 60) {
                    for (int i = 0; i < l.x.length; i++) {
                        if (usable(l.x[i], logX) && usable(l.y[i], logY)) {
                            sb.append(fmt("<circle cx=\"%.2f\" cy=\"%.2f\" r=\"2.5\" fill=\"%s\"/>\n",
                                    f.px(tx(l.x[i], logX)), f.py(tx(l.y[i], logY)), colour));
                        }
                    }
                }
            }
            legend(leg, legendX, legendRow++, colour, false, l.label);
        }
        if (legendRow > 0) {
            sb.append(fmt("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"white\" fill-opacity=\"0.8\"/>\n",
                    legendX - 4, TOP + 2, WIDTH - RIGHT - legendX, 16 * legendRow + 4));
            sb.append(leg);
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void legend(StringBuilder sb, int x, int row, String colour, boolean dashed, String label) {
        int y = TOP + 14 + 16 * row;
        sb.append(fmt("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>\n",
                x, y - 4, x + 22, y - 4, colour, dashed ? " stroke-dasharray=\"6 4\"" : ""));
        sb.append(fmt("<text x=\"%d\" y=\"%d\">%s</text>\n", x + 28, y, esc(label)));
    }

    private record Frame(double x0, double x1, double y0, double y1) {
        double px(double v) {
            return LEFT + (v - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
        }

        double py(double v) {
            return HEIGHT - BOTTOM - (v - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
        }
    }

    /** Tick positions (in transformed units): powers of ten on a log axis, 1-2-5 steps on a linear one. */
    static double[] ticks(double lo, double hi, boolean log) {
        if (log) {
            double a = Math.floor(lo);
            double b = Math.ceil(hi);
            int n = (int) (b - a) + 1;
            int stride = Math.max(1, (n + 7) / 8);
            List<Double> t = new ArrayList<>();
            for (double v = a; v <= b + 1e-9; v += stride) {
                t.add(v);
            }
            return t.stream().mapToDouble(Double::doubleValue).toArray();
        }
        double raw = (hi - lo) / 6;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        double start = Math.floor(lo / step) * step;
        double end = Math.ceil(hi / step) * step;
        int n = (int) Math.round((end - start) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + i * step;
        }
        return t;
    }

    private static String label(double t, boolean log) {
        if (log) {
            double v = Math.pow(10, t);
            return Math.abs(t) <= 3 ? trim(String.format(Locale.ROOT, "%.4f", v)) : String.format(Locale.ROOT, "1e%d", Math.round(t));
        }
        if (t != 0 && (Math.abs(t) >= 1e5 || Math.abs(t) < 1e-3)) {
            return String.format(Locale.ROOT, "%.1e", t);
        }
        return trim(String.format(Locale.ROOT, "%.4f", t));
    }

    private static String trim(String s) {
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return s.equals("-0") ? "0" : s;
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
