package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkloadTest {

    @Test
    void firstRawValueOfSeed1234567MatchesTheSplitMix64Reference() {
        // The value printed by the reference splitmix64.c for seed 1234567 (Vigna, prng.di.unimi.it).
        assertEquals(6457827717110365317L, Workload.of(1, 1234567).rawAt(0));
    }

    @ParameterizedTest
    @CsvSource({"0, 10", "-3, 17", "7, 7", "-2147483648, 2147483647", "-100, -1"})
    void anOffsetIsTheDistanceAboveLoWithNoSignToFix(int lo, int hi) {
        Workload workload = new Workload(1000, 42, lo, hi);
        long widest = 0;
        for (long index = 0; index < 1000; index++) {
            long raw = workload.rawAt(index);
            long offset = workload.offset(raw);
            assertTrue(offset >= 0 && offset < workload.span(), "offset " + offset + " at index " + index);
            // Independently: the top 32 bits, as an unsigned fraction of 2^32, times the width.
            long expected = BigInteger.valueOf(raw >>> 32)
                    .multiply(BigInteger.valueOf(workload.span()))
                    .shiftRight(32)
                    .longValueExact();
            assertEquals(expected, offset, "index " + index);
            assertEquals(workload.valueAt(index), (int) (lo + offset), "index " + index);
            widest = Math.max(widest, offset);
        }
        assertTrue(lo == hi || widest > 0, "every offset was 0 in [" + lo + ", " + hi + "]");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 42, 1234567, 20261126, Long.MIN_VALUE, Long.MAX_VALUE, 0x9E3779B97F4A7C15L})
    void rawValuesAreTheJdkSplittableRandomSequence(long seed) {
        SplittableRandom jdk = new SplittableRandom(seed);
        Workload workload = Workload.of(5000, seed);
        for (long index = 0; index < 5000; index++) {
            assertEquals(jdk.nextLong(), workload.rawAt(index), "seed " + seed + ", index " + index);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "0, 10",
        "-3, 17",
        "7, 7",
        "-100, -1",
        "-2147483648, 2147483647",
        "0, 2147483647",
        "-2147483648, 0",
        "2147483647, 2147483647"
    })
    void valuesAgreeWithTheOracleAndStayInRange(int lo, int hi) {
        Workload workload = new Workload(2000, 99, lo, hi);
        for (long index = 0; index < 200; index++) {
            int value = workload.valueAt(index);
            assertEquals(Oracle.valueAt(workload, index), value, "index " + index);
            assertTrue(value >= lo && value <= hi, () -> value + " outside [" + lo + ", " + hi + "]");
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 10", "-3, 17", "-2147483648, 2147483647", "5, 5"})
    void sumRangeAgreesWithTheOracleAndWithBigIntegerArithmetic(int lo, int hi) {
        Workload workload = new Workload(100_003, 20261126, lo, hi);
        BigInteger exact = BigInteger.ZERO;
        for (long index = 0; index < workload.n(); index++) {
            exact = exact.add(BigInteger.valueOf(workload.valueAt(index)));
        }
        assertEquals(exact.longValueExact(), workload.sumAll());
        assertEquals(Oracle.sum(workload), workload.sumAll());
    }

    @Test
    void tutorialRangeHasEveryValueFromZeroToTenAndMeanNearFive() {
        Workload workload = Workload.of(1_000_000, 7);
        long[] counts = new long[11];
        for (long index = 0; index < workload.n(); index++) {
            counts[workload.valueAt(index)]++;
        }
        for (int value = 0; value <= 10; value++) {
            // Each value should appear about 1/11 of the time: 90,909 expected, allow a wide margin.
            assertTrue(
                    counts[value] > 88_000 && counts[value] < 94_000,
                    "value " + value + " seen " + counts[value] + " times");
        }
        double mean = (double) workload.sumAll() / workload.n();
        assertEquals(5.0, mean, 0.01);
    }

    @Test
    void partialRangesAddUpToTheWhole() {
        Workload workload = new Workload(10_000, 3, -7, 9);
        assertEquals(
                workload.sumAll(),
                workload.sumRange(0, 3333) + workload.sumRange(3333, 6667) + workload.sumRange(6667, 10_000));
        assertEquals(0, workload.sumRange(500, 500));
        assertThrows(IndexOutOfBoundsException.class, () -> workload.sumRange(0, 10_001));
        assertThrows(IndexOutOfBoundsException.class, () -> workload.sumRange(5, 4));
    }

    @Test
    void invalidWorkloadsNameTheFieldAndTheValue() {
        assertEquals(
                "n must not be negative, was -5",
                assertThrows(IllegalArgumentException.class, () -> Workload.of(-5, 1))
                        .getMessage());
        assertEquals(
                "lo must not be greater than hi, was lo=5 hi=1",
                assertThrows(IllegalArgumentException.class, () -> new Workload(10, 1, 5, 1))
                        .getMessage());
        String overflow = assertThrows(
                        IllegalArgumentException.class,
                        () -> new Workload(9_000_000_000_000_000_000L, 1, 0, Integer.MAX_VALUE))
                .getMessage();
        assertTrue(overflow.contains("n=9000000000000000000") && overflow.contains("overflow"), overflow);
    }

    @Test
    void largestWorkloadsThatCannotOverflowAreAccepted() {
        long limit = Long.MAX_VALUE / Integer.MAX_VALUE;
        new Workload(limit, 1, 0, Integer.MAX_VALUE);
        assertThrows(IllegalArgumentException.class, () -> new Workload(limit + 1, 1, 0, Integer.MAX_VALUE));
        new Workload(Long.MAX_VALUE, 1, 0, 0); // all zeros: any n is safe
        new Workload(Long.MAX_VALUE / 10, 1, 0, 10);
    }

    @Test
    void injectedFaultThrowsAtItsIndexOnly() {
        Workload faulty = Workload.of(100, 5).failingAt(40);
        assertEquals(Workload.of(100, 5).sumRange(0, 40), faulty.sumRange(0, 40));
        assertEquals(
                40,
                assertThrows(Workload.InjectedFault.class, () -> faulty.sumRange(30, 50))
                        .index());
        assertThrows(Workload.InjectedFault.class, () -> faulty.valueAt(40));
        assertThrows(IllegalArgumentException.class, () -> Workload.of(10, 5).failingAt(10));
    }

    @Test
    void aLessonsOwnKernelGetsTheSameRangeAndFaultChecks() {
        Workload workload = Workload.of(1000, 5);
        Workload.RangeKernel scalar = (w, from, to) -> w.sumRange(from, to);
        assertEquals(workload.sumRange(10, 900), workload.sumRange(10, 900, scalar));
        assertThrows(IndexOutOfBoundsException.class, () -> workload.sumRange(0, 1001, scalar));
        Workload faulty = workload.failingAt(10);
        assertThrows(Workload.InjectedFault.class, () -> faulty.sumRange(10, 11, (w, from, to) -> 0));
        assertEquals(0, faulty.sumRange(11, 900, (w, from, to) -> 0));
    }

    @Test
    void piecesInFlightAreCountedWhileTheyRunAndAfterTheyFail() {
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        Workload counted = Workload.of(1000, 5).countingPiecesIn(inFlight);
        int[] seenInside = new int[1];
        assertEquals(Workload.of(1000, 5).sumRange(0, 1000), counted.sumRange(0, 1000, (w, from, to) -> {
            seenInside[0] = inFlight.get();
            return w.sumRange(from, to);
        }));
        assertEquals(1, seenInside[0], "the piece counts while it runs");
        assertEquals(0, inFlight.get(), "and not after it ended");
        assertThrows(Workload.InjectedFault.class, () -> counted.failingAt(3).sumRange(0, 10));
        assertEquals(0, inFlight.get(), "a piece that failed has ended too");
    }

    @Test
    void aFaultIsCaughtAtTheFirstAndLastIndexOfARangeAndNowhereElse() {
        Workload faulty = Workload.of(100, 5).failingAt(30);
        Workload.RangeKernel nothing = (w, from, to) -> 0;
        assertEquals(
                30,
                assertThrows(Workload.InjectedFault.class, () -> faulty.sumRange(30, 31))
                        .index());
        assertThrows(Workload.InjectedFault.class, () -> faulty.sumRange(30, 100, nothing), "first index");
        assertThrows(Workload.InjectedFault.class, () -> faulty.sumRange(0, 31, nothing), "last index");
        assertEquals(Workload.of(100, 5).sumRange(31, 100), faulty.sumRange(31, 100), "just after it");
        assertEquals(Workload.of(100, 5).sumRange(0, 30), faulty.sumRange(0, 30), "just before it");
        assertEquals(0, faulty.sumRange(30, 30), "an empty range at the fault sums nothing");
        assertEquals(30, faulty.faultAt());
        assertEquals(-1, Workload.of(100, 5).faultAt());
    }

    @Test
    void aFaultCanBePutAtEveryIndexOfTheWorkloadAndNowhereElse() {
        Workload workload = Workload.of(10, 5);
        assertEquals(0, workload.failingAt(0).faultAt());
        assertEquals(9, workload.failingAt(9).faultAt());
        assertEquals(
                "fault index must be in [0, 10), was -1",
                assertThrows(IllegalArgumentException.class, () -> workload.failingAt(-1))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Workload.of(0, 5).failingAt(0));
    }

    @Test
    void aRangeThatStartsBeforeZeroIsRefused() {
        assertEquals(
                "range [-1, 5) is not inside [0, 10)",
                assertThrows(IndexOutOfBoundsException.class, () -> Workload.of(10, 1)
                                .sumRange(-1, 5))
                        .getMessage());
    }

    @Test
    void workloadsAreEqualWhenEveryFieldIsAndTheirHashesSpread() {
        Workload base = new Workload(100, 7, -3, 17);
        assertEquals(base, new Workload(100, 7, -3, 17));
        assertEquals(base.hashCode(), new Workload(100, 7, -3, 17).hashCode());
        assertEquals(
                base, base.countingPiecesIn(new java.util.concurrent.atomic.AtomicInteger()), "a counter is not data");
        for (Workload other : java.util.List.of(
                new Workload(101, 7, -3, 17),
                new Workload(100, 8, -3, 17),
                new Workload(100, 7, -2, 17),
                new Workload(100, 7, -3, 18),
                base.failingAt(5))) {
            assertTrue(!base.equals(other) && !other.equals(base), other.toString());
        }
        assertTrue(!base.equals("Workload[n=100, seed=7, lo=-3, hi=17]"));
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        for (int n = 0; n < 100; n++) {
            for (int seed = 0; seed < 10; seed++) {
                hashes.add(Workload.of(n, seed).hashCode());
            }
        }
        assertTrue(hashes.size() > 900, "1,000 workloads should spread over hash codes, got " + hashes.size());
    }

    @Test
    void aWorkloadDescribesItselfWithItsFaultIfItHasOne() {
        Workload workload = new Workload(100, 7, -3, 17);
        assertEquals("Workload[n=100, seed=7, lo=-3, hi=17]", workload.toString());
        assertEquals(
                "Workload[n=100, seed=7, lo=-3, hi=17, faultAt=0]",
                workload.failingAt(0).toString());
    }

    @Test
    void theSpanAndTheExpectedSumFollowFromTheRange() {
        assertEquals(21, new Workload(3, 1, -3, 17).span());
        assertEquals(1L << 32, new Workload(3, 1, Integer.MIN_VALUE, Integer.MAX_VALUE).span());
        assertEquals(1, new Workload(3, 1, 5, 5).span());
        assertEquals(4.5, new Workload(3, 1, 1, 2).expectedMean());
        assertEquals(-1.5, new Workload(3, 1, -2, 1).expectedMean());
    }

    @Test
    void aLessonsOwnKernelIsRecordedOnTheTimelineLikeTheWorkloadsLoop() {
        Workload workload = Workload.of(1000, 5);
        Timeline timeline = Timeline.start();
        try {
            timeline.beginCall(0);
            Workload.RangeKernel oneByOne = (w, from, to) -> {
                long sum = 0;
                for (long index = from; index < to; index++) {
                    sum += w.valueAt(index);
                }
                return sum;
            };
            assertEquals(Oracle.sum(Workload.of(400, 5)), workload.sumRange(0, 400, oneByOne));
            assertEquals(Oracle.sum(workload) - Oracle.sum(Workload.of(400, 5)), workload.sumRange(400, 1000));
            timeline.endCall(1000);
        } finally {
            timeline.stop();
        }
        assertEquals(
                java.util.List.of("[0, 400)", "[400, 1000)"),
                timeline.pieces().stream()
                        .map(p -> "[" + p.from() + ", " + p.to() + ")")
                        .toList(),
                "one piece for the lesson's kernel, one for the workload's loop");
        assertEquals(TimelineCheck.tiles(timeline.pieces(0), 1000), java.util.Optional.empty());
    }
}
