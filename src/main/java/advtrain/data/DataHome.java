package advtrain.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the built-in datasets live.
 *
 * <p>The repository root (which holds {@code datasets/}) is, in order: the system property
 * {@code advtrain.home}; the environment variable {@code ADVTRAIN_HOME}; the directory above
 * {@code target/} when the classes run from {@code target/advtrain.jar} or {@code target/classes}
 * (so the CLI finds the data from any working directory); the working directory.
 *
 * <p>Fashion-MNIST's directory is the system property {@code advtrain.fashionMnist}, else the
 * environment variable {@code ADVTRAIN_FASHION_MNIST}, else {@value #FASHION_MNIST_DEFAULT}
 * (where Debian's {@code dataset-fashion-mnist} package installs it).
 */
public final class DataHome {

    /** Debian's dataset-fashion-mnist installs its IDX files here. */
    public static final String FASHION_MNIST_DEFAULT = "/usr/share/datasets/fashion-mnist";

    private DataHome() {
    }

    /** The repository root (see the class comment). */
    public static Path root() {
        String prop = System.getProperty("advtrain.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("ADVTRAIN_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path code = codeLocation();
        if (code != null) {
            for (Path p = code; p != null; p = p.getParent()) {
                if (p.getFileName() != null && p.getFileName().toString().equals("target") && p.getParent() != null
                        && Files.isDirectory(p.getParent().resolve("datasets"))) {
                    return p.getParent();
                }
            }
        }
        return Path.of("").toAbsolutePath();
    }

    private static Path codeLocation() {
        try {
            var src = DataHome.class.getProtectionDomain().getCodeSource();
            return src == null ? null : Path.of(src.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The {@code datasets/} directory of the repository. */
    public static Path datasets() {
        return root().resolve("datasets");
    }

    /** The Fashion-MNIST directory (see the class comment). */
    public static Path fashionMnist() {
        String prop = System.getProperty("advtrain.fashionMnist");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("ADVTRAIN_FASHION_MNIST");
        return Path.of(env != null && !env.isBlank() ? env : FASHION_MNIST_DEFAULT);
    }
}
