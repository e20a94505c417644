package workbook.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void decadesFromOneThousandToOneBillion() {
        assertEquals(
                List.of(1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L),
                Sizes.decades(1_000, 1_000_000_000));
    }

    @Test
    void endsThatAreNotDecadesAreKept() {
        assertEquals(List.of(500L, 1_000L, 10_000L, 30_000L), Sizes.decades(500, 30_000));
        assertEquals(List.of(1_000L), Sizes.decades(1_000, 1_000));
    }

    @Test
    void refusesBackwardsAndAbsurdRanges() {
        assertEquals(
                "--max-n must be at least --min-n (1e6), was 1e3",
                assertThrows(IllegalArgumentException.class, () -> Sizes.decades(1_000_000, 1_000))
                        .getMessage());
        assertEquals(
                "--min-n must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Sizes.decades(0, 1_000))
                        .getMessage());
        assertEquals(
                "--max-n must be at most 1e12, was 1e13",
                assertThrows(IllegalArgumentException.class, () -> Sizes.decades(1, 10_000_000_000_000L))
                        .getMessage());
    }

    @Test
    void labels() {
        assertEquals("1e9", Sizes.label(1_000_000_000));
        assertEquals("5e8", Sizes.label(500_000_000));
        assertEquals("1,234", Sizes.label(1_234));
        assertEquals("100", Sizes.label(100));
        assertEquals("7.1e4", Sizes.approximate(71_428.6));
        assertEquals("1.0e5", Sizes.approximate(99_990));
    }
}
