package advtrain.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numbers measured at one point, by metric name, already as CSV text ({@link Num#exact}).
 * The metric names must be those the experiment declares in {@link Experiment#metrics()}.
 */
public final class Measurement {

    private final Map<String, String> values = new LinkedHashMap<>();

    public Measurement put(String metric, double value) {
        return putText(metric, Num.exact(value));
    }

    public Measurement put(String metric, long value) {
        return putText(metric, Long.toString(value));
    }

    /** A text cell (e.g. an attack spec); commas and quotes are escaped by the CSV writer. */
    public Measurement putText(String metric, String value) {
        if (values.putIfAbsent(metric, value) != null) {
            throw new IllegalArgumentException("metric '" + metric + "' measured twice");
        }
        return this;
    }

    public Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }
}
