package advtrain.experiment;

import java.util.Locale;

/**
 * How big a run is and how many seeds it uses. {@link Size#TEST} is the small size the test suite
 * runs, {@link Size#QUICK} the {@code --quick} mode (under a minute on two cores), {@link Size#FULL}
 * the default (minutes to an hour). Seeds are 0 .. seeds-1. The point list of an experiment is a
 * function of these settings only.
 */
public record Settings(Size size, int seeds) {

    /** Run sizes. */
    public enum Size {
        TEST, QUICK, FULL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Size parse(String s) {
            for (Size z : values()) {
                if (z.label().equals(s)) {
                    return z;
                }
            }
            throw new IllegalArgumentException("size must be test, quick or full, got '" + s + "'");
        }
    }

    public Settings {
        if (size == null) {
            throw new IllegalArgumentException("size is required");
        }
        if (seeds < 1 || seeds > 1000) {
            throw new IllegalArgumentException("--seeds must be in 1..1000, got " + seeds);
        }
    }

    public boolean quick() {
        return size != Size.FULL;
    }

    /** Picks one of three values by size. */
    public <T> T pick(T test, T quick, T full) {
        return size == Size.TEST ? test : size == Size.QUICK ? quick : full;
    }

    public int pick(int test, int quick, int full) {
        return size == Size.TEST ? test : size == Size.QUICK ? quick : full;
    }

    public double pick(double test, double quick, double full) {
        return size == Size.TEST ? test : size == Size.QUICK ? quick : full;
    }
}
