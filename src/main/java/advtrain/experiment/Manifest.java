package advtrain.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code manifest.txt} of an experiment's output folder: which experiment, settings, how many points
 * the whole sweep has and which shard this folder holds (or why the experiment was skipped).
 * {@code key=value} lines in a fixed order; no timestamps, so unsharded and merged runs write the same
 * bytes. {@link Merge} checks that the shards it combines agree on everything but the shard.
 */
public record Manifest(String experiment, Settings settings, int points, Shard shard, String skipped) {

    public static final String FILE = "manifest.txt";

    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("experiment=").append(experiment).append('\n');
        sb.append("size=").append(settings.size().label()).append('\n');
        sb.append("seeds=").append(settings.seeds()).append('\n');
        sb.append("points=").append(points).append('\n');
        sb.append("shard=").append(shard).append('\n');
        if (skipped != null) {
            sb.append("skipped=").append(skipped.replace('\n', ' ')).append('\n');
        }
        return sb.toString();
    }

    /** The same run with a different shard. */
    public Manifest withShard(Shard s) {
        return new Manifest(experiment, settings, points, s, skipped);
    }

    public void write(Path dir) throws IOException {
        AtomicFiles.write(dir.resolve(FILE), text());
    }

    public static Manifest read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + ": no " + FILE + " (not an experiment output folder)");
        }
        Map<String, String> kv = new LinkedHashMap<>();
        int line = 0;
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            if (l.isBlank()) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException(file + ":" + line + ": expected key=value, got '" + l + "'");
            }
            kv.put(l.substring(0, eq), l.substring(eq + 1));
        }
        try {
            return new Manifest(need(kv, "experiment", file),
                    new Settings(Settings.Size.parse(need(kv, "size", file)), Integer.parseInt(need(kv, "seeds", file))),
                    Integer.parseInt(need(kv, "points", file)), Shard.parse(need(kv, "shard", file)), kv.get("skipped"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": bad number: " + e.getMessage());
        }
    }

    private static String need(Map<String, String> kv, String key, Path file) {
        String v = kv.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + ": missing '" + key + "='");
        }
        return v;
    }
}
