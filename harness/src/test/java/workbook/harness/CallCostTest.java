package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The fixed-cost measurement on a clock of the test's own, which moves only when a call says it
 * took time: the batches, the warm-up, the order and the results are then exact numbers, and no
 * test depends on how fast this machine is.
 */
class CallCostTest {

    private static final long EXPECTED = 7;

    /** A clock that stands still until a call moves it. */
    private static final class Clock implements LongSupplier {
        long now = 1_000_000_000L;

        @Override
        public long getAsLong() {
            return now;
        }
    }

    /** A call that costs {@code costOfCall.applyAsLong(k)} ns on its k-th invocation (from 0) and logs its name. */
    private static final class FakeCall implements CallCost.Call {
        final String name;
        final Clock clock;
        final LongUnaryOperator costOfCall;
        final List<String> log;
        long wrongAt = -1;
        long made;

        FakeCall(String name, Clock clock, LongUnaryOperator costOfCall, List<String> log) {
            this.name = name;
            this.clock = clock;
            this.costOfCall = costOfCall;
            this.log = log;
        }

        @Override
        public long sum() {
            clock.now += costOfCall.applyAsLong(made);
            log.add(name);
            return made++ == wrongAt ? EXPECTED + 1 : EXPECTED;
        }
    }

    /** The log as runs of one name: "a x3, b x2". */
    private static List<String> runs(List<String> log) {
        List<String> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= log.size(); i++) {
            if (i == log.size() || !log.get(i).equals(log.get(start))) {
                runs.add(log.get(start) + " x" + (i - start));
                start = i;
            }
        }
        return runs;
    }

    @Test
    void eachCallIsBatchedToFillABatchWarmedUpThenMeasuredInInterleavedRounds() throws InterruptedException {
        Clock clock = new Clock();
        List<String> log = new ArrayList<>();
        FakeCall a = new FakeCall("a", clock, k -> 2_000, log);
        FakeCall b = new FakeCall("b", clock, k -> 3_000, log);
        List<CallCost.PerCall> costs = CallCost.measure(List.of(a, b), EXPECTED, 1, 3, clock);
        // Calibration: the calls that fit a tenth of a batch (5 ms), times ten. Warm-up: 250 ms of calls.
        assertEquals(new CallCost.PerCall(2_000, 2_000, 2_000, 25_000), costs.get(0));
        assertEquals(new CallCost.PerCall(3_000, 3_000, 3_000, 16_670), costs.get(1));
        assertEquals(
                List.of(
                        "a x" + (2_500 + 125_000), // calibration, one warm-up round
                        "b x" + (1_667 + 83_334),
                        "a x25000", // round 0: a, then b
                        "b x" + 16_670 * 2, // round 1 starts with b, then a
                        "a x50000", // round 2: a, then b
                        "b x16670"),
                runs(log));
    }

    @Test
    void theResultIsTheMedianFastestAndSlowestBatch() throws InterruptedException {
        Clock clock = new Clock();
        long[] batchCost = {2_000, 4_000, 3_000, 9_000, 2_500};
        FakeCall call = new FakeCall(
                "a", clock, k -> k < 2_500 ? 2_000 : batchCost[(int) ((k - 2_500) / 25_000)], new ArrayList<>());
        CallCost.PerCall cost =
                CallCost.measure(List.of(call), EXPECTED, 0, 5, clock).getFirst();
        assertEquals(new CallCost.PerCall(3_000, 2_000, 9_000, 25_000), cost);
        assertEquals(2_500 + 5 * 25_000, call.made, "no warm-up round asked for, none made");
    }

    @Test
    void aCallSlowerThanATenthOfABatchIsStillMadeOncePerBatch() throws InterruptedException {
        Clock clock = new Clock();
        FakeCall slow = new FakeCall("slow", clock, k -> 6_000_000, new ArrayList<>());
        CallCost.PerCall cost =
                CallCost.measure(List.of(slow), EXPECTED, 0, 2, clock).getFirst();
        assertEquals(new CallCost.PerCall(6_000_000, 6_000_000, 6_000_000, 10), cost);
    }

    @Test
    void aWrongSumIsCaughtWhereverItHappens() {
        // Calibration is calls 0 to 2,499, one warm-up round 2,500 to 127,499, the first batch from 127,500.
        for (long wrongAt : new long[] {0, 2_499, 2_500, 127_499, 127_500, 127_500 + 2 * 25_000 - 1}) {
            Clock clock = new Clock();
            FakeCall call = new FakeCall("a", clock, k -> 2_000, new ArrayList<>());
            call.wrongAt = wrongAt;
            IllegalStateException wrong = assertThrows(
                    IllegalStateException.class,
                    () -> CallCost.measure(List.of(call), EXPECTED, 1, 2, clock),
                    "wrong at call " + wrongAt);
            assertEquals("a call returned 8, the oracle says 7", wrong.getMessage());
            assertEquals(wrongAt + 1, call.made, "caught at once, at call " + wrongAt);
        }
    }

    @Test
    void noBatchIsRefusedNamingTheOption() {
        assertEquals(
                "--repeat must be at least 1, was 0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> CallCost.measure(List.of(() -> EXPECTED), EXPECTED, 0, 0))
                        .getMessage());
    }

    @Test
    void theRealClockGivesCostsInOrderThatAreNeverNegative() throws InterruptedException {
        List<CallCost.PerCall> costs = CallCost.measure(List.of(() -> EXPECTED), EXPECTED, 0, 1);
        CallCost.PerCall cost = costs.getFirst();
        assertEquals(1, costs.size());
        assertEquals(cost.minNanos(), cost.medianNanos(), "one batch: its cost is the median, fastest and slowest");
        assertEquals(cost.maxNanos(), cost.medianNanos());
        assertEquals(true, cost.medianNanos() >= 0 && cost.callsPerBatch() >= 1, cost.toString());
    }

    @Test
    void costsAreShownInMicrosecondsWithTheDigitsThatMatter() {
        assertEquals("3.41 µs", Report.micros(3_414));
        assertEquals("9.99 µs", Report.micros(9_990));
        assertEquals("10.0 µs", Report.micros(10_000));
        assertEquals("99.9 µs", Report.micros(99_940));
        assertEquals("100 µs", Report.micros(100_000));
        assertEquals("1235 µs", Report.micros(1_234_567));
        assertEquals("-12.0 µs", Report.micros(-12_000));
        assertEquals("-0.50 µs", Report.micros(-500));
    }
}
