package workbook.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbook.harness.Chunk;
import workbook.harness.ContractBattery;
import workbook.harness.LeftoverThreads;
import workbook.harness.Oracle;
import workbook.harness.Workload;

/** The strategies themselves: exact sums, failures that name their chunk, nothing left running. */
class ExecutorPoolTest {

    /** Not a timing limit: a safety net so that a strategy that waits forever fails instead of stalling the build. */
    private static final Duration HANG_LIMIT = Duration.ofSeconds(60);

    /** Long enough (hours on one core) that only a stop request can end it early. */
    private static final Workload ENDLESS = Workload.of(1_000_000_000_000L, 11);

    @TestFactory
    Stream<DynamicNode> contractWithOneTaskPerWorker() {
        return ContractBattery.of(workers -> new ExecutorPool(workers, workers))
                .workers(1, 2, 3, 8)
                .tests();
    }

    @TestFactory
    Stream<DynamicNode> contractWithATaskCountOfItsOwn() {
        return Stream.of(1, 7, 1000)
                .map(tasks -> dynamicContainer(
                        tasks + (tasks == 1 ? " task" : " tasks"),
                        ContractBattery.of(workers -> new ExecutorPool(workers, tasks))
                                .workers(1, 2, 3, 8)
                                .tests()));
    }

    @TestFactory
    Stream<DynamicNode> contractOfThePoolKeptBetweenCalls() {
        return ContractBattery.of(OnAKeptPool::new).workers(1, 3).tests();
    }

    /** sumOn on a pool the caller owns, closed with the strategy so the battery sees no thread left. */
    private record OnAKeptPool(ExecutorPool strategy, ExecutorService pool) implements workbook.harness.SumStrategy {
        OnAKeptPool(int workers) {
            this(new ExecutorPool(workers, 2 * workers), Executors.newFixedThreadPool(workers));
        }

        @Override
        public long sum(Workload workload) throws InterruptedException {
            return strategy.sumOn(pool, workload);
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    @TestFactory
    Stream<DynamicNode> contractOfTheParallelStream() {
        return ContractBattery.of(ExecutorPool.ParallelStream::new)
                .workers(1, 2, 3, 8)
                .tests();
    }

    @ParameterizedTest(name = "n = {0}, {1} tasks")
    @CsvSource({"0, 5", "1, 2", "3, 10", "7, 1000", "1009, 100000"})
    void moreTasksThanNumbersStillGiveTheExactSum(long n, int tasks) throws InterruptedException {
        Workload workload = new Workload(n, 77, -9, 30);
        assertEquals(Oracle.sum(workload), new ExecutorPool(3, tasks).sum(workload));
    }

    @Test
    void aMillionAndThreeNumbersFromMinus3To17GiveTheOracleSumWithBothStrategies() throws InterruptedException {
        Workload workload = new Workload(1_000_003, 20261126, -3, 17);
        long expected = Oracle.sum(workload);
        assertEquals(7_010_996, expected, "the example every lesson page runs");
        assertEquals(expected, new ExecutorPool(4, 4).sum(workload));
        assertEquals(expected, new ExecutorPool.ParallelStream(4).sum(workload));
    }

    @ParameterizedTest(name = "{0} workers, {1} tasks, number {2} fails")
    @CsvSource({"1, 1, 0", "3, 7, 54321", "2, 1000, 99999", "8, 3, 33334"})
    void aTasksExceptionReachesTheCallerNamingItsChunkWithTheOriginalAsCause(
            int workers, int tasks, long failingIndex) {
        Workload faulty = Workload.of(100_000, 5).failingAt(failingIndex);
        Chunk failingChunk = Chunk.split(faulty.n(), tasks).stream()
                .filter(chunk -> chunk.from() <= failingIndex && failingIndex < chunk.to())
                .findFirst()
                .orElseThrow();
        IllegalStateException thrown =
                assertThrows(IllegalStateException.class, () -> new ExecutorPool(workers, tasks).sum(faulty));
        assertEquals(failingChunk + " failed", thrown.getMessage());
        Workload.InjectedFault cause = assertInstanceOf(
                Workload.InjectedFault.class,
                thrown.getCause(),
                "the cause is the task's own exception, not the ExecutionException around it");
        assertEquals(failingIndex, cause.index());
    }

    @Test
    void thePoolsThreadsHaveEndedWhenSumReturnsAndWhenItThrows() throws InterruptedException {
        Set<Thread> before = LeftoverThreads.snapshot();
        ExecutorPool pool = new ExecutorPool(4, 16);
        assertEquals(Oracle.sum(Workload.of(100_000, 3)), pool.sum(Workload.of(100_000, 3)));
        assertThrows(
                IllegalStateException.class,
                () -> pool.sum(Workload.of(100_000, 3).failingAt(5)));
        assertEquals(List.of(), LeftoverThreads.startedSince(before, Duration.ofSeconds(10)));
    }

    /*
     * The pieces in flight are counted inside the workload's own loop, so this sees what a list of
     * threads cannot: a task still summing after sum() has returned or thrown.
     */
    @Test
    void noPieceIsStillBeingSummedWhenSumReturns() throws InterruptedException {
        AtomicInteger inFlight = new AtomicInteger();
        Workload workload = Workload.of(3_000_017, 4).countingPiecesIn(inFlight);
        assertEquals(Oracle.sum(Workload.of(3_000_017, 4)), new ExecutorPool(3, 9).sum(workload));
        assertEquals(0, inFlight.get(), "pieces still being summed after sum() returned");
    }

    /*
     * The first number of the first chunk fails at once, while the other chunks have millions of
     * numbers to go: sum() may throw only when none of them is still being summed.
     */
    @Test
    void noPieceIsStillBeingSummedWhenSumThrowsBecauseATaskFailed() {
        AtomicInteger inFlight = new AtomicInteger();
        Workload faulty = Workload.of(16_000_000, 4).failingAt(0).countingPiecesIn(inFlight);
        AtomicInteger inFlightWhenSumThrew = new AtomicInteger(-1);
        assertTimeoutPreemptively(HANG_LIMIT, () -> {
            assertThrows(IllegalStateException.class, () -> {
                try {
                    new ExecutorPool(4, 4).sum(faulty);
                } finally {
                    inFlightWhenSumThrew.set(inFlight.get());
                }
            });
        });
        assertEquals(0, inFlightWhenSumThrew.get(), "pieces still being summed when sum() threw");
    }

    @Test
    void aCallerInterruptedBeforeSumGetsInterruptedExceptionAndNothingIsLeftRunning() throws InterruptedException {
        AtomicInteger inFlight = new AtomicInteger();
        Workload endless = ENDLESS.countingPiecesIn(inFlight);
        Set<Thread> before = LeftoverThreads.snapshot();
        // The preemptive timeout runs this on a thread of its own, so that is the thread to interrupt.
        int inFlightWhenSumThrew = assertTimeoutPreemptively(HANG_LIMIT, () -> {
            Thread.currentThread().interrupt();
            try {
                assertThrows(InterruptedException.class, () -> new ExecutorPool(4, 4).sum(endless));
                return inFlight.get();
            } finally {
                Thread.interrupted();
            }
        });
        assertEquals(0, inFlightWhenSumThrew, "pieces still being summed when sum() threw");
        // A pool's thread may still be on its way out a moment after close() has returned.
        assertEquals(List.of(), LeftoverThreads.startedSince(before, Duration.ofSeconds(10)));
    }

    /*
     * The caller is interrupted while every task is in the middle of its chunk. invokeAll cancels
     * the tasks; they must see it and stop (their chunks take hours), and sum() may throw only once
     * they have: a pool left open, or shut down without waiting, lets sum() throw while its tasks
     * are still summing.
     */
    @Test
    void interruptingTheWaitingCallerStopsEveryTaskBeforeSumThrows() throws InterruptedException {
        AtomicInteger inFlight = new AtomicInteger();
        Workload endless = ENDLESS.countingPiecesIn(inFlight);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicInteger inFlightWhenSumThrew = new AtomicInteger(-1);
        Thread caller = Thread.ofPlatform().name("test-caller").unstarted(() -> {
            try {
                new ExecutorPool(4, 4).sum(endless);
            } catch (Throwable failure) {
                thrown.set(failure);
            } finally {
                inFlightWhenSumThrew.set(inFlight.get());
            }
        });
        assertTimeoutPreemptively(
                HANG_LIMIT,
                () -> {
                    caller.start();
                    while (inFlight.get() < 4) {
                        assertTrue(caller.isAlive(), "sum() ended before all four tasks were running");
                        Thread.onSpinWait();
                    }
                    caller.interrupt();
                    caller.join();
                },
                "after an interrupt the tasks must be cancelled and stop, not be waited for to the end");
        assertInstanceOf(
                InterruptedException.class, thrown.get(), "the interrupt reaches the caller as InterruptedException");
        assertEquals(0, inFlightWhenSumThrew.get(), "pieces still being summed when sum() threw");
    }

    @Test
    void aPoolThatIsGivenIsLeftOpenForItsOwnerAndServesTheNextCall() throws InterruptedException {
        Workload workload = Workload.of(100_003, 21);
        ExecutorPool strategy = new ExecutorPool(2, 5);
        try (ExecutorService kept = Executors.newFixedThreadPool(2)) {
            assertThrows(IllegalStateException.class, () -> strategy.sumOn(kept, workload.failingAt(7)));
            assertFalse(kept.isShutdown(), "sumOn must not close a pool it does not own");
            assertEquals(Oracle.sum(workload), strategy.sumOn(kept, workload));
            assertEquals(Oracle.sum(workload), strategy.sumOn(kept, workload));
        }
    }

    @Test
    void theSettingsAreTheTasksAndTheThreadsThePoolStarted() {
        assertEquals(Map.of("workers", 4, "tasks", 4), new ExecutorPool(4, 4).settings());
        assertEquals(Map.of("workers", 4, "tasks", 1000), new ExecutorPool(4, 1000).settings());
        assertEquals(
                Map.of("workers", 1, "tasks", 1),
                new ExecutorPool(2, 1).settings(),
                "a fixed pool starts a thread per task until it has its workers");
        assertEquals(
                Map.of("workers", 3),
                new ExecutorPool.ParallelStream(3).settings(),
                "the common pool's threads and the caller");
        assertEquals(
                Map.of("workers", 2),
                new ExecutorPool.ParallelStream(1).settings(),
                "the common pool keeps at least one thread beside the caller");
    }

    @ParameterizedTest(name = "{0} workers: {1} common pool threads")
    @CsvSource({"1, 1", "2, 1", "3, 2", "5, 4", "8, 7"})
    void theCommonPoolRunsTheStreamWithWorkersMinusOneThreadsAndGetsItsSizeBack(int workers, int poolThreads) {
        ForkJoinPool common = ForkJoinPool.commonPool();
        int before = common.getParallelism();
        long during = CommonPool.sizedFor(workers, common::getParallelism);
        assertEquals(poolThreads, during, "the caller is the other worker");
        assertEquals(before, common.getParallelism(), "the size before the call is put back");
    }

    @Test
    void theCommonPoolGetsItsSizeBackWhenTheStreamFails() {
        ForkJoinPool common = ForkJoinPool.commonPool();
        int before = common.getParallelism();
        Workload faulty = Workload.of(100_000, 5).failingAt(77_777);
        assertThrows(Workload.InjectedFault.class, () -> new ExecutorPool.ParallelStream(6).sum(faulty));
        assertEquals(before, common.getParallelism());
    }

    @Test
    void fewerThanOneWorkerIsRefusedByTheParallelStream() {
        assertThrows(IllegalArgumentException.class, () -> new ExecutorPool.ParallelStream(0).sum(Workload.of(10, 1)));
    }

    @Test
    void fewerThanOneTaskIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ExecutorPool(2, 0).sum(Workload.of(10, 1)));
    }

    @Test
    void eachTaskSumsItsChunkInSlicesAndNeverAnEmptyOne() throws InterruptedException {
        Workload workload = Workload.of(10, 4);
        workbook.harness.Timeline timeline = workbook.harness.Timeline.start();
        try {
            timeline.beginCall(0);
            assertEquals(Oracle.sum(workload), new ExecutorPool(2, 4).sum(workload));
            timeline.endCall(workload.n());
        } finally {
            timeline.stop();
        }
        List<String> pieces = timeline.pieces(0).stream()
                .map(piece -> "[" + piece.from() + ", " + piece.to() + ")")
                .sorted()
                .toList();
        assertEquals(List.of("[0, 3)", "[3, 6)", "[6, 8)", "[8, 10)"), pieces, "one slice per chunk of 3, 3, 2 and 2");
    }
}
