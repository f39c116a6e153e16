package advtrain.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a sweep: its position {@code index} in the experiment's fixed point list and its
 * parameters by name (in column order), e.g. {@code width=256, seed=1}. Values are text as they appear
 * in the CSV.
 */
public record Point(int index, Map<String, String> params) {

    public Point {
        if (index < 0) {
            throw new IllegalArgumentException("point index must be >= 0, got " + index);
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("point " + index + " has no parameter '" + name + "' (has " + params.keySet() + ")");
        }
        return v;
    }

    public int intParam(String name) {
        return Integer.parseInt(param(name));
    }

    public long longParam(String name) {
        return Long.parseLong(param(name));
    }

    public double doubleParam(String name) {
        return Num.parse(param(name));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("#").append(index);
        params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }
}
