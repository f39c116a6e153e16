package advtrain.certify;

import advtrain.random.RandomStream;
import advtrain.threat.Norm;

/** Random small networks, a naive forward pass for each, and points inside a ball, for the certify tests. */
final class TestNets {

    private TestNets() {
    }

    /** Deep net with A, W_h ~ N(0, 2/m) (A: N(0, 2/d) so that small d still gives O(1) activations), a ~ N(0, 1). */
    static DeepReluView deep(long seed, int d, int m, int depth, int k) {
        RandomStream r = RandomStream.of(seed, "test.deep");
        double[] a0 = new double[m * d];
        r.fillGaussian(a0, 0, m * d, Math.sqrt(2.0 / d));
        double[][] ws = new double[depth][m * m];
        for (int h = 0; h < depth; h++) {
            r.fillGaussian(ws[h], 0, m * m, Math.sqrt(2.0 / m));
        }
        double[] a = new double[k * m];
        r.fillGaussian(a, 0, k * m, 1.0);
        return DeepReluView.of(d, m, k, a0, ws, a);
    }

    /** Two-layer net with w_r ~ N(0, I), a_r = +-1, scale 1/sqrt(m). */
    static TwoLayerView two(long seed, int d, int m, int k, Curve act) {
        RandomStream r = RandomStream.of(seed, "test.two");
        double[] w = new double[m * d];
        r.fillGaussian(w, 0, m * d, 1.0);
        double[] a = new double[k * m];
        for (int i = 0; i < k * m; i++) {
            a[i] = r.nextSign();
        }
        return new TwoLayerView(d, m, k, w, 0, a, 1.0 / Math.sqrt(m), act);
    }

    /** Naive forward of the deep net: k outputs of x[xOff ..]. */
    static double[] forward(DeepReluView n, double[] x, int xOff) {
        int m = n.width();
        int d = n.inputDim();
        double[] h = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += n.inputMatrix()[i * d + j] * x[xOff + j];
            }
            h[i] = s;
        }
        for (int l = 1; l <= n.depth(); l++) {
            double[] z = new double[m];
            int off = n.layerOffset(l);
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += n.params()[off + i * m + j] * h[j];
                }
                z[i] = Math.max(s, 0.0);
            }
            h = z;
        }
        double[] f = new double[n.outputDim()];
        for (int o = 0; o < f.length; o++) {
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += n.outputWeights()[o * m + i] * h[i];
            }
            f[o] = s;
        }
        return f;
    }

    /** Naive forward of the two-layer net. */
    static double[] forward(TwoLayerView n, double[] x, int xOff) {
        int m = n.width();
        int d = n.inputDim();
        double[] f = new double[n.outputDim()];
        for (int i = 0; i < m; i++) {
            double z = 0;
            for (int j = 0; j < d; j++) {
                z += n.w()[n.wOff() + i * d + j] * x[xOff + j];
            }
            double s = n.activation().value(z);
            for (int o = 0; o < f.length; o++) {
                f[o] += n.scale() * n.outputWeights()[o * m + i] * s;
            }
        }
        return f;
    }

    /** Either network's forward. */
    interface Net {
        double[] f(double[] x, int off);
    }

    /** Projects p onto B(x) (l-inf: clamp; l2: rescale, then clamp to the box, which stays in the ball when x is in the box). */
    static void project(Ball ball, double[] x, int xOff, double[] p) {
        int d = p.length;
        if (ball.norm() == Norm.LINF) {
            for (int i = 0; i < d; i++) {
                p[i] = Math.min(Math.max(p[i], x[xOff + i] - ball.eps()), x[xOff + i] + ball.eps());
            }
        } else {
            double s = 0;
            for (int i = 0; i < d; i++) {
                double t = p[i] - x[xOff + i];
                s += t * t;
            }
            double norm = Math.sqrt(s);
            if (norm > ball.eps()) {
                double f = ball.eps() / norm;
                for (int i = 0; i < d; i++) {
                    p[i] = x[xOff + i] + (p[i] - x[xOff + i]) * f;
                }
            }
        }
        for (int i = 0; i < d; i++) {
            p[i] = Math.min(Math.max(p[i], ball.lo()), ball.hi());
        }
    }

    /** A uniform point of the l-inf box / a point of the l2 ball (uniform direction, radius eps * u^(1/d)), projected. */
    static double[] uniform(RandomStream r, Ball ball, double[] x, int xOff, int d) {
        double[] p = new double[d];
        if (ball.norm() == Norm.LINF) {
            for (int i = 0; i < d; i++) {
                p[i] = x[xOff + i] + ball.eps() * (2 * r.nextDouble() - 1);
            }
        } else {
            double s = 0;
            double[] g = new double[d];
            for (int i = 0; i < d; i++) {
                g[i] = r.nextGaussian();
                s += g[i] * g[i];
            }
            double rad = ball.eps() * Math.pow(r.nextDouble(), 1.0 / d) / Math.sqrt(s);
            for (int i = 0; i < d; i++) {
                p[i] = x[xOff + i] + rad * g[i];
            }
        }
        project(ball, x, xOff, p);
        return p;
    }

    /** A random corner of the l-inf box (l2: a point on the sphere of radius eps). */
    static double[] corner(RandomStream r, Ball ball, double[] x, int xOff, int d) {
        double[] p = new double[d];
        if (ball.norm() == Norm.LINF) {
            for (int i = 0; i < d; i++) {
                p[i] = x[xOff + i] + ball.eps() * r.nextSign();
            }
        } else {
            double s = 0;
            for (int i = 0; i < d; i++) {
                p[i] = r.nextGaussian();
                s += p[i] * p[i];
            }
            double f = ball.eps() / Math.sqrt(s);
            for (int i = 0; i < d; i++) {
                p[i] = x[xOff + i] + f * p[i];
            }
        }
        project(ball, x, xOff, p);
        return p;
    }

    /**
     * Projected gradient ascent (central finite differences) of {@code obj} from {@code start}, the iterates
     * handed to {@code visit}; returns the best point.
     */
    static double[] ascend(java.util.function.ToDoubleFunction<double[]> obj, Ball ball, double[] x, int xOff,
                           double[] start, int steps, java.util.function.Consumer<double[]> visit) {
        int d = start.length;
        double[] p = start.clone();
        double[] best = p.clone();
        double bestV = obj.applyAsDouble(p);
        double[] g = new double[d];
        for (int t = 0; t < steps; t++) {
            double h = 1e-6;
            for (int i = 0; i < d; i++) {
                double keep = p[i];
                p[i] = keep + h;
                double up = obj.applyAsDouble(p);
                p[i] = keep - h;
                double dn = obj.applyAsDouble(p);
                p[i] = keep;
                g[i] = (up - dn) / (2 * h);
            }
            double step = ball.eps() * 0.25 * (1.0 - (double) t / steps) + 1e-3 * ball.eps();
            if (ball.norm() == Norm.LINF) {
                for (int i = 0; i < d; i++) {
                    p[i] += step * Math.signum(g[i]);
                }
            } else {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += g[i] * g[i];
                }
                double f = s > 0 ? step / Math.sqrt(s) : 0;
                for (int i = 0; i < d; i++) {
                    p[i] += f * g[i];
                }
            }
            project(ball, x, xOff, p);
            visit.accept(p);
            double v = obj.applyAsDouble(p);
            if (v > bestV) {
                bestV = v;
                best = p.clone();
            }
        }
        return best;
    }

    /** Random inputs n x d in [-1, 1] (inside the box [-1, 1] that box tests use). */
    static double[] inputs(long seed, int n, int d) {
        double[] x = new double[n * d];
        RandomStream.of(seed, "test.inputs").fillUniform(x, 0, n * d, -0.9, 0.9);
        return x;
    }

    /** Labels: +-1 for k = 1, 0..k-1 otherwise. */
    static int[] labels(long seed, int n, int k) {
        RandomStream r = RandomStream.of(seed, "test.labels");
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = k == 1 ? (r.nextSign() > 0 ? 1 : -1) : r.nextInt(k);
        }
        return y;
    }
}
