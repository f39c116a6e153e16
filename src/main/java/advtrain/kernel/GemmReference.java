package advtrain.kernel;

/**
 * The naive triple loop GEMM: the reference for {@link Gemm}'s tests. It computes every element as
 * {@link Gemm} does (C scaled by beta, then one fma chain over k in order with alpha applied to A), so the
 * two agree bit for bit; its independence lies in the plain indexing, with no packing or tiling.
 */
public final class GemmReference {

    private GemmReference() {
    }

    /** {@code C = alpha * op(A) * op(B) + beta * C}, same arguments and validation as {@link Gemm}. */
    public static void gemm(Gemm.Op opA, Gemm.Op opB, int m, int n, int k, double alpha,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double beta, double[] c, int cOff, int ldc) {
        Gemm.validate(opA, opB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = cOff + i * ldc + j;
                double acc = beta == 0.0 ? 0.0 : beta == 1.0 ? c[ci] : beta * c[ci];
                if (alpha != 0.0) {
                    for (int p = 0; p < k; p++) {
                        double aip = opA == Gemm.Op.N ? a[aOff + i * lda + p] : a[aOff + p * lda + i];
                        double bpj = opB == Gemm.Op.N ? b[bOff + p * ldb + j] : b[bOff + j * ldb + p];
                        acc = Math.fma(alpha * aip, bpj, acc);
                    }
                }
                c[ci] = acc;
            }
        }
    }
}
