package advtrain.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Building blocks of the experiments' analyses: columns, slopes against width, tables of means. */
final class Analyses {

    private Analyses() {
    }

    /** A text column. */
    static String[] texts(Table t, String col) {
        String[] s = new String[t.size()];
        for (int r = 0; r < s.length; r++) {
            s[r] = t.cell(r, col);
        }
        return s;
    }

    /** Log-log slope of {@code y} against {@code x}, grouped by seed. */
    static Interval logLogSlope(Table t, String x, String y) {
        return Stats.logLogSlope(t.nums(x), t.nums(y), texts(t, "seed"));
    }

    /** Values of {@code col} in rows where {@code key} equals {@code value}, in row order. */
    static double[] values(Table t, String key, String value, String col) {
        return t.where(key, value).nums(col);
    }

    /**
     * Paired values: for each seed, the mean of {@code col} over rows matching {@code a} minus over rows
     * matching {@code b} (rows filtered by the key/value pairs).
     */
    static double[] pairedBySeed(Table t, String col, Map<String, String> a, Map<String, String> b) {
        List<String> seeds = t.distinct("seed");
        List<Double> d = new ArrayList<>();
        for (String s : seeds) {
            Table ts = t.where("seed", s);
            double[] va = match(ts, a).nums(col);
            double[] vb = match(ts, b).nums(col);
            if (va.length > 0 && vb.length > 0) {
                d.add(Stats.mean(va) - Stats.mean(vb));
            }
        }
        return d.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static Table match(Table t, Map<String, String> kv) {
        Table out = t;
        for (Map.Entry<String, String> e : kv.entrySet()) {
            out = out.where(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * A markdown table: one row per distinct combination of {@code keys} (in order of appearance), the
     * mean and standard deviation over seeds of each metric.
     */
    static String meansTable(Table t, List<String> keys, List<String> metrics) {
        Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < t.size(); r++) {
            List<String> k = new ArrayList<>();
            for (String key : keys) {
                k.add(t.cell(r, key));
            }
            groups.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
        }
        StringBuilder sb = new StringBuilder("| ");
        sb.append(String.join(" | ", keys));
        for (String m : metrics) {
            sb.append(" | ").append(m);
        }
        sb.append(" |\n|");
        for (int i = 0; i < keys.size() + metrics.size(); i++) {
            sb.append("---|");
        }
        sb.append('\n');
        for (Map.Entry<List<String>, List<Integer>> g : groups.entrySet()) {
            sb.append("| ").append(String.join(" | ", g.getKey()));
            for (String m : metrics) {
                double[] v = new double[g.getValue().size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = t.num(g.getValue().get(i), m);
                }
                sb.append(" | ").append(Num.sig(Stats.mean(v), 4));
                if (v.length > 1) {
                    sb.append(" ± ").append(Num.sig(Stats.sd(v), 2));
                }
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    /** Series of {@code y} against {@code x}, one per distinct value of {@code by} (named {@code prefix + value}). */
    static List<Plot.Series> seriesBy(Table t, String by, String prefix, String x, String y) {
        List<Plot.Series> out = new ArrayList<>();
        for (String v : t.distinct(by)) {
            out.add(Plot.Series.meanOverSeeds(prefix + v, t.where(by, v), x, y));
        }
        return out;
    }
}
