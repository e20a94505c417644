///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.apache.commons:commons-math3:3.6.1
//SOURCES ../../../../../../harness/src/main/java/workbook/harness/*.java
//SOURCES ../../../../main/java/workbook/pool/ExecutorPoolLesson.java
//SOURCES ../../../../main/java/workbook/pool/CommonPool.java
package workbook.pool;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import workbook.harness.Chunk;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/*
 * Lesson 03: a pool of workers, and the one-liner.
 *
 * Lesson 02 kept its own books: a thread per chunk, a queue with room for every answer, exactly one
 * take() per thread, then a join() for each. A pool keeps those books for us. It owns a few
 * threads; we hand it tasks, and for every task it hands back a Future, a claim on the task's
 * return value. The queue is gone (a task returns its partial sum instead of posting it), and the
 * number of tasks is ours to choose: it need not be the number of threads.
 *
 * Two strategies for the same sum:
 *   - ExecutorPool: a fixed pool of `workers` threads running `tasks` Callables, handed over with
 *     invokeAll;
 *   - ExecutorPool.ParallelStream: the one line that most production code would write instead.
 */
public record ExecutorPool(int workers, int tasks) implements SumStrategy {

    /*
     * A fresh pool for every call, the way the tutorial's script makes a pool for its one job.
     *
     * Since Java 19 an ExecutorService is AutoCloseable, and close() means: accept no new task,
     * wait until every task in hand has ended, let the threads go. Opened in try-with-resources,
     * the pool lives exactly as long as the call, however the call ends (an answer, a task's
     * failure, an interrupt): when sum() returns or throws, no task of it is still running and no
     * thread of it is left. A pool nobody closes keeps its threads, and as they are not daemon
     * threads, the JVM goes on running after main() has returned.
     */
    @Override
    public long sum(Workload workload) throws InterruptedException {
        // TODO Lesson 03: open a fixed pool of `workers` threads in try-with-resources; return sumOn(pool, workload)
        throw new UnsupportedOperationException("Lesson 03: open a fixed pool of `workers` threads in try-with-resources; return sumOn(pool, workload). Your code goes at the TODO, ExecutorPool.java:51. Hint: docs/03-executor-pool.md#hints");
    }

    /*
     * What a call used, for the report and --json. A fixed pool starts a new thread for each task
     * it is given until it has `workers` of them, so with fewer tasks than workers only `tasks`
     * threads ever run.
     */
    @Override
    public Map<String, Object> settings() {
        return new TreeMap<>(Map.of("workers", Math.min(workers, tasks), "tasks", tasks));
    }

    /*
     * The work, on a pool that someone owns: sum() passes its fresh one; a program that keeps one
     * pool for its whole life (the fixed-cost lab does) passes that one and closes it at the end.
     *
     * Tasks are not workers. The range is cut into `tasks` chunks (Chunk.split gives the first
     * n % tasks chunks one number more, so none is dropped; with more tasks than numbers some
     * chunks are empty and add 0), and each chunk becomes a Callable<Long>: work that returns its
     * answer. The pool's threads take the tasks from its queue, one after another. With more tasks
     * than threads, a thread that is done early takes the next task, which evens out chunks of
     * unequal cost; here every number costs the same, so extra tasks are mostly overhead
     * (./workbook lab 03 tasks-sweep shows how much).
     */
    public long sumOn(ExecutorService pool, Workload workload) throws InterruptedException {
        List<Chunk> chunks = Chunk.split(workload.n(), tasks);
        // TODO Lesson 03: a Callable per chunk to invokeAll; add up the futures; name a failed task's chunk

        /*
         * The work of a task is sumChunk(workload, chunk). A task's ExecutionException becomes an
         * IllegalStateException with the message "<chunk> failed" and the task's exception as cause.
         *
         * invokeAll gives every task to the pool and returns once all of them have ended, in
         * whatever way. Its futures come in the order of the tasks, so futures.get(i) holds the
         * answer for chunks.get(i), and get() on it no longer waits.
         *
         * A task's exception does not fly up by itself: the pool catches it and keeps it in the
         * task's future, and get() throws an ExecutionException around it. Unwrapped, it reaches
         * the caller with the chunk named in the message and the task's own exception as the
         * cause; in the tutorial, a worker that died left the main program waiting forever.
         */
        throw new UnsupportedOperationException("Lesson 03: a Callable per chunk to invokeAll; add up the futures; name a failed task's chunk. Your code goes at the TODO, ExecutorPool.java:79. Hint: docs/03-executor-pool.md#hints");
    }

    /*
     * One task: its chunk, a slice at a time.
     *
     * When the thread waiting in invokeAll is interrupted, invokeAll cancels every task before it
     * gives up, with cancel(true). For a task that has not started, that is the end of it. For a
     * task that is running, it sets the interrupt flag of the thread that runs it, and nothing
     * more: Java never stops a thread from outside. A task that never looks at the flag sums its
     * chunk to the end, and close() waits for it. So the task looks, between slices.
     */
    static long sumChunk(Workload workload, Chunk chunk) throws InterruptedException {
        long total = 0;
        for (long from = chunk.from(); from < chunk.to(); from += Chunk.SLICE_SIZE) {
            // TODO Lesson 03: if the task was cancelled, throw InterruptedException; else add this slice to total

            // Cancelled: this thread's interrupt flag is set. The slice: [from, min(from + Chunk.SLICE_SIZE,
            // chunk.to())).
            throw new UnsupportedOperationException("Lesson 03: if the task was cancelled, throw InterruptedException; else add this slice to total. Your code goes at the TODO, ExecutorPool.java:109. Hint: docs/03-executor-pool.md#hints");
        }
        return total;
    }

    /*
     * The one-liner: a parallel stream.
     *
     * LongStream.range splits itself in halves, and the halves again (the object that knows how to
     * cut a source in two is its spliterator), and the pieces run as fork/join tasks on the JVM's
     * common pool, ForkJoinPool.commonPool(): one pool per JVM, shared by every parallel stream in
     * it, started on first use with one thread fewer than the machine has cores, because the thread
     * that calls sum() does not sit and wait: it takes pieces too.
     *
     * Since JDK 19, ForkJoinPool.setParallelism(n) changes that pool's size while it runs, so the
     * stream can run on --workers threads: the caller and workers - 1 pool threads, for the length
     * of the call (CommonPool.sizedFor does it, and says what it cannot do).
     *
     * It is right for the same reason the pool is: number i depends on (seed, i) alone, so the
     * stream may cut the range wherever it likes and add the pieces in any order.
     */
    public record ParallelStream(int workers) implements SumStrategy {
        @Override
        public long sum(Workload workload) {
            return CommonPool.sizedFor(workers, () -> {
                // TODO Lesson 03: the indexes 0 to n - 1 as a parallel LongStream, mapped to workload.valueAt, summed
                throw new UnsupportedOperationException("Lesson 03: the indexes 0 to n - 1 as a parallel LongStream, mapped to workload.valueAt, summed. Your code goes at the TODO, ExecutorPool.java:138. Hint: docs/03-executor-pool.md#hints");
            });
        }

        /* What ran: the common pool's threads, and the thread that called sum(). */
        @Override
        public Map<String, Object> settings() {
            return Map.of("workers", CommonPool.threadsFor(workers) + 1);
        }
    }

    /* The command line (the shared options, --strategy and --tasks) lives in the descriptor. */
    public static void main(String[] args) {
        System.exit(new ExecutorPoolLesson().commandLine(args));
    }
}

/*
 * How to run this lesson
 *
 *   ./jbang 03-executor-pool/src/main/java/workbook/pool/ExecutorPool.java --n 1e9 --workers 2
 *   ./workbook lesson 03 --n 1e9 --tasks 64
 *   ./workbook lesson 03 --n 1e9 --strategy parallel-stream --workers 2
 *   ./workbook lesson 03 --n 1000003 --seed 20261126 --lo -3 --hi 17 --workers 4 --json --verify
 *
 * Its labs, which make the tables of docs/03-executor-pool.md:
 *   ./workbook lab 03 tasks-sweep --n 1e9 --workers 2
 *   ./workbook lab 03 fixed-cost --n 1000 --workers 2
 *   ./workbook lab 03 splittable-random --n 1e8
 *
 * Things to try:
 *   - --tasks 1 with --workers 2: one thread works; the --json line says how many ran.
 *   - --tasks 1e6 at --n 1e6: the same sum, but handing out a task now costs more than its work.
 *   - --strategy parallel-stream --n 1e3, then --n 1e9: where does the one-liner stop losing?
 *   - jstack during a long run: the pool's threads are called pool-N-thread-M.
 */
