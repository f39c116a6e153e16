package advtrain.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an experiment's point list in a fixed order, numbering points 0, 1, 2, ... as they are added.
 * Every point must have the same parameter names in the same order (they become CSV columns).
 * Arguments alternate name and value: {@code add("width", 64, "seed", 0)}; numbers are written with
 * {@link Num#exact(double)} (integers as integers).
 */
public final class PointList {

    private final List<Point> points = new ArrayList<>();

    public PointList add(Object... nameValue) {
        if (nameValue.length % 2 != 0) {
            throw new IllegalArgumentException("add() takes name, value pairs; got " + nameValue.length + " arguments");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            params.put((String) nameValue[i], text(nameValue[i + 1]));
        }
        if (!points.isEmpty() && !List.copyOf(points.get(0).params().keySet()).equals(List.copyOf(params.keySet()))) {
            throw new IllegalArgumentException("point " + points.size() + " has parameters " + params.keySet()
                    + ", the first point has " + points.get(0).params().keySet());
        }
        points.add(new Point(points.size(), params));
        return this;
    }

    static String text(Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        if (v instanceof Double || v instanceof Float) {
            return Num.exact(((Number) v).doubleValue());
        }
        return String.valueOf(v);
    }

    /** One point per value of {@code name} and seed 0..seeds-1 (parameters {@code name}, {@code seed}), values outer. */
    public static List<Point> withSeeds(String name, int[] values, int seeds) {
        PointList pl = new PointList();
        for (int v : values) {
            for (int seed = 0; seed < seeds; seed++) {
                pl.add(name, v, "seed", seed);
            }
        }
        return pl.build();
    }

    public List<Point> build() {
        return List.copyOf(points);
    }
}
