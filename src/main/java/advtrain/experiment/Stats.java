package advtrain.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics behind verdicts: means, 95% t-intervals, and log-log slopes with an interval over
 * seeds. Every sum runs in array order, so the same inputs give the same bits.
 */
public final class Stats {

    /** Two-sided 95% quantiles t_{0.975, df} of Student's t for df = 1..30 (standard tables). */
    private static final double[] T975 = {
        12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252,
        2.306004135, 2.262157163, 2.228138852, 2.200985160, 2.178812830, 2.160368656, 2.144786688,
        2.131449546, 2.119905299, 2.109815578, 2.100922040, 2.093024054, 2.085963447, 2.079613845,
        2.073873068, 2.068657610, 2.063898562, 2.059538553, 2.055529439, 2.051830516, 2.048407142,
        2.045229642, 2.042272456};

    private static final double Z975 = 1.959963984540054;

    private Stats() {
    }

    /** t_{0.975, df}: the table up to 30, then the Cornish-Fisher expansion (error below 1e-4). */
    public static double t975(int df) {
        if (df < 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (df <= T975.length) {
            return T975[df - 1];
        }
        double z = Z975;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        return z + (z3 + z) / (4.0 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * df * df);
    }

    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Sample standard deviation (n - 1); 0 for one value. */
    public static double sd(double[] v) {
        if (v.length < 2) {
            return 0.0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    /** Mean with a 95% t-interval; with one value the interval is unbounded. */
    public static Interval meanInterval(double[] v, String what) {
        if (v.length == 0) {
            return Interval.none("no " + what);
        }
        double m = mean(v);
        if (v.length == 1) {
            return new Interval(m, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "one " + what + ": no interval", 1);
        }
        double half = t975(v.length - 1) * sd(v) / Math.sqrt(v.length);
        return new Interval(m, m - half, m + half, "t-interval over " + v.length + " " + what, v.length);
    }

    /** Paired difference a - b: mean and t-interval over the pairs. */
    public static Interval pairedDifference(double[] a, double[] b, String what) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired difference needs equal lengths, got " + a.length + " and " + b.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return meanInterval(d, what);
    }

    /**
     * Slope of {@code ln y} against {@code ln x}, with the observations grouped by {@code group} (the
     * seed). With 3 or more groups of at least 2 distinct x each: one least-squares slope per group and
     * the t-interval over groups. Otherwise the within-group (fixed effects) regression: one common slope,
     * one intercept per group, interval from the residuals with N - groups - 1 degrees of freedom.
     * Non-positive or non-finite y are rejected (they have no logarithm).
     */
    public static Interval logLogSlope(double[] x, double[] y, String[] group) {
        double[] lx = new double[x.length];
        double[] ly = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0) || !(y[i] > 0) || !Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                return Interval.none("a non-positive value (x=" + Num.sig(x[i], 3) + ", y=" + Num.sig(y[i], 3) + ") has no logarithm");
            }
            lx[i] = StrictMath.log(x[i]);
            ly[i] = StrictMath.log(y[i]);
        }
        return slope(lx, ly, group);
    }

    /** As {@link #logLogSlope} but on the values as given (a linear fit). */
    public static Interval slope(double[] x, double[] y, String[] group) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) {
            groups.computeIfAbsent(group[i], k -> new ArrayList<>()).add(i);
        }
        List<Double> perGroup = new ArrayList<>();
        for (List<Integer> idx : groups.values()) {
            double s = groupSlope(x, y, idx);
            if (!Double.isNaN(s)) {
                perGroup.add(s);
            }
        }
        if (perGroup.size() >= 3 && perGroup.size() == groups.size()) {
            double[] s = perGroup.stream().mapToDouble(Double::doubleValue).toArray();
            Interval iv = meanInterval(s, "seeds");
            return new Interval(iv.estimate(), iv.lo(), iv.hi(), "mean of per-seed slopes, " + iv.method(), x.length);
        }
        return withinSlope(x, y, groups);
    }

    private static double groupSlope(double[] x, double[] y, List<Integer> idx) {
        double mx = 0;
        double my = 0;
        for (int i : idx) {
            mx += x[i];
            my += y[i];
        }
        mx /= idx.size();
        my /= idx.size();
        double sxy = 0;
        double sxx = 0;
        for (int i : idx) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxx > 0 ? sxy / sxx : Double.NaN;
    }

    private static Interval withinSlope(double[] x, double[] y, Map<String, List<Integer>> groups) {
        double sxy = 0;
        double sxx = 0;
        double[] mx = new double[groups.size()];
        double[] my = new double[groups.size()];
        int g = 0;
        for (List<Integer> idx : groups.values()) {
            for (int i : idx) {
                mx[g] += x[i];
                my[g] += y[i];
            }
            mx[g] /= idx.size();
            my[g] /= idx.size();
            for (int i : idx) {
                sxy += (x[i] - mx[g]) * (y[i] - my[g]);
                sxx += (x[i] - mx[g]) * (x[i] - mx[g]);
            }
            g++;
        }
        if (!(sxx > 0)) {
            return Interval.none("x does not vary");
        }
        double b = sxy / sxx;
        int df = x.length - groups.size() - 1;
        String method = "within-seed least squares over " + groups.size() + (groups.size() == 1 ? " seed" : " seeds") + ", " + x.length + " points";
        if (df < 1) {
            return new Interval(b, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, method + ": too few points for an interval", x.length);
        }
        double ssr = 0;
        g = 0;
        for (List<Integer> idx : groups.values()) {
            for (int i : idx) {
                double r = (y[i] - my[g]) - b * (x[i] - mx[g]);
                ssr += r * r;
            }
            g++;
        }
        double se = Math.sqrt(ssr / df / sxx);
        double half = t975(df) * se;
        return new Interval(b, b - half, b + half, method, x.length);
    }
}
