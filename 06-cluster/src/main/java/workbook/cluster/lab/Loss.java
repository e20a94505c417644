package workbook.cluster.lab;

import com.hazelcast.core.HazelcastInstance;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import workbook.harness.Chunk;

/*
 * The loss, held to the order the lab needs: the member's chunk that triggers it waits until the
 * member has stopped and the others no longer list it, so the chunk's answer is never sent and
 * the caller sees the member leave while it held work. The termination runs on a thread of its
 * own (a member's termination may wait for its threads, one of which is waiting here).
 */
final class Loss implements AutoCloseable {
    private final HazelcastInstance member;
    private final HazelcastInstance survivor;
    private final int after;
    private final String threadPrefix;
    private final UUID uuid;
    private final AtomicInteger started = new AtomicInteger();
    private volatile Thread termination;

    Loss(HazelcastInstance member, HazelcastInstance survivor, int after) {
        this.member = member;
        this.survivor = survivor;
        this.after = after;
        this.threadPrefix = "hz." + member.getName() + ".";
        this.uuid = member.getCluster().getLocalMember().getUuid();
    }

    void atChunkStart(Chunk chunk) {
        if (!Thread.currentThread().getName().startsWith(threadPrefix)) {
            return;
        }
        if (started.incrementAndGet() == after + 1) {
            termination = Thread.ofPlatform()
                    .name("terminate " + member.getName())
                    .start(() -> member.getLifecycleService().terminate());
        }
        if (started.get() > after) {
            awaitGone();
        }
    }

    private void awaitGone() {
        boolean interrupted = false;
        while (member.getLifecycleService().isRunning()
                || survivor.getCluster().getMembers().stream()
                        .anyMatch(m -> m.getUuid().equals(uuid))) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException terminating) {
                interrupted = true; // the member's termination may interrupt its threads; the wait goes on
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        Thread running = termination;
        if (running != null) {
            running.join();
        }
    }
}
