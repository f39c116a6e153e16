/**
 * Theory instruments (paper sections 4.1, 5 and 6): the analytic and empirical neural tangent kernels,
 * the linearization error, the random-feature approximation error, the NTK kernel machine and the
 * capacity search over width.
 *
 * <h2>What is here</h2>
 * <ul>
 *   <li>{@link advtrain.theory.TwoLayerNtk}: the NTK of Definition 5.1 for the two-layer net,
 *       K(x, y) = (x.y) E[sigma'(u) sigma'(v)]; closed forms for ReLU and the quadratic ReLU, Gauss-Hermite
 *       quadrature with error control ({@link advtrain.theory.GaussianPairExpectation},
 *       {@link advtrain.theory.GaussHermite}) for softplus, tanh, sigmoid and GELU.</li>
 *   <li>{@link advtrain.theory.DeepReluNtk}: the infinite-width NTK of the deep net of eq. (1) over the
 *       trained layers W1..WH (derivation below).</li>
 *   <li>{@link advtrain.theory.GradientFactors} and {@link advtrain.theory.EmpiricalNtk}: the empirical NTK
 *       at finite width, from rank-one gradient factors or from materialised per-sample gradients in blocks
 *       (both through {@link advtrain.kernel.Gemm}).</li>
 *   <li>{@link advtrain.theory.LinearizationProbe}: |f(W, x) - f_lin(W, x)| on a fixed probe set.</li>
 *   <li>{@link advtrain.theory.RandomFeatureError}: ||c K_emp - K||_F / ||K||_F as the width grows.</li>
 *   <li>{@link advtrain.theory.NtkKernelMachine}: kernel ridge regression with an NTK
 *       ({@link advtrain.theory.Cholesky}), the RKHS classifier of Assumption 5.2.</li>
 *   <li>{@link advtrain.theory.CapacitySearch} over a {@link advtrain.theory.WidthTrial}: the smallest width
 *       that interpolates / robustly interpolates (section 6). The trial is implemented with the trainer by
 *       the experiment layer.</li>
 *   <li>{@link advtrain.theory.SymmetricEigen} (Householder + implicit QL) and
 *       {@link advtrain.theory.SpectrumSummary}: eigenvalue range, symmetry and PSD checks of Gram matrices.</li>
 * </ul>
 *
 * <h2>Two-layer net: normalisation</h2>
 * f(W, x) = (1/sqrt(m)) sum_r a_r sigma(w_r.x) with a_r = +-1 fixed and w_r ~ N(0, I_d) (eq. 4; the paired
 * init w̄_r = w_r, a'_r = -a_r only repeats each draw). Then grad_{w_r} f(x) = (1/sqrt(m)) a_r sigma'(w_r.x) x,
 * and
 * <pre>
 *   &lt;grad_W f(x), grad_W f(y)&gt; = (x.y) (1/m) sum_r sigma'(w_r.x) sigma'(w_r.y)  -&gt;  (x.y) E_w[sigma'(w.x) sigma'(w.y)] = K(x, y)
 * </pre>
 * by the law of large numbers: no extra factor, error O(1/sqrt(m)). With (u, v) = (w.x, w.y), a centred
 * Gaussian pair of covariance [[|x|^2, x.y], [x.y, |y|^2]], ReLU gives E = P(u &gt; 0, v &gt; 0) =
 * (pi - theta)/(2 pi), theta the angle between x and y.
 *
 * <h2>Deep net: derivation of the trained-layers NTK</h2>
 * Eq. (1): x0 = A x (A: m x d), x̄h = Wh x(h-1), xh = relu(x̄h), f = a^T xH; entries of A and Wh are
 * N(0, 2/m), of a N(0, 1); only W1..WH are trained. Write D_h = diag(1[x̄h &gt; 0]) and
 * delta_h = df/dx̄h, so delta_H = D_H a, delta_h = D_h Wh+1^T delta_h+1, and
 * grad_{Wh} f = delta_h x(h-1)^T (rank one). Hence
 * <pre>
 *   &lt;grad_W f(x), grad_W f(y)&gt; = sum_{h=1..H} &lt;delta_h(x), delta_h(y)&gt; &lt;x(h-1)(x), x(h-1)(y)&gt;.
 * </pre>
 * <b>Forward.</b> Let Q_h(x, y) = lim &lt;xh(x), xh(y)&gt; (whole vectors, not per coordinate). The input
 * layer has fan-in d but variance 2/m: each coordinate of x0 has covariance (2/m) x.y, so
 * Q_0 = m (2/m) x.y = 2 x.y. Given x(h-1), the coordinates of x̄h are i.i.d. centred Gaussian pairs with
 * covariance (2/m) [[Q(x,x), Q(x,y)], [Q(x,y), Q(y,y)]] (Q = Q_(h-1)), so
 * Q_h = m E[relu(u) relu(v)] under that covariance = m (2/m) kappa1(Q_(h-1)) = 2 kappa1(Q_(h-1)), with
 * kappa1 the degree-1 arc-cosine expectation (homogeneous of degree 1 in the covariance). The ReLU's
 * factor 1/2 on the diagonal cancels the 2: Q_h(x, x) = Q_0(x, x) = 2|x|^2 for every h. Writing
 * Q_h = 2 Sigma_h:
 * <pre>
 *   Sigma_0(x, y) = x.y,   Sigma_h = 2 kappa1(Sigma_(h-1)) = |x||y| (sin t + (pi - t) cos t) / pi,   t = angle of Sigma_(h-1),
 * </pre>
 * i.e. the angles follow cos t_h = (sin t_(h-1) + (pi - t_(h-1)) cos t_(h-1)) / pi, t_0 the angle of x, y.
 * <p><b>Backward.</b> &lt;delta_H(x), delta_H(y)&gt; = sum_i a_i^2 1[x̄H,i(x) &gt; 0] 1[x̄H,i(y) &gt; 0]
 * -&gt; m E[a^2] P(u &gt; 0, v &gt; 0) = (m/2) Sdot_H, with Sdot_h = 2 kappa0 = (pi - t_(h-1)) / pi. One layer
 * down, with Wh+1 independent of delta_h+1 in the limit (the usual gradient-independence argument):
 * E &lt;D_h(x) W^T delta(x), D_h(y) W^T delta(y)&gt; = sum_j P(both active at j) (2/m) &lt;delta(x), delta(y)&gt;
 * -&gt; m (Sdot_h / 2) (2/m) &lt;delta_h+1(x), delta_h+1(y)&gt; = Sdot_h &lt;delta_h+1(x), delta_h+1(y)&gt;. So
 * &lt;delta_h(x), delta_h(y)&gt; -&gt; (m/2) prod_{h'=h..H} Sdot_h'.
 * <p><b>Result.</b>
 * <pre>
 *   &lt;grad_W f(x), grad_W f(y)&gt; ~ sum_h (m/2) prod_{h'=h..H} Sdot_h' * 2 Sigma_(h-1) = m Theta(x, y),
 *   Theta(x, y) = sum_{h=1..H} Sigma_(h-1)(x, y) prod_{h'=h..H} Sdot_h'(x, y).
 * </pre>
 * So in the paper's parametrisation the gradient Gram grows like m (one reason Theorem 4.1's step size
 * is O(eps / (m H^2))), and <b>(1/m) &lt;grad_W f(x), grad_W f(y)&gt; -&gt; Theta(x, y)</b>: this is the
 * normalisation {@link advtrain.theory.EmpiricalNtk#normalisation} returns. It is the NTK of Jacot et al.
 * / Arora et al. without the terms of the fixed layers A and a. On the diagonal Theta(x, x) = H |x|^2.
 * Each output of the vector-output net (rows of a i.i.d.) has the same kernel.
 *
 * <p><b>Check.</b> EmpiricalNtkTest builds the empirical Gram of {@link advtrain.model.DeepReluNet} at
 * m = 256, 1024, 4096 for H = 1, 2 on 10 points of the sphere in d = 6: the relative Frobenius error of
 * (1/m) K_emp against Theta was, over seeds 1-3, 0.14-0.21, 0.075-0.11, 0.030-0.064 (H = 1) and
 * 0.18-0.28, 0.066-0.10, 0.041-0.075 (H = 2): it halves per 4x width, the 1/sqrt(m) of random features.
 * The two-layer net behaves the same (ReLU 0.07-0.11, 0.044-0.066, 0.019-0.040).
 *
 * <h2>Numerics</h2>
 * Angles are computed without arccos of a correlation near 1 ({@link advtrain.theory.ArcCosine}), so the
 * diagonals are exact to a few ulps. The quadrature compares orders n and 2n and doubles n (8..512) until
 * the difference is below the tolerance; for tanh' = sech^2 at |x| = sqrt 2 (poles at distance
 * pi / (2 sqrt 2) from the real axis) the rule converges only like exp(-tau sqrt(2n)) and needs n = 256
 * for 1e-11. Kinked sigma' (ReLU, quadratic ReLU) converge algebraically under Gauss-Hermite, which is
 * why they use their closed forms.
 */
package advtrain.theory;
