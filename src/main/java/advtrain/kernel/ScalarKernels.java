package advtrain.kernel;

/**
 * Plain-Java kernels: the reference for the vector path and the fallback when the Vector API
 * is absent or disabled. Reductions follow the 8-partial order documented on {@link VectorKernels}.
 */
public final class ScalarKernels implements VectorKernels {

    /** Register tile of the scalar GEMM micro-kernel (rows). */
    static final int MR = 4;
    /** Register tile of the scalar GEMM micro-kernel (columns). */
    static final int NR = 8;

    @Override public String name() { return "scalar"; }
    @Override public int bits() { return 0; }
    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }

    @Override
    public void relu(int n, double[] x, int xOff, double[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.max(x[xOff + i], 0.0);
        }
    }

    @Override
    public void reluBackward(int n, double[] g, int gOff, double[] pre, int preOff, double[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = pre[preOff + i] > 0 ? g[gOff + i] : 0.0;
        }
    }

    @Override
    public void axpy(int n, double a, double[] x, int xOff, double[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.fma(a, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    public void scale(int n, double a, double[] x, int xOff) {
        for (int i = 0; i < n; i++) {
            x[xOff + i] *= a;
        }
    }

    @Override
    public void mul(int n, double[] x, int xOff, double[] y, int yOff, double[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] * y[yOff + i];
        }
    }

    @Override
    public void sign(int n, double[] x, int xOff, double[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.signum(x[xOff + i]);
        }
    }

    @Override
    public void clamp(int n, double lo, double hi, double[] x, int xOff) {
        for (int i = 0; i < n; i++) {
            x[xOff + i] = Math.min(Math.max(x[xOff + i], lo), hi);
        }
    }

    @Override
    public double dot(int n, double[] x, int xOff, double[] y, int yOff) {
        double[] p = new double[REDUCTION_LANES];
        int body = n - n % REDUCTION_LANES;
        for (int i = 0; i < body; i += REDUCTION_LANES) {
            for (int l = 0; l < REDUCTION_LANES; l++) {
                p[l] = Math.fma(x[xOff + i + l], y[yOff + i + l], p[l]);
            }
        }
        double s = combine(p);
        for (int i = body; i < n; i++) {
            s = Math.fma(x[xOff + i], y[yOff + i], s);
        }
        return s;
    }

    @Override
    public double sum(int n, double[] x, int xOff) {
        double[] p = new double[REDUCTION_LANES];
        int body = n - n % REDUCTION_LANES;
        for (int i = 0; i < body; i += REDUCTION_LANES) {
            for (int l = 0; l < REDUCTION_LANES; l++) {
                p[l] += x[xOff + i + l];
            }
        }
        double s = combine(p);
        for (int i = body; i < n; i++) {
            s += x[xOff + i];
        }
        return s;
    }

    @Override
    public double sumSquares(int n, double[] x, int xOff, double[] y, int yOff) {
        double[] p = new double[REDUCTION_LANES];
        int body = n - n % REDUCTION_LANES;
        for (int i = 0; i < body; i += REDUCTION_LANES) {
            for (int l = 0; l < REDUCTION_LANES; l++) {
                double d = y == null ? x[xOff + i + l] : x[xOff + i + l] - y[yOff + i + l];
                p[l] = Math.fma(d, d, p[l]);
            }
        }
        double s = combine(p);
        for (int i = body; i < n; i++) {
            double d = y == null ? x[xOff + i] : x[xOff + i] - y[yOff + i];
            s = Math.fma(d, d, s);
        }
        return s;
    }

    @Override
    public double normInf(int n, double[] x, int xOff) {
        double m = 0.0;
        for (int i = 0; i < n; i++) {
            double a = Math.abs(x[xOff + i]);
            if (a != a) {
                return a;
            }
            m = Math.max(m, a);
        }
        return m;
    }

    @Override
    public void signStepClip(int n, double[] x, int xOff, double[] g, int gOff, double step,
                             double[] c, int cOff, double eps, double boxLo, double boxHi) {
        for (int i = 0; i < n; i++) {
            double lo = Math.max(c[cOff + i] - eps, boxLo);
            double hi = Math.min(c[cOff + i] + eps, boxHi);
            double v = x[xOff + i] + step * Math.signum(g[gOff + i]);
            x[xOff + i] = Math.min(Math.max(v, lo), hi);
        }
    }

    @Override
    public void microKernel(int kc, double[] ap, int apOff, double[] bp, int bpOff, double[] c, int cOff, int ldc) {
        for (int r = 0; r < MR; r++) {
            for (int j = 0; j < NR; j++) {
                double acc = c[cOff + r * ldc + j];
                for (int p = 0; p < kc; p++) {
                    acc = Math.fma(ap[apOff + p * MR + r], bp[bpOff + p * NR + j], acc);
                }
                c[cOff + r * ldc + j] = acc;
            }
        }
    }

    /** The fixed combination order of the 8 partials; shared by every implementation. */
    static double combine(double[] p) {
        return ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]));
    }
}
