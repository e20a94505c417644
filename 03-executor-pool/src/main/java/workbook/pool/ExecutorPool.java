///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.apache.commons:commons-math3:3.6.1
//SOURCES ../../../../../../harness/src/main/java/workbook/harness/*.java
//SOURCES PoolExperiments.java
package workbook.pool;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import picocli.CommandLine.Option;
import workbook.harness.Chunk;
import workbook.harness.LessonCli;
import workbook.harness.SumStrategy;
import workbook.harness.WholeNumber;
import workbook.harness.Workload;

/*
 * Lesson 03: a pool of workers.
 *
 * Lesson 02 did everything by hand: it started one thread per chunk, gave them a queue to put
 * their partial sums on, took exactly as many results as it had started threads, and joined them.
 * A pool takes over that bookkeeping. We hand it tasks; it runs them on threads it owns and
 * gives back one Future per task, from which the task's return value is read. There is no queue
 * to share and no count of results to get right, and the number of tasks is free: it need not
 * match the number of threads.
 *
 * The same question, two answers in one lesson:
 *   - "pool": an ExecutorService from Executors.newFixedThreadPool, fed with invokeAll;
 *   - "parallel-stream": the one-line version that production code usually writes.
 */
public final class ExecutorPool implements SumStrategy {
    static final String POOL = "pool";
    static final String PARALLEL_STREAM = "parallel-stream";

    private final int workers;
    private final int tasks;

    /** One task per worker, as in the tutorial's pool step. */
    public ExecutorPool(int workers) {
        this(workers, workers);
    }

    public ExecutorPool(int workers, int tasks) {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, was " + workers);
        }
        if (tasks < 1) {
            throw new IllegalArgumentException("--tasks must be at least 1, was " + tasks);
        }
        this.workers = workers;
        this.tasks = tasks;
    }

    /*
     * Tasks are not workers.
     *
     * The range is cut into `tasks` chunks (Chunk.split gives the remainder to the first chunks,
     * so nothing is dropped; with more tasks than numbers some chunks are simply empty), and each
     * chunk becomes a Callable<Long>: a piece of work that returns its answer instead of putting
     * it somewhere. The pool's `workers` threads take the tasks one after another from the pool's
     * internal queue. With tasks = workers every thread gets one big chunk; with more tasks, a
     * thread that finishes early takes another, which evens out chunks of unequal cost (here every
     * number costs the same, so the benefit is small and the extra tasks are mostly overhead: the
     * tasks sweep in docs/03-executor-pool.md shows how much).
     */
    @Override
    public long sum(Workload workload) throws InterruptedException {
        List<Chunk> chunks = Chunk.split(workload.n(), tasks);
        List<Callable<Long>> jobs = chunks.stream()
                .map(chunk -> (Callable<Long>) () -> chunk.sum(workload))
                .toList();
        /*
         * Why try-with-resources: since Java 19 an ExecutorService is AutoCloseable, and close()
         * means "no new tasks, wait for the running ones, then let the threads end". Leaving the
         * block therefore leaves no thread behind, even when a task failed.
         *
         * invokeAll returns only when every task has finished (normally or not), and its futures
         * are in the same order as the tasks, so futures.get(i) belongs to chunks.get(i).
         *
         * A task's exception does not travel up by itself: the pool catches it and keeps it in
         * the future, and get() rethrows it wrapped in an ExecutionException. We unwrap it: the
         * caller gets an exception that names the chunk, with the worker's own exception as its
         * cause (not a partial sum, and not a blocked caller as in the tutorial).
         */
        // BEGIN SOLUTION: run the jobs on a fixed pool with invokeAll and add up their futures
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<Long>> futures = pool.invokeAll(jobs);
            long total = 0;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    total += futures.get(i).get();
                } catch (ExecutionException failed) {
                    throw new IllegalStateException(chunks.get(i) + " failed", failed.getCause());
                }
            }
            return total;
        }
        // END SOLUTION
    }

    /*
     * The one-liner: a parallel stream.
     *
     * LongStream.range splits itself in halves, again and again, and the halves run as fork/join
     * tasks on the JVM's common pool (ForkJoinPool.commonPool()). That pool has one thread fewer
     * than there are cores, because the thread that calls sum() does not sit and wait: it works
     * on pieces too. On 2 cores: one pool thread plus the caller. The pool is one per JVM, shared by
     * every parallel stream, so --workers has no effect here; only the system property
     * java.util.concurrent.ForkJoinPool.common.parallelism, set before the pool is first used,
     * changes its size.
     *
     * Prefer it when the work is CPU-bound, each element is independent, the source splits well
     * (ranges, arrays, ArrayList) and nothing blocks. Prefer an explicit pool when you must choose
     * the number of threads, keep this job from competing with every other parallel stream in the
     * JVM, run blocking work, or know which piece failed.
     */
    public static final class ParallelStream implements SumStrategy {
        @Override
        public long sum(Workload workload) {
            return LongStream.range(0, workload.n())
                    .parallel()
                    .map(workload::valueAt)
                    .sum();
        }
    }

    /** The lesson's own options, next to the shared --n, --workers, --seed and so on. */
    static final class Knobs {
        @Option(
                names = "--strategy",
                paramLabel = "NAME",
                description = "pool (an ExecutorService and invokeAll, the default) or parallel-stream"
                        + " (the one-liner on the common pool; it ignores --workers)")
        String strategy = POOL;

        @Option(
                names = "--tasks",
                paramLabel = "N",
                converter = WholeNumber.Int.class,
                description =
                        "how many chunks the pool gets; any number from 1, even more than --n (default: one per worker)")
        Integer tasks;

        @Option(
                names = "--tasks-sweep",
                description =
                        "print a Markdown table of the time against --tasks (1, workers, 4x workers, 1000, 100000) at --n")
        boolean tasksSweep;

        @Option(
                names = "--fixed-cost",
                description =
                        "print a Markdown table of the cost of one job at a small --n (try 1000): warm pool, fresh pool, new threads")
        boolean fixedCost;

        @Option(
                names = "--splittable-random-demo",
                description =
                        "run the JDK's SplittableRandom.ints(...).parallel().sum() five times beside the sequential sum")
        boolean splittableRandomDemo;
    }

    public static void main(String[] args) {
        System.exit(commandLine(args));
    }

    static int commandLine(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int commandLine(PrintWriter out, PrintWriter err, String... args) {
        Knobs knobs = new Knobs();
        return LessonCli.lesson("03-executor-pool", () -> knobs.strategy)
                .description(
                        "Lesson 03: sum n random integers on a fixed pool of threads (invokeAll),",
                        "or with the one-line parallel stream: --strategy parallel-stream.")
                .options(knobs)
                .alternative(
                        () -> knobs.splittableRandomDemo, options -> PoolExperiments.splittableRandomDemo(options, out))
                .alternative(() -> knobs.tasksSweep, options -> PoolExperiments.tasksSweep(options, out))
                .alternative(() -> knobs.fixedCost, options -> PoolExperiments.fixedCost(options, out))
                .strategy(options -> switch (knobs.strategy) {
                    case POOL -> {
                        if (knobs.tasks == null) {
                            knobs.tasks = options.workers(); // shown in the --json line
                        }
                        yield new ExecutorPool(options.workers(), knobs.tasks);
                    }
                    case PARALLEL_STREAM -> {
                        if (knobs.tasks != null) {
                            throw new IllegalArgumentException(
                                    "--tasks applies to --strategy pool only; a parallel stream splits the range itself");
                        }
                        err.println(
                                "03-executor-pool: parallel-stream ignores --workers: it runs on the common pool (parallelism "
                                        + ForkJoinPool.getCommonPoolParallelism() + ") plus the calling thread");
                        yield new ParallelStream();
                    }
                    default ->
                        throw new IllegalArgumentException(
                                "--strategy must be pool or parallel-stream, was '" + knobs.strategy + "'");
                })
                .run(out, err, args);
    }
}

/*
 * How to run this lesson
 *
 *   ./jbang 03-executor-pool/src/main/java/workbook/pool/ExecutorPool.java --n 1e9 --workers 2
 *   ./workbook lesson 03 --n 1e9 --tasks 64
 *   ./workbook lesson 03 --n 1e9 --strategy parallel-stream
 *   ./workbook lesson 03 --n 1000003 --seed 20261126 --lo -3 --hi 17 --workers 4 --json --verify
 *
 * The tables in docs/03-executor-pool.md:
 *   ./workbook lesson 03 --tasks-sweep --n 1e9 --workers 2
 *   ./workbook lesson 03 --fixed-cost --n 1000 --workers 2
 *   ./workbook lesson 03 --splittable-random-demo --n 1e8
 *
 * Things to try:
 *   - --tasks 1 with --workers 2: one thread works, the other waits for a task that never comes.
 *   - --tasks 1e6 at --n 1e6: the same sum, but every task now costs more to hand out than to compute.
 *   - --strategy parallel-stream --n 1e3, then --n 1e9: where does the one-liner stop losing?
 */
