package advtrain.random;

/**
 * A deterministic stream of random numbers derived from a key (seed, purpose, indices...), so a draw
 * depends only on what it is for, never on which thread makes it or in what order streams are used.
 *
 * <p>Construction: the key is folded into a 64-bit state by a mixing function (the murmur3/SplitMix64
 * finalizer, Stafford's variant 13) applied after each component; the purpose string enters through its
 * FNV-1a 64-bit hash. The stream itself is SplitMix64 (Steele, Lea, Flood 2014): state advances by the
 * golden-ratio increment and each output is the mixed state. Uniform doubles take the top 53 bits.
 * Gaussians use the Box-Muller transform with {@link StrictMath} (specified bit for bit), both outputs
 * of a pair used in turn.
 *
 * <p>Example: {@code RandomStream.of(seed, "init.W", layer)} for a layer's weights,
 * {@code RandomStream.of(seed, "pgd.start", sample, restart)} for a random start.
 * {@code java.util.Random} and {@code Math.random()} are never used in the engine.
 */
public final class RandomStream {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;
    private double spare;
    private boolean hasSpare;

    private RandomStream(long state) {
        this.state = state;
    }

    /** The stream for {@code (seed, purpose, indices...)}. */
    public static RandomStream of(long seed, String purpose, long... indices) {
        return new RandomStream(key(seed, purpose, indices));
    }

    /** The 64-bit key of {@code (seed, purpose, indices...)}; distinct components give unrelated keys. */
    public static long key(long seed, String purpose, long... indices) {
        long h = mix(seed ^ 0x5DEECE66DL);
        h = mix(h ^ fnv1a(purpose));
        for (long idx : indices) {
            h = extend(h, idx);
        }
        return h;
    }

    /**
     * The key with one more index: {@code key(seed, purpose, i..., j) == extend(key(seed, purpose, i...), j)}. With
     * {@link #reset} it draws keyed streams in a loop without allocating.
     */
    public static long extend(long key, long index) {
        return mix(key + GOLDEN * (index + 1));
    }

    /** Makes this the stream of {@code key}: it then gives what a new stream of that key would. */
    public void reset(long key) {
        state = key;
        spare = 0.0;
        hasSpare = false;
    }

    /** A child stream keyed by this stream's next output and further indices (for nested structure). */
    public RandomStream child(long... indices) {
        long h = nextLong();
        for (long idx : indices) {
            h = mix(h + GOLDEN * (idx + 1));
        }
        return new RandomStream(h);
    }

    /** Stafford's mix13 (the SplitMix64 finalizer): a bijection on 64 bits with full avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, 1): the top 53 bits times 2^-53. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in (0, 1]: never 0, for logarithms. */
    public double nextDoubleOpenZero() {
        return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound) without modulo bias (Lemire's method with rejection). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        long r = nextLong() >>> 33; // 31 random bits
        long m = r * bound;
        long l = m & 0x7FFFFFFFL;
        if (l < bound) {
            long t = (0x80000000L - bound) % bound;
            while (l < t) {
                r = nextLong() >>> 33;
                m = r * bound;
                l = m & 0x7FFFFFFFL;
            }
        }
        return (int) (m >>> 31);
    }

    /** A standard normal draw (Box-Muller, {@link StrictMath}). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u1 = nextDoubleOpenZero();
        double u2 = nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double theta = 2.0 * StrictMath.PI * u2;
        spare = r * StrictMath.sin(theta);
        hasSpare = true;
        return r * StrictMath.cos(theta);
    }

    /** A uniform sign: +1 or -1. */
    public double nextSign() {
        return nextLong() < 0 ? -1.0 : 1.0;
    }

    /** Fills {@code a[off .. off+n)} with N(0, std^2) draws. */
    public void fillGaussian(double[] a, int off, int n, double std) {
        for (int i = 0; i < n; i++) {
            a[off + i] = std * nextGaussian();
        }
    }

    /** Fills {@code a[off .. off+n)} with uniform draws in [lo, hi). */
    public void fillUniform(double[] a, int off, int n, double lo, double hi) {
        for (int i = 0; i < n; i++) {
            a[off + i] = lo + (hi - lo) * nextDouble();
        }
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates), written into {@code perm}. */
    public void permutation(int[] perm, int n) {
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
    }
}
