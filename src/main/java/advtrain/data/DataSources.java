package advtrain.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the dataset a {@link DataSpec} describes: reads or generates the source, then applies the
 * views in the spec's order (split, class subset, shuffle, limit, normalisation). Every check runs
 * before a dataset is returned: a bad file or request throws and nothing half-read escapes.
 */
public final class DataSources {

    /** sha256 of datasets/digits.csv.gz as committed (see datasets/README.md). */
    public static final String DIGITS_SHA256 = "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a";

    /** sha256 of Fashion-MNIST's uncompressed IDX files, in the order train images, train labels, t10k images, t10k labels. */
    static final Map<String, String> FASHION_MNIST_SHA256 = Map.of(
            "train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    private DataSources() {
    }

    /** The dataset of {@code spec}; its provenance is {@code spec.toString()}. */
    public static Dataset load(DataSpec spec) throws IOException {
        String split = spec.split();
        Table table;
        String name;
        boolean splitDone = false;
        switch (spec.kind()) {
            case "sphere" -> {
                table = new SphereGenerator(sphereParams(spec)).generate();
                name = "sphere";
                splitDone = true;
            }
            case "npz" -> {
                table = readNpz(Path.of(spec.path()), spec.option("x", "x"), spec.option("y", "y"));
                name = Path.of(spec.path()).getFileName().toString();
            }
            case "csv" -> {
                String columns = spec.option("columns", null);
                Csv.Layout layout = new Csv.Layout(spec.option("label", "last"), spec.option("header", "auto"),
                        columns == null ? null : List.of(columns.split(",")));
                table = Csv.read(Path.of(spec.path()), layout);
                name = Path.of(spec.path()).getFileName().toString();
            }
            case "idx" -> {
                table = readIdxDir(Path.of(spec.path()), split, false);
                name = Path.of(spec.path()).getFileName() == null ? spec.path() : Path.of(spec.path()).getFileName().toString();
                splitDone = true;
            }
            case "digits" -> {
                table = readDigits();
                name = "digits";
            }
            case "fashion-mnist" -> {
                table = readIdxDir(DataHome.fashionMnist(), split, true);
                name = "fashion-mnist";
                splitDone = true;
            }
            default -> throw new IllegalStateException(spec.kind());
        }
        Dataset ds = table.toDataset(name, spec.toString());
        if (!splitDone && !split.equals("all")) {
            ds = ds.select(everyFifth(ds.n(), split.equals("test")));
        }
        int[] subset = spec.classSubset();
        if (subset != null) {
            ds = ds.classSubset(subset);
        }
        if (spec.options().containsKey("shuffle")) {
            ds = ds.shuffled(Long.parseLong(spec.options().get("shuffle")));
        }
        if (spec.limit() >= 0) {
            ds = ds.head(spec.limit());
        }
        if (spec.normalize() != Normalization.NONE) {
            ds = ds.normalized(spec.normalize(), table.range());
        }
        return ds;
    }

    private static SphereGenerator.Params sphereParams(DataSpec s) {
        return new SphereGenerator.Params(
                Integer.parseInt(s.option("n", "512")),
                Integer.parseInt(s.option("d", "32")),
                Integer.parseInt(s.option("classes", "2")),
                Double.parseDouble(s.option("sep", "0")),
                Long.parseLong(s.option("seed", "0")),
                s.option("label", "random"),
                Double.parseDouble(s.option("margin", "0.1")),
                Integer.parseInt(s.option("teacher", "32")),
                s.split().equals("test") ? 1 : 0);
    }

    /** Rows of the test split (i % 5 == 4) or the train split (the others). */
    static int[] everyFifth(int n, boolean test) {
        int count = test ? n / 5 : n - n / 5;
        int[] rows = new int[count];
        int r = 0;
        for (int i = 0; i < n; i++) {
            if ((i % 5 == 4) == test) {
                rows[r++] = i;
            }
        }
        return rows;
    }

    /** Arrays {@code xName} (n x ..., flattened per row) and {@code yName} (n labels) of an npz file. */
    static Table readNpz(Path file, String xName, String yName) throws IOException {
        Map<String, NdArray> arrays = Npz.read(file);
        NdArray xa = arrays.get(xName);
        NdArray ya = arrays.get(yName);
        if (xa == null || ya == null) {
            throw new IllegalArgumentException(file + ": needs arrays '" + xName + "' (inputs) and '" + yName
                    + "' (labels); it holds " + arrays.keySet());
        }
        if (xa.dtype() == NdArray.DType.UNICODE || xa.ndim() < 1) {
            throw new IllegalArgumentException(file + ": array '" + xName + "' is " + xa.describe() + ", expected n x d numbers");
        }
        int n = xa.dim(0);
        int d = 1;
        for (int i = 1; i < xa.ndim(); i++) {
            d *= xa.dim(i);
        }
        if (d < 1) {
            throw new IllegalArgumentException(file + ": array '" + xName + "' is " + xa.describe() + ": rows have no values");
        }
        if (ya.dtype() == NdArray.DType.UNICODE || ya.size() != n || (ya.ndim() > 1 && ya.dim(0) != n)) {
            throw new IllegalArgumentException(file + ": array '" + yName + "' is " + ya.describe() + ", expected " + n
                    + " labels (one per row of '" + xName + "' " + xa.describe() + ")");
        }
        double[] x = xa.toDoubles();
        if (x == xa.doubles()) {
            x = x.clone();
        }
        Table.requireFinite(x, d, file + "[" + xName + "]");
        Labels.Classes classes = Labels.fromNumbers(ya.toDoubles(), i -> file + "[" + yName + "]: element " + i);
        double[] range = switch (xa.dtype()) {
            case UINT8 -> new double[] {0, 255};
            case BOOL -> new double[] {0, 1};
            default -> null;
        };
        return new Table(x, n, d, classes, range, List.of(Hashes.sha256(file) + "  " + file));
    }

    /** The embedded digits, sha256-checked. */
    static Table readDigits() throws IOException {
        Path file = DataHome.datasets().resolve("digits.csv.gz");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("digits: " + file + " not found; the built-in dataset lives in the repository's "
                    + "datasets/ folder (run from the repository, or set -Dadvtrain.home=REPO or ADVTRAIN_HOME=REPO)");
        }
        String sha = Hashes.sha256(file);
        if (!sha.equals(DIGITS_SHA256)) {
            throw new IllegalArgumentException("digits: " + file + " has sha256 " + sha + ", expected " + DIGITS_SHA256
                    + " (see datasets/README.md)");
        }
        Table t = Csv.read(file, new Csv.Layout("last", "no", null));
        if (t.n() != 1797 || t.d() != 64 || t.classes().count() != 10) {
            throw new IllegalStateException("digits: expected 1797 x 64 with 10 classes, read " + t.n() + " x " + t.d());
        }
        return new Table(t.x(), t.n(), t.d(), t.classes(), new double[] {0, 16}, t.files());
    }

    /**
     * An IDX directory's train and/or t10k pairs ({@code split} all = train then t10k), each file raw or
     * {@code .gz}. {@code pinned}: verify Fashion-MNIST's sha256 of the uncompressed bytes.
     */
    static Table readIdxDir(Path dir, String split, boolean pinned) throws IOException {
        if (pinned && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(fashionMissing(dir, "the directory does not exist"));
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such directory (idx:DIR needs train-/t10k- images and labels files)");
        }
        List<String> prefixes = switch (split) {
            case "train" -> List.of("train");
            case "test" -> List.of("t10k");
            default -> List.of("train", "t10k");
        };
        List<Path[]> pairs = new ArrayList<>();
        for (String p : prefixes) {
            pairs.add(new Path[] {idxFile(dir, p + "-images-idx3-ubyte", pinned), idxFile(dir, p + "-labels-idx1-ubyte", pinned)});
        }
        Table t = Idx.readPairs(pairs);
        if (pinned) {
            for (String line : t.files()) {
                String sha = line.substring(0, 64);
                String file = line.substring(66);
                String base = Path.of(file).getFileName().toString().replaceFirst("\\.gz$", "");
                String want = FASHION_MNIST_SHA256.get(base);
                if (!sha.equals(want)) {
                    throw new IllegalArgumentException("fashion-mnist: " + file + ": sha256 of the uncompressed IDX bytes is " + sha
                            + ", expected " + want + " (a corrupt or different file)");
                }
            }
        }
        return t;
    }

    private static Path idxFile(Path dir, String base, boolean pinned) {
        for (String name : List.of(base, base + ".gz")) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        String why = "missing " + base + " (or " + base + ".gz)";
        throw new IllegalArgumentException(pinned ? fashionMissing(dir, why) : dir + ": " + why);
    }

    private static String fashionMissing(Path dir, String why) {
        return "fashion-mnist: not found in " + dir + " (" + why + "). Get it with tools/fetch-fashion-mnist, which runs "
                + "apt-get install dataset-fashion-mnist (Debian, MIT licence) and checks the files, or point "
                + "-Dadvtrain.fashionMnist=DIR or ADVTRAIN_FASHION_MNIST=DIR at a directory holding "
                + "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz";
    }
}
