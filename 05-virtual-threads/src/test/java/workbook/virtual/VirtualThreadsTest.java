package workbook.virtual;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import workbook.harness.Chunk;
import workbook.harness.ContractBattery;
import workbook.harness.LeftoverThreads;
import workbook.harness.Oracle;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

class VirtualThreadsTest {

    /** Not a timing limit: a safety net so that a strategy that waits forever fails instead of stalling the build. */
    private static final Duration HANG_LIMIT = Duration.ofSeconds(60);

    /** Threads a chunk may still be finishing when sum() returns get this long to end. */
    private static final Duration THREAD_EXIT_GRACE = Duration.ofSeconds(10);

    /** A reply that never comes: the chunk waits until it is interrupted. */
    private static final RemoteCall NO_REPLY = chunk -> new CountDownLatch(1).await();

    /*
     * The battery's "workers" are this lesson's tasks: 1, 2 and 7 chunks. 10,000 chunks get the
     * battery's workloads too (n from 0 up to the large case, most of them smaller than the task
     * count), but not its extra "n below the worker count" cases, which would be 9,999 more.
     */
    @TestFactory
    Stream<DynamicNode> contract() {
        return Stream.of(
                dynamicContainer(
                        "tasks = 1, 2, 7",
                        ContractBattery.of(tasks -> new VirtualThreads(tasks, RemoteCall.NONE))
                                .workers(1, 2, 7)
                                .tests()),
                dynamicContainer(
                        "tasks = 10000",
                        ContractBattery.of(ignored -> new VirtualThreads(10_000, RemoteCall.NONE))
                                .workers(1)
                                .tests()));
    }

    @Test
    void aMillionAndThreeNumbersFromMinus3To17On4TasksGiveTheOracleSum() throws InterruptedException {
        Workload workload = new Workload(1_000_003, 20261126, -3, 17);
        assertEquals(Oracle.sum(workload), new VirtualThreads(4, RemoteCall.NONE).sum(workload));
    }

    @Test
    void aFailingChunkIsNamedAndItsExceptionIsTheCause() {
        Workload faulty = Workload.of(100_000, 7).failingAt(54_321);
        Chunk failing = Chunk.split(faulty.n(), 7).stream()
                .filter(chunk -> chunk.from() <= 54_321 && 54_321 < chunk.to())
                .findFirst()
                .orElseThrow();
        IllegalStateException thrown =
                assertThrows(IllegalStateException.class, () -> new VirtualThreads(7, RemoteCall.NONE).sum(faulty));
        assertEquals(failing + " failed", thrown.getMessage());
        assertEquals(
                54_321,
                assertInstanceOf(Workload.InjectedFault.class, thrown.getCause())
                        .index());
    }

    @Test
    void theSettingsAreTheTasksAndTheLatencyUsed() {
        assertEquals(
                "{tasks=7, latency_ms=100}",
                new VirtualThreads(7, RemoteCall.sleeping(100)).settings().toString());
        assertEquals(
                "{workers=2, tasks=7, latency_ms=0}",
                new FixedPool(2, new VirtualThreads(7, RemoteCall.NONE))
                        .settings()
                        .toString());
    }

    @Test
    void aNegativeLatencyIsRefusedNamingTheOption() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> RemoteCall.sleeping(-1));
        assertEquals("--latency-ms must not be negative, was -1", refused.getMessage());
    }

    /**
     * What is in flight right now, seen without a list of threads (which omits virtual threads):
     * chunks inside their remote call, and pieces being summed. Both go down in a finally block,
     * so they read zero once every chunk has ended, however it ended.
     */
    static final class InFlight {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger mostCalls = new AtomicInteger();
        final AtomicInteger pieces = new AtomicInteger();

        RemoteCall around(RemoteCall call) {
            return chunk -> {
                mostCalls.accumulateAndGet(calls.incrementAndGet(), Math::max);
                try {
                    call.await(chunk);
                } finally {
                    calls.decrementAndGet();
                }
            };
        }

        Workload counting(Workload workload) {
            return workload.countingPiecesIn(pieces);
        }

        String now() {
            return calls.get() + " chunks in their remote call and " + pieces.get() + " pieces being summed";
        }

        boolean nothing() {
            return calls.get() == 0 && pieces.get() == 0;
        }
    }

    /*
     * Every chunk waits until all chunks are waiting. That can only finish if the executor lets
     * all of them be in flight at once, which is what one virtual thread per chunk promises: with
     * a pool it would never finish (the latch's limit is there only so that a broken lesson fails
     * instead of hanging the build).
     */
    @ParameterizedTest(name = "{0} chunks")
    @ValueSource(ints = {1, 10, 10_000})
    void onVirtualThreadsEveryChunkIsWaitingAtTheSameMoment(int chunks) throws InterruptedException {
        Workload workload = Workload.of(1_000_003, 11);
        CountDownLatch allWaiting = new CountDownLatch(chunks);
        InFlight inFlight = new InFlight();
        RemoteCall waitForAllOthers = chunk -> {
            allWaiting.countDown();
            if (!allWaiting.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + (chunks - allWaiting.getCount()) + " of " + chunks
                        + " chunks were ever waiting at the same time");
            }
        };
        long sum = new VirtualThreads(chunks, inFlight.around(waitForAllOthers)).sum(inFlight.counting(workload));
        assertEquals(Oracle.sum(workload), sum);
        assertEquals(chunks, inFlight.mostCalls.get(), "chunks in their remote call at the busiest moment");
        assertTrue(inFlight.nothing(), () -> "when sum() returned: " + inFlight.now());
    }

    /*
     * The pool's chunks meet in groups of `workers` at a barrier: the pool must reach `workers`
     * chunks in flight (or the barrier never opens) and may never exceed it. Each chunk lingers
     * a millisecond before the barrier, so that an executor which would let more chunks in (a
     * virtual thread per chunk, say) gets the chance to show it; a correct pool passes however
     * long or short that moment is.
     */
    @ParameterizedTest(name = "{0} platform threads")
    @ValueSource(ints = {1, 2, 3})
    void onAFixedPoolAtMostWorkersChunksAreInFlight(int workers) throws InterruptedException {
        Workload workload = Workload.of(1_000_003, 11);
        int chunks = 20 * workers;
        CyclicBarrier roundOfWorkers = new CyclicBarrier(workers);
        InFlight inFlight = new InFlight();
        RemoteCall waitForTheRound = chunk -> {
            Thread.sleep(1);
            try {
                roundOfWorkers.await(60, TimeUnit.SECONDS);
            } catch (BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("fewer than " + workers + " chunks were in flight together", e);
            }
        };
        Set<Thread> before = LeftoverThreads.snapshot();
        try (SumStrategy pool = new FixedPool(workers, new VirtualThreads(chunks, inFlight.around(waitForTheRound)))) {
            assertEquals(Oracle.sum(workload), pool.sum(inFlight.counting(workload)));
        }
        assertEquals(workers, inFlight.mostCalls.get(), "chunks in their remote call at the busiest moment");
        assertTrue(inFlight.nothing(), () -> "when sum() returned: " + inFlight.now());
        assertEquals(List.of(), LeftoverThreads.startedSince(before, THREAD_EXIT_GRACE), "the pool's threads");
    }

    /** The lesson's job on either executor: one new virtual thread per chunk, or a fixed pool of 2 platform threads. */
    private static final List<Function<VirtualThreads, SumStrategy>> EXECUTORS =
            List.of(job -> job, job -> new FixedPool(2, job));

    @Test
    void theWaitingJobNamesAFailingChunkOnBothExecutors() {
        Workload faulty = Workload.of(10_007, 99).failingAt(10_006);
        for (Function<VirtualThreads, SumStrategy> executor : EXECUTORS) {
            SumStrategy job = executor.apply(new VirtualThreads(100, RemoteCall.sleeping(1)));
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> job.sum(faulty));
            assertEquals(Chunk.split(10_007, 100).getLast() + " failed", thrown.getMessage());
            assertInstanceOf(Workload.InjectedFault.class, thrown.getCause());
        }
    }

    /*
     * Chunk 0 fails; the other chunks wait for a reply that never comes. The failure must reach
     * the caller anyway: the chunks still waiting are interrupted, not waited for, and every one
     * of them has ended when sum() throws.
     */
    @Test
    void aFailingChunkStopsTheChunksStillWaitingAndNoneOutlivesSum() {
        int chunks = 8;
        Workload faulty = Workload.of(80_000, 5).failingAt(0);
        for (Function<VirtualThreads, SumStrategy> executor : EXECUTORS) {
            InFlight inFlight = new InFlight();
            RemoteCall firstFailsOthersWait = chunk -> {
                if (chunk.index() > 0) {
                    NO_REPLY.await(chunk);
                }
            };
            SumStrategy job = executor.apply(new VirtualThreads(chunks, inFlight.around(firstFailsOthersWait)));
            IllegalStateException thrown = assertTimeoutPreemptively(
                    HANG_LIMIT,
                    () -> assertThrows(IllegalStateException.class, () -> job.sum(inFlight.counting(faulty))),
                    "the other chunks wait forever: they must be interrupted, not waited for");
            assertEquals(Chunk.split(80_000, chunks).getFirst() + " failed", thrown.getMessage());
            assertTrue(inFlight.nothing(), () -> "when sum() threw: " + inFlight.now());
        }
    }

    /*
     * Chunk 0 fails only once the other chunks have passed their remote call, so they are summing
     * long chunks (50 million numbers each) when the failure reaches the caller. A summing loop
     * does not stop for an interrupt; sum() must still not return before those chunks have
     * ended, which is what closing the executor guarantees.
     */
    @Test
    void noChunkIsStillSummingWhenAFailureReachesTheCaller() {
        int chunks = 4;
        Workload faulty = Workload.of(chunks * 50_000_000L, 5).failingAt(0);
        CountDownLatch othersPassed = new CountDownLatch(chunks - 1);
        InFlight inFlight = new InFlight();
        RemoteCall firstWaitsForTheOthers = chunk -> {
            if (chunk.index() == 0) {
                othersPassed.await();
            } else {
                othersPassed.countDown();
            }
        };
        VirtualThreads job = new VirtualThreads(chunks, inFlight.around(firstWaitsForTheOthers));
        assertTimeoutPreemptively(
                HANG_LIMIT, () -> assertThrows(IllegalStateException.class, () -> job.sum(inFlight.counting(faulty))));
        assertTrue(inFlight.nothing(), () -> "when sum() threw: " + inFlight.now());
    }

    /*
     * The caller is interrupted while every chunk waits for a reply that never comes. It must get
     * an InterruptedException, and every chunk must have ended by then.
     */
    @ParameterizedTest(name = "{0} chunks")
    @ValueSource(ints = {1, 100})
    void interruptingTheWaitingCallerStopsEveryChunkOnVirtualThreads(int chunks) throws InterruptedException {
        CountDownLatch allWaiting = new CountDownLatch(chunks);
        RemoteCall signalThenWait = chunk -> {
            allWaiting.countDown();
            NO_REPLY.await(chunk);
        };
        interruptOnceWaitingAndCheckNothingIsLeft(chunks, signalThenWait, allWaiting, job -> job);
    }

    @Test
    void interruptingTheWaitingCallerStopsEveryChunkOnAFixedPool() throws InterruptedException {
        CountDownLatch bothThreadsWaiting = new CountDownLatch(2);
        RemoteCall signalThenWait = chunk -> {
            bothThreadsWaiting.countDown();
            NO_REPLY.await(chunk);
        };
        interruptOnceWaitingAndCheckNothingIsLeft(20, signalThenWait, bothThreadsWaiting, job -> new FixedPool(2, job));
    }

    private static void interruptOnceWaitingAndCheckNothingIsLeft(
            int chunks, RemoteCall call, CountDownLatch waiting, Function<VirtualThreads, SumStrategy> executor)
            throws InterruptedException {
        InFlight inFlight = new InFlight();
        SumStrategy job = executor.apply(new VirtualThreads(chunks, inFlight.around(call)));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<String> leftWhenSumEnded = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().name("test-caller").daemon().start(() -> {
            try {
                job.sum(inFlight.counting(Workload.of(1_000_003, 3)));
            } catch (Throwable failure) {
                thrown.set(failure);
            }
            leftWhenSumEnded.set(inFlight.nothing() ? "" : inFlight.now());
        });
        assertTimeoutPreemptively(
                HANG_LIMIT,
                () -> {
                    waiting.await();
                    caller.interrupt();
                    caller.join();
                },
                "after an interrupt the waiting chunks must be stopped, not waited for");
        assertInstanceOf(InterruptedException.class, thrown.get(), "the interrupt reaches the caller");
        assertEquals("", leftWhenSumEnded.get(), "still in flight when sum() gave up");
    }

    @Test
    void aCallerInterruptedBeforeItCallsSumGetsInterruptedExceptionAndNothingIsLeft() {
        InFlight inFlight = new InFlight();
        VirtualThreads job = new VirtualThreads(10, inFlight.around(NO_REPLY));
        // The preemptive timeout runs this on a thread of its own, so that is the thread to interrupt.
        assertTimeoutPreemptively(HANG_LIMIT, () -> {
            Thread.currentThread().interrupt();
            try {
                assertThrows(InterruptedException.class, () -> job.sum(inFlight.counting(Workload.of(1000, 3))));
            } finally {
                Thread.interrupted();
            }
        });
        assertTrue(inFlight.nothing(), () -> "when sum() threw: " + inFlight.now());
    }

    @Test
    void aReplyWithALatencySleepsAndOneWithoutDoesNot() {
        Chunk chunk = new Chunk(0, 0, 10);
        // A sleeping thread answers an interrupt at once; a thread that does not sleep never looks.
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> RemoteCall.sleeping(60_000)
                    .await(chunk));
            Thread.currentThread().interrupt();
            assertDoesNotThrow(() -> RemoteCall.NONE.await(chunk), "no latency: no sleep, not even sleep(0)");
            assertTrue(Thread.currentThread().isInterrupted(), "and the flag is left alone");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aTestsOwnReplyHasNoLatencyToReport() {
        RemoteCall own = chunk -> {};
        assertEquals(java.util.OptionalInt.empty(), own.latencyMs());
        assertEquals(java.util.Map.of("tasks", 3), new VirtualThreads(3, own).settings());
        assertEquals(java.util.OptionalInt.of(0), RemoteCall.NONE.latencyMs());
    }
}
