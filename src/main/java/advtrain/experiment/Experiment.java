package advtrain.experiment;

import advtrain.kernel.Parallel;
import java.util.List;

/**
 * One of the paper's claims as a runnable experiment: a deterministic list of sweep points fixed by the
 * {@link Settings}, a measurement per point (a row of numbers), and an analysis of the whole table
 * that states the claim, draws the figures and gives a verdict.
 *
 * <p>Contract: {@link #points} depends only on the settings; {@link #measure} depends only on the point
 * and the settings (its randomness keyed by the point's seed), giving the same numbers for any thread
 * count of {@code par}; {@link #analyze} depends only on the table.
 */
public interface Experiment {

    /** The name on the command line, e.g. {@code convergence}. */
    String name();

    /** One line: what is measured. */
    String title();

    /** The paper's statement being checked, with its section/theorem, as markdown. */
    String claim();

    /** Seeds used when {@code --seeds} is not given. */
    int defaultSeeds(Settings.Size size);

    /** The sweep, in a fixed order. */
    List<Point> points(Settings settings);

    /** The measured columns, in CSV order (after the point's parameters). */
    List<String> metrics();

    /** The fixed configuration as markdown (data, network, training, attacks), for the report. */
    String setup(Settings settings);

    /** Relative cost of a point (for the time-left estimate); only ratios matter. */
    default double cost(Point point, Settings settings) {
        return 1.0;
    }

    /** Null when the experiment can run here; otherwise why not and how to make it possible. */
    default String unavailable() {
        return null;
    }

    /** Measures one point. */
    Measurement measure(Point point, Settings settings, Parallel par) throws Exception;

    /** Checks the claims on the complete table of points (columns: point, parameters, metrics). */
    Analysis analyze(Table table, Settings settings);
}
