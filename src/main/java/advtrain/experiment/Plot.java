package advtrain.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one figure of a report shows: titled axes (optionally logarithmic), and series of points with
 * optional error bars, and optional horizontal reference lines. {@code file} is the SVG's name inside the experiment's folder. The drawing is
 * done by a {@link PlotRenderer}.
 */
public record Plot(String file, String title, String xLabel, String yLabel, boolean logX, boolean logY,
                   List<Series> series, List<Reference> references) {

    public Plot {
        if (!file.matches("[a-z0-9][a-z0-9._-]*\\.svg")) {
            throw new IllegalArgumentException("plot file must be a plain lower-case name ending in .svg, got '" + file + "'");
        }
        series = List.copyOf(series);
        references = List.copyOf(references);
    }

    /** A plot without reference lines. */
    public Plot(String file, String title, String xLabel, String yLabel, boolean logX, boolean logY, List<Series> series) {
        this(file, title, xLabel, yLabel, logX, logY, series, List.of());
    }

    /** A dashed horizontal line at {@code y} (e.g. the radius R). */
    public record Reference(String label, double y) {
    }

    /**
     * One line of points: x, y and the half-widths of the error bars below/above ({@code err} may be
     * null for none).
     */
    public record Series(String name, double[] x, double[] y, double[] err) {

        public Series {
            if (x.length != y.length || (err != null && err.length != x.length)) {
                throw new IllegalArgumentException("series '" + name + "': x, y and err lengths differ");
            }
        }

        /**
         * The mean over seeds of column {@code yCol} at each distinct value of {@code xCol} (sorted by x),
         * with error bars of one standard deviation over seeds. Rows with a non-finite y are left out.
         */
        public static Series meanOverSeeds(String name, Table t, String xCol, String yCol) {
            Map<Double, List<Double>> byX = new TreeMap<>();
            for (int r = 0; r < t.size(); r++) {
                double y = t.num(r, yCol);
                if (Double.isFinite(y)) {
                    byX.computeIfAbsent(t.num(r, xCol), k -> new ArrayList<>()).add(y);
                }
            }
            double[] x = new double[byX.size()];
            double[] y = new double[byX.size()];
            double[] e = new double[byX.size()];
            int i = 0;
            for (Map.Entry<Double, List<Double>> en : byX.entrySet()) {
                double[] v = en.getValue().stream().mapToDouble(Double::doubleValue).toArray();
                x[i] = en.getKey();
                y[i] = Stats.mean(v);
                e[i] = Stats.sd(v);
                i++;
            }
            return new Series(name, x, y, e);
        }
    }
}
