package advtrain.threat;

/**
 * What the norm balls intersected with a box share: the radius and the box (infinite bounds for no box),
 * checked once, and the centre check (a centre must lie in the box). Subclasses add the norm's geometry.
 */
abstract class BoxedBall implements PerturbationSet {

    protected final double eps;
    protected final double lo;
    protected final double hi;

    BoxedBall(double eps, double lo, double hi) {
        this.eps = SetSupport.checkEps(eps);
        SetSupport.checkBox(lo, hi);
        this.lo = lo;
        this.hi = hi;
    }

    @Override
    public final double eps() {
        return eps;
    }

    @Override
    public final double boxLo() {
        return lo;
    }

    @Override
    public final double boxHi() {
        return hi;
    }

    @Override
    public final void checkCentre(int d, double[] c, int cOff, int row) {
        SetSupport.checkInBox(d, c, cOff, row, lo, hi);
    }
}
