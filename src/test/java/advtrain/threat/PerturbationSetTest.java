package advtrain.threat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import advtrain.random.RandomStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerturbationSetTest {

    static final double TOL = PerturbationSet.TOLERANCE;

    /** A centre on the unit sphere with all coordinates in (0, 1) (so it also lies in the box [0, 1]). */
    static double[] centre(long seed, int d) {
        double[] c = new double[d];
        RandomStream rs = RandomStream.of(seed, "test.centre");
        double s = 0;
        for (int i = 0; i < d; i++) {
            c[i] = 0.05 + rs.nextDouble();
            s += c[i] * c[i];
        }
        for (int i = 0; i < d; i++) {
            c[i] /= Math.sqrt(s);
        }
        double n = Math.sqrt(SetSupport.K.sumSquares(d, c, 0, null, 0));
        SetSupport.K.scale(d, 1.0 / n, c, 0);
        return c;
    }

    static List<PerturbationSet> sets() {
        double inf = Double.POSITIVE_INFINITY;
        return List.of(new LinfBall(0.1, -inf, inf), new LinfBall(0.1, 0, 1), new L2Ball(0.3),
                new L2BoxBall(0.3, 0, 1), new SphereCap(0.3), new SphereCap(1.7));
    }

    static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    /**
     * For every set: the projection lies in the set, is idempotent to rounding, and no sampled point of the set
     * is closer to z (1e-12 slack covers rounding in d = 13 coordinates of size <= 3).
     */
    @Test
    void projectionIsInsideIdempotentAndNearestAmongSampledPoints() {
        int d = 13;
        for (PerturbationSet set : sets()) {
            for (int trial = 0; trial < 10; trial++) {
                double[] c = centre(trial, d);
                double[] z = new double[d];
                RandomStream rs = RandomStream.of(trial, "test.z");
                rs.fillGaussian(z, 0, d, trial < 5 ? 0.5 : 0.05);
                for (int i = 0; i < d; i++) {
                    z[i] += c[i];
                }
                double[] p = z.clone();
                set.project(d, p, 0, c, 0);
                assertTrue(set.contains(d, p, 0, c, 0, TOL), set.describe() + " trial " + trial);
                double[] pp = p.clone();
                set.project(d, pp, 0, c, 0);
                assertArrayEquals(p, pp, 1e-14, set.describe());
                double best = dist(z, p);
                double[] q = new double[d];
                RandomStream qs = RandomStream.of(trial, "test.q");
                for (int s = 0; s < 500; s++) {
                    set.sample(d, c, 0, qs, q, 0);
                    assertTrue(dist(z, q) >= best - 1e-12, set.describe() + ": a sampled point is closer than the projection");
                }
            }
        }
    }

    /** Variational inequality of a convex projection: (z - p).(q - p) <= 0 for every q in the set. */
    @Test
    void convexProjectionsSatisfyTheVariationalInequality() {
        int d = 9;
        for (PerturbationSet set : sets()) {
            if (set.sphere()) {
                continue;
            }
            double[] c = centre(5, d);
            double[] z = new double[d];
            RandomStream.of(5, "test.vi").fillGaussian(z, 0, d, 1.0);
            double[] p = z.clone();
            set.project(d, p, 0, c, 0);
            double[] q = new double[d];
            RandomStream qs = RandomStream.of(5, "test.vi.q");
            for (int s = 0; s < 5000; s++) {
                set.sample(d, c, 0, qs, q, 0);
                double ip = 0;
                for (int i = 0; i < d; i++) {
                    ip += (z[i] - p[i]) * (q[i] - p[i]);
                }
                assertTrue(ip <= 1e-12, set.describe() + ": (z-p).(q-p) = " + ip);
            }
        }
    }

    /** Dykstra's alternating projections (ball, box), run to convergence, agree with the exact bisection. */
    @Test
    void l2BoxProjectionMatchesDykstra() {
        int d = 17;
        L2BoxBall set = new L2BoxBall(0.25, 0, 1);
        for (int trial = 0; trial < 10; trial++) {
            double[] c = centre(100 + trial, d);
            c[0] = 0;      // on a face of the box, like a black pixel
            c[1] = 1;
            double[] z = new double[d];
            RandomStream.of(trial, "test.dyk").fillGaussian(z, 0, d, 0.4);
            for (int i = 0; i < d; i++) {
                z[i] += c[i];
            }
            double[] exact = z.clone();
            set.project(d, exact, 0, c, 0);
            double[] xk = z.clone();
            double[] pk = new double[d];
            double[] qk = new double[d];
            double[] yk = new double[d];
            for (int it = 0; it < 20000; it++) {
                for (int i = 0; i < d; i++) {
                    yk[i] = xk[i] + pk[i];
                }
                double[] yb = yk.clone();
                L2Ball.projectBall(d, yb, 0, c, 0, 0.25);
                for (int i = 0; i < d; i++) {
                    pk[i] = yk[i] - yb[i];
                    double w = yb[i] + qk[i];
                    xk[i] = Math.min(Math.max(w, 0), 1);
                    qk[i] = w - xk[i];
                }
            }
            assertArrayEquals(xk, exact, 1e-9, "trial " + trial);
        }
    }

    @Test
    void l2BoxProjectionOfAnInsidePointIsTheClampAndExact() {
        double[] c = {0.5, 0.0, 1.0};
        double[] z = {0.55, -0.3, 1.02};
        new L2BoxBall(0.1, 0, 1).project(3, z, 0, c, 0);
        assertArrayEquals(new double[] {0.55, 0.0, 1.0}, z, 0.0);
    }

    /** The cap's degenerate cases: z = 0 gives c; z anti-parallel to c gives a boundary point; z = c gives c. */
    @Test
    void capProjectionHandlesZeroParallelAndAntiParallelInputs() {
        int d = 5;
        double[] c = centre(3, d);
        SphereCap cap = new SphereCap(0.4);
        double[] z = new double[d];
        cap.project(d, z, 0, c, 0);
        assertArrayEquals(c, z, 0.0);
        double[] par = c.clone();
        SetSupport.K.scale(d, 3.0, par, 0);
        cap.project(d, par, 0, c, 0);
        assertArrayEquals(c, par, 1e-15);
        double[] anti = c.clone();
        SetSupport.K.scale(d, -2.0, anti, 0);
        cap.project(d, anti, 0, c, 0);
        assertTrue(cap.contains(d, anti, 0, c, 0, TOL));
        assertEquals(0.4, dist(anti, c), 1e-12, "anti-parallel input goes to the cap's boundary");
    }

    /** A point outside the cap goes to the boundary circle in the plane of c and z: distance eps, coplanar. */
    @Test
    void capProjectionOfAFarPointIsTheBoundaryPointInThePlane() {
        int d = 6;
        double[] c = centre(8, d);
        double[] z = new double[d];
        RandomStream.of(8, "test.far").fillGaussian(z, 0, d, 1.0);
        double[] p = z.clone();
        SphereCap cap = new SphereCap(0.2);
        cap.project(d, p, 0, c, 0);
        assertEquals(0.2, dist(p, c), 1e-12);
        assertEquals(1.0, Math.sqrt(SetSupport.K.sumSquares(d, p, 0, null, 0)), 1e-14);
        // p = alpha c + beta z: the residual of p after projecting onto span{c, z} vanishes
        double cz = SetSupport.K.dot(d, c, 0, z, 0);
        double zz = SetSupport.K.dot(d, z, 0, z, 0);
        double pc = SetSupport.K.dot(d, p, 0, c, 0);
        double pz = SetSupport.K.dot(d, p, 0, z, 0);
        double det = zz - cz * cz;
        double alpha = (pc * zz - pz * cz) / det;
        double beta = (pz - pc * cz) / det;
        for (int i = 0; i < d; i++) {
            assertEquals(p[i], alpha * c[i] + beta * z[i], 1e-12);
        }
        assertTrue(beta > 0, "on the side of z");
    }

    /** Uniform in the l2 ball: (r / eps)^d is uniform on [0, 1], so its mean is 1/2 (5 standard errors). */
    @Test
    void l2BallSamplesAreUniformInRadius() {
        int d = 7;
        int n = 10000;
        double[] c = centre(1, d);
        double[] q = new double[d];
        L2Ball ball = new L2Ball(0.3);
        RandomStream rs = RandomStream.of(1, "test.l2u");
        double s = 0;
        for (int i = 0; i < n; i++) {
            ball.sample(d, c, 0, rs, q, 0);
            assertTrue(ball.contains(d, q, 0, c, 0, TOL));
            s += Math.pow(dist(q, c) / 0.3, d);
        }
        assertEquals(0.5, s / n, 5 * Math.sqrt(1.0 / 12 / n));
    }

    /**
     * Uniform on the cap. d = 3: by Archimedes the height x'.c is uniform on [cos theta, 1], so its mean is
     * (1 + cos theta) / 2 and its variance (1 - cos theta)^2 / 12. d = 10: the mean height agrees with rejection
     * sampling from the uniform sphere (5 combined standard errors).
     */
    @Test
    void capSamplesAreUniformOnTheCap() {
        int n = 5000;
        double eps = 1.2;
        double cosT = 1 - eps * eps / 2;
        double[] c3 = centre(2, 3);
        double[] q = new double[3];
        SphereCap cap = new SphereCap(eps);
        RandomStream rs = RandomStream.of(2, "test.cap3");
        double s = 0;
        for (int i = 0; i < n; i++) {
            cap.sample(3, c3, 0, rs, q, 0);
            assertTrue(cap.contains(3, q, 0, c3, 0, TOL));
            s += SetSupport.K.dot(3, q, 0, c3, 0);
        }
        double sd = (1 - cosT) / Math.sqrt(12);
        assertEquals((1 + cosT) / 2, s / n, 5 * sd / Math.sqrt(n));

        int d = 10;
        double[] c = centre(4, d);
        double[] p = new double[d];
        RandomStream rs2 = RandomStream.of(4, "test.cap10");
        double sumCap = 0;
        double sumSqCap = 0;
        for (int i = 0; i < n; i++) {
            cap.sample(d, c, 0, rs2, p, 0);
            double h = SetSupport.K.dot(d, p, 0, c, 0);
            sumCap += h;
            sumSqCap += h * h;
        }
        double sumRej = 0;
        int accepted = 0;
        RandomStream rs3 = RandomStream.of(4, "test.rej");
        while (accepted < n) {
            SetSupport.unitDirection(d, rs3, p, 0);
            if (dist(p, c) <= eps) {
                sumRej += SetSupport.K.dot(d, p, 0, c, 0);
                accepted++;
            }
        }
        double mean = sumCap / n;
        double var = sumSqCap / n - mean * mean;
        assertEquals(sumRej / n, mean, 5 * Math.sqrt(2 * var / n));
    }

    @Test
    void linfBoxSamplesCoverEachCoordinateInterval() {
        int d = 4;
        double[] c = {0.0, 0.5, 1.0, 0.95};
        LinfBall set = new LinfBall(0.1, 0, 1);
        double[] q = new double[d];
        double[] mean = new double[d];
        int n = 20000;
        RandomStream rs = RandomStream.of(6, "test.linf");
        for (int i = 0; i < n; i++) {
            set.sample(d, c, 0, rs, q, 0);
            assertTrue(set.contains(d, q, 0, c, 0, 0.0));
            for (int j = 0; j < d; j++) {
                mean[j] += q[j] / n;
            }
        }
        double[] expect = {0.05, 0.5, 0.95, 0.925};
        double[] width = {0.1, 0.2, 0.1, 0.15};
        for (int j = 0; j < d; j++) {
            assertEquals(expect[j], mean[j], 5 * width[j] / Math.sqrt(12 * n));
        }
    }

    @Test
    void centresOutsideTheBoxOrOffTheSphereAreRejectedNamingTheRow() {
        double[] c = {0.5, 1.5};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinfBall(0.1, 0, 1).checkCentre(2, c, 0, 41));
        assertTrue(e.getMessage().contains("row 41"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> new SphereCap(0.1).checkCentre(2, c, 0, 7));
        assertTrue(e2.getMessage().contains("row 7") && e2.getMessage().contains("sphere"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new L2Ball(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new LinfBall(0.1, 1, 0));
    }
}
