package workbook.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import workbook.cluster.members.ChunkRuns;
import workbook.harness.Chunk;

/*
 * Work held on a latch, so that a test can take a member away (or interrupt a call) while chunks
 * are certainly under way, however slow or busy the machine: the order of events is fixed by the
 * test, never by how long a chunk takes.
 *
 *   try (Held held = Held.everyChunk()) {
 *       ... start a sum, wait until a chunk is held ...
 *       held.terminate(List.of(leaving), survivor);   // returns once the member has left
 *       held.release();
 *   }
 */
final class Held implements AutoCloseable {
    private final CountDownLatch latch = new CountDownLatch(1);
    private final List<Thread> terminations = new ArrayList<>();

    private Held() {}

    /* From now on every chunk this JVM's members start waits until release() (or its thread is interrupted). */
    static Held everyChunk() {
        return chunksWhere(chunk -> true);
    }

    /* The same for the chunks that pass {@code which}; the others run at once. */
    static Held chunksWhere(Predicate<Chunk> which) {
        Held held = new Held();
        ChunkRuns.beforeEachChunk(chunk -> {
            if (which.test(chunk)) {
                held.await();
            }
        });
        return held;
    }

    private void await() {
        try {
            latch.await();
        } catch (InterruptedException memberShuttingDown) {
            Thread.currentThread().interrupt(); // a member that is terminated may interrupt its threads
        }
    }

    void release() {
        latch.countDown();
    }

    /*
     * Terminates members (as a crash would, without handing their data over) and returns once they
     * have left: stopped running and, if a survivor is named, out of its member list. Their
     * terminate() calls finish in the background: a member's termination waits for its Jet
     * threads, which a held chunk occupies until release().
     */
    void terminate(List<HazelcastInstance> leaving, HazelcastInstance survivor) throws InterruptedException {
        Set<UUID> gone = leaving.stream()
                .map(member -> member.getCluster().getLocalMember().getUuid())
                .collect(Collectors.toSet());
        for (HazelcastInstance member : leaving) {
            terminations.add(
                    Thread.ofPlatform().name("terminate " + member.getName()).start(() -> member.getLifecycleService()
                            .terminate()));
        }
        waitUntil(() -> leaving.stream()
                .noneMatch(member -> member.getLifecycleService().isRunning()));
        if (survivor != null) {
            waitUntil(() ->
                    survivor.getCluster().getMembers().stream().noneMatch(member -> gone.contains(member.getUuid())));
        }
    }

    /* Releases the work, puts the default hook back and waits for the terminations, also when the test failed. */
    @Override
    public void close() throws InterruptedException {
        ChunkRuns.beforeEachChunk(null);
        release();
        for (Thread termination : terminations) {
            termination.join();
        }
    }

    /* Waits for the moment to strike; a job that ends first (it failed, say) ends the wait with its result. */
    static void waitUntil(BooleanSupplier condition, Future<?> job) throws Exception {
        while (!condition.getAsBoolean()) {
            if (job.isDone()) {
                fail("the job ended before the test could act; it returned " + job.get());
            }
            Thread.sleep(5);
        }
    }

    /* The same for a condition that needs no job. */
    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(5);
        }
    }
}
