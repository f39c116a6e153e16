package advtrain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.Version;
import advtrain.data.NdArray;
import advtrain.data.Npz;
import advtrain.kernel.Parallel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelIOTest {

    @TempDir
    Path dir;

    private static void assertSameModel(Network a, Network b) {
        assertEquals(a.kind(), b.kind());
        assertEquals(ModelMeta.of(a), ModelMeta.of(b));
        assertArrayEquals(a.params(), b.params(), 0.0);
        assertArrayEquals(a.initialParams(), b.initialParams(), 0.0);
        int batch = 3;
        double[] x = TestNets.inputs(batch, a.inputDim(), 4);
        Workspace wa = a.newWorkspace(batch, Parallel.serial());
        Workspace wb = b.newWorkspace(batch, Parallel.serial());
        a.forward(wa, x, 0, batch);
        b.forward(wb, x, 0, batch);
        assertArrayEquals(wa.output(), wb.output(), 0.0, "same outputs after the round trip");
    }

    @Test
    void writeThenReadGivesTheSameModelBitForBit() throws IOException {
        Network[] nets = {
            TestNets.deep(5, 6, 3, 1, -7),
            TestNets.deep(4, 5, 1, 3, Long.MAX_VALUE),
            TestNets.twoLayer(3, 8, 1, Activation.QUADRATIC_RELU, 3),
            TestNets.twoLayer(3, 4, 2, Activation.GELU, 0),
        };
        for (Network net : nets) {
            Path f = dir.resolve("model.npz");
            ModelIO.write(f, net);
            Network back = ModelIO.read(f);
            assertSameModel(net, back);
            Map<String, NdArray> z = Npz.read(f);
            ModelMeta meta = ModelMeta.parse(z.get(ModelIO.META).text(), "test");
            assertEquals(Version.VERSION, meta.version());
            if (net instanceof DeepReluNet deep) {
                assertArrayEquals(deep.inputMatrix(), ((DeepReluNet) back).inputMatrix(), 0.0);
                assertArrayEquals(deep.outputWeights(), ((DeepReluNet) back).outputWeights(), 0.0);
                assertEquals(deep.seed(), ((DeepReluNet) back).seed());
                assertArrayEquals(deep.outputDim() == 1 ? new int[] {6} : new int[] {3, 5}, z.get("a").shape());
                assertTrue(z.containsKey("W" + deep.depth() + "_init"));
            } else {
                assertEquals(((TwoLayerNet) net).activation(), ((TwoLayerNet) back).activation());
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files are left behind");
        }
    }

    @Test
    void readsModelFilesWrittenByNumpy() throws Exception {
        Path deepFile = Path.of(getClass().getResource("/fixtures/model/numpy_model_deep.npz").toURI());
        DeepReluNet deep = (DeepReluNet) ModelIO.read(deepFile);
        Map<String, NdArray> z = Npz.read(deepFile);
        assertEquals(12345678901L, deep.seed());
        assertEquals(2, deep.depth());
        assertArrayEquals(z.get("W2").doubles(), java.util.Arrays.copyOfRange(deep.params(), deep.layerOffset(2),
                deep.layerOffset(2) + 16), 0.0);
        assertArrayEquals(z.get("W1_init").doubles(), java.util.Arrays.copyOfRange(deep.initialParams(), 0, 16), 0.0);
        assertArrayEquals(z.get("A").doubles(), deep.inputMatrix(), 0.0);
        TwoLayerNet two = (TwoLayerNet) ModelIO.read(Path.of(getClass().getResource("/fixtures/model/numpy_model_two.npz").toURI()));
        assertEquals(Activation.GELU, two.activation());
        assertEquals(-5L, two.seed());
        assertEquals(1, two.outputDim());
    }

    /** Writes a copy of a valid deep model file with one change, and reads it back expecting an error. */
    private String errorAfter(java.util.function.Consumer<Map<String, NdArray>> change) throws IOException {
        Path good = dir.resolve("good.npz");
        ModelIO.write(good, DeepReluNet.init(3, 4, 2, 2, 1));
        Map<String, NdArray> z = new LinkedHashMap<>(Npz.read(good));
        change.accept(z);
        Path bad = dir.resolve("bad.npz");
        Npz.write(bad, z, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelIO.read(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void badFilesFailNamingTheArrayAndTheExpectedAndFoundValues() throws IOException {
        String msg = errorAfter(z -> z.remove("W2_init"));
        assertTrue(msg.contains("missing array 'W2_init'") && msg.contains("H=2"), msg);
        msg = errorAfter(z -> z.put("W1", NdArray.ofDoubles(new double[12], 4, 3)));
        assertTrue(msg.contains("'W1'") && msg.contains("expected shape [4, 4]") && msg.contains("found [4, 3]"), msg);
        msg = errorAfter(z -> z.put("a", NdArray.ofDoubles(new double[4], 4)));
        assertTrue(msg.contains("'a'") && msg.contains("[2, 4]") && msg.contains("found [4]"), msg);
        msg = errorAfter(z -> z.put("A", NdArray.ofLongs(new long[12], 4, 3)));
        assertTrue(msg.contains("'A'") && msg.contains("expected float64") && msg.contains("int64"), msg);
        msg = errorAfter(z -> z.remove(ModelIO.META));
        assertTrue(msg.contains("missing array 'meta.json'"), msg);
        msg = errorAfter(z -> z.put(ModelIO.META, NdArray.ofString(z.get(ModelIO.META).text().replace("\"deep\"", "\"wide\""))));
        assertTrue(msg.contains("kind") && msg.contains("\"wide\""), msg);
        msg = errorAfter(z -> z.put(ModelIO.META, NdArray.ofString(z.get(ModelIO.META).text().replace("\"relu\"", "\"tanh\""))));
        assertTrue(msg.contains("relu") && msg.contains("\"tanh\""), msg);
        msg = errorAfter(z -> z.put(ModelIO.META, NdArray.ofString("{\"kind\": \"deep\", \"m\": 4}")));
        assertTrue(msg.contains("meta.json") && msg.contains("missing key \"d\""), msg);
        msg = errorAfter(z -> z.put(ModelIO.META, NdArray.ofString("{\"kind\": \"deep\", \"m\": \"four\"}")));
        assertTrue(msg.contains("\"m\" must be an integer"), msg);
        msg = errorAfter(z -> z.put(ModelIO.META, NdArray.ofString("[1, 2]")));
        assertTrue(msg.contains("expected '{'"), msg);
    }

    @Test
    void twoLayerFileWithUnpairedSignsIsRejected() throws IOException {
        Path good = dir.resolve("two.npz");
        ModelIO.write(good, TwoLayerNet.init(3, 4, 1, Activation.TANH, 1));
        Map<String, NdArray> z = new LinkedHashMap<>(Npz.read(good));
        z.put("a", NdArray.ofDoubles(new double[] {1, 1, 1, 1}, 4));
        Path bad = dir.resolve("bad-two.npz");
        Npz.write(bad, z, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelIO.read(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()) && e.getMessage().contains("a'_r = -a_r"), e.getMessage());
    }

    @Test
    void metaJsonRoundTripsThroughItsText() {
        ModelMeta m = new ModelMeta("two-layer", 8, 3, 1, 2, "quadratic-relu", -9_000_000_000L, "0.1.0");
        assertEquals(m, ModelMeta.parse(m.toJson(), "t"));
        assertEquals(m, ModelMeta.parse(" {\n \"version\":\"0.1.0\",\"seed\":-9000000000,\"activation\":\"quadratic-relu\","
                + "\"k\":2,\"H\":1,\"d\":3,\"m\":8,\"kind\":\"two-layer\", \"extra\": \"x\\u0041\"} ", "t"));
    }
}
