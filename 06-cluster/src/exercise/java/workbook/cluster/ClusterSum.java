///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.apache.commons:commons-math3:3.6.1
//DEPS com.hazelcast:hazelcast:5.7.0
//SOURCES ../../../../../../harness/src/main/java/workbook/harness/*.java
//SOURCES ../../../../main/java/workbook/cluster/ClusterLesson.java
//SOURCES ../../../../main/java/workbook/cluster/members/*.java
//RUNTIME_OPTIONS --add-modules=java.se
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
//RUNTIME_OPTIONS --add-opens=java.base/java.lang=ALL-UNNAMED
//RUNTIME_OPTIONS --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
//RUNTIME_OPTIONS --add-opens=java.management/sun.management=ALL-UNNAMED
//RUNTIME_OPTIONS --add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED
//RUNTIME_OPTIONS --sun-misc-unsafe-memory-access=allow
package workbook.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.jet.Util;
import com.hazelcast.jet.aggregate.AggregateOperations;
import com.hazelcast.jet.pipeline.BatchStage;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.test.TestSources;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import workbook.cluster.members.ChunkRuns;
import workbook.cluster.members.ChunksSent;
import workbook.cluster.members.Cluster;
import workbook.cluster.members.Failures;
import workbook.cluster.members.JetRun;
import workbook.cluster.members.PartialSum;
import workbook.harness.Chunk;
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
 *   engine executor   IExecutorService: one Callable per chunk, sent to a member (Celery)
 *   engine jet        a Jet batch pipeline: chunks -> map to partial sums -> aggregate (Map-Reduce)
 *
 * The strategy is a record of its knobs: the cluster it submits to (members started inside this
 * JVM, or a client of members started elsewhere: members/Cluster.java), the engine, and the
 * number of chunks (null: four per member). What is not the lesson's subject lives in the members
 * package: how members are configured and started, what a member does around each chunk
 * (ChunkRuns), the bookkeeping of a call's futures (ChunksSent) and of a Jet job (JetRun). The
 * strategy never starts or stops a cluster: whoever starts one closes it (the descriptor, when
 * the run ends), so that no member, client or Hazelcast thread outlives the run.
 */
public record ClusterSum(Cluster cluster, Engine engine, Integer tasks) implements SumStrategy {

    /* The command line (--engine, --members, --join, the member subcommand, ...) lives in the descriptor. */
    public static void main(String[] args) {
        System.exit(new ClusterLesson().commandLine(args));
    }

    /*
     * One job: count the members that are there now, cut [0, n) into `tasks` chunks with
     * Chunk.split (four per member unless told otherwise: each member then has work queued when
     * it finishes a chunk, and a member that leaves takes only a quarter of its share with it),
     * note what this call uses (settings() reports it), and hand the chunks to the engine.
     */
    @Override
    public long sum(Workload workload) throws InterruptedException {
        // TODO Lesson 06: the members now; tasks chunks (4 per member if null); lastCall().begin; the engine
        throw new UnsupportedOperationException("Lesson 06: the members now; tasks chunks (4 per member if null); lastCall().begin; the engine. Your code goes at the TODO, ClusterSum.java:75. Hint: docs/06-cluster.md#hints");
    }

    /*
     * The two engines: the executor is the Celery step (a task per chunk, sent to a member), Jet the
     * Map-Reduce step (a pipeline that maps chunks to partial sums and reduces them).
     */
    public enum Engine {
        executor,
        jet
    }

    /*
     * The Celery step. Every chunk is submitted before any result is awaited, so all members work
     * at once; then the results are collected in chunk order and added. Each member's pool
     * (--workers threads) runs its chunks and its queue holds the rest.
     *
     * A ChunksSent keeps the call's record: the future of each chunk (ChunksSent.add), the wait for
     * one (await). It is opened in try-with-resources: if the call ends early (a chunk failed, the
     * caller was interrupted), its close() tells the members to skip the call's queued chunks and
     * waits for the running ones, so nothing this call sent outlives it.
     */
    private long sumOnExecutor(Workload workload, List<Chunk> chunks) throws InterruptedException {
        // TODO Lesson 06: in try (a new ChunksSent): submit every chunk, then add up each chunk's resultOf

        // Every chunk is sent before any answer is awaited: all members work at once.
        throw new UnsupportedOperationException("Lesson 06: in try (a new ChunksSent): submit every chunk, then add up each chunk's resultOf. Your code goes at the TODO, ClusterSum.java:99. Hint: docs/06-cluster.md#hints");
    }

    /*
     * What travels to a member: the workload (four numbers) and the chunk's bounds, never the
     * numbers themselves, and the id of the call it belongs to. The member computes its numbers
     * from their positions (lesson 01), and sends back a PartialSum: the chunk's sum, and where
     * and when it was added (for the timeline). The object is serialized and sent; its class is
     * not. Every member must have it on its class path already, which is why members are started
     * from this same workbook (`./workbook lesson 06 member`). A Celery worker is no different: the
     * task's code must be installed where it runs.
     */
    record ChunkSum(UUID job, Workload workload, Chunk chunk) implements Callable<PartialSum>, Serializable {
        @Override
        public PartialSum call() {
            return ChunkRuns.sum(job, workload, chunk); // chunk.sum(workload), timed; skipped if the call has stopped
        }
    }

    /*
     * Round-robin: chunk i goes to member i % M, so the chunks spread evenly over the members.
     * submitToMember(task, member) returns a Future at once, without waiting for the member.
     */
    private void submit(ChunksSent sent, Workload workload, Chunk chunk, List<Member> members) {
        // TODO Lesson 06: member chunk.index() % size; sent.add the future of submitToMember(a ChunkSum)
        throw new UnsupportedOperationException("Lesson 06: member chunk.index() % size; sent.add the future of submitToMember(a ChunkSum). Your code goes at the TODO, ClusterSum.java:126. Hint: docs/06-cluster.md#hints");
    }

    /*
     * Nothing lost. A member that leaves (crashed, stopped, unplugged) fails the futures of the
     * chunks it held (Failures.memberLeft tells that apart); those chunks are simply submitted
     * again, to the members that are left (sent.rerun counts it, says so and returns them; with
     * none left it throws: the cluster is gone). A chunk's own exception (a bug, a bad number) is
     * not retried: it would fail anywhere, so it is the job's failure (sent.failed). Each chunk is
     * counted from exactly one answer, so a re-run never adds a chunk twice.
     */
    private long resultOf(ChunksSent sent, Workload workload, Chunk chunk) throws InterruptedException {
        // TODO Lesson 06: loop: return sent.await; a failure: memberLeft? submit again : throw sent.failed

        // Its member left: send it again, to one of the members that are left.
        throw new UnsupportedOperationException("Lesson 06: loop: return sent.await; a failure: memberLeft? submit again : throw sent.failed. Your code goes at the TODO, ClusterSum.java:139. Hint: docs/06-cluster.md#hints");
    }

    /* The Map-Reduce step: a pipeline run as one Jet job (JetRun submits it and waits for it). */
    private long sumWithJet(Workload workload, List<Chunk> chunks) throws InterruptedException {
        JetRun job = new JetRun(cluster);
        return job.sum(pipeline(workload, chunks, job));
    }

    /*
     * The chunk list is the source; rebalance() spreads the chunks over every member (a source's
     * items otherwise stay where they were read); map() turns each chunk into its PartialSum on the
     * member that holds it; summingLong adds them up in two tiers, first on each member, then
     * across members: the tutorial's reduce in tiers. The one total lands in a cluster map
     * (JetRun.RESULTS_MAP) under the job's own key. job.keepPieces(partials) also sends the partial
     * sums, as they are, to the timeline when one is recorded. Every lambda travels to the members,
     * so it must capture only what can be serialized: the workload and the key, never `job`.
     */
    private static Pipeline pipeline(Workload workload, List<Chunk> chunks, JetRun job) {
        // TODO Lesson 06: items(chunks), rebalance, map(ChunkRuns.sum), summingLong, entry(key), map sink
        throw new UnsupportedOperationException("Lesson 06: items(chunks), rebalance, map(ChunkRuns.sum), summingLong, entry(key), map sink. Your code goes at the TODO, ClusterSum.java:161. Hint: docs/06-cluster.md#hints");
    }

    /* What the last call used, for the report and --json: members, tasks, threads per member, workers. */
    @Override
    public Map<String, Object> settings() {
        return cluster.lastCall().settings();
    }
}

/*
 * How to run this lesson
 *
 *   ./jbang 06-cluster/src/main/java/workbook/cluster/ClusterSum.java --n 1e9
 *   ./workbook lesson 06 --n 1e9 --engine jet --members 3
 *   ./workbook lesson 06 --n 1000003 --seed 20261126 --lo -3 --hi 17 --json --verify
 *   ./workbook lesson 06 --n 1e7 --members 2 --workers 1 --timeline -
 *   ./workbook lab 06 cost --n 1e9 --repeat 3
 *   ./workbook lab 06 member-loss --n 1e8 --workers 1 --timeline -
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
 *   - --timeline - with --tasks 2, then 40: with few chunks a member idles while another finishes.
 */
