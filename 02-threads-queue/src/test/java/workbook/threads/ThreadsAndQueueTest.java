package workbook.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import workbook.harness.Chunk;
import workbook.harness.CommandLineRun;
import workbook.harness.ContractBattery;
import workbook.harness.DescriptorCheck;
import workbook.harness.LeftoverThreads;
import workbook.harness.Oracle;
import workbook.harness.Workload;

class ThreadsAndQueueTest {

    /** Not a timing limit: a safety net so that a broken strategy fails the build instead of stalling it. */
    private static final Duration HANG_LIMIT = Duration.ofSeconds(60);

    /** Long enough (hours on one core) that only a stop request can end it early. */
    private static final Workload ENDLESS = Workload.of(1_000_000_000_000L, 11);

    @TestFactory
    Stream<DynamicNode> contract() {
        return ContractBattery.of(ThreadsAndQueue::new).workers(1, 2, 3, 8).tests();
    }

    @Test
    void aMillionAndThreeNumbersFromMinus3To17On4WorkersGiveTheOracleSum() throws InterruptedException {
        Workload workload = new Workload(1_000_003, 20261126, -3, 17);
        assertEquals(Oracle.sum(workload), new ThreadsAndQueue(4).sum(workload));
    }

    @ParameterizedTest(name = "n = {0} with 8 workers")
    @ValueSource(longs = {0, 1, 2, 5, 7})
    void fewerNumbersThanWorkersStillGivesTheOracleSumAndLeavesNoThread(long n) throws InterruptedException {
        Workload workload = Workload.of(n, 20261126);
        Set<Thread> before = LeftoverThreads.snapshot();
        assertEquals(Oracle.sum(workload), new ThreadsAndQueue(8).sum(workload));
        assertEquals(
                List.of(),
                LeftoverThreads.startedSince(before, Duration.ZERO),
                "every worker is joined before sum() returns");
    }

    @Test
    void noWorkerIsAliveTheMomentSumReturns() throws InterruptedException {
        Workload workload = Workload.of(10_000_019, 5);
        Set<Thread> before = LeftoverThreads.snapshot();
        assertEquals(Oracle.sum(workload), new ThreadsAndQueue(8).sum(workload));
        assertEquals(List.of(), LeftoverThreads.startedSince(before, Duration.ZERO));
    }

    /*
     * A worker that has sent its message is microseconds from its end, so a forgotten join()
     * rarely shows in one call; in a few hundred calls, checked the instant sum() returns, it does.
     * With join() no worker can be alive at that instant, so this never fails a correct strategy.
     */
    @Test
    void everyWorkerHasEndedTheInstantSumReturns() throws InterruptedException {
        Set<Thread> before = LeftoverThreads.snapshot();
        ThreadsAndQueue strategy = new ThreadsAndQueue(8);
        for (int call = 0; call < 300; call++) {
            Workload workload = Workload.of(1000 + call, call);
            assertEquals(Oracle.sum(workload), strategy.sum(workload));
            List<String> alive = aliveWorkersStartedSince(before);
            assertEquals(List.of(), alive, "call " + call + ": sum() returned before joining its workers");
        }
    }

    /** New live threads of this thread group named like the lesson's workers (cheaper than a stack dump). */
    private static List<String> aliveWorkersStartedSince(Set<Thread> before) {
        Thread[] threads = new Thread[Thread.activeCount() + 16];
        int count = Thread.currentThread().getThreadGroup().enumerate(threads);
        return Stream.of(threads)
                .limit(count)
                .filter(thread -> thread.isAlive()
                        && !before.contains(thread)
                        && thread.getName().startsWith("sum-worker-"))
                .map(Thread::getName)
                .toList();
    }

    @Test
    void aFailureIsRethrownNamingTheChunkItCameFromAndNoWorkerIsLeft() throws InterruptedException {
        Workload faulty = Workload.of(100_000, 99).failingAt(54_321);
        Set<Thread> before = LeftoverThreads.snapshot();
        Throwable failure = assertTimeoutPreemptively(
                HANG_LIMIT, () -> assertThrows(Throwable.class, () -> new ThreadsAndQueue(3).sum(faulty)));
        assertEquals(List.of(), LeftoverThreads.startedSince(before, Duration.ZERO));
        // Of 3 chunks of 100,000 numbers (33,334, 33,333, 33,333), index 54,321 lies in the second.
        assertTrue(
                String.valueOf(failure.getMessage()).contains(new Chunk(1, 33_334, 66_667).toString()),
                () -> "the failure should name chunk 1 [33334, 66667), the one that failed: " + failure);
        Workload.InjectedFault cause = assertInstanceOf(
                Workload.InjectedFault.class, failure.getCause(), "the worker's own exception is the cause");
        assertEquals(54_321, cause.index());
    }

    @Test
    void aFailingWorkerStopsTheOthersInsteadOfWaitingForThem() throws InterruptedException {
        Workload faulty = ENDLESS.failingAt(0);
        Set<Thread> before = LeftoverThreads.snapshot();
        Throwable failure = assertTimeoutPreemptively(
                HANG_LIMIT,
                () -> assertThrows(Throwable.class, () -> new ThreadsAndQueue(4).sum(faulty)),
                "the other workers' chunks take hours: they must be stopped, not waited for");
        assertTrue(String.valueOf(failure.getMessage()).startsWith("chunk 0 "), () -> "names chunk 0: " + failure);
        assertEquals(List.of(), LeftoverThreads.startedSince(before, Duration.ZERO));
    }

    @Test
    void aCallerInterruptedBeforeWaitingGetsInterruptedExceptionAndNoWorkerIsLeft() throws InterruptedException {
        /*
         * One sum first, so that the interrupted call loads no class and links no lambda: a JVM
         * agent that reads class files through an interruptible channel (PIT's coverage does) could
         * otherwise swallow a worker's interrupt while it loads one, and the test would be about
         * the agent, not the lesson.
         */
        new ThreadsAndQueue(4).sum(Workload.of(1_000, 1));
        Set<Thread> before = LeftoverThreads.snapshot();
        // The preemptive timeout runs this on a thread of its own, so that is the thread to interrupt.
        assertTimeoutPreemptively(HANG_LIMIT, () -> {
            Thread.currentThread().interrupt();
            try {
                assertThrows(InterruptedException.class, () -> new ThreadsAndQueue(4).sum(ENDLESS));
            } finally {
                Thread.interrupted();
            }
        });
        assertEquals(List.of(), LeftoverThreads.startedSince(before, Duration.ZERO));
    }

    @Test
    void interruptingTheWaitingCallerStopsTheWorkers() throws InterruptedException {
        Set<Thread> before = LeftoverThreads.snapshot();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<List<String>> aliveWhenSumEnded = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().name("test-caller").unstarted(() -> {
            try {
                new ThreadsAndQueue(4).sum(ENDLESS);
            } catch (Throwable failure) {
                thrown.set(failure);
            }
            try {
                aliveWhenSumEnded.set(LeftoverThreads.startedSince(before, Duration.ZERO).stream()
                        .filter(name -> !name.equals("test-caller"))
                        .toList());
            } catch (InterruptedException unexpected) {
                throw new AssertionError(unexpected);
            }
        });
        assertTimeoutPreemptively(
                HANG_LIMIT,
                () -> {
                    caller.start();
                    waitUntilAllWorkersRunAndTheCallerWaits(before, caller, 4);
                    caller.interrupt();
                    caller.join();
                },
                "after an interrupt the workers must be stopped and joined, not waited for");
        assertInstanceOf(
                InterruptedException.class,
                thrown.get(),
                "the interrupt reaches the caller as an InterruptedException");
        assertEquals(List.of(), aliveWhenSumEnded.get(), "workers still alive when sum() gave up");
    }

    /** Polls the threads' states (no sleeping for a guessed time): the workers run, the caller waits on the queue. */
    private static void waitUntilAllWorkersRunAndTheCallerWaits(Set<Thread> before, Thread caller, int workers) {
        while (true) {
            long runningWorkers = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread ->
                            !before.contains(thread) && thread.getName().startsWith("sum-worker-") && thread.isAlive())
                    .count();
            if (runningWorkers == workers && caller.getState() == Thread.State.WAITING) {
                return;
            }
            assertTrue(caller.isAlive(), "the caller ended before it was interrupted");
            Thread.onSpinWait();
        }
    }

    private static CommandLineRun commandLine(String... args) {
        return CommandLineRun.of(new ThreadsAndQueueLesson()::commandLine, args);
    }

    @ParameterizedTest(name = "--workers {0}")
    @ValueSource(strings = {"0", "-3"})
    void tooFewWorkersIsOneLineAndExitCode2(String workers) {
        commandLine("--n", "1000", "--workers", workers).assertRefused("--workers must be at least 1, was " + workers);
    }

    /* What ./workbook list and run show: id, module, title, every strategy summing exactly, the command line. */
    @TestFactory
    Stream<DynamicNode> descriptor() {
        return DescriptorCheck.of(new ThreadsAndQueueLesson()).tests();
    }

    @Test
    void eachWorkerSumsItsChunkInSlicesAndAnEmptyChunkSumsNothing() throws InterruptedException {
        List<String> slices = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Workload.RangeKernel recorded = (workload, from, to) -> {
            slices.add("[" + from + ", " + to + ")");
            return workload.sumRange(from, to);
        };
        Workload workload = Workload.of(10, 3);
        assertEquals(Oracle.sum(workload), new ThreadsAndQueue(2, recorded).sum(workload));
        assertEquals(Set.of("[0, 5)", "[5, 10)"), Set.copyOf(slices));
        assertEquals(2, slices.size(), "one slice per chunk, no empty one: " + slices);
        slices.clear();
        long big = Chunk.SLICE_SIZE + 1;
        assertEquals(Oracle.sum(Workload.of(big, 3)), new ThreadsAndQueue(1, recorded).sum(Workload.of(big, 3)));
        assertEquals(List.of("[0, " + Chunk.SLICE_SIZE + ")", "[" + Chunk.SLICE_SIZE + ", " + big + ")"), slices);
        slices.clear();
        assertEquals(0, new ThreadsAndQueue(3, recorded).sum(Workload.of(0, 3)));
        assertEquals(List.of(), slices, "three empty chunks: nothing to sum");
    }

    @Test
    void aFailureLeavesTheCallersInterruptFlagAsItWas() throws Throwable {
        Workload faulty = Workload.of(100_000, 99).failingAt(10);
        assertTimeoutPreemptively(HANG_LIMIT, () -> {
            assertThrows(IllegalStateException.class, () -> new ThreadsAndQueue(3).sum(faulty));
            assertTrue(!Thread.currentThread().isInterrupted(), "nobody interrupted the caller");
        });
    }

    /*
     * The caller is interrupted a second time while it waits for a worker that takes its time to
     * stop: it must still wait for that worker, and then hand the interrupt back on its flag.
     */
    @Test
    void anInterruptWhileStoppingTheWorkersIsKeptForTheCaller() throws InterruptedException {
        java.util.concurrent.CountDownLatch slowWorkerStarted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Workload.RangeKernel failFastOrTakeTime = (workload, from, to) -> {
            if (from == 0) {
                while (slowWorkerStarted.getCount() > 0) {
                    Thread.onSpinWait(); // fail only once the other worker is inside its loop
                }
                throw new IllegalStateException("the first chunk fails");
            }
            slowWorkerStarted.countDown();
            boolean stopRequested = false;
            while (true) {
                try {
                    release.await(); // deaf to the stop request until the test lets go
                    break;
                } catch (InterruptedException stop) {
                    stopRequested = true;
                }
            }
            if (stopRequested) {
                Thread.currentThread().interrupt();
            }
            return 0;
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagAfterwards = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().name("test-caller").start(() -> {
            try {
                new ThreadsAndQueue(2, failFastOrTakeTime).sum(Workload.of(10, 1));
            } catch (Throwable failure) {
                thrown.set(failure);
            }
            flagAfterwards.set(Thread.currentThread().isInterrupted());
        });
        assertTimeoutPreemptively(HANG_LIMIT, () -> {
            // A sum() that ends before its slow worker starts (it threw at once) fails here, not at the limit.
            while (!slowWorkerStarted.await(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                caller.join(1);
                if (!caller.isAlive()) {
                    throw new AssertionError("sum() ended before its slow worker started", thrown.get());
                }
            }
            waitUntil(() -> caller.getState() == Thread.State.WAITING && isStopping(caller), caller);
            caller.interrupt();
            waitUntil(() -> !caller.isInterrupted() && caller.getState() == Thread.State.WAITING, caller);
            assertTrue(caller.isAlive(), "still waiting for the slow worker");
            release.countDown();
            caller.join();
        });
        assertInstanceOf(IllegalStateException.class, thrown.get(), "the worker's failure, not the interrupt");
        assertEquals(true, flagAfterwards.get(), "the second interrupt is handed back on the caller's flag");
    }

    /** The caller has taken the failure and is stopping the workers (not still waiting for a message). */
    private static boolean isStopping(Thread caller) {
        return java.util.Arrays.stream(caller.getStackTrace())
                .anyMatch(frame -> frame.getMethodName().equals("stopAndJoin"));
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Thread caller) {
        while (!condition.getAsBoolean()) {
            assertTrue(caller.isAlive(), "the caller ended early");
            Thread.onSpinWait();
        }
    }
}
