package workbook.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import workbook.cluster.ClusterSum.Engine;
import workbook.cluster.members.ChunkRuns;
import workbook.cluster.members.Cluster;
import workbook.cluster.members.MemberSettings;
import workbook.harness.ContractBattery;
import workbook.harness.LeftoverThreads;
import workbook.harness.Lesson;
import workbook.harness.Oracle;
import workbook.harness.SumStrategy;
import workbook.harness.Timeline;
import workbook.harness.TimelineCheck;
import workbook.harness.Workload;

/*
 * The contract battery and the everyday checks, on one two-member cluster shared by every case:
 * starting a cluster takes seconds, a battery case milliseconds. The battery closes the strategy
 * after each case; the strategies here leave the shared cluster open, and @AfterAll closes it and
 * checks that no thread of it is left.
 *
 * The members take loopback ports that are free when the test starts, so they never meet a member
 * started by hand on 5701, nor the members of another test run on the same machine.
 */
class ClusterSumTest {
    private static final int MEMBERS = 2;
    private static final int THREADS_PER_MEMBER = 2;
    /* Only stops a hung test; nothing here is decided by time. */
    private static final Duration HANG_LIMIT = Duration.ofSeconds(90);

    private static Set<Thread> threadsBeforeCluster;
    private static Cluster shared;

    @BeforeAll
    static void startSharedCluster() throws Exception {
        threadsBeforeCluster = LeftoverThreads.snapshot();
        shared = Cluster.embedded(MEMBERS, THREADS_PER_MEMBER, false);
        fillHazelcastThreadPools();
    }

    /*
     * Hazelcast runs its work on pools that grow on demand and let a thread go after 60 s idle
     * (the executor's tasks and housekeeping, Jet's blocking processors, async completions). The
     * battery looks for threads started during a case, so the pools are grown here first: a burst
     * of concurrent pauses on every member, and rounds of concurrent Jet jobs. One battery case
     * then always finds an idle thread waiting.
     */
    private static void fillHazelcastThreadPools() throws Exception {
        HazelcastInstance entry = shared.entry();
        entry.getConfig().addExecutorConfig(new ExecutorConfig("warm-up").setPoolSize(16));
        IExecutorService warmUp = entry.getExecutorService("warm-up");
        List<Future<Long>> pauses = new ArrayList<>();
        for (var member : shared.dataMembers()) {
            for (int i = 0; i < 16; i++) {
                pauses.add(warmUp.submitToMember(new Pause(300), member));
            }
        }
        for (Future<Long> pause : pauses) {
            pause.get();
        }
        ClusterSum jet = new ClusterSum(shared, Engine.jet, 8);
        try (ExecutorService callers = Executors.newFixedThreadPool(4)) {
            for (int round = 0; round < 3; round++) {
                List<Future<Long>> jobs = new ArrayList<>();
                for (int job = 0; job < 4; job++) {
                    long seed = round * 4L + job;
                    jobs.add(callers.submit(() -> jet.sum(Workload.of(100_000, seed))));
                }
                for (Future<Long> job : jobs) {
                    job.get();
                }
            }
        }
    }

    record Pause(long millis) implements Callable<Long>, Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Long call() throws InterruptedException {
            Thread.sleep(millis);
            return millis;
        }
    }

    @AfterAll
    static void stopSharedClusterAndLookForLeftoverThreads() throws InterruptedException {
        shared.close();
        assertEquals(
                List.of(),
                LeftoverThreads.startedSince(threadsBeforeCluster, Duration.ofSeconds(15)),
                "threads of the embedded members are still alive after close()");
    }

    /* The battery's worker counts become task counts: what matters for exactness is the chunking. */
    @TestFactory
    Stream<DynamicNode> executorContract() {
        return ContractBattery.of(tasks -> new ClusterSum(shared, Engine.executor, tasks))
                .workers(1, 2, 3, 8)
                .largeN(2_000_003)
                .tests();
    }

    @TestFactory
    Stream<DynamicNode> jetContract() {
        return ContractBattery.of(tasks -> new ClusterSum(shared, Engine.jet, tasks))
                .workers(1, 3, 8)
                .largeN(2_000_003)
                .tests();
    }

    @Test
    void theJetPipelineWithDefaultTasksGivesTheOracleSumOfTheLessonPagesExample() throws InterruptedException {
        Workload workload = new Workload(1_000_003, 20261126, -3, 17);
        assertEquals(Oracle.sum(workload), new ClusterSum(shared, Engine.jet, null).sum(workload));
    }

    @Test
    void theExecutorWithDefaultTasksGivesTheOracleSumOfTheLessonPagesExample() throws InterruptedException {
        Workload workload = new Workload(1_000_003, 20261126, -3, 17);
        assertEquals(Oracle.sum(workload), new ClusterSum(shared, Engine.executor, null).sum(workload));
    }

    /*
     * The timeline doubles as a proof of the split: the pieces of one call, as they came back from
     * the members, cover [0, n) exactly once. Each is drawn on its member's thread and names its
     * member; the members run in this JVM, so their pieces lie within the call on its own clock.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Engine.class)
    void thePiecesOfOneCallTileTheRangeOnceAndNameTheirMembers(Engine engine) throws InterruptedException {
        Workload workload = Workload.of(1_000_003, 9);
        ClusterSum strategy = new ClusterSum(shared, engine, 8);
        Timeline timeline = Timeline.start();
        try {
            timeline.beginCall(0);
            assertEquals(Oracle.sum(workload), strategy.sum(workload));
            timeline.endCall(workload.n());
        } finally {
            timeline.stop();
        }
        List<Timeline.Piece> pieces = timeline.pieces(0);
        assertEquals(8, pieces.size(), () -> "one piece per chunk, recorded once: " + pieces);
        assertEquals(Optional.empty(), TimelineCheck.tiles(pieces, workload.n()));
        Set<Object> members = shared.embeddedMembers().stream()
                .map(member -> "127.0.0.1:"
                        + member.getCluster().getLocalMember().getAddress().getPort())
                .collect(Collectors.toSet());
        Set<Object> named =
                pieces.stream().map(piece -> piece.extra().get("member")).collect(Collectors.toSet());
        assertTrue(members.containsAll(named), () -> "pieces name members " + named + " of " + members);
        long callNanos = timeline.calls().getFirst().durationNanos();
        for (Timeline.Piece piece : pieces) {
            assertTrue(piece.thread().startsWith("hz.member-"), () -> "a member's thread: " + piece);
            assertEquals(false, piece.extra().get("rerun"), () -> "nothing was run again: " + piece);
            assertTrue(
                    0 <= piece.startNanos() && piece.startNanos() <= piece.endNanos() && piece.endNanos() <= callNanos,
                    () -> "within the call (" + callNanos + " ns): " + piece);
        }
    }

    @Test
    void chunksReallyRunOnEveryMember() throws InterruptedException {
        List<Long> startedBefore = shared.embeddedMembers().stream()
                .map(ClusterSumTest::startedTasks)
                .toList();
        new ClusterSum(shared, Engine.executor, 8).sum(Workload.of(1_000_000, 5));
        for (int i = 0; i < MEMBERS; i++) {
            long started = startedTasks(shared.embeddedMembers().get(i)) - startedBefore.get(i);
            assertEquals(4, started, "member " + (i + 1) + " should have run 4 of the 8 chunks");
        }
    }

    private static long startedTasks(HazelcastInstance member) {
        return member.getExecutorService(MemberSettings.EXECUTOR_NAME)
                .getLocalExecutorStats()
                .getStartedTaskCount();
    }

    /*
     * Loopback only: each member's address is 127.0.0.1, and the kernel's tables of listening
     * sockets show its port bound to 127.0.0.1 (Java's dual-stack sockets appear in the IPv6 table
     * as ::ffff:127.0.0.1), never to a wildcard address (0.0.0.0 or ::) that other hosts could reach.
     */
    @Test
    void membersListenOnLoopbackOnly() throws IOException {
        List<Path> tables = Stream.of("/proc/net/tcp", "/proc/net/tcp6")
                .map(Path::of)
                .filter(Files::isReadable)
                .toList();
        assumeTrue(!tables.isEmpty(), "needs Linux's /proc/net/tcp");
        Set<String> loopback = Set.of("0100007F", "0000000000000000FFFF00000100007F");
        for (HazelcastInstance member : shared.embeddedMembers()) {
            assertEquals(
                    "127.0.0.1",
                    member.getCluster().getLocalMember().getAddress().getHost());
            int port = member.getCluster().getLocalMember().getAddress().getPort();
            List<String> listeners = new ArrayList<>();
            for (Path table : tables) {
                listeners.addAll(listeningAddresses(table, port));
            }
            assertFalse(listeners.isEmpty(), "nothing listens on port " + port);
            assertTrue(
                    loopback.containsAll(listeners),
                    "listeners on port " + port + " (hex, as the kernel shows them): " + listeners);
        }
    }

    private static List<String> listeningAddresses(Path table, int port) throws IOException {
        String portHex = String.format(Locale.ROOT, "%04X", port);
        List<String> addresses = new ArrayList<>();
        List<String> lines = Files.readAllLines(table);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+");
            String[] local = fields[1].split(":");
            boolean listening = fields[3].equals("0A");
            if (listening && local[1].equals(portHex)) {
                addresses.add(local[0]);
            }
        }
        return addresses;
    }

    @Test
    @Timeout(90) // starts a cluster of its own, and waits for its threads to end
    void theLessonRegistersBothEnginesAndEachStrategyStopsTheClusterItStarted() throws InterruptedException {
        Lesson lesson = Lesson.discover().stream()
                .filter(candidate -> candidate.id().equals("06"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                List.of("executor", "jet"),
                lesson.strategies().stream().map(Lesson.Strategy::name).toList());
        Workload workload = Workload.of(100_003, 11);
        Set<Thread> before = LeftoverThreads.snapshot();
        try (SumStrategy strategy = lesson.strategies().getFirst().withWorkers().apply(2)) {
            assertEquals(Oracle.sum(workload), strategy.sum(workload));
            assertEquals(2, strategy.settings().get("members"), "two embedded members of its own");
            assertEquals(4, strategy.settings().get("workers"), "two threads on each of them");
        }
        assertEquals(
                List.of(),
                LeftoverThreads.startedSince(before, Duration.ofSeconds(15)),
                "the lesson's own cluster left threads behind after close()");
    }

    @Test
    void aChunkThatFailsIsReportedWithItsBoundsNotRetried() {
        ClusterSum strategy = new ClusterSum(shared, Engine.executor, 4);
        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> strategy.sum(Workload.of(1000, 3).failingAt(999)));
        assertTrue(failure.getMessage().startsWith("chunk 3 [750, 1000)"), failure.getMessage());
        assertEquals(0, shared.lastCall().reruns());
        assertNotNull(failure.getCause());
        assertEquals(0, ChunkRuns.inFlight(), "a chunk still runs after sum() has thrown");
    }

    /*
     * The first chunk fails at once while the others are held: on the executor until every member
     * has been told to stop, on Jet until the failing chunk has started. sum() must still wait for
     * the held chunks (and skip the queued ones), never return while chunks are adding on the members.
     */
    @Test
    void aFailedSumOnTheExecutorLeavesNoChunkRunning() {
        int stoppedBefore = ChunkRuns.stoppedJobs();
        assertNoChunkRunsAfterAFailure(Engine.executor, () -> ChunkRuns.stoppedJobs() > stoppedBefore);
    }

    @Test
    void aFailedJetSumLeavesNoChunkRunning() {
        assertNoChunkRunsAfterAFailure(Engine.jet, FAILING_CHUNK_STARTED::get);
    }

    private static final AtomicBoolean FAILING_CHUNK_STARTED = new AtomicBoolean();

    private static void assertNoChunkRunsAfterAFailure(ClusterSum.Engine engine, BooleanSupplier failureKnown) {
        FAILING_CHUNK_STARTED.set(false);
        assertTimeoutPreemptively(HANG_LIMIT, () -> {
            Workload failing = Workload.of(1_000_003, 4).failingAt(0);
            ClusterSum strategy = new ClusterSum(shared, engine, 16);
            try (Held held = Held.chunksWhere(chunk -> {
                if (chunk.index() == 0) {
                    FAILING_CHUNK_STARTED.set(true);
                    return false;
                }
                return true;
            })) {
                Thread releaser = Thread.ofPlatform().start(() -> {
                    try {
                        Held.waitUntil(failureKnown);
                    } catch (InterruptedException ignored) {
                        // released below all the same
                    }
                    held.release();
                });
                try {
                    assertThrows(RuntimeException.class, () -> strategy.sum(failing));
                    assertEquals(0, ChunkRuns.inFlight(), "a chunk still ran when sum() threw");
                } finally {
                    releaser.interrupt();
                    releaser.join();
                }
            }
        });
    }

    /*
     * An interrupted call ends its work: Jet's job is cancelled (its status says so) and no chunk is
     * left running. The chunks are held until the call has seen the interrupt and asked for the
     * cancel, so the job cannot finish on its own first.
     */
    @Test
    void anInterruptedJetSumCancelsItsJobAndLeavesNoChunkRunning() {
        assertTimeoutPreemptively(HANG_LIMIT, () -> {
            ClusterSum strategy = new ClusterSum(shared, Engine.jet, 8);
            try (Held held = Held.everyChunk()) {
                Call call = Call.start(strategy);
                Held.waitUntil(() -> ChunkRuns.inFlight() > 0 && MemberLossTest.runningJobs(shared) == 1);
                Job job = MemberLossTest.theRunningJob(shared);
                call.thread.interrupt();
                // Cancelling: COMPLETING while the held chunks keep its members busy.
                Held.waitUntil(() -> job.getStatus() != JobStatus.RUNNING || !call.thread.isAlive());
                held.release();
                call.thread.join();
                assertInstanceOf(InterruptedException.class, call.thrown.get());
                assertEquals(0, call.inFlightWhenItThrew.get(), "a chunk still ran when sum() threw");
                assertEquals(JobStatus.FAILED, job.getStatus());
                assertTrue(job.isUserCancelled(), "the job should have ended because it was cancelled");
            }
        });
    }

    @Test
    void anInterruptedExecutorSumSkipsTheQueuedChunksAndLeavesNoChunkRunning() {
        assertTimeoutPreemptively(HANG_LIMIT, () -> {
            ClusterSum strategy = new ClusterSum(shared, Engine.executor, 16);
            try (Held held = Held.everyChunk()) {
                Call call = Call.start(strategy);
                Held.waitUntil(() -> ChunkRuns.inFlight() > 0);
                int stoppedBefore = ChunkRuns.stoppedJobs();
                call.thread.interrupt();
                // Once every member has been told to stop, the held chunks finish and the queued ones are skipped.
                Held.waitUntil(() -> ChunkRuns.stoppedJobs() > stoppedBefore || !call.thread.isAlive());
                held.release();
                call.thread.join();
                assertInstanceOf(InterruptedException.class, call.thrown.get());
                assertEquals(0, call.inFlightWhenItThrew.get(), "a chunk still ran when sum() threw");
            }
        });
    }

    /* A sum() on a thread of its own, with what it threw and how many chunks were in flight at that moment. */
    private record Call(Thread thread, AtomicReference<Throwable> thrown, AtomicInteger inFlightWhenItThrew) {
        static Call start(ClusterSum strategy) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicInteger inFlight = new AtomicInteger(-1);
            Thread thread = Thread.ofPlatform().start(() -> {
                try {
                    strategy.sum(Workload.of(1_000_003, 8));
                } catch (Throwable failure) {
                    inFlight.set(ChunkRuns.inFlight());
                    thrown.set(failure);
                }
            });
            return new Call(thread, thrown, inFlight);
        }
    }

    @Test
    void settingsSayWhatTheLastCallUsed() throws InterruptedException {
        ClusterSum strategy = new ClusterSum(shared, Engine.executor, 6);
        strategy.sum(Workload.of(1000, 1));
        assertEquals(
                Map.of("members", MEMBERS, "tasks", 6, "threads_per_member", THREADS_PER_MEMBER, "workers", 4),
                strategy.settings());
        ClusterSum byDefault = new ClusterSum(shared, Engine.jet, null);
        byDefault.sum(Workload.of(1000, 1));
        assertEquals(4 * MEMBERS, byDefault.settings().get("tasks"), "four chunks per member by default");
    }
}
