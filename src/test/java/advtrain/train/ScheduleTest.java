package advtrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void specsParseBackFromTheirString() {
        for (String s : new String[] {"constant:lr=0.05", "theory:eps=0.05", "theory:eps=0.1,c_alpha=2,c_t=0.5"}) {
            Schedule a = Schedule.parse(s);
            assertEquals(a, Schedule.parse(a.toString()), s);
        }
        assertEquals("theory:eps=0.05,c_alpha=1.0,c_t=1.0", Schedule.parse("theory:eps=0.05").toString());
    }

    /** Theorem 4.1 with c_α = c_T = 1: α = ε/(m H²), T = R²/(m ε α) = R² H² / ε². Corollary 5.1: α = ε, T = R²/ε². */
    @Test
    void theoryScheduleFollowsTheorem41AndCorollary51() {
        Schedule s = Schedule.parse("theory:eps=0.05");
        assertEquals(0.05 / (1024.0 * 4), s.stepSize("deep", 1024, 2), 1e-18);
        assertEquals(16.0 * 4 / 0.0025, s.theorySteps("deep", 1024, 2, 4.0), 1.0, "R^2 H^2 / eps^2 with R = 4, H = 2");
        assertEquals(0.05, s.stepSize("two-layer", 512, 1), 0.0);
        assertEquals(400, s.theorySteps("two-layer", 512, 1, 1.0), 1);
        Schedule c = Schedule.parse("theory:eps=0.05,c_alpha=2,c_t=3");
        assertEquals(2 * 0.05, c.stepSize("two-layer", 512, 1), 1e-15);
        assertEquals(600, c.theorySteps("two-layer", 512, 1, 1.0), 1, "T = c_T R^2 / (eps * c_alpha eps)");
    }

    @Test
    void badSpecsAndMissingRadiusNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedule.parse("theory:epsilon=1"));
        assertTrue(e.getMessage().contains("epsilon"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedule.parse("cosine:lr=1"));
        assertTrue(e.getMessage().contains("cosine"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Schedule.parse("theory:eps=0.1").theorySteps("deep", 64, 2, Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("--radius"), e.getMessage());
    }
}
