package advtrain.data;

import advtrain.random.RandomStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Synthetic data on the unit sphere S = {x : ||x||_2 = 1} in R^d, the paper's setting, with a
 * separation guarantee: every two points with different labels are more than {@code sep} apart in l2
 * (so l2 balls of radius below sep/2 around them never intersect: the compatibility condition of
 * Def. 3.1).
 *
 * <p>Points are drawn one at a time: a candidate is d Gaussian draws divided by their norm (uniform on
 * S), from the stream (seed, "data.sphere.x", split, i, attempt). It is rejected and redrawn when it
 * lies within {@code sep} of an accepted point of another label, or (linear labels) within the
 * margin of the decision boundary. After {@value #MAX_ATTEMPTS} rejections in a row for one point the
 * request is declared infeasible with an error giving the numbers. Everything runs in a fixed order,
 * so a seed gives the same data on any thread count.
 *
 * <p>Labellings ({@code label=}):
 * <ul>
 *   <li>{@code random}: class of point i uniform from (seed, "data.sphere.label", split, i),
 *       independent of x (the interpolation/capacity experiments).</li>
 *   <li>{@code teacher}: a random two-layer ReLU teacher with {@code teacher} hidden units, rows
 *       w_r ~ N(0, I_d) from (seed, "data.sphere.teacher.w"); binary: sign of
 *       sum_r a_r relu(w_r . x) - b with a_r uniform +-1; k classes: argmax over c of
 *       (A relu(W x))_c - b_c, A k x h standard normal (from (seed, "data.sphere.teacher.a")). The
 *       offsets b center the outputs on {@value #TEACHER_REFERENCE} reference points drawn from
 *       (seed, "data.sphere.teacher.ref", i) (binary: the median, so the classes are about balanced;
 *       k classes: each output's mean). The same teacher labels both splits.</li>
 *   <li>{@code linear}: binary: sign(w . x) for a unit w from (seed, "data.sphere.linear"), keeping only
 *       points with |w . x| >= margin (so different labels are >= 2 margin apart); k classes: argmax of
 *       V x with unit rows, keeping points whose top two scores differ by >= margin.</li>
 * </ul>
 */
public final class SphereGenerator {

    /** Consecutive rejections allowed for one point before the request is declared infeasible. */
    public static final int MAX_ATTEMPTS = 10_000;

    /** Reference points used to center the teacher's outputs (enough for a median within ~1/30 in rank). */
    public static final int TEACHER_REFERENCE = 1024;

    /** The generator's parameters (see the class comment). {@code split}: 0 train, 1 test. */
    public record Params(int n, int d, int classes, double sep, long seed, String label, double margin, int teacher, int split) {

        /** Checks ranges; errors name the spec key. */
        public Params {
            require(n >= 1, "n must be >= 1, got " + n);
            require(d >= 1, "d must be >= 1, got " + d);
            require(classes >= 2 && classes <= 1000, "classes must be in 2..1000, got " + classes);
            require(sep >= 0 && sep < 2, "sep must be in [0, 2) (the diameter of the unit sphere is 2), got " + sep);
            require(List.of("random", "teacher", "linear").contains(label), "label must be random, teacher or linear, got '" + label + "'");
            require(margin >= 0 && margin < 1, "margin must be in [0, 1), got " + margin);
            require(teacher >= 1, "teacher (hidden units of the teacher network) must be >= 1, got " + teacher);
            require(split == 0 || split == 1, "split must be 0 (train) or 1 (test), got " + split);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("sphere: " + message);
            }
        }
    }

    private final Params p;
    private final double[] w;
    private final double[] a;
    private final double[] bias;

    /** Draws the labelling function (teacher or linear weights) from the seed. */
    public SphereGenerator(Params p) {
        this.p = p;
        switch (p.label()) {
            case "teacher" -> {
                w = new double[p.teacher() * p.d()];
                RandomStream.of(p.seed(), "data.sphere.teacher.w").fillGaussian(w, 0, w.length, 1.0);
                RandomStream ra = RandomStream.of(p.seed(), "data.sphere.teacher.a");
                if (p.classes() == 2) {
                    a = new double[p.teacher()];
                    for (int r = 0; r < a.length; r++) {
                        a[r] = ra.nextSign();
                    }
                } else {
                    a = new double[p.classes() * p.teacher()];
                    ra.fillGaussian(a, 0, a.length, 1.0);
                }
                bias = teacherOffsets();
            }
            case "linear" -> {
                int rows = p.classes() == 2 ? 1 : p.classes();
                w = new double[rows * p.d()];
                RandomStream rs = RandomStream.of(p.seed(), "data.sphere.linear");
                for (int r = 0; r < rows; r++) {
                    rs.fillGaussian(w, r * p.d(), p.d(), 1.0);
                    normalize(w, r * p.d(), p.d());
                }
                a = null;
                bias = null;
            }
            default -> {
                w = null;
                a = null;
                bias = null;
            }
        }
    }

    /** The teacher's output offsets from the reference points (see the class comment). */
    private double[] teacherOffsets() {
        int k = p.classes() == 2 ? 1 : p.classes();
        double[] v = new double[p.d()];
        double[] hidden = new double[p.teacher()];
        double[] out = new double[k * TEACHER_REFERENCE];
        for (int i = 0; i < TEACHER_REFERENCE; i++) {
            RandomStream.of(p.seed(), "data.sphere.teacher.ref", i).fillGaussian(v, 0, v.length, 1.0);
            normalize(v, 0, v.length);
            teacherHidden(v, hidden);
            for (int c = 0; c < k; c++) {
                out[c * TEACHER_REFERENCE + i] = dot(a, c * hidden.length, hidden, hidden.length);
            }
        }
        double[] b = new double[k];
        if (k == 1) {
            double[] f = java.util.Arrays.copyOf(out, TEACHER_REFERENCE);
            java.util.Arrays.sort(f);
            b[0] = 0.5 * (f[TEACHER_REFERENCE / 2 - 1] + f[TEACHER_REFERENCE / 2]);
        } else {
            for (int c = 0; c < k; c++) {
                double sum = 0;
                for (int i = 0; i < TEACHER_REFERENCE; i++) {
                    sum += out[c * TEACHER_REFERENCE + i];
                }
                b[c] = sum / TEACHER_REFERENCE;
            }
        }
        return b;
    }

    private void teacherHidden(double[] v, double[] hidden) {
        for (int r = 0; r < hidden.length; r++) {
            hidden[r] = Math.max(0.0, dot(w, r * p.d(), v, p.d()));
        }
    }

    /** Generates the n points: x (n x d, unit rows) and class indices. */
    Table generate() {
        int n = p.n();
        int d = p.d();
        double[] x = new double[n * d];
        int[] cls = new int[n];
        double sep2 = p.sep() * p.sep();
        double[] cand = new double[d];
        double[] hidden = p.label().equals("teacher") ? new double[p.teacher()] : null;
        for (int i = 0; i < n; i++) {
            int fixedLabel = p.label().equals("random")
                    ? RandomStream.of(p.seed(), "data.sphere.label", p.split(), i).nextInt(p.classes()) : -1;
            int attempt = 0;
            int label;
            while (true) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "sphere: cannot meet the request n=%d, d=%d, classes=%d, sep=%s, label=%s%s: point %d of %d found no place "
                                    + "after %d tries (every candidate was within sep of a point of another label%s); "
                                    + "lower sep or n, raise d, or use fewer classes",
                            n, d, p.classes(), p.sep(), p.label(), p.label().equals("linear") ? ", margin=" + p.margin() : "",
                            i + 1, n, MAX_ATTEMPTS, p.label().equals("linear") ? " or inside the margin" : ""));
                }
                RandomStream rs = RandomStream.of(p.seed(), "data.sphere.x", p.split(), i, attempt++);
                rs.fillGaussian(cand, 0, d, 1.0);
                if (!normalize(cand, 0, d)) {
                    continue;
                }
                label = fixedLabel >= 0 ? fixedLabel : labelOf(cand, hidden);
                if (label >= 0 && separated(x, cls, i, cand, label, sep2)) {
                    break;
                }
            }
            System.arraycopy(cand, 0, x, i * d, d);
            cls[i] = label;
        }
        String[] names = new String[p.classes()];
        for (int c = 0; c < names.length; c++) {
            names[c] = p.classes() == 2 ? (c == 0 ? "-1" : "+1") : Integer.toString(c);
        }
        return new Table(x, n, d, new Labels.Classes(cls, names), null, new ArrayList<>());
    }

    /** True when {@code cand} is farther than sep from every accepted point of another label. */
    private boolean separated(double[] x, int[] cls, int count, double[] cand, int label, double sep2) {
        if (sep2 == 0) {
            return true;
        }
        int d = p.d();
        for (int j = 0; j < count; j++) {
            if (cls[j] == label) {
                continue;
            }
            double s = 0;
            int o = j * d;
            for (int t = 0; t < d && s <= sep2; t++) {
                double diff = x[o + t] - cand[t];
                s += diff * diff;
            }
            if (s <= sep2) {
                return false;
            }
        }
        return true;
    }

    /** The class of a unit vector, or -1 when it falls inside the margin (linear labels). */
    private int labelOf(double[] v, double[] hidden) {
        int d = p.d();
        if (p.label().equals("teacher")) {
            teacherHidden(v, hidden);
            if (p.classes() == 2) {
                return dot(a, 0, hidden, hidden.length) - bias[0] >= 0 ? 1 : 0;
            }
            return argmax(p.classes(), c -> dot(a, c * hidden.length, hidden, hidden.length) - bias[c], 0)[0];
        }
        if (p.classes() == 2) {
            double s = dot(w, 0, v, d);
            return Math.abs(s) < p.margin() ? -1 : (s > 0 ? 1 : 0);
        }
        int[] top = argmax(p.classes(), c -> dot(w, c * d, v, d), p.margin());
        return top[1] == 1 ? top[0] : -1;
    }

    private interface Score {
        double of(int c);
    }

    /** {best class, 1 when the best beats the runner-up by at least {@code margin}, else 0}. */
    private static int[] argmax(int k, Score score, double margin) {
        int best = 0;
        double bestV = score.of(0);
        double second = Double.NEGATIVE_INFINITY;
        for (int c = 1; c < k; c++) {
            double v = score.of(c);
            if (v > bestV) {
                second = bestV;
                bestV = v;
                best = c;
            } else if (v > second) {
                second = v;
            }
        }
        return new int[] {best, bestV - second >= margin ? 1 : 0};
    }

    private static double dot(double[] m, int off, double[] v, int len) {
        double s = 0;
        for (int t = 0; t < len; t++) {
            s += m[off + t] * v[t];
        }
        return s;
    }

    /** Divides {@code v[off..off+len)} by its l2 norm; false when the norm is 0. */
    private static boolean normalize(double[] v, int off, int len) {
        double s = 0;
        for (int t = 0; t < len; t++) {
            s += v[off + t] * v[off + t];
        }
        if (!(s > 0)) {
            return false;
        }
        double norm = Math.sqrt(s);
        for (int t = 0; t < len; t++) {
            v[off + t] /= norm;
        }
        return true;
    }
}
