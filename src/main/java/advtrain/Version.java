package advtrain;

/** The engine's version and the facts about the running JVM that every report records. */
public final class Version {

    /** Semantic version of this build; written into model files and run configs. */
    public static final String VERSION = "0.1.0";

    private Version() {
    }

    /** e.g. {@code 17.0.15 (Debian)}. */
    public static String jdk() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }
}
