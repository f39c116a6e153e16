package advtrain.train;

import advtrain.model.Network;

/**
 * The Euclidean projection onto B(R) (paper eq. 2 and section 5): for every block h of the network,
 * when ||W_h - W_h(0)||_F exceeds the block radius ({@link Network#blockRadius(double)}), the block's
 * offset from initialisation is rescaled onto the sphere of that radius; a block inside its ball is
 * left untouched (bit for bit). B(R) is a product of balls, so projecting block by block is the exact
 * projection onto the product.
 *
 * <p>Norms are summed in index order in one pass (deterministic, no scratch memory).
 */
public final class Projection {

    private Projection() {
    }

    /** ||W_b - W_b(0)||_F for block {@code b}. */
    public static double blockDistance(Network net, int b) {
        double[] w = net.params();
        double[] w0 = net.initialParams();
        int off = net.blockOffset(b);
        int end = off + net.blockSize(b);
        double s = 0.0;
        for (int i = off; i < end; i++) {
            double t = w[i] - w0[i];
            s += t * t;
        }
        return Math.sqrt(s);
    }

    /**
     * Projects every block onto its ball for radius {@code r} ({@code r = +inf}: no projection) and
     * records in {@code active[b]} whether block b was outside (and so rescaled).
     */
    public static void project(Network net, double r, boolean[] active) {
        project(net, r, active, null);
    }

    /** As {@link #project(Network, double, boolean[])}, writing each block's scale to {@code scales} (1 when untouched; may be null). */
    public static void project(Network net, double r, boolean[] active, double[] scales) {
        int blocks = net.blocks();
        if (scales != null) {
            java.util.Arrays.fill(scales, 0, blocks, 1.0);
        }
        if (Double.isInfinite(r)) {
            for (int b = 0; b < blocks; b++) {
                active[b] = false;
            }
            return;
        }
        double radius = net.blockRadius(r);
        double[] w = net.params();
        double[] w0 = net.initialParams();
        for (int b = 0; b < blocks; b++) {
            double dist = blockDistance(net, b);
            active[b] = dist > radius;
            if (active[b]) {
                double scale = radius / dist;
                if (scales != null) {
                    scales[b] = scale;
                }
                int off = net.blockOffset(b);
                int end = off + net.blockSize(b);
                for (int i = off; i < end; i++) {
                    w[i] = w0[i] + scale * (w[i] - w0[i]);
                }
            }
        }
    }

    /**
     * The factor that turns a block distance into the scale of R: sqrt(m) for the deep net (whose balls
     * have radius R / sqrt(m)), 1 for the two-layer net. Reported distances are {@code factor * ||W_b - W_b(0)||_F}
     * so they compare directly with R.
     */
    public static double distanceScale(Network net) {
        return 1.0 / net.blockRadius(1.0);
    }
}
