package advtrain.loss;

import java.util.Locale;

/** Lookup of the losses by name, and the default loss for an output dimension. */
public final class Losses {

    /** Names {@link #parse} accepts. */
    public static final String NAMES = "logistic, square, cross-entropy";

    private Losses() {
    }

    /** {@code logistic}, {@code square} or {@code cross-entropy} (case-insensitive; {@code ce} also). */
    public static Loss parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("--loss: missing; expected one of " + NAMES);
        }
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "logistic":
                return Logistic.INSTANCE;
            case "square":
                return Square.INSTANCE;
            case "cross-entropy":
            case "ce":
                return CrossEntropy.INSTANCE;
            default:
                throw new IllegalArgumentException("--loss: unknown loss '" + name + "'; expected one of " + NAMES);
        }
    }

    /** The default for k outputs: logistic for a scalar output, cross-entropy for k >= 2. */
    public static Loss defaultFor(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("output dimension must be >= 1, got " + k);
        }
        return k == 1 ? Logistic.INSTANCE : CrossEntropy.INSTANCE;
    }

    /**
     * Checks that {@code loss} can be used with k outputs (logistic: k == 1; cross-entropy: k >= 2; square: any)
     * and returns it; the message names the loss and k.
     */
    public static Loss checkFor(Loss loss, int k) {
        boolean ok = switch (loss.name()) {
            case "logistic" -> k == 1;
            case "cross-entropy" -> k >= 2;
            default -> k >= 1;
        };
        if (!ok) {
            throw new IllegalArgumentException("--loss " + loss.name() + " does not fit a network with " + k
                    + " output" + (k == 1 ? "" : "s") + (k == 1 ? "; use logistic or square" : "; use cross-entropy or square"));
        }
        return loss;
    }
}
