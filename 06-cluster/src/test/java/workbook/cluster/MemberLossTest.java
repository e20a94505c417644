package workbook.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workbook.cluster.Held.waitUntil;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import workbook.cluster.ClusterSum.Engine;
import workbook.cluster.members.ChunkRuns;
import workbook.cluster.members.Cluster;
import workbook.cluster.members.MemberSettings;
import workbook.harness.Oracle;
import workbook.harness.Timeline;
import workbook.harness.TimelineCheck;
import workbook.harness.Workload;

/*
 * A member that leaves costs time, never the answer; a cluster with no member left gives an error,
 * never a sum. Each test starts its own cluster (on free loopback ports) and ends it.
 *
 * Every chunk is held on a latch (Held) until the member is gone, so "a member left while it held
 * chunks" is how the test is built, not a race between the termination and the adding that a slow
 * or busy machine could lose. The time limit only stops a hung test; it decides nothing. (Each
 * test starts a cluster of its own, which can take over ten seconds on a busy machine: @Timeout
 * tells the workshop's hang watch so.)
 */
@Timeout(90)
class MemberLossTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final Workload WORKLOAD = Workload.of(1_000_003, 2026);

    /*
     * The timeline of that call shows it: the pieces that came back tile [0, n) once, and the
     * chunks the member held reappear on the others, marked rerun.
     */
    @Test
    void theExecutorRunsTheChunksOfALeavingMemberOnTheOthersAndTheTimelineMarksThemRerun() {
        assertTimeoutPreemptively(LIMIT, () -> {
            // One thread per member, so the member that leaves still has chunks waiting in its queue.
            try (Cluster cluster = Cluster.embedded(3, 1, false);
                    Held held = Held.everyChunk();
                    ExecutorService caller = Executors.newSingleThreadExecutor()) {
                ClusterSum strategy = new ClusterSum(cluster, Engine.executor, 24);
                HazelcastInstance leaving = cluster.embeddedMembers().get(2);
                String leavingAddress = "127.0.0.1:"
                        + leaving.getCluster().getLocalMember().getAddress().getPort();
                Timeline timeline = Timeline.start();
                try {
                    Future<Long> sum = caller.submit(() -> {
                        timeline.beginCall(0);
                        long total = strategy.sum(WORKLOAD);
                        timeline.endCall(WORKLOAD.n());
                        return total;
                    });
                    waitUntil(() -> startedTasks(leaving) > 0, sum);
                    held.terminate(List.of(leaving), cluster.entry());
                    held.release();
                    assertEquals(Oracle.sum(WORKLOAD), sum.get());
                } finally {
                    timeline.stop();
                }
                assertTrue(
                        cluster.lastCall().reruns() > 0,
                        "the member left while it held chunks, so some must have run again");
                assertEquals(2, cluster.dataMembers().size());

                List<Timeline.Piece> pieces = timeline.pieces(0);
                List<Timeline.Piece> kept = pieces.stream()
                        .filter(piece -> !Boolean.TRUE.equals(piece.extra().get("lost")))
                        .toList();
                assertEquals(Optional.empty(), TimelineCheck.tiles(kept, WORKLOAD.n()));
                List<Timeline.Piece> reruns = pieces.stream()
                        .filter(piece -> Boolean.TRUE.equals(piece.extra().get("rerun")))
                        .toList();
                assertFalse(reruns.isEmpty(), () -> "the chunks sent again show as re-runs: " + pieces);
                assertTrue(
                        reruns.stream()
                                .noneMatch(piece -> piece.extra().get("member").equals(leavingAddress)),
                        () -> "re-runs ran on the members that stayed: " + reruns);
            }
        });
    }

    @Test
    void jetRestartsTheJobOnTheMembersThatAreLeft() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Cluster cluster = Cluster.embedded(3, 1, false);
                    Held held = Held.everyChunk();
                    ExecutorService caller = Executors.newSingleThreadExecutor()) {
                ClusterSum strategy = new ClusterSum(cluster, Engine.jet, 12);
                Future<Long> sum = caller.submit(() -> strategy.sum(WORKLOAD));
                waitUntil(() -> ChunkRuns.inFlight() > 0 && runningJobs(cluster) > 0, sum);
                held.terminate(List.of(cluster.embeddedMembers().get(2)), cluster.entry());
                assertFalse(sum.isDone(), "the job is held, so it must still be running after the member left");
                held.release();
                assertEquals(Oracle.sum(WORKLOAD), sum.get());
            }
        });
    }

    @Test
    void aClientGetsTheExactSumFromMembersStartedElsewhereAndSurvivesALoss() {
        assertTimeoutPreemptively(LIMIT, () -> {
            // Members as `./workbook lesson 06 member` starts them, each with --join the ones started
            // before it (the first with none: it would wait for members not started yet), and the
            // lesson joining as a client.
            List<String> addresses = new ArrayList<>();
            List<HazelcastInstance> members = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    int port = MemberSettings.freeLoopbackPorts(1).getFirst();
                    addresses.add(MemberSettings.LOOPBACK + ":" + port);
                    // The member command adds the member's own address to those of --join.
                    members.add(Hazelcast.newHazelcastInstance(
                            MemberSettings.config(MemberSettings.LOOPBACK, port, List.copyOf(addresses), 1, false)));
                }
                // Members started elsewhere have been up a while, their partition table (arranged on
                // first use) long in place. These are a moment old: a client's first writes while the
                // table is being arranged (the Jet job's classes) may wait out Hazelcast's 5 s backup
                // timeout, which costs time, not the answer, and is not what this test is about.
                members.getFirst().getPartitionService().getPartition(0).getOwner();
                waitUntil(() -> members.getFirst().getPartitionService().isClusterSafe());
                try (Cluster client = Cluster.join(List.of(addresses.getFirst()), false);
                        ExecutorService caller = Executors.newSingleThreadExecutor()) {
                    ClusterSum executor = new ClusterSum(client, Engine.executor, 24);
                    assertEquals(3, client.dataMembers().size(), "the client finds every member from one address");
                    Workload small = new Workload(1_000_003, 20261126, -3, 17);
                    assertEquals(Oracle.sum(small), executor.sum(small));
                    assertEquals(Oracle.sum(small), new ClusterSum(client, Engine.jet, null).sum(small));

                    HazelcastInstance leaving = members.get(2);
                    try (Held held = Held.everyChunk()) {
                        Future<Long> sum = caller.submit(() -> executor.sum(WORKLOAD));
                        waitUntil(() -> startedTasks(leaving) > 0, sum);
                        held.terminate(List.of(leaving), members.getFirst());
                        held.release();
                        assertEquals(Oracle.sum(WORKLOAD), sum.get());
                    }
                    assertTrue(
                            client.lastCall().reruns() > 0,
                            "the member left while it held chunks, so some must have run again");
                    assertEquals(
                            Map.of("members", 3, "tasks", 24, "threads_per_member", 1, "workers", 3),
                            executor.settings(),
                            "what the call used: the three members it started with, one thread each");
                }
            } finally {
                members.forEach(member -> member.getLifecycleService().terminate());
            }
        });
    }

    @Test
    void theExecutorWithEveryMemberGoneFailsWithAClearError() {
        assertClearErrorWhenEveryMemberGoes(Engine.executor);
    }

    @Test
    void jetWithEveryMemberGoneFailsWithAClearError() {
        assertClearErrorWhenEveryMemberGoes(Engine.jet);
    }

    private static void assertClearErrorWhenEveryMemberGoes(Engine engine) {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (Cluster cluster = Cluster.embedded(2, 1, false);
                    Held held = Held.everyChunk();
                    ExecutorService caller = Executors.newSingleThreadExecutor()) {
                ClusterSum strategy = new ClusterSum(cluster, engine, 64);
                Future<Long> sum = caller.submit(() -> strategy.sum(WORKLOAD));
                if (engine == Engine.executor) {
                    waitUntil(() -> startedTasks(cluster.embeddedMembers().getLast()) > 0, sum);
                } else {
                    waitUntil(() -> ChunkRuns.inFlight() > 0 && runningJobs(cluster) > 0, sum);
                }
                held.terminate(cluster.embeddedMembers(), null);
                held.release();
                ExecutionException failure = assertThrows(ExecutionException.class, sum::get);
                IllegalStateException clear = assertInstanceOf(IllegalStateException.class, failure.getCause());
                assertTrue(clear.getMessage().startsWith("the cluster is gone: "), clear.getMessage());
                assertTrue(clear.getMessage().endsWith("so there is no sum"), clear.getMessage());
            }
        });
    }

    static long runningJobs(Cluster cluster) {
        return cluster.entry().getJet().getJobs().stream()
                .filter(job -> !job.isLightJob() && job.getStatus() == JobStatus.RUNNING)
                .count();
    }

    static Job theRunningJob(Cluster cluster) {
        return cluster.entry().getJet().getJobs().stream()
                .filter(job -> !job.isLightJob() && job.getStatus() == JobStatus.RUNNING)
                .findFirst()
                .orElseThrow();
    }

    static long startedTasks(HazelcastInstance member) {
        return member.getExecutorService(MemberSettings.EXECUTOR_NAME)
                .getLocalExecutorStats()
                .getStartedTaskCount();
    }
}
