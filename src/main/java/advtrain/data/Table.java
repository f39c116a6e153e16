package advtrain.data;

import java.util.List;

/**
 * Data as a source delivers it, before the spec's views: n x d values (row-major), class indices with
 * class names, the declared value range (null when the format has none), and "sha256  file" lines for
 * the files read (empty for generated data).
 */
record Table(double[] x, int n, int d, Labels.Classes classes, double[] range, List<String> files) {

    /** The Dataset: two classes become labels -1/+1 (class 0 is -1), more stay 0..k-1. */
    Dataset toDataset(String name, String provenance) {
        int k = classes.count();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = classes.index()[i];
            y[i] = k == 2 ? (c == 0 ? -1 : 1) : c;
        }
        return new Dataset(name, provenance, n, d, x, y, k, sha256(), classes.names());
    }

    /**
     * The source file's sha256; with several files, the sha256 of the lines "sha256  name" (file names
     * without directories, so the value does not depend on where the files are); null if generated.
     */
    String sha256() {
        if (files.isEmpty()) {
            return null;
        }
        if (files.size() == 1) {
            return files.get(0).substring(0, 64);
        }
        StringBuilder sb = new StringBuilder();
        for (String line : files) {
            sb.append(line, 0, 66).append(java.nio.file.Path.of(line.substring(66)).getFileName()).append('\n');
        }
        return Hashes.sha256(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Checks every value is finite; the error names the source, row and column. */
    static void requireFinite(double[] x, int d, String source) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(source + ": value " + x[i] + " at row " + (i / d) + ", column " + (i % d)
                        + " is not finite (NaN and infinite values are not accepted)");
            }
        }
    }
}
