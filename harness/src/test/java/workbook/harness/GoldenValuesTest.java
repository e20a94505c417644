package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sums written down as literals, so that the generator and the oracle cannot drift together.
 *
 * <p>Every other test compares the workbook with itself: a strategy with the oracle, the oracle
 * with {@code Workload}. If a change broke the scaling in both, or the oracle came to call
 * {@code Workload}, they would still agree. These values were computed once, outside the
 * workbook, by a separate program that shares no code with it: SplitMix64 as published (state
 * advanced by 0x9E3779B97F4A7C15, Stafford's Mix13 output function, as in Vigna's
 * {@code splitmix64.c}), each raw value scaled as {@code lo + floor((raw >>> 32) * (hi - lo + 1) / 2^32)}
 * and summed with arbitrary-precision integers. The raw values of seed 1234567 are the ones the
 * reference C program prints.
 */
class GoldenValuesTest {

    @ParameterizedTest(name = "n={0} seed={1} in [{2}, {3}]: {4}")
    @CsvSource({
        // the README's example
        "1000003, 20261126, -3, 17, 7010996",
        // the full int range: the wrap-around of lo + offset must land exactly
        "100003, 7, -2147483648, 2147483647, -120473234881",
        // only negative numbers
        "10001, 20261126, -100, -1, -510016",
        // odd seeds
        "4099, -9223372036854775808, 0, 10, 20520",
        "4099, 9223372036854775807, 0, 10, 20601",
        "4099, -1, 0, 10, 20402",
        "4099, 1234567, 0, 10, 20636",
        // tails: nothing, one number, a few
        "0, 5, 0, 10, 0",
        "1, 5, 0, 10, 4",
        "17, 99, -50, 50, -132",
        "64, 3, 0, 10, 321",
        // the tutorial's range at a million numbers, the default seed
        "1000000, 42, 0, 10, 5002298"
    })
    void theOracleAndTheWorkloadGiveTheSumComputedOutsideTheWorkbook(long n, long seed, int lo, int hi, long expected) {
        Workload workload = new Workload(n, seed, lo, hi);
        assertEquals(expected, Oracle.sum(workload), "the oracle (JDK SplittableRandom)");
        assertEquals(expected, workload.sumAll(), "Workload.sumRange, the parallel lessons' loop");
        long jumping = 0;
        for (long index = 0; index < n; index++) {
            jumping += workload.valueAt(index);
        }
        assertEquals(expected, jumping, "Workload.valueAt, one position at a time");
    }

    @ParameterizedTest(name = "raw value {0} of seed 1234567")
    @CsvSource({"0, 6457827717110365317", "1, 3203168211198807973", "2, -8629252141511181193"})
    void theRawValuesAreSplitMix64sReferenceOutput(long index, long expected) {
        assertEquals(expected, Workload.of(3, 1234567).rawAt(index));
    }

    /*
     * The oracle reads only n, the seed and the range, through the JDK's own generator: a workload
     * that throws at one index cannot reach it. An oracle computed through the workload's values
     * (valueAt, sumRange) would throw here, and would drift with any change to them.
     */
    @Test
    void theOracleDoesNotGoThroughTheWorkloadsValues() {
        Workload workload = new Workload(1000, 42, -5, 5);
        assertEquals(Oracle.sum(workload), Oracle.sum(workload.failingAt(500)));
        assertThrows(Workload.InjectedFault.class, () -> workload.failingAt(500).sumAll());
    }
}
