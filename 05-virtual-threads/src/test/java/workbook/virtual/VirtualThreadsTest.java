package workbook.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import workbook.harness.Chunk;
import workbook.harness.CommandLineRun;
import workbook.harness.ContractBattery;
import workbook.harness.LeftoverThreads;
import workbook.harness.Lesson;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;
import workbook.virtual.VirtualThreads.RemoteCall;
import workbook.virtual.VirtualThreads.WaitingJob;

class VirtualThreadsTest {

    /** Threads a chunk may still be finishing when sum() returns get this long to end. */
    private static final Duration THREAD_EXIT_GRACE = Duration.ofSeconds(10);

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
                        ContractBattery.of(VirtualThreads::new).workers(1, 2, 7).tests()),
                dynamicContainer(
                        "tasks = 10000",
                        ContractBattery.of(ignored -> new VirtualThreads(10_000))
                                .workers(1)
                                .tests()));
    }

    @Test
    void theIssueExampleGivesTheOracleSum() throws InterruptedException {
        Workload workload = new Workload(1_000_003, 20261126, -3, 17);
        assertEquals(Oracle.sum(workload), new VirtualThreads(4).sum(workload));
    }

    @Test
    void aFailingChunkIsNamedAndItsExceptionIsTheCause() {
        Workload faulty = Workload.of(100_000, 7).failingAt(54_321);
        Chunk failing = Chunk.split(faulty.n(), 7).stream()
                .filter(chunk -> chunk.from() <= 54_321 && 54_321 < chunk.to())
                .findFirst()
                .orElseThrow();
        IllegalStateException thrown =
                assertThrows(IllegalStateException.class, () -> new VirtualThreads(7).sum(faulty));
        assertEquals(failing + " failed", thrown.getMessage());
        assertEquals(
                54_321,
                assertInstanceOf(Workload.InjectedFault.class, thrown.getCause())
                        .index());
    }

    /** Counts the chunks inside their remote call right now, and the most there ever were. */
    static final class InFlight {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        RemoteCall around(RemoteCall wait) {
            return chunk -> {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                try {
                    wait.await(chunk);
                } finally {
                    now.decrementAndGet();
                }
            };
        }
    }

    /*
     * Every chunk waits until all chunks are waiting. That can only finish if the executor lets
     * all of them be in flight at once, which is what one virtual thread per chunk promises: with
     * a pool it would never finish (the timeout is there only so that a broken lesson fails
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
        Set<Thread> before = LeftoverThreads.snapshot();
        try (WaitingJob job = WaitingJob.onVirtualThreads(chunks, inFlight.around(waitForAllOthers))) {
            assertEquals(Oracle.sum(workload), job.sum(workload));
        }
        assertEquals(chunks, inFlight.most.get(), "chunks in flight at the busiest moment");
        assertEquals(List.of(), LeftoverThreads.startedSince(before, THREAD_EXIT_GRACE));
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
    void onAPlatformPoolAtMostWorkersChunksAreInFlight(int workers) throws InterruptedException {
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
        try (WaitingJob job = WaitingJob.onPlatformPool(workers, chunks, inFlight.around(waitForTheRound))) {
            assertEquals(Oracle.sum(workload), job.sum(workload));
        }
        assertEquals(workers, inFlight.most.get(), "chunks in flight at the busiest moment");
        assertEquals(List.of(), LeftoverThreads.startedSince(before, THREAD_EXIT_GRACE));
    }

    @Test
    void theWaitingJobReportsAFailingChunkOnBothExecutors() {
        Workload faulty = Workload.of(10_007, 99).failingAt(10_006);
        for (WaitingJob job : List.of(
                WaitingJob.onVirtualThreads(100, RemoteCall.sleeping(1)),
                WaitingJob.onPlatformPool(2, 100, RemoteCall.sleeping(0)))) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> job.sum(faulty));
            assertEquals(Chunk.split(10_007, 100).getLast() + " failed", thrown.getMessage());
            assertInstanceOf(Workload.InjectedFault.class, thrown.getCause());
        }
    }

    @Test
    void tablesAreMeasuredOnceWhenLongAndNotAtAllWhenTooLong() {
        assertEquals(new Comparisons.Plan(true, 2, 5), Comparisons.Plan.forRow(0.5e9, 2, 5));
        assertEquals(new Comparisons.Plan(true, 0, 1), Comparisons.Plan.forRow(50e9, 2, 5));
        assertEquals(new Comparisons.Plan(false, 0, 0), Comparisons.Plan.forRow(500e9, 2, 5));
        assertEquals(500e9, Comparisons.expectedPoolNanos(10_000, 2, 100));
        assertEquals(4e9, Comparisons.expectedPoolNanos(7, 2, 1000), "7 chunks on 2 threads: 4 rounds");
    }

    private static CommandLineRun run(String... args) {
        return CommandLineRun.of(VirtualThreads::commandLine, args);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "--tasks 0|--tasks must be at least 1, was 0",
                "--tasks -5 --latency-ms 10|--tasks must be at least 1, was -5",
                "--latency-ms -1|--latency-ms must not be negative, was -1",
                "--waiting-table --latency-ms -1|--latency-ms must not be negative, was -1",
                "--waiting-table --latency-ms 70000|--latency-ms must be at most 60000 for --waiting-table, was 70000"
            })
    void badKnobsAreOneLineWithExitCode2(String argsAndMessage) {
        String[] parts = argsAndMessage.split("\\|");
        run(parts[0].split(" ")).assertRefused(parts[1]);
    }

    @Test
    void theJsonLineCarriesTheOracleSumAndTheResolvedKnobs() {
        CommandLineRun result = run(
                "--n",
                "1000003",
                "--seed",
                "20261126",
                "--lo",
                "-3",
                "--hi",
                "17",
                "--workers",
                "4",
                "--repeat",
                "1",
                "--warmup",
                "0",
                "--json",
                "--verify");
        assertEquals(0, result.exitCode(), result.err());
        long expected = Oracle.sum(new Workload(1_000_003, 20261126, -3, 17));
        for (String field :
                List.of("\"sum\":" + expected + ",", "\"oracle_agrees\":true", "\"tasks\":4", "\"latency_ms\":0")) {
            assertTrue(result.out().contains(field), () -> field + " missing from " + result.out());
        }
    }

    @Test
    void aLatencyMakesTheTimedRunTheWaitingJob() {
        CommandLineRun result =
                run("--n", "10007", "--tasks", "50", "--latency-ms", "1", "--repeat", "1", "--warmup", "0", "--json");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("\"sum\":" + Oracle.sum(Workload.of(10_007, 42)) + ","), result.out());
        assertTrue(result.out().contains("\"latency_ms\":1"), result.out());
    }

    @Test
    void theWaitingTableHasARowPerChunkCount() {
        CommandLineRun result = run(
                "--waiting-table",
                "--latency-ms",
                "0",
                "--n",
                "10007",
                "--workers",
                "2",
                "--repeat",
                "1",
                "--warmup",
                "0",
                "--verify");
        assertEquals(0, result.exitCode(), result.err());
        List<String> rows =
                result.out().lines().filter(line -> line.startsWith("| ")).toList();
        assertEquals(5, rows.size(), result.out());
        assertTrue(rows.getFirst().contains("pool of 2 platform threads"), rows.getFirst());
        for (String chunks : List.of("10", "100", "1,000", "10,000")) {
            assertTrue(
                    rows.stream().anyMatch(row -> row.startsWith("| " + chunks + " |")),
                    () -> chunks + " missing:\n" + result.out());
        }
        assertTrue(
                result.out()
                        .contains("all rows agree, " + Report.grouped(Oracle.sum(Workload.of(10_007, 42)))
                                + "; the oracle agrees"),
                result.out());
    }

    @Test
    void theCpuTableComparesThreeTaskCountsWithThePool() {
        CommandLineRun result = run("--cpu-table", "--n", "100003", "--workers", "2", "--repeat", "1", "--warmup", "0");
        assertEquals(0, result.exitCode(), result.err());
        List<String> rows =
                result.out().lines().filter(line -> line.startsWith("| ")).toList();
        assertEquals(5, rows.size(), result.out());
        List<String> rowStarts = List.of(
                "| strategy | tasks |",
                "| fixed pool of 2 platform threads | 2 |",
                "| virtual threads | 2 |",
                "| virtual threads | 100 |",
                "| virtual threads | 10,000 |");
        for (int i = 0; i < rowStarts.size(); i++) {
            assertTrue(rows.get(i).startsWith(rowStarts.get(i)), rows.get(i));
        }
    }

    @Test
    void lessonIsDiscoverable() {
        assertEquals(
                1,
                Lesson.discover().stream()
                        .filter(lesson -> lesson.id().equals("05"))
                        .count());
    }
}
