package advtrain.threat;

import advtrain.kernel.Parallel;
import advtrain.loss.Loss;
import advtrain.model.Network;
import advtrain.model.PackedWeights;
import advtrain.model.Workspace;

/**
 * How an attack that follows gradients runs on a batch: with the network's weights packed once for all its
 * passes ({@link PackedWeights}: W is fixed during an attack; fused packs when {@link #fuses} says so), and, on
 * a pool of T threads, cut into up to T consecutive slices of rows, each attacked by its own instance of the
 * attack on a serial workspace of its own, concurrently. One fork-join per attack instead of one per product
 * and element-wise loop, and every product runs on one core at full speed.
 *
 * <p>The result does not depend on the slicing: every attack treats its samples independently (its draws are
 * keyed by sample id, its products give each row the same bits whatever the other rows, its steps act per
 * row), so a slice's rows get exactly the bits they get in the whole batch ({@code SlicedAttackTest} checks
 * every attack in 1, 2 and 3 slices and in batches of one row).
 *
 * <p>Packing the trained weights is skipped where the heap is tight ({@link PackedWeights#affordable}); the
 * products then pack on the fly, with the same bits.
 */
final class BatchSlices {

    /** Fewer rows per slice than this run unsliced: the per-slice overheads would outweigh the gain. */
    static final int MIN_SLICE_ROWS = 8;

    private final AttackSpec spec;
    private PackedWeights packs;
    private AbstractAttack[] attacks = new AbstractAttack[0];
    private Workspace[] workspaces = new Workspace[0];
    private double[][] losses = new double[0][];
    private Network sliceNet;
    private int sliceRows;
    private final Parallel.RangeBody body = this::runSlices;

    // The arguments of the call in progress (fields, so the loop body is made once).
    private Network net;
    private Loss loss;
    private double[] x;
    private int xOff;
    private int[] y;
    private int yOff;
    private int batch;
    private int slices;
    private int[] ids;
    private int idOff;
    private long seed;
    private long step;
    private double[] xAdv;
    private int xAdvOff;

    BatchSlices(AttackSpec spec) {
        this.spec = spec;
    }

    /** Number of slices for a batch on {@code par}: one per thread, each at least {@link #MIN_SLICE_ROWS} rows. */
    static int sliceCount(Parallel par, int batch) {
        return Math.max(1, Math.min(par.threads(), batch / MIN_SLICE_ROWS));
    }

    /**
     * Whether this attack runs on fused packs ({@link PackedWeights}): when its passes per sample at the default
     * evaluation batch ({@link AttackRun#DEFAULT_BATCH} rows) exceed the input dimension, the break-even of the
     * deep net's fusion. The rule looks at the attack and the network's shape only, never at the batch at hand,
     * the thread count or the heap, so an attack's results never depend on those.
     */
    static boolean fuses(AttackSpec spec, Network net) {
        return (long) spec.passes() * AttackRun.DEFAULT_BATCH > net.inputDim();
    }

    /** Runs {@code attack} (whose spec this was made for) on the batch as the class javadoc says. */
    void run(AbstractAttack attack, Network net, Workspace ws, Loss loss, double[] x, int xOff, int[] y, int yOff,
             int batch, int[] ids, int idOff, long seed, long step, double[] xAdv, int xAdvOff, double[] lossOut) {
        Parallel par = ws.parallel();
        boolean fuse = fuses(spec, net);
        PackedWeights pw = ws.attached();
        if (pw == null || !pw.isFor(net, ws.kernels(), fuse)) {
            // Packs of the right kind may come from the caller (the trainer's, an ensemble's); exact ones attached
            // are shared by the fused packs made here.
            PackedWeights exact = pw != null && pw.isFor(net, ws.kernels(), false) ? pw : null;
            packs = net.packWeights(packs, fuse, ws.kernels(), par, exact);
            pw = packs;
        }
        int n = sliceCount(par, batch);
        if (n == 1) {
            PackedWeights before = ws.attached();
            if (pw != null) {
                ws.attach(pw);
            }
            try {
                attack.run(net, ws, loss, x, xOff, y, yOff, batch, ids, idOff, seed, step, xAdv, xAdvOff, lossOut);
            } finally {
                if (before != null) {
                    ws.attach(before);
                } else {
                    ws.detach();
                }
            }
            return;
        }
        prepare(net, ws, n, (batch + n - 1) / n);
        this.net = net;
        this.loss = loss;
        this.x = x;
        this.xOff = xOff;
        this.y = y;
        this.yOff = yOff;
        this.batch = batch;
        this.slices = n;
        this.ids = ids;
        this.idOff = idOff;
        this.seed = seed;
        this.step = step;
        this.xAdv = xAdv;
        this.xAdvOff = xAdvOff;
        try {
            for (int s = 0; s < n; s++) {
                if (pw != null) {
                    workspaces[s].attach(pw);
                }
            }
            par.forRange(n, 1, body);
            for (int s = 0; s < n; s++) {
                int r0 = start(s);
                System.arraycopy(losses[s], 0, lossOut, r0, start(s + 1) - r0);
            }
        } finally {
            for (int s = 0; s < n; s++) {
                workspaces[s].detach();
            }
            this.net = null; // do not keep the caller's objects alive
            this.loss = null;
            this.x = null;
            this.y = null;
            this.ids = null;
            this.xAdv = null;
        }
    }

    /** First row of slice s (slices differ in size by at most one row). */
    private int start(int s) {
        return (int) ((long) s * batch / slices);
    }

    private void runSlices(int s0, int s1) {
        int d = net.inputDim();
        for (int s = s0; s < s1; s++) {
            int r0 = start(s);
            int rows = start(s + 1) - r0;
            attacks[s].run(net, workspaces[s], loss, x, xOff + r0 * d, y, yOff + r0, rows, ids, idOff + r0, seed, step,
                    xAdv, xAdvOff + r0 * d, losses[s]);
        }
    }

    /** Slice attacks and serial workspaces of at least {@code rows} rows for {@code net}, made once and kept. */
    private void prepare(Network net, Workspace ws, int n, int rows) {
        if (net != sliceNet || rows > sliceRows || n > attacks.length
                || workspaces.length > 0 && workspaces[0].kernels() != ws.kernels()) {
            int keep = Math.max(n, attacks.length);
            attacks = new AbstractAttack[keep];
            workspaces = new Workspace[keep];
            losses = new double[keep][];
            for (int s = 0; s < keep; s++) {
                attacks[s] = (AbstractAttack) spec.newAttack();
                workspaces[s] = net.newWorkspace(rows, Parallel.serial(), ws.kernels());
                losses[s] = new double[rows];
            }
            sliceNet = net;
            sliceRows = rows;
        }
    }
}
