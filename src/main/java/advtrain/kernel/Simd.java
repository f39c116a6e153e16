package advtrain.kernel;

/**
 * The one decision point between the Vector API kernels and the scalar ones, made once at class
 * initialisation: the vector path when the module {@code jdk.incubator.vector} is in the boot layer
 * and the system property {@code advtrain.simd} is not {@code false}; the scalar path otherwise.
 * Callers never branch on the path; they call {@link #kernels()}.
 */
public final class Simd {

    private static final VectorKernels SCALAR = new ScalarKernels();
    private static final VectorKernels VECTOR = loadVector();
    private static final VectorKernels SELECTED =
            VECTOR != null && !"false".equalsIgnoreCase(System.getProperty("advtrain.simd", "true")) ? VECTOR : SCALAR;

    private Simd() {
    }

    private static VectorKernels loadVector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            return (VectorKernels) Class.forName("advtrain.kernel.PanamaKernels")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** The kernels this JVM uses. */
    public static VectorKernels kernels() {
        return SELECTED;
    }

    /** The scalar kernels (always available; the reference for tests). */
    public static VectorKernels scalar() {
        return SCALAR;
    }

    /** The vector kernels, or {@code null} when the module is absent (whatever the switch says). */
    public static VectorKernels vector() {
        return VECTOR;
    }

    /** {@code scalar} or {@code vector-<bits>} for reports and {@code --version}. */
    public static String describe() {
        return SELECTED.name();
    }
}
