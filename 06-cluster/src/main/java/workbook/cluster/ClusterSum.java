///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.apache.commons:commons-math3:3.6.1
//DEPS com.hazelcast:hazelcast:5.7.0
//SOURCES ../../../../../../harness/src/main/java/workbook/harness/*.java
//SOURCES ChunkRuns.java
//SOURCES ClusterConnection.java
//SOURCES ClusterOptions.java
//SOURCES CostTable.java
//RUNTIME_OPTIONS --add-modules=java.se
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
//RUNTIME_OPTIONS --add-opens=java.base/java.lang=ALL-UNNAMED
//RUNTIME_OPTIONS --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
//RUNTIME_OPTIONS --add-opens=java.management/sun.management=ALL-UNNAMED
//RUNTIME_OPTIONS --add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED
//RUNTIME_OPTIONS --sun-misc-unsafe-memory-access=allow
package workbook.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.Util;
import com.hazelcast.jet.aggregate.AggregateOperations;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.test.TestSources;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import java.io.PrintWriter;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import workbook.harness.Chunk;
import workbook.harness.LessonCli;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/*
 * Lesson 06: beyond one machine.
 *
 * The tutorial's last step hands the chunks to other computers: a task queue (Celery: call a
 * function, a worker node somewhere runs it) or Map-Reduce (map each piece to a partial result,
 * reduce the partial results to one). Both exist in Hazelcast, a real distributed engine that runs
 * inside a JVM as a "member"; members find each other and form a cluster.
 *
 *   --engine executor   IExecutorService: one Callable per chunk, sent to a member (Celery)
 *   --engine jet        a Jet batch pipeline: chunks -> map to partial sums -> aggregate (Map-Reduce)
 *
 * By default the lesson starts --members members inside this very JVM, so it runs anywhere with
 * nothing to install. With --join it submits to members started elsewhere instead. How members
 * are configured and started is in ClusterConnection.java, the options in ClusterOptions.java,
 * the measurements for docs/06-cluster.md in CostTable.java.
 */
public final class ClusterSum implements SumStrategy {

    public enum Engine {
        executor,
        jet
    }

    static final String RESULTS_MAP = "workbook-results";
    /* A chunk whose member left is sent again, to whichever member is left, at most this often. */
    private static final int MAX_ATTEMPTS = 10;

    private final ClusterConnection cluster;
    private final boolean closesCluster;
    private final Engine engine;
    private final Integer tasks;
    private final AtomicInteger rerunChunks = new AtomicInteger();
    private volatile List<Member> lastMembers = List.of();
    private volatile int lastTasks;

    /* {@code tasks} null means four chunks per member, counted when each job starts. */
    ClusterSum(ClusterConnection cluster, boolean closesCluster, Engine engine, Integer tasks) {
        if (tasks != null && tasks < 1) {
            throw new IllegalArgumentException("--tasks must be at least 1, was " + tasks);
        }
        this.cluster = cluster;
        this.closesCluster = closesCluster;
        this.engine = engine;
        this.tasks = tasks;
    }

    @Override
    public long sum(Workload workload) throws InterruptedException {
        List<Member> members = cluster.dataMembers();
        int taskCount = tasks != null ? tasks : 4 * members.size();
        lastMembers = members;
        lastTasks = taskCount;
        List<Chunk> chunks = Chunk.split(workload.n(), taskCount);
        return engine == Engine.executor ? sumOnExecutor(workload, chunks) : sumWithJet(workload, chunks);
    }

    /*
     * What travels to a member: the workload (four numbers) and the chunk's bounds, not a single
     * number to add, and the id of the call it belongs to. The object is serialized and sent; its
     * class is not. Every member must have it on its class path already, which is why members are
     * started from this same workbook.
     */
    record ChunkSum(UUID job, Workload workload, Chunk chunk) implements Callable<Long>, Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Long call() {
            ChunkRuns.skipIfStopped(job, chunk); // a chunk of a call that already failed never starts
            return ChunkRuns.sum(workload, chunk); // chunk.sum(workload), counted for the tests
        }
    }

    /*
     * The Celery step. Every chunk is submitted before any result is awaited, so all members work
     * at once; then the results are collected in chunk order and added. Chunks go round-robin over
     * the members, each member's pool (--workers threads) runs them, and its queue holds the rest.
     */
    private long sumOnExecutor(Workload workload, List<Chunk> chunks) throws InterruptedException {
        IExecutorService executor = cluster.entry().getExecutorService(ClusterConnection.EXECUTOR_NAME);
        UUID job = UUID.randomUUID();
        List<Future<Long>> futures = new ArrayList<>(submit(executor, job, workload, chunks));
        try {
            long total = 0;
            for (Chunk chunk : chunks) {
                total += resultOf(executor, job, workload, chunk, futures);
            }
            return total;
        } catch (RuntimeException | InterruptedException failed) {
            // Nothing this call sent outlives it: the chunks still queued are skipped, the running ones awaited.
            stopAndAwait(job, futures, !ClusterConnection.lacksWorkbookClasses(failed));
            throw failed;
        }
    }

    /* One task per chunk, round-robin over the members that are there now; the futures in chunk order. */
    private List<Future<Long>> submitEveryChunk(
            IExecutorService executor, UUID job, Workload workload, List<Chunk> chunks) {
        // BEGIN SOLUTION: submit one ChunkSum per chunk to the members, round-robin, and keep the futures
        List<Member> members = cluster.dataMembers();
        List<Future<Long>> futures = new ArrayList<>();
        for (Chunk chunk : chunks) {
            Member member = members.get(chunk.index() % members.size());
            futures.add(executor.submitToMember(new ChunkSum(job, workload, chunk), member));
        }
        return futures;
        // END SOLUTION
    }

    /* A handle that has shut down refuses new tasks; that is the cluster gone, not a bug. */
    private List<Future<Long>> submit(IExecutorService executor, UUID job, Workload workload, List<Chunk> chunks) {
        try {
            return submitEveryChunk(executor, job, workload, chunks);
        } catch (RejectedExecutionException | IllegalStateException refused) {
            throw refused instanceof RejectedExecutionException || ClusterConnection.isShutDown(refused)
                    ? ClusterConnection.clusterGone("no member is left to take " + chunks.getFirst(), refused)
                    : refused;
        }
    }

    /*
     * Nothing lost. A member that leaves (crashed, stopped, unplugged) fails the futures of the
     * chunks it held with MemberLeftException (through a client: TargetDisconnectedException or
     * TargetNotMemberException); those chunks are simply submitted again, to the members that are
     * left. A chunk's own exception (a bug, a bad number) is not retried: it is the job's failure.
     * Each chunk is counted from exactly one successful future, so a re-run never adds a chunk
     * twice. No member left at all: an error that says so, never a partial sum.
     */
    private long resultOf(
            IExecutorService executor, UUID job, Workload workload, Chunk chunk, List<Future<Long>> futures)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return interruptibly(futures.get(chunk.index()));
            } catch (ExecutionException failure) {
                if (ClusterConnection.lacksWorkbookClasses(failure)) {
                    throw cluster.membersLackWorkbookClasses(failure);
                }
                if (!memberLeft(failure)) {
                    throw new IllegalStateException(chunk + " failed on the cluster", failure.getCause());
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw ClusterConnection.clusterGone(
                            chunk + " found no member to run it in " + MAX_ATTEMPTS + " attempts", failure);
                }
                rerunChunks.incrementAndGet();
                System.err.println("06-cluster: " + chunk + " runs again, its member is gone ("
                        + (failure instanceof MemberLeftException ? failure : failure.getCause())
                                .getClass()
                                .getSimpleName()
                        + ")");
                Thread.sleep(
                        100L * (attempt - 1)); // the first re-run goes at once; later ones let the member list settle
                futures.set(
                        chunk.index(),
                        submit(executor, job, workload, List.of(chunk)).getFirst());
            }
        }
    }

    /*
     * Tells every member that this call has stopped (their chunks of it that have not started end at
     * once) and waits until every chunk it sent has ended, one way or another: a Future cancelled
     * here would report at once while its member went on adding, so none is cancelled. Hazelcast's
     * get() waits through interrupts, which is what this wait needs.
     */
    private void stopAndAwait(UUID job, List<Future<Long>> futures, boolean membersCanBeTold) {
        if (membersCanBeTold) {
            try {
                cluster.entry()
                        .getExecutorService(ClusterConnection.CONTROL_EXECUTOR_NAME)
                        .executeOnAllMembers(new ChunkRuns.Stop(job));
            } catch (RuntimeException nobodyLeftToTell) {
                // the cluster is gone; its chunks went with it
            }
        }
        boolean interrupted = false;
        for (Future<Long> future : futures) {
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

    /*
     * Hazelcast's Future.get() does not give up when the waiting thread is interrupted: it notes the
     * interrupt and waits on until the chunk is done. Waiting on a plain CompletableFuture completed
     * by Hazelcast's callback lets an interrupted call stop waiting at once.
     */
    private static long interruptibly(Future<Long> future) throws InterruptedException, ExecutionException {
        if (!(future instanceof CompletionStage<?> stage)) {
            return future.get();
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        stage.whenComplete((sum, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete((Long) sum);
            }
        });
        return done.get();
    }

    /* Gone, leaving or shutting down; if it was this JVM's own handle, the next submit says so. */
    private static boolean memberLeft(ExecutionException failure) {
        Throwable cause = failure.getCause();
        return failure instanceof MemberLeftException
                || cause instanceof MemberLeftException
                || cause instanceof TargetNotMemberException
                || cause instanceof TargetDisconnectedException
                || cause instanceof RejectedExecutionException
                || ClusterConnection.isShutDown(cause);
    }

    /*
     * The Map-Reduce step as a Jet pipeline: the chunk list is the source, rebalance() spreads the
     * chunks over every member (a source's items otherwise stay where they were read), map() turns
     * each chunk into its partial sum, and summingLong adds them up in two tiers, first on each
     * member, then across members: the tutorial's reduce in tiers. The single result lands in a
     * cluster map under a key of its own. If a member leaves, Jet restarts the job on the members
     * that are left, from the start of its source: slower, still exact.
     *
     * Unlike the executor's task, a Jet job can carry its code. Joined to a cluster started
     * elsewhere, which may lack the workbook's classes (members started from a plain Hazelcast), the
     * job attaches the classes of this package and of the harness, and the members load what its
     * lambdas and items need from the job; the cluster must allow that (resource-upload-enabled).
     * A member that has the classes uses its own; embedded members share this JVM's.
     */
    private long sumWithJet(Workload workload, List<Chunk> chunks) throws InterruptedException {
        String resultKey = UUID.randomUUID().toString();
        Pipeline pipeline = Pipeline.create();
        pipeline.readFrom(TestSources.items(chunks))
                .rebalance()
                .map(chunk -> ChunkRuns.sum(workload, chunk)) // chunk.sum(workload), counted for the tests
                .aggregate(AggregateOperations.summingLong(Long::longValue))
                .map(total -> Util.entry(resultKey, total))
                .writeTo(Sinks.map(RESULTS_MAP));
        JobConfig config = new JobConfig();
        if (cluster.embeddedMembers().isEmpty()) {
            config.addPackage(ClusterSum.class.getPackageName(), Chunk.class.getPackageName());
        }
        Job job = cluster.newJob(pipeline, config); // a cluster that refuses the classes says so in one line
        try {
            job.getFuture().get();
        } catch (InterruptedException interrupted) {
            cancelAndAwait(job); // an interrupted call leaves no job running on the cluster
            throw interrupted;
        } catch (ExecutionException failure) {
            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            if (ClusterConnection.isShutDown(cause)) {
                throw ClusterConnection.clusterGone("the Jet job lost its cluster", cause);
            }
            throw new IllegalStateException("the Jet job failed", cause);
        }
        IMap<String, Long> results = cluster.entry().getMap(RESULTS_MAP);
        Long total = results.remove(resultKey);
        if (total == null) {
            throw new IllegalStateException("the Jet job finished without writing its sum to " + RESULTS_MAP);
        }
        return total;
    }

    /* A cancelled job ends once every member has stopped its part (a map call under way finishes first). */
    private static void cancelAndAwait(Job job) {
        try {
            job.cancel();
        } catch (RuntimeException alreadyEndedOrClusterGone) {
            // nothing left to cancel
        }
        try {
            job.getFuture().join();
        } catch (RuntimeException ended) {
            // cancelled (what was asked), failed, or its cluster is gone: it runs no more
        }
    }

    /*
     * What the last call actually used, for the report and --json: the members it spread its chunks
     * over (those of a cluster it joined, too), their threads (each member says how many it has;
     * null for a member that does not, such as one started from a plain Hazelcast), and the chunks.
     */
    public Map<String, Object> settings() {
        List<Integer> threads =
                lastMembers.stream().map(ClusterConnection::threadsOf).toList();
        boolean allKnown = !threads.isEmpty() && threads.stream().allMatch(Objects::nonNull);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("members", lastMembers.size());
        settings.put("tasks", lastTasks);
        settings.put(
                "threads_per_member", allKnown && threads.stream().distinct().count() == 1 ? threads.getFirst() : null);
        settings.put(
                "workers",
                allKnown ? threads.stream().mapToInt(Integer::intValue).sum() : null);
        return settings;
    }

    /* Chunks submitted again because their member left, since this strategy was built. */
    int rerunChunks() {
        return rerunChunks.get();
    }

    ClusterConnection cluster() {
        return cluster;
    }

    @Override
    public void close() {
        if (closesCluster) {
            cluster.close(); // no member, client or Hazelcast thread outlives the run
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine(args));
    }

    static int commandLine(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /* The same, writing the report and its one-line errors to the given streams (for tests). */
    static int commandLine(PrintWriter out, PrintWriter err, String... args) {
        if (args.length > 0 && args[0].equals("member")) {
            return ClusterConnection.member(Arrays.copyOfRange(args, 1, args.length));
        }
        ClusterOptions options = new ClusterOptions();
        return LessonCli.lesson("06-cluster", ClusterOptions.engineNamed(args))
                .description(
                        "Lesson 06: sum n random integers on a Hazelcast cluster: members started in this JVM (--members),"
                                + " or a cluster started elsewhere (--join).",
                        "Start a member in a terminal with: member --port 5701 [--join HOST:PORT,...] [--bind ADDR] (try member --help).")
                .options(options)
                .alternative(() -> options.costTable, common -> CostTable.print(common, options))
                .strategy(common -> options.connect(common.workers()))
                .run(out, err, args);
    }
}

/*
 * How to run this lesson
 *
 *   ./jbang 06-cluster/src/main/java/workbook/cluster/ClusterSum.java --n 1e9
 *   ./workbook lesson 06 --n 1e9 --engine jet --members 3
 *   ./workbook lesson 06 --n 1000003 --seed 20261126 --lo -3 --hi 17 --json --verify
 *   ./workbook lesson 06 --cost-table --n 1e9 --repeat 3
 *
 * A cluster in three terminals (all on this machine; --bind a LAN address to span hosts):
 *   ./workbook lesson 06 member --port 5701
 *   ./workbook lesson 06 member --port 5702 --join 127.0.0.1:5701
 *   ./workbook lesson 06 member --port 5703 --join 127.0.0.1:5701
 * and from a fourth:
 *   ./workbook lesson 06 --join 127.0.0.1:5701 --n 1e9 --verify
 *
 * Things to try:
 *   - Ctrl-C one member while a long job runs (--n 1e10): its chunks run again elsewhere, and
 *     the sum still matches --verify.
 *   - --n 1000: the cluster takes milliseconds where lesson 01 takes microseconds (overkill).
 *   - --engine jet against --engine executor at small n: a Jet job costs more to start.
 */
