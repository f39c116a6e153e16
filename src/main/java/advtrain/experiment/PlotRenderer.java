package advtrain.experiment;

/** Draws a {@link Plot} as a standalone SVG document. */
@FunctionalInterface
public interface PlotRenderer {

    String svg(Plot plot);
}
