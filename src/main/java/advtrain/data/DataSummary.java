package advtrain.data;

import advtrain.kernel.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code advtrain data} prints about a dataset: size, classes and their counts (and which class
 * is +1 in a binary task), value range, row norms, the smallest distance between points of different
 * labels in l2 and l-infinity ({@link InterClassDistance}), and the sha256 of the source and of the
 * content.
 */
public record DataSummary(Dataset data, double min, double max, double normMin, double normMean, double normMax,
        InterClassDistance.Pair l2, InterClassDistance.Pair linf) {

    /** Largest n^2 d / 2 for which the l-infinity distance is computed unless forced (a few seconds here). */
    public static final double LINF_BUDGET = 2e10;

    /** Computes the summary; {@code linf}: compute the l-infinity distance (else left null). */
    public static DataSummary of(Dataset ds, Parallel par, boolean linf) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : ds.x()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double nmin = Double.POSITIVE_INFINITY;
        double nmax = 0;
        double nsum = 0;
        int d = ds.d();
        for (int i = 0; i < ds.n(); i++) {
            double s = 0;
            for (int t = 0; t < d; t++) {
                double v = ds.x()[i * d + t];
                s += v * v;
            }
            double norm = Math.sqrt(s);
            nmin = Math.min(nmin, norm);
            nmax = Math.max(nmax, norm);
            nsum += norm;
        }
        return new DataSummary(ds, lo, hi, nmin, ds.n() > 0 ? nsum / ds.n() : Double.NaN, nmax,
                InterClassDistance.l2(ds, par), linf ? InterClassDistance.linf(ds, par) : null);
    }

    /** True when the l-infinity pass fits {@link #LINF_BUDGET}. */
    public static boolean linfAffordable(Dataset ds) {
        return 0.5 * ds.n() * (double) ds.n() * ds.d() <= LINF_BUDGET;
    }

    /** The summary as lines of text (numbers with Locale.ROOT). */
    public List<String> lines() {
        Dataset ds = data;
        List<String> out = new ArrayList<>();
        out.add("dataset      " + ds.name() + "   (spec " + ds.provenance() + ")");
        out.add(String.format(Locale.ROOT, "size         n=%d  d=%d  classes=%d (%s)", ds.n(), ds.d(), ds.classes(),
                ds.classes() == 2 ? "binary, labels -1/+1" : "labels 0.." + (ds.classes() - 1)));
        String[] names = ds.classNames();
        int[] counts = ds.classCounts();
        StringBuilder sb = new StringBuilder("counts      ");
        for (int c = 0; c < counts.length; c++) {
            String label = ds.classes() == 2 ? (c == 0 ? "-1" : "+1") : Integer.toString(c);
            sb.append(' ').append(label);
            if (!names[c].equals(label)) {
                sb.append(" (").append(names[c]).append(')');
            }
            sb.append(": ").append(counts[c]);
        }
        out.add(sb.toString());
        if (ds.classes() == 2) {
            out.add("binary       +1 is class " + names[1] + ", -1 is class " + names[0]);
        }
        if (ds.n() == 0) {
            out.add("values       none (no rows)");
        } else {
            out.add(String.format(Locale.ROOT, "values       min %s  max %s", num(min), num(max)));
            out.add(String.format(Locale.ROOT, "row norms    min %s  mean %s  max %s (l2)", num(normMin), num(normMean), num(normMax)));
        }
        out.add("min distance between points of different labels:");
        out.add("  l2         " + pair(l2));
        out.add("  linf       " + (linf == null ? "not computed (n^2 d / 2 above " + num(LINF_BUDGET) + "; --linf yes forces it)" : pair(linf)));
        out.add("source sha256  " + (ds.sha256() == null ? "none (generated from the spec)" : ds.sha256()));
        out.add("content sha256 " + ds.contentSha256());
        return out;
    }

    private static String pair(InterClassDistance.Pair p) {
        if (p.i() < 0) {
            return "none (fewer than two labels present)";
        }
        return String.format(Locale.ROOT, "%s  (rows %d and %d; an attack radius below %s keeps balls of different labels apart)",
                num(p.distance()), p.i(), p.j(), num(p.distance() / 2));
    }

    private static String num(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.6g", v);
    }
}
