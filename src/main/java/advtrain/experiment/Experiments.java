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

    /**
     * {@code all} or a comma-separated list of names, in registry order (so the index report of a run and of
     * its merged shards list them alike); unknown names are an error listing the known ones.
     */
    public static List<Experiment> select(String spec) {
        if (spec.equals("all")) {
            return all();
        }
        List<String> wanted = new ArrayList<>();
        for (String n : spec.split(",")) {
            if (byName(n.trim()) == null) {
                throw new IllegalArgumentException("unknown experiment '" + n.trim() + "' (known: " + names() + ", or all)");
            }
            wanted.add(n.trim());
        }
        List<Experiment> out = new ArrayList<>();
        for (Experiment e : all()) {
            if (wanted.contains(e.name())) {
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
