package advtrain.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import advtrain.data.NdArray;
import advtrain.data.Npz;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against numpy (LAPACK syevd, numpy's hermegauss): fixtures written by tools/make-theory-fixtures.py. */
class NumpyReferenceTest {

    static Map<String, NdArray> reference() throws Exception {
        return Npz.read(Path.of(NumpyReferenceTest.class.getResource("/fixtures/theory/reference.npz").toURI()));
    }

    /** The fixture's matrix rebuilt from its formula; eigenvalues within 37 * 4 eps * ||A||_2 (about 10) of LAPACK's. */
    @Test
    void eigenvaluesMatchLapack() throws Exception {
        Map<String, NdArray> ref = reference();
        int n = 37;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = Math.sin(i + 2.0 * j) + Math.sin(j + 2.0 * i) + (i == j ? i / 10.0 : 0.0);
            }
        }
        double[] stored = ref.get("sym").doubles();
        for (int i = 0; i < n * n; i++) {
            assertEquals(stored[i], a[i], 4 * 0x1p-52, "fixture entry " + i);
        }
        double[] want = ref.get("sym_eig").doubles();
        double[] got = SymmetricEigen.eigenvalues(stored, 0, n);
        double bound = n * 4 * 0x1p-52 * 10.0 * 10;
        for (int i = 0; i < n; i++) {
            assertEquals(want[i], got[i], bound, "eigenvalue " + i);
        }
    }

    /** Nodes and N(0, 1) weights of orders 5, 20, 60 agree with numpy to 1e-13 (nodes up to ~11) and 1e-15 relative-ish. */
    @Test
    void gaussHermiteMatchesNumpy() throws Exception {
        Map<String, NdArray> ref = reference();
        for (int order : new int[] {5, 20, 60}) {
            double[] nodes = ref.get("gh" + order + "_nodes").doubles();
            double[] weights = ref.get("gh" + order + "_weights").doubles();
            GaussHermite gh = GaussHermite.of(order);
            for (int i = 0; i < order; i++) {
                assertEquals(nodes[i], gh.node(i), 1e-13 * Math.max(1, Math.abs(nodes[i])), "order " + order + " node " + i);
                assertEquals(weights[i], gh.weight(i), 1e-13 * weights[i] + 1e-17, "order " + order + " weight " + i);
            }
        }
    }
}
