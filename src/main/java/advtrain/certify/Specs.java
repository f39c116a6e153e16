package advtrain.certify;

/**
 * The specification rows whose lower bounds the certifier computes, per sample with label y:
 * k = 1: two rows, {@code +f} and {@code -f} (so {@code f_upper = -lower(-f)}); k >= 2: k - 1 rows, the
 * margins {@code f_y - f_j} for j != y in increasing j. Folded into the last layer: row s has coefficients
 * {@code sum_o C[s][o] a[o, :]} on the last hidden layer (the specification matrix C = e_y - e_j).
 *
 * <p>Per-sample output layout ({@link #outputs(int)} values): k = 1: {@code [f_lower, f_upper]};
 * k >= 2: {@code margin_lower[0..k)} with {@code margin_lower[y] = 0} (f_y - f_y), so the cross-entropy
 * bound is {@code log sum_j exp(-margin_lower[j])}.
 */
final class Specs {

    private Specs() {
    }

    /** Spec rows per sample. */
    static int rows(int k) {
        return k == 1 ? 2 : k - 1;
    }

    /** Output values per sample. */
    static int outputs(int k) {
        return k == 1 ? 2 : k;
    }

    /** The other class of margin row s for label y (k >= 2). */
    static int other(int y, int s) {
        return s < y ? s : s + 1;
    }

    /**
     * Writes spec row s's coefficients on the last hidden layer: {@code scale * (C_s a)} into dst (m values).
     * a is k x m row-major.
     */
    static void fold(double[] a, int k, int m, double scale, int y, int s, double[] dst, int dOff) {
        if (k == 1) {
            double sign = s == 0 ? scale : -scale;
            for (int i = 0; i < m; i++) {
                dst[dOff + i] = sign * a[i];
            }
            return;
        }
        int j = other(y, s);
        for (int i = 0; i < m; i++) {
            dst[dOff + i] = scale * (a[y * m + i] - a[j * m + i]);
        }
    }

    /** Turns one sample's S spec lower bounds into its output values. */
    static void toOutputs(int k, int y, double[] specLower, int sOff, double[] out, int oOff) {
        if (k == 1) {
            out[oOff] = specLower[sOff];
            out[oOff + 1] = -specLower[sOff + 1];
            return;
        }
        for (int s = 0; s < k - 1; s++) {
            out[oOff + other(y, s)] = specLower[sOff + s];
        }
        out[oOff + y] = 0.0;
    }

    /** Checks a label against k: +-1 for k = 1, 0..k-1 otherwise; names the row. */
    static void checkLabel(int k, int y, int row) {
        boolean ok = k == 1 ? (y == 1 || y == -1) : (y >= 0 && y < k);
        if (!ok) {
            throw new IllegalArgumentException("certify: label of row " + row + " is " + y + ", expected "
                    + (k == 1 ? "-1 or +1" : "0.." + (k - 1)));
        }
    }
}
