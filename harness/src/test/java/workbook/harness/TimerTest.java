package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimerTest {

    @Test
    void warmupRunsAreDoneButNotKept() throws InterruptedException {
        AtomicLong calls = new AtomicLong();
        List<String> reported = new ArrayList<>();
        Measurement m = Timer.measure(
                "99-test",
                "counting",
                workload -> {
                    calls.incrementAndGet();
                    return workload.sumAll();
                },
                Workload.of(1000, 1),
                1,
                2,
                4,
                (warmup, run, count, nanos) -> reported.add((warmup ? "w" : "r") + run + "/" + count));
        assertEquals(6, calls.get());
        assertEquals(4, m.runs());
        assertEquals(List.of("w1/2", "w2/2", "r1/4", "r2/4", "r3/4", "r4/4"), reported);
        assertEquals(Oracle.sum(Workload.of(1000, 1)), m.sum());
        assertTrue(m.minNanos() <= m.medianNanos() && m.medianNanos() <= m.maxNanos());
    }

    @Test
    void aStrategyWhoseSumChangesBetweenRunsIsRefused() {
        AtomicLong calls = new AtomicLong();
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> Timer.measure(
                        "99-test",
                        "flaky",
                        workload -> workload.sumAll() + calls.getAndIncrement(),
                        Workload.of(10, 1),
                        1,
                        0,
                        3,
                        Timer.Progress.NONE));
        assertTrue(refused.getMessage().contains("not deterministic"), refused.getMessage());
    }

    @Test
    void speedupAndEfficiencyComeFromMedians() {
        Workload workload = Workload.of(1_000_000, 1);
        Measurement slow = new Measurement("01", "a", workload, 1, 0, 0, new double[] {400, 100, 300});
        Measurement fast = new Measurement("02", "b", workload, 2, 0, 0, new double[] {150, 10, 200});
        assertEquals(2.0, fast.speedupOver(slow), 1e-12);
        assertEquals(1.0, fast.efficiencyOver(slow, 2), 1e-12);
        assertEquals(300e-6, slow.nsPerNumber(), 1e-15);
    }

    @Test
    void interleavedRoundsRunEveryStrategyOncePerRoundStartingWithADifferentOne() throws InterruptedException {
        List<String> calls = new ArrayList<>();
        Workload workload = Workload.of(1000, 3);
        List<Timer.Contender> contenders = List.of(
                new Timer.Contender(
                        "01",
                        "a",
                        w -> {
                            calls.add("a");
                            return w.sumAll();
                        },
                        1),
                new Timer.Contender(
                        "02",
                        "b",
                        w -> {
                            calls.add("b");
                            return w.sumRange(0, 500) + w.sumRange(500, 1000);
                        },
                        2));
        List<Integer> rounds = new ArrayList<>();
        List<Measurement> measured = Timer.measureInterleaved(contenders, workload, 1, 3, rounds::add);
        assertEquals(List.of("a", "b", "a", "b", "b", "a", "a", "b"), calls, "warm-up a, b; then rounds ab, ba, ab");
        assertEquals(List.of(1, 2, 3), rounds);
        assertEquals(
                List.of("a", "b"), measured.stream().map(Measurement::strategy).toList());
        for (Measurement m : measured) {
            assertEquals(Oracle.sum(workload), m.sum());
            assertEquals(3, m.runs());
        }
    }

    @Test
    void interleavedRoundsRefuseAStrategyWhoseSumChanges() {
        AtomicLong calls = new AtomicLong();
        List<Timer.Contender> contenders =
                List.of(new Timer.Contender("99", "flaky", w -> w.sumAll() + calls.getAndIncrement(), 1));
        assertThrows(
                IllegalStateException.class,
                () -> Timer.measureInterleaved(contenders, Workload.of(10, 1), 0, 2, round -> {}));
    }

    private static final SumStrategy LOOP = Workload::sumAll;

    @Test
    void badRunCountsAreRefusedNamingTheValue() {
        Workload workload = Workload.of(10, 1);
        assertEquals(
                "warmup must not be negative, was -1",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Timer.measure("99", "s", LOOP, workload, 1, -1, 3, Timer.Progress.NONE))
                        .getMessage());
        assertEquals(
                "repeat must be at least 1, was 0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Timer.measure("99", "s", LOOP, workload, 1, 0, 0, Timer.Progress.NONE))
                        .getMessage());
        List<Timer.Contender> one = List.of(new Timer.Contender("99", "s", LOOP, 1));
        assertEquals(
                "warmup must not be negative, was -1",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Timer.measureInterleaved(one, workload, -1, 3, round -> {}))
                        .getMessage());
        assertEquals(
                "repeat must be at least 1, was 0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Timer.measureInterleaved(one, workload, 0, 0, round -> {}))
                        .getMessage());
    }

    /* Not a timing test: a run cannot take less than nothing, nor longer than the whole measurement. */
    @Test
    void everyRunLastsBetweenNothingAndTheWholeMeasurement() throws InterruptedException {
        List<Long> reported = new ArrayList<>();
        long before = System.nanoTime();
        Measurement m = Timer.measure(
                "99-test",
                "loop",
                LOOP,
                Workload.of(100_000, 1),
                3,
                2,
                5,
                (warmup, run, count, nanos) -> reported.add(nanos));
        long wall = System.nanoTime() - before;
        for (double run : m.runNanos()) {
            assertTrue(0 <= run && run <= wall, run + " ns of " + wall);
        }
        for (long nanos : reported) {
            assertTrue(0 <= nanos && nanos <= wall, nanos + " ns of " + wall);
        }
        assertEquals("99-test", m.lesson());
        assertEquals("loop", m.strategy());
        assertEquals(3, m.workers());
        assertEquals(2, m.warmup());
        assertEquals(Workload.of(100_000, 1), m.workload());
    }

    @Test
    void everyInterleavedRunLastsBetweenNothingAndTheWholeMeasurement() throws InterruptedException {
        long before = System.nanoTime();
        List<Measurement> measured = Timer.measureInterleaved(
                List.of(new Timer.Contender("01", "a", LOOP, 1), new Timer.Contender("02", "b", LOOP, 2)),
                Workload.of(100_000, 1),
                2,
                3,
                round -> {});
        long wall = System.nanoTime() - before;
        for (Measurement m : measured) {
            for (double run : m.runNanos()) {
                assertTrue(0 <= run && run <= wall, run + " ns of " + wall);
            }
            assertEquals(2, m.warmup());
        }
        assertEquals(List.of(1, 2), measured.stream().map(Measurement::workers).toList());
        assertEquals(
                List.of("01", "02"), measured.stream().map(Measurement::lesson).toList());
    }

    @Test
    void aTimelineRecordsTheMeasuredRunsAsCallsAndNotTheWarmUp() throws InterruptedException {
        Timeline timeline = Timeline.start();
        long before = System.nanoTime();
        try {
            Timer.measure("99", "s", LOOP, Workload.of(5_000, 1), 1, 2, 3, Timer.Progress.NONE, timeline);
        } finally {
            timeline.stop();
        }
        long wall = System.nanoTime() - before;
        assertEquals(
                List.of(0, 1, 2),
                timeline.calls().stream().map(Timeline.Call::number).toList());
        for (Timeline.Call call : timeline.calls()) {
            assertEquals(Thread.currentThread().getName(), call.thread());
            assertTrue(0 <= call.durationNanos() && call.durationNanos() <= wall, call.toString());
            List<Timeline.Piece> pieces = timeline.pieces(call.number());
            assertEquals(1, pieces.size(), "one loop, one piece: " + pieces);
            Timeline.Piece piece = pieces.getFirst();
            assertEquals(5_000, piece.size());
            assertTrue(
                    0 <= piece.startNanos()
                            && piece.startNanos() <= piece.endNanos()
                            && piece.endNanos() <= call.durationNanos(),
                    piece + " inside " + call);
        }
        assertTrue(!Timeline.isRecording(), "stopped");
    }
}
