package advtrain.cli;

import advtrain.data.DataSpec;
import advtrain.data.DataSummary;
import advtrain.data.Dataset;
import advtrain.data.NdArray;
import advtrain.data.Npz;
import advtrain.kernel.Parallel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code advtrain data SPEC [--out FILE.npz]}: loads any data spec, prints its summary (see
 * {@link DataSummary}) and optionally writes it as an npz with arrays x (float64, n x d) and
 * y (int64, n).
 */
final class DataCommand implements Command {

    @Override
    public String name() {
        return "data";
    }

    @Override
    public String summary() {
        return "summarise a data spec (n, d, classes, norms, min inter-class distance); --out writes x, y as npz";
    }

    @Override
    public Options options() {
        return new Options("data SPEC [--out FILE.npz]   (SPEC: digits, fashion-mnist, sphere:n=512,d=32,sep=0.3, "
                + "npz:FILE, idx:DIR, csv:FILE,label=last; options split=, classes=, shuffle=, limit=, normalize=; see README)")
                .positional(1)
                .flag("--out", null, "write x (float64 n x d) and y (int64 n) to this npz file (atomically)")
                .flagSwitch("--compress", "deflate the npz entries (np.savez_compressed) instead of storing them")
                .flag("--linf", "auto", "compute the l-infinity min distance: yes, no, or auto (when n^2 d / 2 <= "
                        + String.format(java.util.Locale.ROOT, "%.0e", DataSummary.LINF_BUDGET) + ")");
    }

    @Override
    public int run(Options.Parsed args, Console console) throws Exception {
        if (args.positional().isEmpty()) {
            throw new IllegalArgumentException("data needs a SPEC, e.g. advtrain data digits,normalize=sphere (see --help)");
        }
        String linfMode = args.get("--linf");
        if (!linfMode.equals("yes") && !linfMode.equals("no") && !linfMode.equals("auto")) {
            throw new IllegalArgumentException("--linf must be yes, no or auto, got '" + linfMode + "'");
        }
        DataSpec spec = DataSpec.parse(args.positional().get(0));
        Dataset ds = spec.load();
        boolean linf = linfMode.equals("yes") || (linfMode.equals("auto") && DataSummary.linfAffordable(ds));
        try (Parallel par = console.newParallel()) {
            for (String line : DataSummary.of(ds, par, linf).lines()) {
                console.out().println(line);
            }
        }
        if (args.given("--out")) {
            Path out = Path.of(args.get("--out"));
            long[] y = new long[ds.n()];
            for (int i = 0; i < y.length; i++) {
                y[i] = ds.y()[i];
            }
            Map<String, NdArray> arrays = new LinkedHashMap<>();
            arrays.put("x", NdArray.ofDoubles(ds.x(), ds.n(), ds.d()));
            arrays.put("y", NdArray.ofLongs(y, ds.n()));
            Npz.write(out, arrays, args.isSet("--compress"));
            console.out().println("wrote        " + out + "  (x: float64[" + ds.n() + ", " + ds.d() + "], y: int64[" + ds.n() + "])");
        }
        return 0;
    }
}
