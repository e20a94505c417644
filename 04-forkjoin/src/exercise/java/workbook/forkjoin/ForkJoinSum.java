///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.apache.commons:commons-math3:3.6.1
//SOURCES ../../../../../../harness/src/main/java/workbook/harness/*.java
//SOURCES ../../../../main/java/workbook/forkjoin/ForkJoinLesson.java
package workbook.forkjoin;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import workbook.forkjoin.ForkJoinLesson.Knobs;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/*
 * Lesson 04: fork/join, the tutorial's Map-Reduce in tiers, on one machine.
 *
 * The tutorial's last step splits a job into independent tasks (map) and combines their
 * results in tiers (reduce). Fork/join does both inside one JVM: a task that is too big splits
 * itself in two, the halves run in parallel, and their sums are added on the way back up. Nobody
 * decides in advance how many chunks there are or which thread sums which: the range keeps
 * halving until the pieces are at most a threshold long, and idle threads steal pieces from busy
 * ones. (How the threshold is chosen: ForkJoinLesson.automaticThreshold and the threshold-sweep lab.)
 *
 * Read it in this order: RangeSum.compute() at the bottom, the algorithm; then sum() and
 * sumOnCaller(), which let the calling thread work too, so that a small job costs next to
 * nothing and `--workers N` means N threads at work: the caller and a pool of N - 1.
 */
public final class ForkJoinSum implements SumStrategy {

    /* The knobs, checked by the record: the threads at work, and the threshold if one was given. */
    private final Knobs knobs;

    /*
     * A pool of our own, kept for the life of this strategy. The JVM's common pool would do the
     * job too, but its size is set once for the whole JVM, and `--workers 2` must mean 2 threads.
     * Starting a thread costs tens of microseconds, so the pool is built once and reused by every
     * call; it starts its threads lazily, the first time it is offered work, and close() ends them.
     */
    private final ForkJoinPool pool;

    public ForkJoinSum(int workers, OptionalLong threshold) {
        this.knobs = new Knobs(workers, threshold);
        // TODO Lesson 04: a ForkJoinPool of workers - 1 threads, since the caller is the Nth; none (null) for 1 worker
        throw new UnsupportedOperationException("Lesson 04: a ForkJoinPool of workers - 1 threads, since the caller is the Nth; none (null) for 1 worker. Your code goes at the TODO, ForkJoinSum.java:46. Hint: docs/04-forkjoin.md#hints");
    }

    /* The last call's n, for settings(): the threshold and the leaves depend on it. */
    private volatile long lastN = -1;

    /*
     * Why not simply `pool.invoke(root)`? Because then the calling thread hands the whole job to a
     * pool thread and sleeps: every call pays for waking a pool thread, and then for waking the
     * caller again when the answer is there: tens of microseconds each on a virtual machine, as
     * long as adding thousands of numbers takes. Here the caller starts on the root task at once,
     * so a small job is done before any pool thread is awake, and a big one keeps N threads busy.
     *
     * A failure anywhere in the tree reaches the caller, but it does not stop the rest of the
     * tree: halves that pool threads have started run on to their end (fork/join tasks are not
     * stopped from outside). So before the failure goes on to our own caller, wait until the pool
     * is quiescent, with nothing left to run: nothing this call started may outlive it.
     */
    @Override
    public long sum(Workload workload) {
        lastN = workload.n();
        // TODO Lesson 04: sumOnCaller over [0, n); on a failure, wait until the pool isQuiescent(), then rethrow
        throw new UnsupportedOperationException("Lesson 04: sumOnCaller over [0, n); on a failure, wait until the pool isQuiescent(), then rethrow. Your code goes at the TODO, ForkJoinSum.java:68. Hint: docs/04-forkjoin.md#hints");
    }

    /* The shared command line (--n, --workers, --json, --verify, ...) and --threshold live in the descriptor. */
    public static void main(String[] args) {
        System.exit(new ForkJoinLesson().commandLine(args));
    }

    /*
     * The caller's part: compute() below, with fork and join done another way.
     *
     * Why not `root.compute()` on the caller? Because fork() called by a thread that is not one of
     * a pool's own threads puts the task on the JVM's common pool, not on ours; and join() there
     * could not take the half back from our pool either (both only know the common pool, where
     * the caller of a parallel stream works this way). So the caller offers the left half to our
     * pool with `pool.execute()`, which any thread may call, and walks on down the right half.
     * Coming back, it claims the left half if no pool thread has done so (in a small job, none is
     * even awake yet) and sums it the same way; otherwise it waits for the pool thread's answer,
     * which carries any failure with it.
     *
     * Only a half of OFFER_MIN numbers or more is offered. An offer wakes a sleeping pool thread,
     * which costs tens of microseconds, and a smaller half takes less time than that to add: the
     * caller keeps it and sums both halves itself (so does a caller without a pool, --workers 1).
     */
    static final long OFFER_MIN = 16_384;

    private long sumOnCaller(Workload workload, long from, long to, long threshold) {
        // TODO Lesson 04: compute()'s shape: offer the left half (if OFFER_MIN long), sum the right, claim or waitFor
        throw new UnsupportedOperationException("Lesson 04: compute()'s shape: offer the left half (if OFFER_MIN long), sum the right, claim or waitFor. Your code goes at the TODO, ForkJoinSum.java:96. Hint: docs/04-forkjoin.md#hints");
    }

    /*
     * Waiting for a pool thread that is summing our half. Blocking in join() parks the caller, and
     * waking it again costs more than a short wait, so spin for up to SPIN_NANOS first, asking only
     * "done yet?" (a pool thread took the half after it was offered, so it is usually done soon
     * after the caller finished the other half), then block in join().
     */
    static final long SPIN_NANOS = 100_000;

    private static long waitFor(Offer taken) {
        // TODO Lesson 04: spin (Thread.onSpinWait) while the offer is not done, for SPIN_NANOS at most; then join()
        throw new UnsupportedOperationException("Lesson 04: spin (Thread.onSpinWait) while the offer is not done, for SPIN_NANOS at most; then join(). Your code goes at the TODO, ForkJoinSum.java:109. Hint: docs/04-forkjoin.md#hints");
    }

    /*
     * A half the caller offers to the pool. Whoever claims it first sums it: a pool thread that
     * takes it from the pool's queue, or the caller coming back for it; a pool thread that comes
     * too late finds the offer claimed and moves on. Inside the pool, the half's own compute() forks
     * into this pool, and the pool's threads steal from one another as usual.
     */
    static final class Offer extends RecursiveTask<Long> {
        private final RangeSum range;

        Offer(RangeSum range) {
            this.range = range;
        }

        /* True for exactly one thread: ForkJoinTask's tag, changed with one compareAndSet, decides. */
        boolean claim() {
            // TODO Lesson 04: compareAndSetForkJoinTaskTag from 0 to 1
            throw new UnsupportedOperationException("Lesson 04: compareAndSetForkJoinTaskTag from 0 to 1. Your code goes at the TODO, ForkJoinSum.java:128. Hint: docs/04-forkjoin.md#hints");
        }

        @Override
        protected Long compute() {
            // TODO Lesson 04: if this pool thread claims the offer, its range's compute(); else 0 (nobody reads it)
            throw new UnsupportedOperationException("Lesson 04: if this pool thread claims the offer, its range's compute(); else 0 (nobody reads it). Your code goes at the TODO, ForkJoinSum.java:134. Hint: docs/04-forkjoin.md#hints");
        }
    }

    /* What the last call used: the threshold, the leaves that makes, the threads at work. */
    @Override
    public Map<String, Object> settings() {
        return lastN < 0 ? Map.of() : knobs.usedFor(lastN);
    }

    @Override
    public void close() {
        // TODO Lesson 04: close the pool if there is one: it waits for every task still in it, then its threads end
        throw new UnsupportedOperationException("Lesson 04: close the pool if there is one: it waits for every task still in it, then its threads end. Your code goes at the TODO, ForkJoinSum.java:147. Hint: docs/04-forkjoin.md#hints");
    }

    /*
     * One task: the sum of the numbers at indexes [from, to).
     *
     * RecursiveTask<Long> is a ForkJoinTask that returns a value. Its compute() is the whole
     * algorithm, written as if for one thread: if the range is small, add it up; otherwise split
     * it, sum both halves and add the two sums. fork() is the only parallel part.
     */
    public static final class RangeSum extends RecursiveTask<Long> {
        private final Workload workload;
        private final long from, to, threshold;

        @Override
        protected Long compute() {
            // TODO Lesson 04: sum a small range directly; split a big one, fork one half, compute the other, join

            // A leaf: the plain loop over a slice, the same one every parallel lesson runs on its chunks.

            /*
             * Split in the middle. `from + size / 2`, not `(from + to) / 2`: the workload may hold
             * up to 2^63 - 1 numbers (all zero, say), and from + to could overflow a long.
             */

            /*
             * fork, compute, join: in this order, and only one half forked.
             *
             * fork() pushes `left` onto this thread's own queue in the pool, where an idle thread
             * can steal it. This thread then sums `right` itself, by a plain method call: it would
             * be idle otherwise, and forking both halves would only create one more task to queue,
             * steal and join for no extra parallelism.
             *
             * The order is the parallelism. Fork first, so `left` is up for stealing while we
             * work on `right`. Compute before join: joining `left` first would make this thread
             * wait for it (or, if nobody stole it yet, run it itself), and only then start on
             * `right`: the two halves would run one after the other, on one core.
             *
             * join() returns left's sum. If nobody stole `left`, this thread pops it back off its
             * own queue and runs it; if a thief has it, this thread helps with other work until
             * the thief is done. A failure in left's subtree is rethrown here.
             */

            /*
             * The reduce. Every join adds two partial sums, and that sum is added again one level
             * up: the join tree is the tutorial's reduce in tiers, log2(leaves) tiers deep. It
             * gives the sequential loop's answer only because long addition is associative:
             * (a + b) + c == a + (b + c). A double sum would not be: its result would depend on
             * the shape of the tree, that is on n and the threshold (see the docs, "Pitfalls").
             */
            throw new UnsupportedOperationException("Lesson 04: sum a small range directly; split a big one, fork one half, compute the other, join. Your code goes at the TODO, ForkJoinSum.java:164. Hint: docs/04-forkjoin.md#hints");
        }

        /* The range [from, to) of a workload, to be split while it is longer than threshold. */
        public RangeSum(Workload workload, long from, long to, long threshold) {
            this.workload = workload;
            this.from = from;
            this.to = to;
            this.threshold = threshold;
        }
    }
}

/*
 * How to run this lesson
 *
 *   ./jbang 04-forkjoin/src/main/java/workbook/forkjoin/ForkJoinSum.java --n 1e9 --workers 2
 *   ./workbook lesson 04 --n 1e9 --threshold 100000 --repeat 5
 *   ./workbook lesson 04 --n 1000003 --seed 20261126 --lo -3 --hi 17 --workers 4 --json --verify
 *   ./workbook lab 04 threshold-sweep --n 1e9 --workers 2
 *   ./workbook lab 04 fixed-cost --n 1e5 --workers 2
 *
 * Things to try:
 *   - `--threshold 100` and then `--threshold 1e9` at --n 1e9: the two walls of the U.
 *   - `--workers 1`: the caller alone walks the same tree; compare with lesson 01.
 *   - In compute(), swap the last two calls (join before compute) and run `--workers 4 --n 1e9`:
 *     the pool's threads no longer share the halves they were offered.
 *   - `--n 1e7 --workers 2 --timeline -`: main and the pool's thread sum side by side.
 *   - Watch `top -H` (threads): main and ForkJoinPool-1-worker-1, -2, ... all sum.
 */
