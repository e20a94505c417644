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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import workbook.harness.Oracle;
import workbook.harness.Workload;

/*
 * A member that leaves costs time, never the answer; a cluster with no member left gives an error,
 * never a sum. Each test starts its own cluster (on free loopback ports) and ends it.
 *
 * Every chunk is held on a latch (Held) until the member is gone, so "a member left while it held
 * chunks" is how the test is built, not a race between the termination and the adding that a slow
 * or busy machine could lose. The time limit only stops a hung test; it decides nothing.
 */
class MemberLossTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final Workload WORKLOAD = Workload.of(1_000_003, 2026);

    @Test
    void theExecutorRunsTheChunksOfALeavingMemberOnTheOthers() {
        assertTimeoutPreemptively(LIMIT, () -> {
            // One thread per member, so the member that leaves still has chunks waiting in its queue.
            try (ClusterConnection cluster = ClusterConnection.embedded(3, 1, false);
                    Held held = Held.everyChunk();
                    ExecutorService caller = Executors.newSingleThreadExecutor()) {
                ClusterSum strategy = new ClusterSum(cluster, false, ClusterSum.Engine.executor, 24);
                HazelcastInstance leaving = cluster.embeddedMembers().get(2);
                Future<Long> sum = caller.submit(() -> strategy.sum(WORKLOAD));
                waitUntil(() -> startedTasks(leaving) > 0, sum);
                held.terminate(List.of(leaving), cluster.entry());
                held.release();
                assertEquals(Oracle.sum(WORKLOAD), sum.get());
                assertTrue(
                        strategy.rerunChunks() > 0,
                        "the member left while it held chunks, so some must have run again");
                assertEquals(2, cluster.dataMembers().size());
            }
        });
    }

    @Test
    void jetRestartsTheJobOnTheMembersThatAreLeft() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ClusterConnection cluster = ClusterConnection.embedded(3, 1, false);
                    Held held = Held.everyChunk();
                    ExecutorService caller = Executors.newSingleThreadExecutor()) {
                ClusterSum strategy = new ClusterSum(cluster, false, ClusterSum.Engine.jet, 12);
                Future<Long> sum = caller.submit(() -> strategy.sum(WORKLOAD));
                waitUntil(() -> runningJobs(cluster) > 0 && ChunkRuns.inFlight() > 0, sum);
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
            // Members as `./workbook lesson 06 member` starts them, and the lesson joining as a client.
            List<String> addresses = ClusterConnection.freeLoopbackPorts(3).stream()
                    .map(port -> ClusterConnection.LOOPBACK + ":" + port)
                    .toList();
            List<HazelcastInstance> members = new ArrayList<>();
            try {
                for (String address : addresses) {
                    int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
                    members.add(Hazelcast.newHazelcastInstance(
                            ClusterConnection.memberConfig(ClusterConnection.LOOPBACK, port, addresses, 1, false)));
                }
                try (ClusterSum executor = new ClusterSum(
                                ClusterConnection.join(List.of(addresses.getFirst()), false),
                                true,
                                ClusterSum.Engine.executor,
                                24);
                        ExecutorService caller = Executors.newSingleThreadExecutor()) {
                    assertEquals(
                            3,
                            executor.cluster().dataMembers().size(),
                            "the client finds every member from one address");
                    Workload small = new Workload(1_000_003, 20261126, -3, 17);
                    assertEquals(Oracle.sum(small), executor.sum(small));
                    assertEquals(
                            Oracle.sum(small),
                            new ClusterSum(executor.cluster(), false, ClusterSum.Engine.jet, null).sum(small));

                    HazelcastInstance leaving = members.get(2);
                    try (Held held = Held.everyChunk()) {
                        Future<Long> sum = caller.submit(() -> executor.sum(WORKLOAD));
                        waitUntil(() -> startedTasks(leaving) > 0, sum);
                        held.terminate(List.of(leaving), members.getFirst());
                        held.release();
                        assertEquals(Oracle.sum(WORKLOAD), sum.get());
                    }
                    assertTrue(
                            executor.rerunChunks() > 0,
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
        assertClearErrorWhenEveryMemberGoes(ClusterSum.Engine.executor);
    }

    @Test
    void jetWithEveryMemberGoneFailsWithAClearError() {
        assertClearErrorWhenEveryMemberGoes(ClusterSum.Engine.jet);
    }

    private static void assertClearErrorWhenEveryMemberGoes(ClusterSum.Engine engine) {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ClusterConnection cluster = ClusterConnection.embedded(2, 1, false);
                    Held held = Held.everyChunk();
                    ExecutorService caller = Executors.newSingleThreadExecutor()) {
                ClusterSum strategy = new ClusterSum(cluster, false, engine, 64);
                Future<Long> sum = caller.submit(() -> strategy.sum(WORKLOAD));
                if (engine == ClusterSum.Engine.executor) {
                    waitUntil(() -> startedTasks(cluster.embeddedMembers().getLast()) > 0, sum);
                } else {
                    waitUntil(() -> runningJobs(cluster) > 0 && ChunkRuns.inFlight() > 0, sum);
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

    static long runningJobs(ClusterConnection cluster) {
        return cluster.entry().getJet().getJobs().stream()
                .filter(job -> !job.isLightJob() && job.getStatus() == JobStatus.RUNNING)
                .count();
    }

    static Job theRunningJob(ClusterConnection cluster) {
        return cluster.entry().getJet().getJobs().stream()
                .filter(job -> !job.isLightJob() && job.getStatus() == JobStatus.RUNNING)
                .findFirst()
                .orElseThrow();
    }

    static long startedTasks(HazelcastInstance member) {
        return member.getExecutorService(ClusterConnection.EXECUTOR_NAME)
                .getLocalExecutorStats()
                .getStartedTaskCount();
    }
}
