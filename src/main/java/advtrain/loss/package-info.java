/**
 * Losses ℓ(f, y) of the network output (paper Assumption 3.1): {@link advtrain.loss.Logistic} (k = 1, y = ±1),
 * {@link advtrain.loss.Square} (k = 1, or one-hot targets for k >= 2) and {@link advtrain.loss.CrossEntropy}
 * (softmax, k >= 2); {@link advtrain.loss.Losses} parses their names and picks the default for k outputs.
 */
package advtrain.loss;
