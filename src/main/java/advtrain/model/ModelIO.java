package advtrain.model;

import advtrain.data.NdArray;
import advtrain.data.Npz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model files: {@code model.npz}, loadable with {@code np.load}.
 * <ul>
 *   <li>deep net: {@code A} (m x d), {@code W1} .. {@code WH} (m x m), {@code a} (m for k = 1, else k x m),
 *       {@code W1_init} .. {@code WH_init}, {@code meta.json};</li>
 *   <li>two-layer net: {@code W} (m x d), {@code W_init}, {@code a} (m or k x m: the ±1 signs, the 1/sqrt(m)
 *       factor is not stored), {@code meta.json}.</li>
 * </ul>
 * {@code meta.json} is a 0-d string array holding {@link ModelMeta}'s JSON ({@code json.loads(str(z["meta.json"]))}).
 * All arrays are float64, C order. Writing is atomic (temporary file, then rename). Reading checks the metadata,
 * every required array's presence, dtype and shape, and fails with the file, the array, and expected vs found;
 * arrays it does not know are ignored.
 */
public final class ModelIO {

    /** The name of the metadata entry. */
    public static final String META = "meta.json";

    private ModelIO() {
    }

    /** Writes {@code net} (a {@link DeepReluNet} or {@link TwoLayerNet}) to {@code file} atomically. */
    public static void write(Path file, Network net) throws IOException {
        ModelMeta meta = ModelMeta.of(net);
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        int m = meta.m(), d = meta.d(), k = meta.k();
        if (net instanceof DeepReluNet deep) {
            arrays.put("A", NdArray.ofDoubles(deep.inputMatrix().clone(), m, d));
            for (int h = 1; h <= deep.depth(); h++) {
                arrays.put("W" + h, layer(deep.params(), deep.layerOffset(h), m));
            }
            arrays.put("a", outputArray(deep.outputWeights(), k, m));
            for (int h = 1; h <= deep.depth(); h++) {
                arrays.put("W" + h + "_init", layer(deep.initialParams(), deep.layerOffset(h), m));
            }
        } else {
            TwoLayerNet two = (TwoLayerNet) net;
            arrays.put("W", NdArray.ofDoubles(two.params().clone(), m, d));
            arrays.put("W_init", NdArray.ofDoubles(two.initialParams().clone(), m, d));
            arrays.put("a", outputArray(two.outputWeights(), k, m));
        }
        arrays.put(META, NdArray.ofString(meta.toJson()));
        Npz.write(file, arrays, false);
    }

    private static NdArray layer(double[] params, int off, int m) {
        return NdArray.ofDoubles(Arrays.copyOfRange(params, off, off + m * m), m, m);
    }

    private static NdArray outputArray(double[] a, int k, int m) {
        return k == 1 ? NdArray.ofDoubles(a.clone(), m) : NdArray.ofDoubles(a.clone(), k, m);
    }

    /** Reads a model file written by {@link #write} (or by numpy with the same arrays). */
    public static Network read(Path file) throws IOException {
        Map<String, NdArray> z = Npz.read(file);
        NdArray metaArray = z.get(META);
        if (metaArray == null) {
            throw new IllegalArgumentException(file + ": missing array '" + META + "' (not an advtrain model file?)");
        }
        if (metaArray.text() == null) {
            throw new IllegalArgumentException(file + ": array '" + META + "' must be a 0-d string, found "
                    + metaArray.describe());
        }
        ModelMeta meta = ModelMeta.parse(metaArray.text(), file + "[" + META + "]");
        int m = meta.m(), d = meta.d(), k = meta.k();
        int[] aShape = k == 1 ? new int[] {m} : new int[] {k, m};
        try {
            switch (meta.kind()) {
                case "deep" -> {
                    if (!meta.activation().equals("relu")) {
                        throw new IllegalArgumentException(file + "[" + META + "]: the deep net uses relu, found activation \""
                                + meta.activation() + "\"");
                    }
                    int depth = meta.depth();
                    double[] w = new double[depth * m * m];
                    double[] w0 = new double[depth * m * m];
                    for (int h = 1; h <= depth; h++) {
                        System.arraycopy(get(z, file, "W" + h, meta, m, m), 0, w, (h - 1) * m * m, m * m);
                        System.arraycopy(get(z, file, "W" + h + "_init", meta, m, m), 0, w0, (h - 1) * m * m, m * m);
                    }
                    return DeepReluNet.of(d, m, depth, k, meta.seed(), get(z, file, "A", meta, m, d),
                            get(z, file, "a", meta, aShape), w, w0);
                }
                case "two-layer" -> {
                    if (meta.depth() != 1) {
                        throw new IllegalArgumentException(file + "[" + META + "]: the two-layer net has H = 1, found H = "
                                + meta.depth());
                    }
                    Activation act = Activation.parse(meta.activation());
                    return TwoLayerNet.of(d, m, k, act, meta.seed(), get(z, file, "a", meta, aShape),
                            get(z, file, "W", meta, m, d), get(z, file, "W_init", meta, m, d));
                }
                default -> throw new IllegalArgumentException(file + "[" + META + "]: kind must be \"deep\" or \"two-layer\", found \""
                        + meta.kind() + "\"");
            }
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            throw msg != null && msg.startsWith(file.toString()) ? e : new IllegalArgumentException(file + ": " + msg, e);
        }
    }

    private static double[] get(Map<String, NdArray> z, Path file, String name, ModelMeta meta, int... shape) {
        NdArray a = z.get(name);
        String where = file + ": array '" + name + "'";
        if (a == null) {
            throw new IllegalArgumentException(file + ": missing array '" + name + "' (meta.json: kind=" + meta.kind()
                    + ", m=" + meta.m() + ", d=" + meta.d() + ", H=" + meta.depth() + ", k=" + meta.k() + ")");
        }
        if (a.dtype() != NdArray.DType.FLOAT64) {
            throw new IllegalArgumentException(where + ": expected float64, found " + a.describe());
        }
        if (!Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException(where + ": expected shape " + Arrays.toString(shape) + " (from meta.json m="
                    + meta.m() + ", d=" + meta.d() + ", k=" + meta.k() + "), found " + Arrays.toString(a.shape()));
        }
        return a.doubles();
    }
}
