package advtrain.experiment;

/**
 * Part {@code index} of {@code count} of a sweep: the points whose list position p has
 * {@code p % count == index}. The parts depend only on the point list (fixed by the configuration),
 * never on threads or machine, so shards run anywhere and {@link Merge} reassembles them.
 */
public record Shard(int index, int count) {

    /** The whole sweep. */
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("--shard must be i/n with 0 <= i < n, got " + index + "/" + count);
        }
    }

    /** Parses {@code i/n}, e.g. {@code 2/8}. */
    public static Shard parse(String spec) {
        int slash = spec.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("--shard must be i/n (e.g. 0/4), got '" + spec + "'");
        }
        try {
            return new Shard(Integer.parseInt(spec.substring(0, slash).trim()), Integer.parseInt(spec.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard must be i/n with integers (e.g. 0/4), got '" + spec + "'");
        }
    }

    public boolean contains(int pointIndex) {
        return pointIndex % count == index;
    }

    public boolean isAll() {
        return count == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
