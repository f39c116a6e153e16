package advtrain.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import advtrain.random.RandomStream;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NumTest {

    @Test
    void exactRoundTripsEveryBitPattern() {
        RandomStream rs = RandomStream.of(7, "test.num");
        for (int i = 0; i < 3000; i++) {
            // every other draw a random bit pattern (any exponent), else a loss-like value in (0, 10)
            double v = i % 2 == 0 ? Double.longBitsToDouble(rs.nextLong()) : 10 * rs.nextDouble();
            if (Double.isNaN(v)) {
                continue;
            }
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Num.parse(Num.exact(v))), Num.exact(v));
        }
        for (double v : new double[] {0.1, 1.0 / 3, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, -2.5e17, 123456.0}) {
            assertEquals(v, Num.parse(Num.exact(v)));
        }
    }

    @Test
    void exactIsShortestAndReadable() {
        assertEquals("0.1", Num.exact(0.1));
        assertEquals("64", Num.exact(64.0));
        assertEquals("-0.5", Num.exact(-0.5));
        assertEquals("1e-7", Num.exact(1e-7));
        assertEquals("0.30000000000000004", Num.exact(0.1 + 0.2));
        assertEquals("nan", Num.exact(Double.NaN));
        assertEquals("-inf", Num.exact(Double.NEGATIVE_INFINITY));
        assertEquals("-0", Num.exact(-0.0));
    }

    @Test
    void formattingIgnoresTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("0.125", Num.exact(0.125));
            assertEquals("0.125", Num.fixed(0.125, 3));
            assertEquals("1.50e-07", Num.sig(1.5e-7, 3));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void parseNamesBadText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Num.parse("0,5"));
        assertEquals("not a number: '0,5'", e.getMessage());
    }
}
