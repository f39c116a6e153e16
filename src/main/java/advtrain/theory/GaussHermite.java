package advtrain.theory;

/**
 * The n-point Gauss-Hermite rule for expectations under the standard normal:
 * E[g(z)], z ~ N(0, 1), is approximated by sum_i w_i g(z_i), exact when g is a polynomial of degree
 * at most 2n - 1.
 *
 * <p>Computed by Golub-Welsch: the nodes t_i of the physicists' rule (weight e^(-t^2)) are the
 * eigenvalues of the symmetric tridiagonal Jacobi matrix with zero diagonal and off-diagonal
 * sqrt(k/2), k = 1..n-1, and the weights are sqrt(pi) times the squared first components of the unit
 * eigenvectors ({@link SymmetricEigen#tridiagonalQl} carries just that row). For N(0, 1):
 * z_i = sqrt(2) t_i and w_i = (weight_i) / sqrt(pi), so the probabilists' weights are the squared
 * first components themselves. Nodes are sorted ascending and symmetrised (z_i = -z_(n-1-i), equal
 * weights for the pair), which the exact rule satisfies.
 */
public final class GaussHermite {

    /** Largest order allowed: beyond it the outer weights underflow and add nothing. */
    public static final int MAX_ORDER = 1024;

    private final double[] nodes;
    private final double[] weights;

    private GaussHermite(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /** The n-point rule for N(0, 1), 1 <= n <= {@link #MAX_ORDER}. */
    public static GaussHermite of(int n) {
        if (n < 1 || n > MAX_ORDER) {
            throw new IllegalArgumentException("Gauss-Hermite order must be in 1.." + MAX_ORDER + ", got " + n);
        }
        double[] d = new double[n];
        double[] e = new double[n];
        for (int k = 0; k < n - 1; k++) {
            e[k] = Math.sqrt((k + 1) / 2.0);
        }
        double[] z = new double[n];
        z[0] = 1.0;
        SymmetricEigen.tridiagonalQl(d, e, z, 1, n);
        // sort (node, weight) pairs by node
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(d[p], d[q]));
        double[] t = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = d[order[i]];
            w[i] = z[order[i]] * z[order[i]];
        }
        double[] nodes = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            int j = n - 1 - i;
            nodes[i] = Math.sqrt(2.0) * 0.5 * (t[i] - t[j]);
            weights[i] = 0.5 * (w[i] + w[j]);
        }
        if (n % 2 == 1) {
            nodes[n / 2] = 0.0;
        }
        double sum = 0.0;
        for (double v : weights) {
            sum += v;
        }
        for (int i = 0; i < n; i++) {
            weights[i] /= sum; // the exact weights sum to 1; remove the rounding of the eigenvectors' norm
        }
        return new GaussHermite(nodes, weights);
    }

    public int order() {
        return nodes.length;
    }

    /** Node i for N(0, 1) (ascending). */
    public double node(int i) {
        return nodes[i];
    }

    /** Weight i for N(0, 1) (the weights sum to 1). */
    public double weight(int i) {
        return weights[i];
    }
}
