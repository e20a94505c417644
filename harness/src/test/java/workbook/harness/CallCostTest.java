package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /* ---- In JVMs of their own: the same definitions, on JVMs of the test's that time nothing. ---- */

    private static final Workload WORKLOAD = Workload.of(10, 3);

    /**
     * A JVM whose k-th call (from 0, counted over the JVM's life) costs {@code costOfCall(k)} ns: a
     * batch's time is the sum of its calls' costs, exactly. It logs "name xCALLS" per batch, and
     * whether it was closed.
     */
    private static final class FakeJvm implements CallCost.Batches {
        final String name;
        final LongUnaryOperator costOfCall;
        final List<String> log;
        long wrongAt = -1;
        long made;
        boolean closed;

        FakeJvm(String name, LongUnaryOperator costOfCall, List<String> log) {
            this.name = name;
            this.costOfCall = costOfCall;
            this.log = log;
        }

        @Override
        public Fork.Runs batch(Workload workload, long calls) {
            log.add(name + " x" + calls);
            long nanos = 0;
            boolean wrong = false;
            for (long call = 0; call < calls; call++) {
                nanos += costOfCall.applyAsLong(made);
                wrong |= made++ == wrongAt;
            }
            return new Fork.Runs(wrong ? EXPECTED + 1 : EXPECTED, new long[] {nanos});
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static Forks.Contender named(String name) {
        return new Forks.Contender("09", name, 1, new Fork.Recipe(List.of("loop")));
    }

    /* Fake JVMs for every set, made by {@code jvm(set, contender)}; all kept, to see they were closed. */
    private static List<CallCost.ForkedCost> forked(
            List<String> names,
            int forks,
            int warmup,
            int batches,
            java.util.function.BiFunction<Integer, Integer, FakeJvm> jvm,
            List<FakeJvm> made) {
        int[] set = {0};
        return CallCost.measureForked(
                names.stream().map(CallCostTest::named).toList(),
                WORKLOAD,
                EXPECTED,
                new Forks.Plan(forks, warmup, batches, Forks.Plan.PATIENT),
                Forks.Listener.NONE,
                contenders -> {
                    List<CallCost.Batches> jvms = new ArrayList<>();
                    for (int i = 0; i < contenders.size(); i++) {
                        FakeJvm one = jvm.apply(set[0], i);
                        made.add(one);
                        jvms.add(one);
                    }
                    set[0]++;
                    return jvms;
                });
    }

    /* The calibration's batches: one untimed call, then 1, 2, 4, ... up to {@code last} calls. */
    private static List<String> calibration(String name, long last) {
        List<String> batches = new ArrayList<>(List.of(name + " x1"));
        for (long calls = 1; calls <= last; calls *= 2) {
            batches.add(name + " x" + calls);
        }
        return batches;
    }

    @Test
    void inItsOwnJvmsEachCallIsCalibratedWarmedUpAndMeasuredInInterleavedBatchesInEverySet() {
        List<String> log = new ArrayList<>();
        List<FakeJvm> made = new ArrayList<>();
        List<CallCost.ForkedCost> costs = forked(
                List.of("a", "b"),
                2,
                1,
                3,
                (set, i) -> new FakeJvm(i == 0 ? "a" : "b", k -> i == 0 ? 2_000 : 3_000, log),
                made);
        // a: 4,096 calls are the first to last a tenth of a batch (8.192 ms), so 25,000 fill 50 ms.
        // b: 2,048 calls last 6.144 ms, so 16,667 fill 50 ms. A warm-up round: batches until 250 ms.
        List<String> oneSet = new ArrayList<>(calibration("a", 4096));
        oneSet.addAll(java.util.Collections.nCopies(5, "a x25000"));
        oneSet.addAll(calibration("b", 2048));
        oneSet.addAll(java.util.Collections.nCopies(5, "b x16667"));
        oneSet.addAll(List.of("a x25000", "b x16667", "b x16667", "a x25000", "a x25000", "b x16667"));
        List<String> expected = new ArrayList<>(oneSet);
        expected.addAll(oneSet);
        assertEquals(expected, log, "the second set of JVMs does it all again");
        assertEquals(
                new CallCost.PerCall(2_000, 2_000, 2_000, 25_000), costs.get(0).all());
        assertEquals(
                List.of(
                        new CallCost.PerCall(2_000, 2_000, 2_000, 25_000),
                        new CallCost.PerCall(2_000, 2_000, 2_000, 25_000)),
                costs.get(0).perFork());
        assertEquals(16_667, costs.get(1).all().callsPerBatch());
        assertEquals(3_000, costs.get(1).all().medianNanos(), 1e-9);
        assertEquals(EXPECTED, costs.get(1).sum());
        assertEquals("b", costs.get(1).contender().name());
        assertEquals(4, made.size());
        assertTrue(made.stream().allMatch(jvm -> jvm.closed), "every JVM is closed");
    }

    @Test
    void theCostIsTheMedianFastestAndSlowestBatchOfAllJvmsAndEachJvmHasItsOwn() {
        // After calibrating at 2 µs, set 0's batches cost 2, 1 and 2.5 µs a call, set 1's 3, 3.5 and 2.8 µs.
        long[][] batchCost = {{2_000, 1_000, 2_500}, {3_000, 3_500, 2_800}};
        List<CallCost.ForkedCost> costs = forked(
                List.of("a"),
                2,
                0,
                3,
                (set, i) -> new FakeJvm(
                        "a", k -> k < 8_192 ? 2_000 : batchCost[set][(int) ((k - 8_192) / 25_000)], new ArrayList<>()),
                new ArrayList<>());
        CallCost.ForkedCost cost = costs.getFirst();
        assertEquals(new CallCost.PerCall(2_650, 1_000, 3_500, 25_000), cost.all(), "the median of six batches");
        assertEquals(
                List.of(
                        new CallCost.PerCall(2_000, 1_000, 2_500, 25_000),
                        new CallCost.PerCall(3_000, 2_800, 3_500, 25_000)),
                cost.perFork());
        assertTrue(cost.forksDisagree());
        assertEquals("50 %", cost.apart());
        assertEquals("the medians of its 2 JVMs: 2.00 µs and 3.00 µs, 50 % apart", cost.perForkText());
    }

    @Test
    void inItsOwnJvmACallSlowerThanATenthOfABatchFillsABatchWithAFewCalls() {
        CallCost.ForkedCost cost = forked(
                        List.of("slow"),
                        1,
                        0,
                        2,
                        (set, i) -> new FakeJvm("slow", k -> 6_000_000, new ArrayList<>()),
                        new ArrayList<>())
                .getFirst();
        assertEquals(new CallCost.PerCall(6_000_000, 6_000_000, 6_000_000, 8), cost.all(), "50 ms / 6 ms, rounded");
        assertEquals("-", cost.apart(), "one JVM");
    }

    @Test
    void inItsOwnJvmAWrongSumIsCaughtWhereverItHappensAndNamesItsContender() {
        // Call 0 is the untimed first, calls 1 to 8,191 calibrate (1 + 2 + ... + 4,096), then
        // 125,000 calls of warm-up, then batches of 25,000.
        for (long wrongAt : new long[] {0, 1, 8_191, 8_192, 133_191, 133_192, 133_192 + 2 * 25_000 - 1}) {
            List<FakeJvm> made = new ArrayList<>();
            IllegalStateException wrong = assertThrows(
                    IllegalStateException.class,
                    () -> forked(
                            List.of("a"),
                            1,
                            1,
                            2,
                            (set, i) -> {
                                FakeJvm jvm = new FakeJvm("a", k -> 2_000, new ArrayList<>());
                                jvm.wrongAt = wrongAt;
                                return jvm;
                            },
                            made),
                    "wrong at call " + wrongAt);
            assertEquals("the JVM of 09/a: a call returned 8, the oracle says 7", wrong.getMessage());
            assertTrue(made.getFirst().closed, "closed after a wrong sum at call " + wrongAt);
        }
    }

    @Test
    void aRowInAJvmOfItsOwnGivesTheOraclesSumAndADyingOneIsNamed() {
        Workload workload = new Workload(1_000, 5, -3, 17);
        workbook.harness.fixture.forks.ForkFixtureLab lab = new workbook.harness.fixture.forks.ForkFixtureLab();
        Forks.Contender right = new Forks.Contender("09", "right", 1, Fork.Recipe.labRow(lab, 0, List.of()));
        Forks.Plan plan = new Forks.Plan(1, 0, 1, java.time.Duration.ofSeconds(20));
        CallCost.ForkedCost cost = CallCost.measureForked(
                        List.of(right), workload, Oracle.sum(workload), plan, Forks.Listener.NONE)
                .getFirst();
        assertEquals(Oracle.sum(workload), cost.sum());
        assertTrue(cost.all().medianNanos() > 0 && cost.all().callsPerBatch() >= 1, cost.toString());
        Forks.Contender dies = new Forks.Contender("09", "dies", 1, Fork.Recipe.labRow(lab, 1, List.of()));
        Fork.ForkFailed failed = assertThrows(
                Fork.ForkFailed.class,
                () -> CallCost.measureForked(
                        List.of(right, dies), workload, Oracle.sum(workload), plan, Forks.Listener.NONE));
        assertTrue(failed.getMessage().startsWith("the JVM of 09/dies ended"), failed.getMessage());
        assertFalse(ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive), "no JVM left running");
        IllegalStateException wrong = assertThrows(
                IllegalStateException.class,
                () -> CallCost.measureForked(
                        List.of(right), workload, Oracle.sum(workload) + 1, plan, Forks.Listener.NONE));
        assertTrue(wrong.getMessage().startsWith("the JVM of 09/right: a call returned "), wrong.getMessage());
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
