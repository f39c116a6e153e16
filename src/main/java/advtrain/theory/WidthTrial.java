package advtrain.theory;

/**
 * One trial of the capacity experiment (paper section 6): train a network of the given width from the
 * given seed and say whether it reached the goal: 100% training accuracy (interpolation), or 100%
 * accuracy under the attack (robust interpolation). The experiment layer implements it with the trainer.
 */
@FunctionalInterface
public interface WidthTrial {

    /** True when a network of width {@code width} trained from {@code seed} meets the goal. */
    boolean succeeds(int width, long seed);
}
