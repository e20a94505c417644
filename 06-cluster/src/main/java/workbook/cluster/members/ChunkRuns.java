package workbook.cluster.members;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.Serial;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import workbook.harness.Chunk;
import workbook.harness.Timeline;
import workbook.harness.Workload;

/*
 * What a member does around each chunk besides adding it up, kept here so that ClusterSum.java
 * reads as "the member computes chunk.sum(workload)":
 *
 *   timing      the chunk's start and end on the member's clock, its member and thread, sent back
 *               with the sum (a PartialSum) so that the caller can draw it on a timeline;
 *   inFlight    the chunks being summed in this JVM right now, counted down in a finally. With
 *               embedded members every chunk runs in this JVM, so the tests can check that none
 *               is still running once sum() has returned or thrown;
 *   beforeEach  a hook run as each chunk starts; nothing by default. The tests and the member-loss
 *               lab set it to hold the work until they have taken a member away, so that "a member
 *               left mid-job" never depends on how fast the machine is;
 *   stopped     the executor jobs told to stop (Stop, below). A chunk of such a job that has not
 *               started yet ends at once instead of running, so a call that failed or was
 *               interrupted waits only for the chunks already running, not for the queues.
 *
 * The static state lives in each member's JVM (a separate copy per Jet job on a member that got
 * these classes with the job), never crosses the network, and is only ever added to by Stop: one
 * entry per failed or interrupted executor call, a few dozen bytes each.
 */
public final class ChunkRuns {
    /* "pid@host": tells the caller whether a piece's times are on its own clock. */
    public static final String THIS_JVM = ManagementFactory.getRuntimeMXBean().getName();

    private static final AtomicInteger inFlight = new AtomicInteger();
    private static final Set<UUID> stopped = ConcurrentHashMap.newKeySet();
    private static final Consumer<Chunk> NOTHING = chunk -> {};
    private static volatile Consumer<Chunk> beforeEach = NOTHING;

    private ChunkRuns() {}

    /* An executor task's work: nothing for a chunk of a stopped call, else its timed sum. */
    public static PartialSum sum(UUID job, Workload workload, Chunk chunk) {
        if (stopped.contains(job)) {
            throw new CancellationException(chunk + " skipped: its job has stopped");
        }
        return sum(workload, chunk);
    }

    /* chunk.sum(workload), counted while it runs, after the hook, with where and when it ran. */
    public static PartialSum sum(Workload workload, Chunk chunk) {
        inFlight.incrementAndGet();
        try {
            beforeEach.accept(chunk);
            String thread = Thread.currentThread().getName();
            long start = System.nanoTime();
            // The caller records this piece with its member; the harness must not record it again.
            long sum = Timeline.unrecorded(() -> chunk.sum(workload));
            long end = System.nanoTime();
            return new PartialSum(
                    chunk.index(), chunk.from(), chunk.to(), sum, memberOf(thread), thread, THIS_JVM, start, end);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /*
     * The member a Hazelcast thread works for, as host:port. Its threads are named
     * hz.INSTANCE.*, and a JVM may hold several members (embedded ones); "?" if none matches.
     */
    public static String memberOf(String threadName) {
        for (HazelcastInstance member : Hazelcast.getAllHazelcastInstances()) {
            if (threadName.startsWith("hz." + member.getName() + ".")) {
                try {
                    var address = member.getCluster().getLocalMember().getAddress();
                    return address.getHost() + ":" + address.getPort();
                } catch (RuntimeException shuttingDown) {
                    return member.getName();
                }
            }
        }
        return "?";
    }

    public static int inFlight() {
        return inFlight.get();
    }

    /* How many jobs this JVM has been told to stop (tests wait for the message to arrive). */
    public static int stoppedJobs() {
        return stopped.size();
    }

    /* Run {@code hook} as each chunk in this JVM starts (tests, the member-loss lab); null puts the default back. */
    public static void beforeEachChunk(Consumer<Chunk> hook) {
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
