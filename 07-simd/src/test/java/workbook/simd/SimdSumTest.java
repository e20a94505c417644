package workbook.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import workbook.harness.DescriptorCheck;
import workbook.harness.LeftoverThreads;
import workbook.harness.Oracle;
import workbook.harness.Workload;

class SimdSumTest {

    /** Not a timing limit: a safety net so that a broken strategy fails the build instead of stalling it. */
    private static final Duration HANG_LIMIT = Duration.ofSeconds(60);

    /** Waits for a pool's threads to end after close(): returns as soon as they have, fails only if they never do. */
    private static final Duration THREAD_EXIT_GRACE = Duration.ofSeconds(10);

    /** Long enough (minutes even in lanes) that only a stop request can end it early. */
    private static final Workload ENDLESS = Workload.of(1_000_000_000_000L, 11);

    @TestFactory
    Stream<DynamicNode> contract() {
        return ContractBattery.of(SimdSum::new).workers(1, 2, 3, 8).tests();
    }

    @TestFactory
    Stream<DynamicNode> contractWithOneAccumulator() {
        return ContractBattery.of(workers -> new SimdSum(workers, 1))
                .workers(1, 3)
                .tests();
    }

    @TestFactory
    Stream<DynamicNode> contractWithFourAccumulators() {
        return ContractBattery.of(workers -> new SimdSum(workers, 4))
                .workers(1, 3)
                .tests();
    }

    @Test
    void theIssueExampleGivesTheOracleSum() throws InterruptedException {
        Workload workload = new Workload(1_000_003, 20261126, -3, 17);
        assertEquals(Oracle.sum(workload), new SimdSum(2).sum(workload));
    }

    /*
     * Chunk boundaries at every position relative to a trip of the widest loop: with 3 workers
     * and n running through 4 * LANES * 3 consecutive values, each chunk starts and ends at every
     * residue, so every chunk has every tail length.
     */
    @Test
    void chunkBoundariesAtEveryAlignmentGiveTheOracleSum() throws InterruptedException {
        for (int accumulators : new int[] {1, 2, 4}) {
            SimdSum strategy = new SimdSum(3, accumulators);
            for (long n = 10_000; n < 10_000 + 4 * LaneKernel.LANES * 3; n++) {
                Workload workload = new Workload(n, n, -1000, 1000);
                assertEquals(Oracle.sum(workload), strategy.sum(workload), accumulators + " accumulators, n = " + n);
            }
        }
    }

    /* More numbers than one slice per worker, with odd slice and chunk boundaries. */
    @Test
    void chunksOfSeveralSlicesGiveTheOracleSum() throws InterruptedException {
        Workload workload = new Workload(3 * Chunk.SLICE_SIZE + 12_345, 7, -9, 1000);
        assertEquals(Oracle.sum(workload), new SimdSum(2).sum(workload));
    }

    /*
     * The failing number at the first, a middle and the last index of a chunk: the chunk's
     * failure reaches the caller, names the chunk, and carries the InjectedFault.
     */
    @ParameterizedTest(name = "fault at index {0} of chunk 1 [33334, 66667)")
    @ValueSource(longs = {33_334, 50_000, 66_666})
    void aFaultAnywhereInAChunkReachesTheCallerWithItsChunk(long index) throws InterruptedException {
        Workload faulty = Workload.of(100_000, 99).failingAt(index);
        PiecesInFlight pieces = new PiecesInFlight();
        Set<Thread> before = LeftoverThreads.snapshot();
        SimdSum.ChunkFailedException failure = assertTimeoutPreemptively(
                HANG_LIMIT,
                () -> assertThrows(SimdSum.ChunkFailedException.class, () -> pieces.sum(new SimdSum(3), faulty)));
        assertEquals(0, pieces.whenSumEnded(), "pieces still being summed when sum() threw");
        assertEquals(List.of(), LeftoverThreads.startedSince(before, THREAD_EXIT_GRACE));
        assertTrue(failure.getMessage().contains(new Chunk(1, 33_334, 66_667).toString()), failure.getMessage());
        Workload.InjectedFault cause = assertInstanceOf(Workload.InjectedFault.class, failure.getCause());
        assertEquals(index, cause.index());
    }

    /*
     * Chunk 0 or chunk 3 of 4 fails at its first number, while the others have minutes of work.
     * The others end at their next slice, and the chunk named is the one that failed, also when
     * chunks that it stopped come before it in the futures.
     */
    @ParameterizedTest(name = "fault at index {0}")
    @ValueSource(longs = {0, 750_000_000_000L})
    void aFailingWorkerStopsTheOthersInsteadOfWaitingForThem(long index) throws InterruptedException {
        Workload faulty = ENDLESS.failingAt(index);
        Chunk failingChunk = Chunk.split(faulty.n(), 4).stream()
                .filter(chunk -> chunk.from() == index)
                .findFirst()
                .orElseThrow();
        PiecesInFlight pieces = new PiecesInFlight();
        Set<Thread> before = LeftoverThreads.snapshot();
        SimdSum.ChunkFailedException failure = assertTimeoutPreemptively(
                HANG_LIMIT,
                () -> assertThrows(SimdSum.ChunkFailedException.class, () -> pieces.sum(new SimdSum(4), faulty)),
                "the other workers' chunks take minutes: they must be stopped, not waited for");
        assertEquals(failingChunk + " failed", failure.getMessage());
        assertInstanceOf(Workload.InjectedFault.class, failure.getCause());
        assertEquals(0, pieces.whenSumEnded(), "pieces still being summed when sum() threw");
        assertEquals(List.of(), LeftoverThreads.startedSince(before, THREAD_EXIT_GRACE));
    }

    @Test
    void anInterruptedCallerGetsInterruptedExceptionAndNoWorkerIsLeft() throws InterruptedException {
        PiecesInFlight pieces = new PiecesInFlight();
        Set<Thread> before = LeftoverThreads.snapshot();
        // The preemptive timeout runs this on a thread of its own, so that is the thread to interrupt.
        assertTimeoutPreemptively(HANG_LIMIT, () -> {
            Thread.currentThread().interrupt();
            try {
                assertThrows(InterruptedException.class, () -> pieces.sum(new SimdSum(4), ENDLESS));
            } finally {
                Thread.interrupted();
            }
        });
        assertEquals(0, pieces.whenSumEnded(), "pieces still being summed when sum() threw");
        assertEquals(List.of(), LeftoverThreads.startedSince(before, THREAD_EXIT_GRACE));
    }

    @Test
    void noPieceIsBeingSummedTheMomentSumReturnsAndNoWorkerIsLeft() throws InterruptedException {
        Set<Thread> before = LeftoverThreads.snapshot();
        SimdSum strategy = new SimdSum(8);
        for (int call = 0; call < 100; call++) {
            Workload workload = Workload.of(1000 + call, call);
            PiecesInFlight pieces = new PiecesInFlight();
            assertEquals(Oracle.sum(workload), pieces.sum(strategy, workload));
            assertEquals(0, pieces.whenSumEnded(), "pieces still being summed when sum() returned, call " + call);
            assertEquals(List.of(), LeftoverThreads.startedSince(before, THREAD_EXIT_GRACE), "call " + call);
        }
    }

    /*
     * What a pool promises, checked where it holds (as in lesson 03's tests). close() returns once
     * every task has ended, so the moment sum() returns or throws, no piece of the work may still
     * be being summed. A pool's thread may still be on its way out a moment after that, so the
     * threads are given THREAD_EXIT_GRACE to end; one that never ends is still found.
     */
    private static final class PiecesInFlight {
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger whenSumEnded = new AtomicInteger(-1);

        long sum(SimdSum strategy, Workload workload) throws InterruptedException {
            try {
                return strategy.sum(workload.countingPiecesIn(inFlight));
            } finally {
                whenSumEnded.set(inFlight.get());
            }
        }

        int whenSumEnded() {
            return whenSumEnded.get();
        }
    }

    @Test
    void settingsNameTheLanesTheVectorWidthAndTheKnobs() throws InterruptedException {
        SimdSum strategy = new SimdSum(3, 1);
        strategy.sum(Workload.of(10_000, 1));
        Map<String, Object> settings = strategy.settings();
        assertEquals(
                List.of("lanes", "vector_bits", "accumulators", "workers", "vector_check"),
                List.copyOf(settings.keySet()));
        assertEquals(LaneKernel.LANES, settings.get("lanes"));
        assertEquals(64 * LaneKernel.LANES, settings.get("vector_bits"));
        assertEquals(1, settings.get("accumulators"));
        assertEquals(3, settings.get("workers"));
        assertEquals(
                VectorCheck.beforeRunning(LaneKernel.LANES, 64 * LaneKernel.LANES, System.getProperty("java.vm.info")),
                settings.get("vector_check"),
                "10,000 numbers are too few to judge the speed: only what is known before running");
    }

    @Test
    void constructorRefusesBadKnobs() {
        assertEquals(
                "--workers must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new SimdSum(0))
                        .getMessage());
        assertEquals(
                "--accumulators must be 1, 2 or 4, was 3",
                assertThrows(IllegalArgumentException.class, () -> new SimdSum(2, 3))
                        .getMessage());
    }

    private static CommandLineRun commandLine(String... args) {
        return CommandLineRun.of(new SimdLesson()::commandLine, args);
    }

    @ParameterizedTest(name = "--workers {0}")
    @ValueSource(strings = {"0", "-3"})
    void tooFewWorkersIsOneLineAndExitCode2(String workers) {
        commandLine("--n", "1000", "--workers", workers).assertRefused("--workers must be at least 1, was " + workers);
    }

    @ParameterizedTest(name = "--accumulators {0}")
    @ValueSource(strings = {"0", "3", "8"})
    void anAccumulatorCountOtherThan124IsOneLineAndExitCode2(String accumulators) {
        commandLine("--n", "1000", "--accumulators", accumulators)
                .assertRefused("--accumulators must be 1, 2 or 4, was " + accumulators);
    }

    /* What ./workbook list and run show: id, module, title, every strategy summing exactly, the command line. */
    @TestFactory
    Stream<DynamicNode> descriptor() {
        return DescriptorCheck.of(new SimdLesson())
                .reports("\"accumulators\":" + SimdSum.DEFAULT_ACCUMULATORS + ",")
                .tests();
    }
}
