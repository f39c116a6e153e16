package advtrain.theory;

import advtrain.loss.Loss;

/**
 * Kernel ridge regression with an NTK: the RKHS classifier of the paper's Assumption 5.2, to compare
 * with the trained wide network. Given n training points (for adversarial training: the attacked
 * points) with labels, it solves (K + lambda I) alpha = Y by {@link Cholesky} and predicts
 * f(t) = sum_i alpha_i K(t, x_i). Targets: y in {-1, +1} for a binary task (k = 1 output); one-hot
 * rows for k >= 2 classes (labels 0..k-1). Deterministic.
 */
public final class NtkKernelMachine {

    private final double[] trainX;
    private final int n;
    private final int d;
    private final int k;
    private final double ridge;
    private final double[] alpha;

    private NtkKernelMachine(double[] trainX, int n, int d, int k, double ridge, double[] alpha) {
        this.trainX = trainX;
        this.n = n;
        this.d = d;
        this.k = k;
        this.ridge = ridge;
        this.alpha = alpha;
    }

    /**
     * Fits on the Gram matrix {@code gram} (n x n) of the training points {@code x} (n x d, kept for
     * prediction) with labels {@code y} ({@code k == 1}: +-1; {@code k >= 2}: 0..k-1) and ridge lambda >= 0.
     */
    public static NtkKernelMachine fit(double[] gram, double[] x, int n, int d, int[] y, int k, double ridge) {
        KernelMatrix.checkRows("x", x, n, d);
        if (gram.length < (long) n * n) {
            throw new IllegalArgumentException("gram: need " + n + " x " + n + " values, got " + gram.length);
        }
        if (y.length < n || k < 1) {
            throw new IllegalArgumentException("labels: need " + n + " labels and k >= 1, got " + y.length + " and k=" + k);
        }
        double[] targets = new double[n * k];
        for (int i = 0; i < n; i++) {
            if (k == 1) {
                if (y[i] != 1 && y[i] != -1) {
                    throw new IllegalArgumentException("label of row " + i + " is " + y[i] + ", expected -1 or +1");
                }
                targets[i] = y[i];
            } else {
                if (y[i] < 0 || y[i] >= k) {
                    throw new IllegalArgumentException("label of row " + i + " is " + y[i] + ", expected 0.." + (k - 1));
                }
                targets[i * k + y[i]] = 1.0;
            }
        }
        Cholesky.factor(gram, 0, n, ridge).solveInPlace(targets, 0, k);
        return new NtkKernelMachine(x, n, d, k, ridge, targets);
    }

    /** Fits with the kernel itself: builds the Gram matrix of {@code x} first. */
    public static NtkKernelMachine fit(PointKernel kernel, double[] x, int n, int d, int[] y, int k, double ridge) {
        return fit(new KernelMatrix(kernel).gram(x, n, d), x, n, d, y, k, ridge);
    }

    public double ridge() {
        return ridge;
    }

    /** The dual coefficients, n x k row-major (live). */
    public double[] coefficients() {
        return alpha;
    }

    /** Outputs (p x k) at the p points whose cross matrix with the training points is {@code cross} (p x n). */
    public double[] predictFromCross(double[] cross, int p) {
        if (cross.length < (long) p * n) {
            throw new IllegalArgumentException("cross matrix: need " + p + " x " + n + " values, got " + cross.length);
        }
        double[] out = new double[p * k];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < n; j++) {
                double kij = cross[i * n + j];
                for (int c = 0; c < k; c++) {
                    out[i * k + c] += kij * alpha[j * k + c];
                }
            }
        }
        return out;
    }

    /** Outputs (p x k) at the rows of {@code t} (p x d) under {@code kernel}. */
    public double[] predict(PointKernel kernel, double[] t, int p) {
        return predictFromCross(new KernelMatrix(kernel).cross(t, p, trainX, n, d), p);
    }

    /** Fraction of the p rows of {@code outputs} (p x k) classified correctly ({@link Loss#correct}). */
    public double accuracy(double[] outputs, int[] labels, int p) {
        int ok = 0;
        for (int i = 0; i < p; i++) {
            if (Loss.correct(outputs, i * k, k, labels[i])) {
                ok++;
            }
        }
        return p == 0 ? Double.NaN : (double) ok / p;
    }
}
