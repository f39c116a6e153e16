/**
 * Threat models and attacks (paper Definitions 3.1-3.4).
 *
 * <ul>
 * <li>Perturbation sets B(x): {@link advtrain.threat.PerturbationSet} with {@link advtrain.threat.LinfBall},
 *     {@link advtrain.threat.L2Ball}, {@link advtrain.threat.L2BoxBall} (exact projection by bisection on the
 *     Lagrange multiplier) and the paper's spherical cap {@link advtrain.threat.SphereCap}.</li>
 * <li>Attacks A(W, x): {@link advtrain.threat.Attack}, built from an {@link advtrain.threat.AttackSpec} string
 *     ({@code identity}, {@code random}, {@code fgsm}, {@code fgm}, {@code pgd}, {@code apgd-ce},
 *     {@code apgd-dlr} with {@link advtrain.threat.DlrLoss}, {@code ensemble}).</li>
 * <li>Evaluation: {@link advtrain.threat.AttackRun} (one attack over a dataset: L_A, accuracy, points) and
 *     {@link advtrain.threat.RobustEvaluation} (lower bound on L_*, gradient-masking checks, slot for a
 *     certified upper bound).</li>
 * </ul>
 * Every random draw comes from a stream keyed by (seed, purpose, sample id, restart, step), so results do not
 * depend on batch composition or thread count; every returned point lies in its set to
 * {@link advtrain.threat.PerturbationSet#TOLERANCE}. Attacks that follow gradients run through
 * {@code BatchSlices}: the weights packed once per attack (fused on the deep net when the attack makes enough
 * passes, a rule that looks at the attack and the network's shape only), the batch cut into one slice of rows
 * per thread.
 */
package advtrain.threat;
