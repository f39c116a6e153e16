package advtrain.data;

import java.util.TreeSet;

/**
 * Turns labels as files store them into class indices 0..k-1 with class names. Numbers: labels all in
 * {-1, +1} are a binary task (class 0 is -1, class 1 is +1); otherwise labels must be integers
 * 0..{@value #MAX_CLASSES}-1 and k is the largest label + 1 (at least 2). Strings: the distinct
 * values in sorted order are the classes.
 */
final class Labels {

    /** Largest number of classes accepted: far above any real task, small enough to catch junk columns. */
    static final int MAX_CLASSES = 100_000;

    /** Class indices (one per row) and the name of each class. */
    record Classes(int[] index, String[] names) {
        int count() {
            return names.length;
        }
    }

    private Labels() {
    }

    /**
     * From numeric labels; {@code where.at(i)} names row i's position in errors (e.g. file:line:column).
     */
    static Classes fromNumbers(double[] raw, Where where) {
        boolean plusMinus = raw.length > 0;
        boolean hasMinus = false;
        for (double v : raw) {
            plusMinus &= v == 1 || v == -1;
            hasMinus |= v == -1;
        }
        int[] idx = new int[raw.length];
        if (plusMinus && hasMinus) {
            for (int i = 0; i < raw.length; i++) {
                idx[i] = raw[i] > 0 ? 1 : 0;
            }
            return new Classes(idx, new String[] {"-1", "+1"});
        }
        int max = 0;
        for (int i = 0; i < raw.length; i++) {
            double v = raw[i];
            if (!(v >= 0 && v < MAX_CLASSES) || v != Math.rint(v)) {
                throw new IllegalArgumentException(where.at(i) + ": label " + format(v)
                        + " is outside the expected range (integers 0.." + (MAX_CLASSES - 1) + ", or -1/+1 for a binary task)");
            }
            idx[i] = (int) v;
            max = Math.max(max, idx[i]);
        }
        int k = Math.max(2, max + 1);
        String[] names = new String[k];
        for (int c = 0; c < k; c++) {
            names[c] = Integer.toString(c);
        }
        return new Classes(idx, names);
    }

    /** From string labels: the sorted distinct values are the classes. */
    static Classes fromStrings(String[] raw, Where where) {
        TreeSet<String> distinct = new TreeSet<>();
        for (String s : raw) {
            distinct.add(s);
        }
        if (distinct.size() > MAX_CLASSES) {
            throw new IllegalArgumentException(where.at(0) + ": " + distinct.size() + " distinct labels, more than " + MAX_CLASSES);
        }
        String[] names = distinct.toArray(new String[0]);
        int[] idx = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            idx[i] = java.util.Arrays.binarySearch(names, raw[i]);
        }
        if (names.length < 2) {
            names = names.length == 0 ? new String[] {"0", "1"} : new String[] {names[0], "(none)"};
        }
        return new Classes(idx, names);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Names the position of row i for error messages. */
    @FunctionalInterface
    interface Where {
        String at(int row);
    }
}
