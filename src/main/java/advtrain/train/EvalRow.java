package advtrain.train;

/**
 * An evaluation at one step (NaN where not measured): the surrogate loss L_A on the full training set
 * (the training attack), the strong attack's loss and accuracy on train and test (a LOWER bound on the
 * robust loss L_*, Def. 3.4), clean test accuracy, the certified UPPER bound on L_* when a certifier is
 * configured, so that {@code robustLower <= L_* <= certifiedUpper}, and the largest linearization error
 * |f(W, x) - f_lin(W, x)| on a fixed probe set when a probe is configured (paper section 4.1).
 */
public record EvalRow(long step, double trainSurrogateFull, double trainRobustLower, double trainRobustAccuracy,
                      double trainCertifiedUpper, double testCleanAccuracy, double testRobustLower,
                      double testRobustAccuracy, double testCertifiedUpper, double linearizationError) {
}
