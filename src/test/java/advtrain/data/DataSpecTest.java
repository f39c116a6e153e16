package advtrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataSpecTest {

    @Test
    void toStringParsesBackToAnEqualSpec() {
        List<String> specs = List.of(
                "sphere:n=512,d=32,classes=2,sep=0.3,seed=7",
                "sphere:n=100,d=8,classes=3,label=linear,margin=0.25,split=test,normalize=none",
                "sphere:label=teacher,teacher=16",
                "npz:some/dir/data.npz",
                "npz:data.npz,x=inputs,y=targets,classes=0,6,limit=100",
                "idx:/data/mnist,split=train,shuffle=3,limit=1000,normalize=unit",
                "csv:path.csv,label=last",
                "csv:penguins.csv,label=species,header=yes,columns=bill_length_mm,bill_depth_mm,split=test",
                "digits",
                "digits:classes=0,6,normalize=sphere",
                "fashion-mnist:split=test,classes=0,2,9,normalize=standard");
        for (String s : specs) {
            DataSpec spec = DataSpec.parse(s);
            assertEquals(spec, DataSpec.parse(spec.toString()), s);
            assertEquals(s, spec.toString(), "canonical specs print as written");
        }
    }

    @Test
    void valuesAreCanonicalisedAndBuiltinsAcceptCommaForm() {
        assertEquals("sphere:n=512,sep=0.3,seed=7", DataSpec.parse("sphere:seed=007,sep=0.30,n=512").toString());
        assertEquals(DataSpec.parse("digits:classes=0,6"), DataSpec.parse("digits,classes=0,6"));
        assertEquals("sphere:sep=1.0E-5", DataSpec.parse("sphere:sep=1e-5").toString());
        assertEquals(DataSpec.parse("sphere:sep=1e-5"), DataSpec.parse(DataSpec.parse("sphere:sep=1e-5").toString()));
    }

    @Test
    void typedAccessorsAndDefaults() {
        DataSpec s = DataSpec.parse("digits:classes=0,6,limit=10,normalize=sphere");
        assertArrayEquals(new int[] {0, 6}, s.classSubset());
        assertEquals(10, s.limit());
        assertEquals(Normalization.SPHERE, s.normalize());
        assertEquals("all", s.split());
        DataSpec d = DataSpec.parse("digits");
        assertNull(d.classSubset());
        assertEquals(-1, d.limit());
        assertEquals(Normalization.NONE, d.normalize());
        assertNull(DataSpec.parse("sphere:classes=3").classSubset(), "sphere's classes is a count, not a subset");
        assertEquals("digits:classes=0,6,normalize=sphere", DataSpec.parse("digits,classes=0,6").with("normalize", "sphere").toString());
    }

    private static String error(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> DataSpec.parse(spec)).getMessage();
    }

    @Test
    void badSpecsNameTheSpecAndThePart() {
        String m = error("mnist:foo");
        assertTrue(m.contains("'mnist:foo'") && m.contains("unknown kind 'mnist'"), m);
        m = error("sphere:n=10,bogus=1");
        assertTrue(m.contains("unknown option 'bogus'") && m.contains("sphere:n=10,bogus=1"), m);
        assertTrue(error("sphere:n=ten").contains("n must be an integer >= 1, got 'ten'"));
        assertTrue(error("sphere:sep=-1").contains("sep must be a finite number >= 0"));
        assertTrue(error("sphere:n=5,7").contains("'7' is not KEY=VALUE"));
        assertTrue(error("digits:normalize=l2").contains("normalize must be sphere, unit, standard or none, got 'l2'"));
        assertTrue(error("digits:split=valid").contains("split must be all, train or test"));
        assertTrue(error("npz").contains("needs a path"));
        assertTrue(error("digits:limit=5,limit=6").contains("given twice"));
        assertTrue(error("digits:classes=0,x").contains("classes must be an integer"));
        assertTrue(error("csv:a.csv,header=maybe").contains("header must be auto, yes or no"));
        assertTrue(error("").contains("empty"));
    }
}
