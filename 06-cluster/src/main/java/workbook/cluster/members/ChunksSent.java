package workbook.cluster.members;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.MemberLeftException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import workbook.harness.Chunk;

/*
 * The bookkeeping of one executor call: which future holds each chunk's answer now (a chunk sent
 * again gets a new one), when each was sent and answered (for the timeline), how often a chunk
 * has been sent, and, when the call ends early, that nothing it sent outlives it. ClusterSum.java
 * decides what to send where and what to do when a member leaves; this class keeps the record.
 *
 * Used in a try-with-resources block around one call: close() records the pieces on the timeline
 * when every chunk was answered, and otherwise (a chunk failed, the caller was interrupted) tells
 * every member to skip this call's chunks that have not started and waits until each chunk sent
 * has ended.
 */
public final class ChunksSent implements AutoCloseable {
    /* A chunk whose member left is sent again, to whichever member is left, at most this often. */
    private static final int MAX_ATTEMPTS = 10;

    private final Cluster cluster;
    private final UUID job = UUID.randomUUID();
    private final Map<Integer, Sending> current = new HashMap<>();
    private final List<Future<PartialSum>> everyFuture = new ArrayList<>();
    private final List<Pieces.Arrival> arrived = new ArrayList<>();
    /* A moment certainly before the next chunk is sent: the timeline's bound on when it could start. */
    private long beforeNextSend = System.nanoTime();

    private boolean membersCanBeTold = true;

    /* One chunk's latest sending: its future, a copy completed by Hazelcast's callback, and the times. */
    private static final class Sending {
        final Future<PartialSum> future;
        final CompletableFuture<PartialSum> answer = new CompletableFuture<>();
        final long sentNanos;
        final int attempt;
        volatile long answeredNanos;
        boolean collected;

        Sending(Future<PartialSum> future, long sentNanos, int attempt) {
            this.future = future;
            this.sentNanos = sentNanos;
            this.attempt = attempt;
        }
    }

    public ChunksSent(Cluster cluster) {
        this.cluster = cluster;
    }

    /* The id every ChunkSum of this call carries, so that the members can be told to skip the call's chunks. */
    public UUID job() {
        return job;
    }

    /* The future of a chunk just submitted (the first time, or again after its member left). */
    public void add(Chunk chunk, Future<PartialSum> future) {
        Sending previous = current.get(chunk.index());
        Sending sending = new Sending(future, beforeNextSend, previous == null ? 1 : previous.attempt + 1);
        if (future instanceof CompletionStage<?> stage) {
            // Hazelcast's Future.get() notes an interrupt and waits on; a CompletableFuture lets the caller go.
            stage.whenComplete((answer, failure) -> {
                sending.answeredNanos = System.nanoTime();
                if (failure != null) {
                    sending.answer.completeExceptionally(failure);
                } else {
                    sending.answer.complete((PartialSum) answer);
                }
            });
        }
        current.put(chunk.index(), sending);
        everyFuture.add(future);
        beforeNextSend = System.nanoTime();
    }

    /* The chunk's partial sum, once its member has answered; an interrupt of the caller ends the wait at once. */
    public long await(Chunk chunk) throws InterruptedException, ExecutionException {
        Sending sending = current.get(chunk.index());
        PartialSum answer = sending.future instanceof CompletionStage<?> ? sending.answer.get() : sending.future.get();
        long answered = sending.answeredNanos != 0 ? sending.answeredNanos : System.nanoTime();
        arrived.add(new Pieces.Arrival(answer, sending.sentNanos, answered, sending.attempt > 1));
        sending.collected = true;
        return answer.sum();
    }

    /* A chunk's own failure, as the job's: one line if the members cannot even read the task. */
    public IllegalStateException failed(Chunk chunk, ExecutionException failure) {
        if (Failures.lacksWorkbookClasses(failure)) {
            membersCanBeTold = false;
            return Failures.membersLackWorkbookClasses(failure, cluster.verbose());
        }
        return new IllegalStateException(chunk + " failed on the cluster", failure.getCause());
    }

    /*
     * Before a chunk whose member left is sent again: counts it, says so on stderr, gives up after
     * MAX_ATTEMPTS, and returns the members that are left (none: the cluster is gone, an error).
     * The first re-run goes at once; later ones wait a little, to let the member list settle.
     */
    public List<Member> rerun(Chunk chunk, ExecutionException failure) throws InterruptedException {
        int attempt = current.get(chunk.index()).attempt;
        if (attempt >= MAX_ATTEMPTS) {
            throw Failures.clusterGone(chunk + " found no member to run it in " + MAX_ATTEMPTS + " attempts", failure);
        }
        cluster.lastCall().rerun();
        Throwable why = failure instanceof MemberLeftException ? failure : failure.getCause();
        System.err.println("06-cluster: " + chunk + " runs again, its member is gone ("
                + why.getClass().getSimpleName() + ")");
        Thread.sleep(100L * (attempt - 1));
        List<Member> members = cluster.dataMembers();
        beforeNextSend = System.nanoTime();
        return members;
    }

    /* Every chunk answered: its pieces go on the timeline. Otherwise nothing sent may outlive the call. */
    @Override
    public void close() {
        if (current.values().stream().allMatch(sending -> sending.collected)) {
            Pieces.record(arrived);
        } else {
            stopAndAwait();
        }
    }

    /*
     * Tells every member that this call has stopped (their chunks of it that have not started end at
     * once) and waits until every chunk it sent has ended, one way or another: a Future cancelled
     * here would report at once while its member went on adding, so none is cancelled. Hazelcast's
     * get() waits through interrupts, which is what this wait needs.
     */
    private void stopAndAwait() {
        if (membersCanBeTold) {
            try {
                cluster.entry()
                        .getExecutorService(MemberSettings.CONTROL_EXECUTOR_NAME)
                        .executeOnAllMembers(new ChunkRuns.Stop(job));
            } catch (RuntimeException nobodyLeftToTell) {
                // the cluster is gone; its chunks went with it
            }
        }
        boolean interrupted = false;
        for (Future<PartialSum> future : everyFuture) {
            try {
                future.get();
            } catch (InterruptedException again) {
                interrupted = true; // not from Hazelcast's futures; a plain Future would end the wait here
            } catch (ExecutionException | RuntimeException ended) {
                // ended all the same
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
