package advtrain.experiment;

import java.util.ArrayList;
import java.util.List;

/** The registry of the paper's experiments, in the order {@code experiment all} runs them. */
public final class Experiments {

    private Experiments() {
    }

    /** Every experiment. */
    public static List<Experiment> all() {
        return List.of(
                new ConvergenceExperiment(),
                new LazyRegimeExperiment(),
                new AttackStrengthExperiment(),
                new ProjectionExperiment(),
                new TwoLayerSmoothExperiment(),
                new CapacityExperiment(),
                new NtkExperiment(),
                new FashionMnistExperiment());
    }

    /** The experiment called {@code name}, or null. */
    public static Experiment byName(String name) {
        for (Experiment e : all()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** {@code all} or a comma-separated list of names; unknown names are an error listing the known ones. */
    public static List<Experiment> select(String spec) {
        if (spec.equals("all")) {
            return all();
        }
        List<Experiment> out = new ArrayList<>();
        for (String n : spec.split(",")) {
            Experiment e = byName(n.trim());
            if (e == null) {
                throw new IllegalArgumentException("unknown experiment '" + n.trim() + "' (known: " + names() + ", or all)");
            }
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The names, comma-separated. */
    public static String names() {
        List<String> n = new ArrayList<>();
        for (Experiment e : all()) {
            n.add(e.name());
        }
        return String.join(", ", n);
    }
}
