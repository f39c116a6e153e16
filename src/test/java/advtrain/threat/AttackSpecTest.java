package advtrain.threat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttackSpecTest {

    @Test
    void toStringParsesBackToAnEqualSpec() {
        for (String s : List.of("pgd:norm=linf,eps=0.1,steps=20,step=0.025,restarts=2,random-start=true",
                "apgd:norm=l2,eps=0.5,steps=100", "apgd-dlr:eps=0.03,box=0,1", "ensemble:apgd-ce+apgd-dlr+pgd",
                "ensemble:fgsm+pgd+random,norm=l2,eps=0.2,steps=7,restarts=3,sphere=true", "identity", "random:restarts=5",
                "fgm:eps=0.25,box=-1,1.5", "fgsm", "pgd:sphere=true,eps=0.1", "pgd:random-start=false,box=0,1")) {
            AttackSpec a = AttackSpec.parse(s);
            AttackSpec b = AttackSpec.parse(a.toString());
            assertEquals(a, b, s + " -> " + a);
            assertEquals(a.toString(), b.toString());
            assertEquals(a.toString(), a.newAttack().toSpec());
        }
    }

    @Test
    void defaultsFollowTheLiterature() {
        AttackSpec pgd = AttackSpec.parse("pgd");
        assertEquals(Norm.LINF, pgd.norm());
        assertEquals(8.0 / 255, pgd.eps());
        assertEquals(10, pgd.steps());
        assertEquals(2.5 * (8.0 / 255) / 10, pgd.effectiveStep());
        assertTrue(pgd.randomStart());
        AttackSpec apgd = AttackSpec.parse("apgd:norm=l2");
        assertEquals("apgd-ce", apgd.name());
        assertEquals(0.5, apgd.eps());
        assertEquals(100, apgd.steps());
        assertEquals(Norm.L2, AttackSpec.parse("fgm").norm());
        assertEquals(Norm.L2, AttackSpec.parse("pgd:sphere=true").norm());
        assertEquals("pgd:norm=linf,eps=0.1,steps=20,step=0.025,restarts=2,random-start=true",
                AttackSpec.parse("pgd:norm=linf,eps=0.1,steps=20,step=0.025,restarts=2,random-start=true").toString());
    }

    @Test
    void ensembleMembersInheritNormEpsAndBudget() {
        AttackSpec e = AttackSpec.parse("ensemble:apgd-ce+apgd-dlr+pgd+fgsm,norm=l2,eps=0.3,box=0,1");
        assertEquals(4, e.members().size());
        for (AttackSpec m : e.members()) {
            assertEquals(Norm.L2, m.norm());
            assertEquals(0.3, m.eps());
            assertEquals(0.0, m.boxLo());
            assertEquals(1.0, m.boxHi());
        }
        assertEquals(100, e.members().get(0).steps());
        assertEquals(10, e.members().get(2).steps());
        assertEquals("fgm", e.members().get(3).name(), "the one-step attack follows the ensemble's norm");
        AttackSpec s = AttackSpec.parse("ensemble:apgd-ce+pgd,steps=25");
        assertEquals(25, s.members().get(0).steps());
        assertEquals(25, s.members().get(1).steps());
        assertEquals(0.2, AttackSpec.parse("ensemble:pgd+apgd-ce,eps=0.1").withEps(0.2).members().get(1).eps());
    }

    @Test
    void withEpsRescalesTheDefaultStepAndKeepsAnExplicitOne() {
        assertEquals(2.5 * 0.2 / 10, AttackSpec.parse("pgd:eps=0.1").withEps(0.2).effectiveStep(), 1e-17);
        assertEquals(0.01, AttackSpec.parse("pgd:eps=0.1,step=0.01").withEps(0.2).effectiveStep());
    }

    private static void assertBad(String spec, String field) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttackSpec.parse(spec));
        assertTrue(e.getMessage().contains(field), "'" + e.getMessage() + "' should name " + field);
        assertTrue(e.getMessage().contains(spec), "'" + e.getMessage() + "' should quote the spec");
    }

    @Test
    void badSpecsFailNamingTheField() {
        assertBad("pgx:eps=0.1", "unknown attack 'pgx'");
        assertBad("pgd:eps=-0.1", "eps");
        assertBad("pgd:eps=abc", "eps");
        assertBad("pgd:steps=0", "steps");
        assertBad("apgd:steps=-3", "steps");
        assertBad("pgd:norm=l3", "norm");
        assertBad("pgd:restarts=0", "restarts");
        assertBad("pgd:restarts=3,random-start=false", "restarts");
        assertBad("pgd:step=0", "step");
        assertBad("pgd:box=1,0", "box");
        assertBad("pgd:box=0", "box");
        assertBad("pgd:norm=linf,sphere=true", "sphere");
        assertBad("pgd:norm=l2,sphere=true,box=0,1", "sphere");
        assertBad("fgsm:norm=l2", "norm");
        assertBad("fgm:steps=3", "steps");
        assertBad("identity:eps=0.1", "eps");
        assertBad("pgd:eps=0.1,eps=0.2", "eps");
        assertBad("pgd:colour=red", "colour");
        assertBad("ensemble:pgd+nope", "members");
        assertBad("ensemble:eps=0.1", "members");
        assertBad("ensemble:pgd+ensemble", "members");
        assertBad("pgd:random-start=maybe", "random-start");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttackSpec.parse(""));
        assertTrue(e.getMessage().contains("empty"));
    }

    /** Passes per sample, counted by hand from each attack's loop (forwards + backwards). */
    @Test
    void passesCountForwardsAndBackwardsPerSample() {
        assertEquals(1, AttackSpec.parse("identity").passes());
        assertEquals(3, AttackSpec.parse("random:eps=0.1,restarts=3").passes());
        assertEquals(3, AttackSpec.parse("fgsm:eps=0.1").passes());
        assertEquals(2 * (2 * 10 + 1), AttackSpec.parse("pgd:eps=0.1,steps=10,restarts=2").passes());
        assertEquals(2 * 5 + 1, AttackSpec.parse("apgd-ce:eps=0.1,steps=5").passes());
        assertEquals(2 * 5 + 1 + 1, AttackSpec.parse("apgd-dlr:eps=0.1,steps=5").passes());
        assertEquals((2 * 4 + 1) + 3, AttackSpec.parse("ensemble:pgd+fgsm,eps=0.1,steps=4").passes());
    }
}
