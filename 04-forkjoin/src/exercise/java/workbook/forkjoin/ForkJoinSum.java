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
import workbook.forkjoin.ForkJoinLesson.LastCall;
import workbook.forkjoin.ForkJoinLesson.Range;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/*
 * Lesson 04: fork/join, the tutorial's Map-Reduce in tiers, on one machine.
 *
 * The tutorial's last step splits a job into independent tasks (map) and combines their results
 * in tiers (reduce). Fork/join does both inside one JVM: a task that is too big splits itself in
 * two, the halves run in parallel, and their sums are added on the way back up. Nobody decides in
 * advance how many chunks there are or which thread sums which: the range keeps halving until the
 * pieces are at most a threshold long, and a thread with nothing to do steals a waiting half from
 * a busy one. (How the threshold is chosen: ForkJoinLesson.automaticThreshold, and the lab
 * threshold-sweep.)
 *
 * Read it in this order: RangeSum.compute(), the algorithm; then sum(), which hands the root task
 * to the pool, unless the job is so small that handing it over would cost more than summing it.
 * The task's fields, its constructor and its leaf loop live in ForkJoinLesson.Range; what the
 * last call did (for the report) in ForkJoinLesson.LastCall.
 *
 * A record: the strategy is its pool and the bookkeeping of its last call, nothing else.
 */
public record ForkJoinSum(LastCall lastCall, ForkJoinPool pool) implements SumStrategy {

    /*
     * One task: the sum of the numbers at indexes [from, to).
     *
     * RecursiveTask<Long> (Range extends it) is a ForkJoinTask that returns a value. Its compute()
     * is the whole algorithm, written as if for one thread: if the range is small, add it up;
     * otherwise split it, sum both halves and add the two sums. fork() is the only parallel part.
     */
    public static final class RangeSum extends Range {
        @Override
        protected Long compute() {
            // TODO Lesson 04: a small range: sumLeaf(); a big one: split, fork the left, compute the right, join

            /*
             * Split in the middle. `from + size / 2`, not `(from + to) / 2`: the workload may hold
             * up to 2^63 - 1 numbers (all zero, say), and from + to could overflow a long.
             */

            /*
             * fork, compute, join: in this order, and only one half forked.
             *
             * fork() pushes `left` onto this thread's own queue in the pool, where an idle thread
             * can steal it. This thread then sums `right` itself, by a plain method call: it would
             * be idle otherwise, and forking both halves would only make one more task to queue,
             * steal and join, for no more parallelism.
             *
             * The order is the parallelism. Fork first, so `left` is up for stealing while we work
             * on `right`. Compute before join: joining `left` first would make this thread take it
             * straight back and run it, and only then start on `right`: the two halves would run
             * one after the other, on one core.
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
            throw new UnsupportedOperationException("Lesson 04: a small range: sumLeaf(); a big one: split, fork the left, compute the right, join. Your code goes at the TODO, ForkJoinSum.java:47. Hint: docs/04-forkjoin.md#hints");
        }

        /* The range [from, to) of a workload, to be split while it is longer than threshold. */
        public RangeSum(Workload workload, long from, long to, long threshold) {
            super(workload, from, to, threshold);
        }
    }

    /*
     * The whole job: one root task over [0, n), handed to the pool with invoke(), which waits for
     * its answer (or its exception). The calling thread does not work meanwhile: it is no thread
     * of the pool, so fork() and join() would not reach our pool from it.
     *
     * The cutoff comes first, as in every parallel library: a job of at most one leaf is summed
     * here, on the calling thread, without touching the pool. Handing a job over and getting the
     * answer back wakes two sleeping threads: up to tens of microseconds (./workbook lab 04
     * fixed-cost), as long as adding thousands of numbers takes; one leaf has nothing to share.
     *
     * A failure anywhere in the tree reaches the caller through invoke(), but it does not stop
     * the rest of the tree: halves that other threads have started run on to their end (tasks are
     * not stopped from outside). So before the failure goes on to our own caller, wait until the
     * pool is quiescent, with nothing left to run: nothing this call started may outlive it.
     */
    @Override
    public long sum(Workload workload) {
        RangeSum root = new RangeSum(workload, 0, workload.n(), lastCall.start(workload.n(), pool));
        // TODO Lesson 04: one leaf: sum it here; else pool.invoke(root), on a failure wait for isQuiescent()
        throw new UnsupportedOperationException("Lesson 04: one leaf: sum it here; else pool.invoke(root), on a failure wait for isQuiescent(). Your code goes at the TODO, ForkJoinSum.java:106. Hint: docs/04-forkjoin.md#hints");
    }

    /* What the last call used: the threshold, the leaves that makes, the pool's threads and its steals. */
    @Override
    public Map<String, Object> settings() {
        return lastCall.settings(pool);
    }

    /*
     * The pool is ours, kept for the life of this strategy: starting a thread costs tens of
     * microseconds, so every call reuses the same threads (the pool starts them the first time it
     * is given work). Closing it waits for anything still in it, then ends its threads.
     */
    @Override
    public void close() {
        // TODO Lesson 04: close the pool: it waits for every task still in it, then its threads end
        throw new UnsupportedOperationException("Lesson 04: close the pool: it waits for every task still in it, then its threads end. Your code goes at the TODO, ForkJoinSum.java:123. Hint: docs/04-forkjoin.md#hints");
    }

    /*
     * A pool of our own, of `workers` threads. The JVM's common pool would do the job too, but it
     * is shared by everything in the JVM (parallel streams, other libraries), and `--workers 2`
     * must mean 2 threads summing.
     */
    public ForkJoinSum(int workers, OptionalLong threshold) {
        this(new LastCall(workers, threshold), new ForkJoinPool(workers));
    }

    /* The shared command line (--n, --workers, --json, --verify, ...) and --threshold live in the descriptor. */
    public static void main(String[] args) {
        System.exit(new ForkJoinLesson().commandLine(args));
    }
}

/*
 * How to run this lesson
 *
 *   ./jbang 04-forkjoin/src/main/java/workbook/forkjoin/ForkJoinSum.java --n 1e9 --workers 2
 *   ./workbook lesson 04 --n 1e9 --threshold 100000 --repeat 5
 *   ./workbook lesson 04 --n 1000003 --seed 20261126 --lo -3 --hi 17 --workers 4 --json --verify
 *   ./workbook lesson 04 --n 1e8 --workers 4 --timeline -      (who summed which leaf; "stolen" marked)
 *   ./workbook lab 04 threshold-sweep --n 1e9 --workers 2
 *   ./workbook lab 04 fixed-cost --n 1e6 --workers 2
 *
 * Things to try:
 *   - `--threshold 100` and then `--threshold 1e9` at --n 1e9: the two walls of the U.
 *   - `--workers 1`: one pool thread walks the whole tree; nothing is stolen; compare with lesson 01.
 *   - In compute(), swap the two lines around the join (join before compute) and run
 *     `--workers 4 --n 1e9`: the steals drop to one, and the time to lesson 01's.
 *   - `--n 1e5`: one leaf, summed on the calling thread; the report shows no steals.
 *   - Watch `top -H` (threads): ForkJoinPool-1-worker-1, -2, ... all sum, main only waits.
 */
