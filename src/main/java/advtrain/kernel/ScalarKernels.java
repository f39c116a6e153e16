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
        double p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
        int body = n - n % REDUCTION_LANES;
        for (int i = 0; i < body; i += REDUCTION_LANES) {
            int xi = xOff + i;
            int yi = yOff + i;
            p0 = Math.fma(x[xi], y[yi], p0);
            p1 = Math.fma(x[xi + 1], y[yi + 1], p1);
            p2 = Math.fma(x[xi + 2], y[yi + 2], p2);
            p3 = Math.fma(x[xi + 3], y[yi + 3], p3);
            p4 = Math.fma(x[xi + 4], y[yi + 4], p4);
            p5 = Math.fma(x[xi + 5], y[yi + 5], p5);
            p6 = Math.fma(x[xi + 6], y[yi + 6], p6);
            p7 = Math.fma(x[xi + 7], y[yi + 7], p7);
        }
        double s = combine(p0, p1, p2, p3, p4, p5, p6, p7);
        for (int i = body; i < n; i++) {
            s = Math.fma(x[xOff + i], y[yOff + i], s);
        }
        return s;
    }

    @Override
    public double sum(int n, double[] x, int xOff) {
        double p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
        int body = n - n % REDUCTION_LANES;
        for (int i = 0; i < body; i += REDUCTION_LANES) {
            int xi = xOff + i;
            p0 += x[xi];
            p1 += x[xi + 1];
            p2 += x[xi + 2];
            p3 += x[xi + 3];
            p4 += x[xi + 4];
            p5 += x[xi + 5];
            p6 += x[xi + 6];
            p7 += x[xi + 7];
        }
        double s = combine(p0, p1, p2, p3, p4, p5, p6, p7);
        for (int i = body; i < n; i++) {
            s += x[xOff + i];
        }
        return s;
    }

    @Override
    public double sumSquares(int n, double[] x, int xOff, double[] y, int yOff) {
        if (y == null) {
            return dot(n, x, xOff, x, xOff);
        }
        double p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
        int body = n - n % REDUCTION_LANES;
        for (int i = 0; i < body; i += REDUCTION_LANES) {
            int xi = xOff + i;
            int yi = yOff + i;
            double d0 = x[xi] - y[yi];
            double d1 = x[xi + 1] - y[yi + 1];
            double d2 = x[xi + 2] - y[yi + 2];
            double d3 = x[xi + 3] - y[yi + 3];
            double d4 = x[xi + 4] - y[yi + 4];
            double d5 = x[xi + 5] - y[yi + 5];
            double d6 = x[xi + 6] - y[yi + 6];
            double d7 = x[xi + 7] - y[yi + 7];
            p0 = Math.fma(d0, d0, p0);
            p1 = Math.fma(d1, d1, p1);
            p2 = Math.fma(d2, d2, p2);
            p3 = Math.fma(d3, d3, p3);
            p4 = Math.fma(d4, d4, p4);
            p5 = Math.fma(d5, d5, p5);
            p6 = Math.fma(d6, d6, p6);
            p7 = Math.fma(d7, d7, p7);
        }
        double s = combine(p0, p1, p2, p3, p4, p5, p6, p7);
        for (int i = body; i < n; i++) {
            double d = x[xOff + i] - y[yOff + i];
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
    public void microKernel(int kc, double[] ap, int apOff, double[] bp, int bpOff, double[] c, int cOff, int ldc,
                            boolean overwrite) {
        for (int r = 0; r < MR; r++) {
            for (int j = 0; j < NR; j++) {
                double acc = overwrite ? 0.0 : c[cOff + r * ldc + j];
                for (int p = 0; p < kc; p++) {
                    acc = Math.fma(ap[apOff + p * MR + r], bp[bpOff + p * NR + j], acc);
                }
                c[cOff + r * ldc + j] = acc;
            }
        }
    }

    /** The fixed combination order of the 8 partials; shared by every implementation. */
    static double combine(double p0, double p1, double p2, double p3, double p4, double p5, double p6, double p7) {
        return ((p0 + p1) + (p2 + p3)) + ((p4 + p5) + (p6 + p7));
    }
}
