package advtrain.threat;

import advtrain.loss.Loss;

/**
 * The Difference of Logits Ratio loss of Croce and Hein (2020), for k >= 3 classes:
 * {@code DLR(z, y) = -(z_y - max_{i != y} z_i) / (z_p1 - z_p3 + 1e-12)}, with p1 and p3 the indices of the
 * largest and third-largest logits. Invariant to shifting and scaling the logits, which makes APGD-DLR
 * robust to the logit rescaling that fools cross-entropy attacks. Ties between logits take the lowest
 * index. Used only as an attack objective, never for training.
 */
public final class DlrLoss implements Loss {

    /** The denominator's guard against equal logits. */
    public static final double GUARD = 1e-12;
    private static final int BITS = 21;
    private static final long MASK = (1L << BITS) - 1;

    @Override
    public String name() {
        return "dlr";
    }

    /** Packs (p1, p3, i*) with i* = argmax_{i != y}, 21 bits each (k < 2^21). */
    private static long select(double[] f, int fOff, int k, int y) {
        if (k < 3) {
            throw new IllegalArgumentException("the DLR loss (apgd-dlr) needs k >= 3 classes, got k=" + k);
        }
        int p1 = -1;
        int p2 = -1;
        int p3 = -1;
        int other = -1;
        for (int i = 0; i < k; i++) {
            double v = f[fOff + i];
            if (p1 < 0 || v > f[fOff + p1]) {
                p3 = p2;
                p2 = p1;
                p1 = i;
            } else if (p2 < 0 || v > f[fOff + p2]) {
                p3 = p2;
                p2 = i;
            } else if (p3 < 0 || v > f[fOff + p3]) {
                p3 = i;
            }
            if (i != y && (other < 0 || v > f[fOff + other])) {
                other = i;
            }
        }
        return ((long) p1 << (2 * BITS)) | ((long) p3 << BITS) | other;
    }

    private static double dlr(double[] f, int fOff, int y, long sel) {
        int p1 = (int) (sel >>> (2 * BITS));
        int p3 = (int) ((sel >>> BITS) & MASK);
        int other = (int) (sel & MASK);
        return -(f[fOff + y] - f[fOff + other]) / (f[fOff + p1] - f[fOff + p3] + GUARD);
    }

    @Override
    public double value(double[] f, int fOff, int k, int y) {
        return dlr(f, fOff, y, select(f, fOff, k, y));
    }

    @Override
    public double valueAndGradient(double[] f, int fOff, int k, int y, double[] g, int gOff) {
        long sel = select(f, fOff, k, y);
        int p1 = (int) (sel >>> (2 * BITS));
        int p3 = (int) ((sel >>> BITS) & MASK);
        int other = (int) (sel & MASK);
        double num = -(f[fOff + y] - f[fOff + other]);
        double den = f[fOff + p1] - f[fOff + p3] + GUARD;
        java.util.Arrays.fill(g, gOff, gOff + k, 0.0);
        // d(num / den) = dnum / den - num * dden / den^2
        g[gOff + y] -= 1.0 / den;
        g[gOff + other] += 1.0 / den;
        double r = num / (den * den);
        g[gOff + p1] -= r;
        g[gOff + p3] += r;
        return dlr(f, fOff, y, sel);
    }

    @Override
    public String assumption31() {
        return "no: DLR is an attack objective (not convex in f, and it ignores the scale of f); never trained on";
    }
}
