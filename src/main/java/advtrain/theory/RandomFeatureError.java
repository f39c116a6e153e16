package advtrain.theory;

import advtrain.kernel.Parallel;
import advtrain.model.Network;
import java.util.function.IntFunction;

/**
 * The random-feature approximation (paper section 5): how well a width-m network at initialisation,
 * through its gradient features, reproduces the analytic NTK. The error is the relative Frobenius
 * distance ||c K_emp - K||_F / ||K||_F with c = {@link EmpiricalNtk#normalisation}; it shrinks like
 * 1/sqrt(m) (Monte Carlo over the m random features).
 */
public final class RandomFeatureError {

    private RandomFeatureError() {
    }

    /** ||scale * empirical - analytic||_F / ||analytic||_F over n x n matrices. */
    public static double relative(double[] empirical, double scale, double[] analytic, int n) {
        double num = 0.0;
        double den = 0.0;
        for (int i = 0; i < n * n; i++) {
            double e = scale * empirical[i] - analytic[i];
            num += e * e;
            den += analytic[i] * analytic[i];
        }
        return Math.sqrt(num / den);
    }

    /**
     * The error for each width: {@code networks.apply(m)} builds the width-m network (at its
     * initialisation), whose factored Gram of output {@code output} at W(0) over the rows of {@code x}
     * (n x d) is compared with the analytic Gram {@code analytic} (n x n).
     */
    public static double[] sweep(IntFunction<Network> networks, int[] widths, double[] x, int n, int output,
                                 double[] analytic, Parallel par) {
        double[] err = new double[widths.length];
        for (int i = 0; i < widths.length; i++) {
            Network net = networks.apply(widths[i]);
            double[] k = GradientFactors.of(net, net.initialParams(), x, n, output, par).gram(par);
            err[i] = relative(k, EmpiricalNtk.normalisation(net), analytic, n);
        }
        return err;
    }
}
