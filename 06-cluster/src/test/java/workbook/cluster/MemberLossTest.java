package workbook.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import workbook.harness.Oracle;
import workbook.harness.Workload;

/*
 * A member that leaves costs time, never the answer; a cluster with no member left gives an error,
 * never a sum. Each test starts its own cluster (ports 5811 and up) and ends it.
 */
class MemberLossTest {
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @Test
    void theExecutorRunsTheChunksOfALeavingMemberOnTheOthers() {
        assertTimeoutPreemptively(LIMIT, () -> {
            // One thread per member, so the member that leaves still has chunks waiting in its queue.
            try (ClusterConnection cluster = ClusterConnection.embedded(3, 1, List.of(5811, 5812, 5813), false);
                    ExecutorService caller = Executors.newSingleThreadExecutor()) {
                Workload workload = Workload.of(300_000_007L, 2026);
                ClusterSum strategy = new ClusterSum(cluster, false, ClusterSum.Engine.executor, 24);
                HazelcastInstance leaving = cluster.embeddedMembers().get(2);
                Future<Long> sum = caller.submit(() -> strategy.sum(workload));
                waitUntil(() -> startedTasks(leaving) > 0, sum);
                leaving.getLifecycleService().terminate();
                assertEquals(Oracle.sum(workload), sum.get());
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
            try (ClusterConnection cluster = ClusterConnection.embedded(3, 1, List.of(5821, 5822, 5823), false);
                    ExecutorService caller = Executors.newSingleThreadExecutor()) {
                Workload workload = Workload.of(300_000_007L, 2026);
                ClusterSum strategy = new ClusterSum(cluster, false, ClusterSum.Engine.jet, 12);
                Future<Long> sum = caller.submit(() -> strategy.sum(workload));
                waitUntil(() -> cluster.entry().getJet().getJobs().stream().anyMatch(MemberLossTest::running), sum);
                cluster.embeddedMembers().get(2).getLifecycleService().terminate();
                assertFalse(
                        sum.isDone(),
                        "the job must still be running after the member left, or the test proves nothing");
                assertEquals(Oracle.sum(workload), sum.get());
            }
        });
    }

    private static boolean running(Job job) {
        return !job.isLightJob() && job.getStatus() == JobStatus.RUNNING;
    }

    @Test
    void aClientGetsTheExactSumFromMembersStartedElsewhereAndSurvivesALoss() {
        assertTimeoutPreemptively(LIMIT, () -> {
            // Members as `./workbook lesson 06 member` starts them, and the lesson joining as a client.
            List<String> addresses = List.of("127.0.0.1:5841", "127.0.0.1:5842", "127.0.0.1:5843");
            List<HazelcastInstance> members = new ArrayList<>();
            try {
                for (int port = 5841; port <= 5843; port++) {
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

                    Workload large = Workload.of(300_000_007L, 7);
                    Future<Long> sum = caller.submit(() -> executor.sum(large));
                    HazelcastInstance leaving = members.get(2);
                    waitUntil(() -> startedTasks(leaving) > 0, sum);
                    leaving.getLifecycleService().terminate();
                    assertEquals(Oracle.sum(large), sum.get());
                    assertTrue(
                            executor.rerunChunks() > 0,
                            "the member left while it held chunks, so some must have run again");
                }
            } finally {
                members.forEach(member -> member.getLifecycleService().terminate());
            }
        });
    }

    @Test
    void theExecutorWithEveryMemberGoneFailsWithAClearError() {
        assertClearErrorWhenEveryMemberGoes(ClusterSum.Engine.executor, List.of(5831, 5832));
    }

    @Test
    void jetWithEveryMemberGoneFailsWithAClearError() {
        assertClearErrorWhenEveryMemberGoes(ClusterSum.Engine.jet, List.of(5835, 5836));
    }

    private static void assertClearErrorWhenEveryMemberGoes(ClusterSum.Engine engine, List<Integer> ports) {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ClusterConnection cluster = ClusterConnection.embedded(2, 1, ports, false);
                    ExecutorService caller = Executors.newSingleThreadExecutor()) {
                // Seconds of work in small chunks: the members are gone long before it could finish.
                Workload workload = Workload.of(2_000_000_000L, 1);
                ClusterSum strategy = new ClusterSum(cluster, false, engine, 64);
                Future<Long> sum = caller.submit(() -> strategy.sum(workload));
                if (engine == ClusterSum.Engine.executor) {
                    waitUntil(() -> startedTasks(cluster.embeddedMembers().getLast()) > 0, sum);
                } else {
                    waitUntil(() -> cluster.entry().getJet().getJobs().stream().anyMatch(MemberLossTest::running), sum);
                }
                for (HazelcastInstance member : cluster.embeddedMembers().reversed()) {
                    member.getLifecycleService().terminate();
                }
                ExecutionException failure = assertThrows(ExecutionException.class, sum::get);
                IllegalStateException clear = assertInstanceOf(IllegalStateException.class, failure.getCause());
                assertTrue(clear.getMessage().startsWith("the cluster is gone: "), clear.getMessage());
                assertTrue(clear.getMessage().endsWith("so there is no sum"), clear.getMessage());
            }
        });
    }

    private static long startedTasks(HazelcastInstance member) {
        return member.getExecutorService(ClusterConnection.EXECUTOR_NAME)
                .getLocalExecutorStats()
                .getStartedTaskCount();
    }

    /* Waits for the moment to strike; a job that ends first (it failed, say) ends the wait with its result. */
    private static void waitUntil(BooleanSupplier condition, Future<Long> job) throws Exception {
        while (!condition.getAsBoolean()) {
            if (job.isDone()) {
                fail("the job ended before the test could take a member away; it returned " + job.get());
            }
            Thread.sleep(5);
        }
    }
}
