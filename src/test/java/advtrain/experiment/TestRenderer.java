package advtrain.experiment;

/** A deterministic stand-in renderer for framework tests: lists the plot's numbers in an SVG comment. */
final class TestRenderer implements PlotRenderer {

    @Override
    public String svg(Plot plot) {
        StringBuilder sb = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\"><!--").append(plot.title());
        for (Plot.Series s : plot.series()) {
            for (int i = 0; i < s.x().length; i++) {
                sb.append(' ').append(Num.exact(s.x()[i])).append(':').append(Num.exact(s.y()[i]));
            }
        }
        return sb.append("--></svg>\n").toString();
    }
}
