package advtrain.train;

import advtrain.report.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A run folder: {@code config.json} (every resolved setting), {@code metrics.csv}, {@code model.npz},
 * {@code checkpoints/}, {@code report.md} and its {@code *.svg} plots. An existing non-empty folder is never
 * overwritten unless the caller says so: {@link #prepareNew} with {@code force} removes only the files a run
 * writes (anything else in the folder is left alone), and resuming goes through {@link #readConfig}.
 */
public final class RunFolder {

    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.csv";
    public static final String MODEL = "model.npz";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String REPORT = "report.md";

    private static final Set<String> RUN_FILES = Set.of(CONFIG, METRICS, MODEL, REPORT, METRICS + ".tmp", CONFIG + ".tmp");

    private RunFolder() {
    }

    /**
     * Makes {@code dir} ready for a new run: creates it, or, when it already holds a run, refuses unless
     * {@code force}, in which case the run's files (config, metrics, model, report, plots, checkpoints) are removed.
     */
    public static void prepareNew(Path dir, boolean force) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " exists and is not a directory");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            if (!force) {
                throw new IllegalArgumentException("--out " + dir + " already exists and is not empty: pass --resume " + dir
                        + " to continue that run, --force to replace it, or choose another --out");
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    if (RUN_FILES.contains(name) || name.endsWith(".svg")) {
                        Files.delete(p);
                    }
                }
            }
            Path ck = dir.resolve(CHECKPOINTS);
            if (Files.isDirectory(ck)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(ck)) {
                    for (Path p : ds) {
                        Files.delete(p);
                    }
                }
                Files.delete(ck);
            }
        }
        Files.createDirectories(dir);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            return !ds.iterator().hasNext();
        }
    }

    /** Writes {@code config.json} atomically. */
    public static void writeConfig(Path dir, Map<String, Object> config) throws IOException {
        Path tmp = dir.resolve(CONFIG + ".tmp");
        Files.writeString(tmp, Json.write(config), StandardCharsets.UTF_8);
        Checkpoint.moveAtomic(tmp, dir.resolve(CONFIG));
    }

    /** Reads a run's {@code config.json}; errors name the file. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readConfig(Path dir) throws IOException {
        Path f = dir.resolve(CONFIG);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("--resume " + dir + ": no " + CONFIG + " there (not a run folder?)");
        }
        Object o = Json.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString());
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException(f + ": expected a JSON object");
        }
        return (Map<String, Object>) o;
    }
}
