package workbook.cluster;

import java.io.Serial;
import java.io.Serializable;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import workbook.harness.Chunk;
import workbook.harness.Workload;

/*
 * What a member does around each chunk besides adding it up, kept here so that ClusterSum.java
 * reads as "the member computes chunk.sum(workload)":
 *
 *   inFlight    the chunks being summed in this JVM right now, counted down in a finally. With
 *               embedded members every chunk runs in this JVM, so the tests can check that none
 *               is still running once sum() has returned or thrown.
 *   beforeEach  a hook run as each chunk starts; nothing by default. The tests set it to hold the
 *               work until they have taken a member away, so that "a member left mid-job" never
 *               depends on how fast the machine is.
 *   stopped     the executor jobs told to stop (Stop, below). A chunk of such a job that has not
 *               started yet ends at once instead of running, so a call that failed or was
 *               interrupted waits only for the chunks already running, not for the queues.
 *
 * The static state lives in each member's JVM (a separate copy per Jet job on a member that got
 * these classes with the job), never crosses the network, and is only ever added to by Stop: one
 * entry per failed or interrupted executor call, a few dozen bytes each.
 */
final class ChunkRuns {
    private static final AtomicInteger inFlight = new AtomicInteger();
    private static final Set<UUID> stopped = ConcurrentHashMap.newKeySet();
    private static final Consumer<Chunk> NOTHING = chunk -> {};
    private static volatile Consumer<Chunk> beforeEach = NOTHING;

    private ChunkRuns() {}

    /* chunk.sum(workload), counted while it runs, after the hook. */
    static long sum(Workload workload, Chunk chunk) {
        inFlight.incrementAndGet();
        try {
            beforeEach.accept(chunk);
            return chunk.sum(workload);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /* Ends a chunk of a stopped job before it starts; its result would be thrown away anyway. */
    static void skipIfStopped(UUID job, Chunk chunk) {
        if (stopped.contains(job)) {
            throw new CancellationException(chunk + " skipped: its job has stopped");
        }
    }

    static int inFlight() {
        return inFlight.get();
    }

    /* How many jobs this JVM has been told to stop (tests wait for the message to arrive). */
    static int stoppedJobs() {
        return stopped.size();
    }

    /* For tests: run {@code hook} as each chunk in this JVM starts; null puts the default back. */
    static void beforeEachChunk(Consumer<Chunk> hook) {
        beforeEach = hook == null ? NOTHING : hook;
    }

    /* Sent to every member when an executor call fails or is interrupted. */
    record Stop(UUID job) implements Runnable, Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public void run() {
            stopped.add(job);
        }
    }
}
