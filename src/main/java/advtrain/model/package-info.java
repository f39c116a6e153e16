/**
 * The paper's networks: {@link advtrain.model.DeepReluNet} (equation 1; A and a fixed, W1..WH trained) and
 * {@link advtrain.model.TwoLayerNet} (equation 4; ± paired neurons, f = 0 at initialisation), their
 * {@link advtrain.model.Activation}s, reusable workspaces with batched forward, backward to the weights and to
 * the inputs, per-sample gradients (for the empirical NTK), and {@code model.npz} files
 * ({@link advtrain.model.ModelIO}).
 *
 * <p>Everything runs through {@link advtrain.kernel.Gemm}, so results are bit-identical for any thread count,
 * on the scalar and vector kernels, and for a batch versus its rows one at a time. For the many passes of an
 * attack, {@link advtrain.model.PackedWeights} keeps the weights packed while they do not change (exact packs:
 * the same bits) or also folds the deep net's fixed input layer into its first trained one (fused packs: the
 * same function, rounded differently; attacks only).
 */
package advtrain.model;
