///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.apache.commons:commons-math3:3.6.1
//SOURCES ../../../../../../harness/src/main/java/workbook/harness/*.java
//SOURCES ThreadsAndQueueLesson.java
package workbook.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import workbook.harness.Chunk;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;
import workbook.harness.Workload.RangeKernel;

/*
 * Lesson 02: threads started by hand, and a queue for their answers.
 *
 * Lesson 01 kept one core busy and left the others idle. Here the index range [0, n) is cut
 * into one contiguous chunk per worker, every worker sums its chunk on its own thread, and the
 * main thread collects the partial sums from a queue and adds them up.
 *
 * Why threads and not processes, as in the Python original? A Python process gets its own
 * interpreter, so the work has to be pickled and sent to it, and the answer pickled and sent
 * back. Java threads live in one process and share its memory: a worker simply reads the
 * Workload object the main thread already holds, and nothing is copied. And the JVM runs its
 * threads on all cores at once, with no global lock stopping two of them from computing together.
 *
 * Why a queue, when the threads share memory? Because the tutorial uses one, and because take()
 * hands the main thread each partial sum as soon as its worker finishes, so a failure is seen at
 * once. It is not the only safe way: a long[] with one slot per worker, read after join(), is just
 * as correct, since each slot has one writer and join() guarantees that the joining thread sees
 * everything the worker wrote (a happens-before edge; the page explains them). What would be
 * wrong is every worker adding into one shared field: `total += partial` is a read and a write,
 * and two workers can interleave them and lose an update (lesson 08 measures such a total).
 *
 * The strategy is a record: its two knobs are all it holds. `slices` is where a worker's numbers
 * come from; the lesson uses the workload's own loop, and the shared-Random lab swaps in a
 * generator that every worker shares (./workbook lab 02 shared-random).
 */
public record ThreadsAndQueue(int workers, RangeKernel slices) implements SumStrategy {

    public ThreadsAndQueue(int workers) {
        this(workers, Workload::sumRange);
    }

    /*
     * The frame around the work: whatever happens (a result, a worker's failure, an interrupt of
     * the caller), no thread started here outlives this call. On the normal path the workers have
     * been joined; on any other path they are stopped and joined here, and only then does the
     * exception go on to the caller.
     *
     * Chunk.split fixes the tutorial's n / 4: its chunks cover every index exactly once, the first
     * n % workers of them one number longer than the rest. The queue has room for every message,
     * so a worker never waits to hand in its result.
     */
    @Override
    public long sum(Workload workload) throws InterruptedException {
        // BEGIN SOLUTION: chunks, a queue and a list of threads; start-take-join, or on a failure stop, join, rethrow
        List<Chunk> chunks = Chunk.split(workload.n(), workers);
        BlockingQueue<Outcome> outcomes = new ArrayBlockingQueue<>(chunks.size());
        List<Thread> threads = new ArrayList<>(chunks.size());
        try {
            return startTakeAndJoin(workload, chunks, outcomes, threads);
        } catch (Throwable failureOrInterrupt) {
            stopAndJoin(threads);
            throw failureOrInterrupt;
        }
        // END SOLUTION
    }

    /*
     * The tutorial's three steps: start the workers, take one message per worker, join them.
     *
     * start() makes everything written before it (the workload, the chunk) visible to the new
     * thread, and the queue carries the worker's message back the same way: what a thread did
     * before add() is visible to the thread that take()s it. take() blocks until a message is there
     * (Python's q.get(True)). The messages arrive in the order the workers finish, not in chunk
     * order; addition does not care. The first failure ends the wait: it is rethrown at once,
     * naming its chunk, and sum() stops the other workers and waits for them before the exception
     * reaches the caller.
     *
     * join() waits until a thread has ended. After the last take() every worker has sent its
     * message, but it may still be on its way out; joining means that when sum() returns, the
     * threads are gone, not merely idle.
     */
    private long startTakeAndJoin(
            Workload workload, List<Chunk> chunks, BlockingQueue<Outcome> outcomes, List<Thread> threads)
            throws InterruptedException {
        // BEGIN SOLUTION: start a thread per chunk (add it to threads), take one message per chunk, join all
        for (Chunk chunk : chunks) {
            threads.add(Thread.ofPlatform()
                    .name("sum-worker-" + chunk.index())
                    .start(() -> outcomes.add(sumChunk(workload, chunk))));
        }
        long total = 0;
        for (int received = 0; received < chunks.size(); received++) {
            switch (outcomes.take()) {
                case PartialSum partial -> total += partial.sum();
                case Failure failure -> throw new IllegalStateException(failure.chunk() + " failed", failure.cause());
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return total;
        // END SOLUTION
    }

    /*
     * What a worker leaves on the queue: exactly one message, whatever happens to it.
     *
     * In the tutorial a worker that dies puts nothing on the queue, and the main program waits for
     * that missing result forever. Here the message is either the chunk's partial sum or the
     * reason the chunk failed. Because every worker always sends one, the main thread can take
     * exactly one message per worker and never waits for a message that will not come.
     */
    sealed interface Outcome permits PartialSum, Failure {}

    record PartialSum(Chunk chunk, long sum) implements Outcome {}

    record Failure(Chunk chunk, Throwable cause) implements Outcome {}

    /*
     * A worker's whole life: sum the chunk slice by slice, and turn anything that goes wrong into
     * a message, so it cannot die silently. Between slices (Chunk.SLICE_SIZE numbers, about a
     * millisecond of work) it checks its interrupt flag: Java never stops a thread from outside,
     * it can only ask, and the thread must look.
     */
    private Outcome sumChunk(Workload workload, Chunk chunk) {
        // BEGIN SOLUTION: sum the chunk slice by slice, checking the interrupt flag; any Throwable becomes a Failure
        try {
            long total = 0;
            for (long from = chunk.from(); from < chunk.to(); from += Chunk.SLICE_SIZE) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped before finishing " + chunk);
                }
                total += slices.sum(workload, from, Math.min(from + Chunk.SLICE_SIZE, chunk.to()));
            }
            return new PartialSum(chunk, total);
        } catch (Throwable anything) {
            return new Failure(chunk, anything);
        }
        // END SOLUTION
    }

    /*
     * Ask every thread that still runs to stop, then wait until each one has ended. The wait
     * itself must not be cut short by a second interrupt, or a worker could outlive sum(); such an
     * interrupt is remembered and put back on the flag for the caller.
     */
    private static void stopAndJoin(List<Thread> threads) {
        // BEGIN SOLUTION: interrupt every thread, join each one even if interrupted meanwhile, then restore the flag
        threads.forEach(Thread::interrupt);
        boolean interruptedMeanwhile = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException again) {
                    interruptedMeanwhile = true;
                }
            }
        }
        if (interruptedMeanwhile) {
            Thread.currentThread().interrupt();
        }
        // END SOLUTION
    }

    /* The shared command line (--n, --workers, --json, --verify, ...) lives in the descriptor. */
    public static void main(String[] args) {
        System.exit(new ThreadsAndQueueLesson().commandLine(args));
    }
}

/*
 * How to run this lesson
 *
 *   ./jbang 02-threads-queue/src/main/java/workbook/threads/ThreadsAndQueue.java --n 1e9 --workers 2
 *   ./workbook lesson 02 --n 1e9 --workers 4 --repeat 5
 *   ./workbook lesson 02 --n 1000003 --seed 20261126 --lo -3 --hi 17 --workers 4 --json --verify
 *   ./workbook lab 02 shared-random --n 1e7
 *
 * Things to try:
 *   - Watch `top` (press 1) during `--n 1e10`: now every core is busy.
 *   - Compare `--workers 1`, `--workers 2` and `--workers 8` on a 2-core machine: past the core
 *     count, more threads only take turns on the same cores.
 *   - Run `--n 1e3`: here lesson 01 wins. Starting a thread costs tens of microseconds; a
 *     thousand numbers take about one.
 *   - Run `jstack` on the process during a long run and find the sum-worker-N threads.
 */
