///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.apache.commons:commons-math3:3.6.1
//SOURCES ../../../../../../harness/src/main/java/workbook/harness/*.java
//SOURCES VirtualThreadsLesson.java
//SOURCES RemoteCall.java
package workbook.virtual;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import workbook.harness.Chunk;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/*
 * Lesson 05: virtual threads, and why they do not make this sum any faster.
 *
 * Since Java 21 a java.lang.Thread need not be an operating-system thread. A virtual thread keeps
 * its stack on the heap and is scheduled by the JDK, not by the kernel. It is so cheap to create
 * that a program can start one per task, a million if it likes, and throw each away when its task
 * ends. Cheap threads sound like fast code. This lesson tests that idea twice, with one strategy:
 *
 *   - the workbook's plain sum, which only computes: one new virtual thread per chunk is no faster
 *     than a pool with one platform thread per core, and with thousands of chunks a little slower
 *     (./workbook lab 05 cpu-bound);
 *   - the same chunks, each first waiting for a simulated remote reply (the `remoteCall`): now
 *     virtual threads finish in about one reply's time, where a fixed pool of `workers` platform
 *     threads needs one reply's time per round of `workers` chunks (FixedPool.java, beside this
 *     file, and ./workbook lab 05 waiting). One platform thread per chunk finishes in about one
 *     reply's time too (PlatformThreadPerTask.java): the gain comes from letting every chunk wait
 *     at once, not from the threads being virtual.
 *
 * What to take away: virtual threads make a thread per waiting task cheap (a kilobyte or two of
 * heap instead of an operating-system thread and its stack, a microsecond to start; ./workbook
 * lab 05 thread-cost), not computing fast.
 *
 * The strategy is a record of its two knobs. `tasks` is how many chunks the range is cut into,
 * each summed on its own new virtual thread: a knob of its own, since there is no pool whose size
 * it would have to match. `remoteCall` is what each chunk waits for before it sums:
 * RemoteCall.NONE for the plain sum, RemoteCall.sleeping(ms) for the waiting job.
 */
public record VirtualThreads(int tasks, RemoteCall remoteCall) implements SumStrategy {

    /* The command line (--n, --workers, --tasks, --latency-ms, --json, --verify, ...) lives in the descriptor. */
    public static void main(String[] args) {
        System.exit(new VirtualThreadsLesson().commandLine(args));
    }

    /*
     * Where a virtual thread runs: on a carrier.
     *
     * The JDK runs every virtual thread of the JVM on a few platform threads, the carriers, which
     * belong to one ForkJoinPool with as many threads as there are cores (the system property
     * jdk.virtualThreadScheduler.parallelism changes that). A virtual thread that is ready to run
     * is mounted on a free carrier: the carrier takes over its frames and executes them. So however
     * many virtual threads exist, no more than `cores` of them compute at any instant: exactly as
     * many as a pool of `cores` platform threads keeps busy.
     *
     * That is why one thread per chunk buys nothing here. A summing chunk never blocks, and the
     * scheduler does not take a running virtual thread off its carrier to give another a turn, so
     * each chunk holds a carrier from its first number to its last. With 2 tasks on 2 cores this
     * is a pool of two threads; with 10,000 tasks the same two carriers do the same work, plus ten
     * thousand thread starts, trips through the scheduler's queue and futures to collect.
     *
     * The executor has no size: newVirtualThreadPerTaskExecutor starts a new thread for every task
     * it is given. It is opened per call in try-with-resources, because close() waits until every
     * thread it started has ended: no virtual thread outlives sum(), even when a chunk fails.
     */
    @Override
    public long sum(Workload workload) throws InterruptedException {
        // BEGIN SOLUTION: sum the chunks with sumChunksOn on a virtual-thread-per-task executor closed by this call
        try (ExecutorService threadPerChunk = Executors.newVirtualThreadPerTaskExecutor()) {
            return sumChunksOn(threadPerChunk, workload);
        }
        // END SOLUTION
    }

    /*
     * The job itself, on whatever executor it is given (FixedPool hands it a pool of platform
     * threads): cut [0, n) into `tasks` chunks with Chunk.split (sizes differ by at most one,
     * nothing is dropped), submit one task per chunk that waits for the chunk's remote reply and
     * then sums the chunk, and add the partial sums in chunk order. Submitting every chunk before
     * waiting for the first is what lets them all run, or all wait, at the same time; keeping the
     * futures in chunk order lets a failure name its chunk.
     *
     * Why waiting is cheap: unmounting. When a virtual thread blocks (Thread.sleep, a lock, a
     * BlockingQueue, a socket read), the JDK unmounts it: its frames go back to the heap, and its
     * carrier is free at once for another virtual thread. When the reply comes, the thread is
     * mounted again on whichever carrier is free. A waiting virtual thread costs some heap and
     * nothing else, so 10,000 chunks can all be waiting for their replies at the same moment, and
     * the job takes about one reply's time.
     *
     * Pinning: a virtual thread that blocks where the JDK cannot unmount it keeps its carrier
     * blocked with it, and with only `cores` carriers a few such threads stall every other virtual
     * thread. Up to JDK 23 that happened to any virtual thread blocking inside synchronized code or
     * in Object.wait(); JEP 491 (JDK 24) ended it, so on JDK 25 synchronized is fine. What still
     * pins: a native frame on the stack (a JNI call, or a foreign function calling back into Java
     * that then blocks) and, rarely, waiting while a class is being initialised. The JFR event
     * jdk.VirtualThreadPinned says where it happens.
     */
    long sumChunksOn(ExecutorService executor, Workload workload) throws InterruptedException {
        // BEGIN SOLUTION: submit a task per chunk (await its remote call, then sum it); add each partialSum in order
        List<Chunk> chunks = Chunk.split(workload.n(), tasks);
        List<Future<Long>> pending = new ArrayList<>(chunks.size());
        for (Chunk chunk : chunks) {
            pending.add(executor.submit(() -> {
                // On a virtual thread, unmounted until the reply comes.
                remoteCall.await(chunk);
                return chunk.sum(workload);
            }));
        }
        long total = 0;
        for (int i = 0; i < chunks.size(); i++) {
            total += partialSum(chunks.get(i), pending.get(i), executor);
        }
        return total;
        // END SOLUTION
    }

    /*
     * One chunk's partial sum, or the reason there is none.
     *
     * Future.get() wraps whatever the chunk threw in an ExecutionException, which does not say
     * which chunk it was; the caller gets "chunk 3 [a, b) failed" instead, with the chunk's own
     * exception as the cause. On a failure, and when the caller is interrupted while it waits,
     * shutdownNow() interrupts every chunk still running or waiting: close() then has only short
     * work to wait for (a summing loop does not look at interrupts, it finishes its chunk), not a
     * remote reply that may never come. Without it, an interrupted caller would sit in close()
     * until every reply had arrived.
     */
    static long partialSum(Chunk chunk, Future<Long> pending, ExecutorService executor) throws InterruptedException {
        // BEGIN SOLUTION: get the future; on an ExecutionException or an InterruptedException call shutdownNow, then
        // throw (a failure as an IllegalStateException naming the chunk, with the chunk's exception as its cause)
        try {
            return pending.get();
        } catch (ExecutionException failed) {
            executor.shutdownNow();
            throw new IllegalStateException(chunk + " failed", failed.getCause());
        } catch (InterruptedException interrupted) {
            executor.shutdownNow();
            throw interrupted;
        }
        // END SOLUTION
    }

    /* What ran, for the report and the --json line: the chunks, and how long each reply took. */
    @Override
    public Map<String, Object> settings() {
        Map<String, Object> used = new LinkedHashMap<>(Map.of("tasks", tasks));
        remoteCall.latencyMs().ifPresent(millis -> used.put("latency_ms", millis));
        return used;
    }
}

/*
 * How to run this lesson
 *
 *   ./jbang 05-virtual-threads/src/main/java/workbook/virtual/VirtualThreads.java --n 1e9 --tasks 10000
 *   ./workbook lesson 05 --n 1000003 --seed 20261126 --lo -3 --hi 17 --workers 4 --json --verify
 *   ./workbook lesson 05 --n 1e6 --tasks 10000 --latency-ms 100
 *   ./workbook lab 05 cpu-bound --n 1e9 --workers 2
 *   ./workbook lab 05 waiting --n 1e6 --latency-ms 100 --workers 2
 *
 * Things to try:
 *   - --tasks 2, then 100, then 10000 at --n 1e9: the time hardly moves, then creeps up.
 *   - ./jbang -Djdk.virtualThreadScheduler.parallelism=1 05-virtual-threads/src/main/java/
 *     workbook/virtual/VirtualThreads.java --n 1e9 --tasks 100: every virtual thread now
 *     shares one carrier, and the sum takes about as long as lesson 01's single loop.
 *   - --latency-ms 100 --tasks 10000 --n 1e6: ten thousand waits of 100 ms in little more than one.
 *   - During that run, count the threads with `jcmd <pid> Thread.print` or jconsole: a handful of
 *     platform threads, however many virtual threads are waiting.
 */
