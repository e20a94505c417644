///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.apache.commons:commons-math3:3.6.1
//SOURCES ../../../../../../harness/src/main/java/workbook/harness/*.java
//SOURCES Comparisons.java
package workbook.virtual;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import picocli.CommandLine.Option;
import workbook.harness.Chunk;
import workbook.harness.LessonCli;
import workbook.harness.SumStrategy;
import workbook.harness.WholeNumber;
import workbook.harness.Workload;

/*
 * Lesson 05: virtual threads, and why they do not make this sum any faster.
 *
 * Since Java 21 a thread no longer has to be an operating-system thread. A virtual thread is
 * a java.lang.Thread whose stack lives on the heap and which the JDK, not the kernel, puts on
 * a core. Creating one is cheap (a small object, and stack space on the heap that grows as
 * needed), so a program can afford one per task, even a million of them. It is tempting to conclude that they make
 * concurrent code faster. This lesson checks that claim twice:
 *
 *   - on the workbook's sum, which only computes: one virtual thread per chunk is no faster
 *     than lesson 03's pool with one platform thread per core, and with thousands of chunks a
 *     little slower (--cpu-table);
 *   - on a job that mostly waits, each chunk first waiting for a simulated remote reply: here
 *     virtual threads finish in about one waiting time, while the pool needs one waiting time
 *     per round of `workers` chunks (--waiting-table).
 *
 * The lesson to take away: virtual threads make waiting cheap, not computing fast.
 */
public final class VirtualThreads implements SumStrategy {
    private final int tasks;

    public VirtualThreads(int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("--tasks must be at least 1, was " + tasks);
        }
        this.tasks = tasks;
    }

    /*
     * Where a virtual thread actually runs: on a carrier.
     *
     * The JDK runs virtual threads on a small set of platform threads, the carriers, owned by a
     * ForkJoinPool that exists once per JVM. Its parallelism is the number of cores (change it
     * with -Djdk.virtualThreadScheduler.parallelism=N). To run, a virtual thread is mounted on a
     * free carrier: its frames are copied onto the carrier's stack and the carrier executes
     * them. So however many virtual threads exist, at most `cores` of them compute at any one
     * moment, exactly as many as a pool of `cores` platform threads.
     *
     * That is why the code below is lesson 03 with one line changed. Each chunk gets its own
     * brand-new virtual thread (there is no pool to size: the executor starts a thread per
     * submitted task), and the chunk's loop never blocks, so the thread holds its carrier from
     * its first number to its last. With --tasks 2 on two cores this is the pool of lesson 03;
     * with --tasks 10000 it adds ten thousand thread creations, ten thousand trips through the
     * scheduler's queues and ten thousand futures to collect, to get the same two cores busy.
     *
     * The try-with-resources block matters: close() waits until every thread the executor
     * started has ended, so no virtual thread can outlive sum(), even when a chunk fails.
     */
    @Override
    public long sum(Workload workload) throws InterruptedException {
        // BEGIN SOLUTION: sum each chunk on its own virtual thread and return the total of the partial sums
        List<Chunk> chunks = Chunk.split(workload.n(), tasks);
        long total = 0;
        try (ExecutorService threadPerChunk = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> partialSums = new ArrayList<>(chunks.size());
            for (Chunk chunk : chunks) {
                partialSums.add(threadPerChunk.submit(() -> chunk.sum(workload)));
            }
            for (int i = 0; i < chunks.size(); i++) {
                total += partialSum(chunks.get(i), partialSums.get(i), threadPerChunk);
            }
        }
        return total;
        // END SOLUTION
    }

    /*
     * A chunk's failure reaches the caller, with the chunk named.
     *
     * Future.get() wraps whatever the chunk threw in an ExecutionException, which says nothing
     * about which chunk it was. The caller gets instead "chunk 3 [a, b) failed", with the
     * chunk's own exception as the cause. shutdownNow() interrupts the chunks still waiting (a
     * summing loop ignores interrupts and simply finishes), so that close() does not sit out
     * every remaining sleep before the failure is reported.
     */
    static long partialSum(Chunk chunk, Future<Long> pending, ExecutorService executor) throws InterruptedException {
        try {
            return pending.get();
        } catch (ExecutionException failed) {
            executor.shutdownNow();
            throw new IllegalStateException(chunk + " failed", failed.getCause());
        } catch (InterruptedException interrupted) {
            executor.shutdownNow();
            throw interrupted;
        }
    }

    /*
     * The contrast: a job that mostly waits.
     *
     * Each chunk first waits for a remote reply (a RemoteCall; in the lesson a Thread.sleep of
     * --latency-ms standing for an HTTP request or a database query), then sums its numbers.
     *
     * When a virtual thread blocks (sleep, a lock, a queue, a socket read), the JDK unmounts it:
     * its frames are saved to the heap and its carrier is free at once to run another virtual
     * thread. When the reply arrives, the thread is mounted again, on whichever carrier is free.
     * Blocking therefore costs a little heap, not an operating-system thread, and 10,000 chunks
     * can all be waiting at the same moment: the job takes about one latency.
     *
     * A platform thread that sleeps keeps its operating-system thread asleep with it. A pool of
     * `workers` platform threads can have only `workers` chunks waiting at a time, so the job
     * takes about ceil(chunks / workers) latencies: 10,000 chunks of 100 ms on 2 threads take
     * 500 s instead of a tenth of one.
     *
     * Pinning: a virtual thread that blocks where the JDK cannot unmount it keeps its carrier
     * blocked too, and with only `cores` carriers a few such threads stall all the others. Up
     * to JDK 23 that happened inside every synchronized block or method and in Object.wait();
     * JEP 491 (JDK 24) removed those cases. What still pins is a native frame on the stack
     * (a JNI call, or a foreign function that calls back into Java and blocks there) and,
     * rarely, waiting while a class is being initialised. The JFR event jdk.VirtualThreadPinned
     * reports where it happens.
     *
     * With no latency this job is lesson 03's shape, which is how --cpu-table gets its pool.
     */
    public static final class WaitingJob implements SumStrategy {
        private final int chunkCount;
        private final Supplier<ExecutorService> executors;
        private final RemoteCall remoteCall;

        private WaitingJob(int chunkCount, Supplier<ExecutorService> executors, RemoteCall remoteCall) {
            if (chunkCount < 1) {
                throw new IllegalArgumentException("--tasks must be at least 1, was " + chunkCount);
            }
            this.chunkCount = chunkCount;
            this.executors = executors;
            this.remoteCall = remoteCall;
        }

        /** One virtual thread per chunk: every chunk can be waiting at the same time. */
        public static WaitingJob onVirtualThreads(int chunkCount, RemoteCall remoteCall) {
            return new WaitingJob(chunkCount, Executors::newVirtualThreadPerTaskExecutor, remoteCall);
        }

        /** A fixed pool of platform threads: at most {@code poolThreads} chunks in flight. */
        public static WaitingJob onPlatformPool(int poolThreads, int chunkCount, RemoteCall remoteCall) {
            if (poolThreads < 1) {
                throw new IllegalArgumentException("--workers must be at least 1, was " + poolThreads);
            }
            return new WaitingJob(chunkCount, () -> Executors.newFixedThreadPool(poolThreads), remoteCall);
        }

        @Override
        public long sum(Workload workload) throws InterruptedException {
            List<Chunk> chunks = Chunk.split(workload.n(), chunkCount);
            long total = 0;
            try (ExecutorService executor = executors.get()) {
                List<Future<Long>> partialSums = new ArrayList<>(chunks.size());
                for (Chunk chunk : chunks) {
                    partialSums.add(executor.submit(() -> {
                        remoteCall.await(chunk);
                        return chunk.sum(workload);
                    }));
                }
                for (int i = 0; i < chunks.size(); i++) {
                    total += partialSum(chunks.get(i), partialSums.get(i), executor);
                }
            }
            return total;
        }
    }

    /** What a chunk waits for before it sums. Tests pass their own, to see who is waiting when. */
    @FunctionalInterface
    public interface RemoteCall {
        void await(Chunk chunk) throws InterruptedException;

        RemoteCall NONE = chunk -> {};

        /** A reply that takes {@code latencyMs} milliseconds. */
        static RemoteCall sleeping(int latencyMs) {
            if (latencyMs < 0) {
                throw new IllegalArgumentException("--latency-ms must not be negative, was " + latencyMs);
            }
            return latencyMs == 0 ? NONE : chunk -> Thread.sleep(latencyMs);
        }
    }

    /** The lesson's own options; null means "not given", so the defaults can depend on other options. */
    static final class Knobs {
        static final int TABLE_LATENCY_MS = 100;

        @Option(
                names = "--tasks",
                paramLabel = "N",
                converter = WholeNumber.Int.class,
                description =
                        "chunks, each summed on its own new virtual thread; try 2, 100, 10000 (default: --workers)")
        Integer tasks;

        @Option(
                names = "--latency-ms",
                paramLabel = "MS",
                converter = WholeNumber.Int.class,
                description = "each chunk first waits this long, a sleep standing for a remote call"
                        + " (default: 0 for the timed run, " + TABLE_LATENCY_MS + " for --waiting-table)")
        Integer latencyMs;

        @Option(
                names = "--waiting-table",
                description = "print a Markdown table: chunks 10 to 10000 that wait --latency-ms, on virtual threads"
                        + " and on a pool of --workers platform threads (use a small --n, e.g. 1e6)")
        boolean waitingTable;

        @Option(
                names = "--cpu-table",
                description = "print a Markdown table: the plain sum on virtual threads with 2, 100, 10000 tasks"
                        + " beside a pool of --workers platform threads")
        boolean cpuTable;
    }

    public static void main(String[] args) {
        System.exit(commandLine(args));
    }

    static int commandLine(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int commandLine(PrintWriter out, PrintWriter err, String... args) {
        Knobs knobs = new Knobs();
        return LessonCli.lesson("05-virtual-threads", "virtual-threads")
                .description(
                        "Lesson 05: sum n random integers with one new virtual thread per chunk (--tasks chunks).",
                        "Only one virtual thread per core computes at a time, so this is no faster than a pool of"
                                + " platform threads; --cpu-table shows it. Virtual threads help when tasks wait:"
                                + " --latency-ms makes every chunk wait first, and --waiting-table compares both.",
                        "Here --workers only sets the default for --tasks and the size of the platform pool in the tables.")
                .options(knobs)
                .alternative(() -> knobs.waitingTable || knobs.cpuTable, options -> {
                    int latencyMs = knobs.latencyMs == null ? Knobs.TABLE_LATENCY_MS : knobs.latencyMs;
                    return Comparisons.print(options, knobs.waitingTable, knobs.cpuTable, latencyMs, out, err);
                })
                .strategy(options -> {
                    knobs.tasks = knobs.tasks == null ? options.workers() : knobs.tasks;
                    knobs.latencyMs = knobs.latencyMs == null ? 0 : knobs.latencyMs;
                    RemoteCall remoteCall = RemoteCall.sleeping(knobs.latencyMs);
                    return knobs.latencyMs == 0
                            ? new VirtualThreads(knobs.tasks)
                            : WaitingJob.onVirtualThreads(knobs.tasks, remoteCall);
                })
                .run(out, err, args);
    }
}

/*
 * How to run this lesson
 *
 *   ./jbang 05-virtual-threads/src/main/java/workbook/virtual/VirtualThreads.java --n 1e9 --tasks 10000
 *   ./workbook lesson 05 --n 1000003 --seed 20261126 --lo -3 --hi 17 --workers 4 --json --verify
 *   ./workbook lesson 05 --cpu-table --n 1e9
 *   ./workbook lesson 05 --waiting-table --n 1e6 --latency-ms 100 --workers 2
 *
 * Things to try:
 *   - --tasks 2, then 100, then 10000 at --n 1e9: the time hardly moves, then creeps up.
 *   - ./jbang -Djdk.virtualThreadScheduler.parallelism=1 05-virtual-threads/src/main/java/
 *     workbook/virtual/VirtualThreads.java --n 1e9 --tasks 100: every virtual thread now
 *     shares one carrier, and the sum takes about as long as lesson 01's single loop.
 *   - --latency-ms 100 --tasks 10000 --n 1e6: ten thousand waits of 100 ms in about 0.1 s.
 *   - Watch the thread count in `jcmd <pid> Thread.print` or jconsole during that run: a
 *     handful of platform threads, however many virtual threads are waiting.
 */
