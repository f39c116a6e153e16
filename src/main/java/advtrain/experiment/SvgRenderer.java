package advtrain.experiment;

import advtrain.report.SvgPlot;

/**
 * Draws a {@link Plot} with the engine's {@link SvgPlot} (the plotting class of run reports): error bars
 * at y +- err, reference lines dashed.
 */
public final class SvgRenderer implements PlotRenderer {

    @Override
    public String svg(Plot plot) {
        SvgPlot p = new SvgPlot(plot.title(), plot.xLabel(), plot.yLabel()).logX(plot.logX()).logY(plot.logY());
        for (Plot.Series s : plot.series()) {
            p.series(s.name(), s.x(), s.y());
            if (s.err() != null) {
                double[] lo = new double[s.x().length];
                double[] hi = new double[s.x().length];
                for (int i = 0; i < lo.length; i++) {
                    lo[i] = s.y()[i] - s.err()[i];
                    hi[i] = s.y()[i] + s.err()[i];
                }
                p.errors(lo, hi);
            }
        }
        for (Plot.Reference r : plot.references()) {
            p.hline(r.label(), r.y());
        }
        return p.render();
    }
}
