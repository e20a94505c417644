///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.apache.commons:commons-math3:3.6.1
//SOURCES ../../../../../../harness/src/main/java/workbook/harness/*.java
//SOURCES ../../../../main/java/workbook/forkjoin/ForkJoinMeasurements.java
package workbook.forkjoin;

import java.io.PrintWriter;
import java.util.OptionalLong;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import picocli.CommandLine.Option;
import workbook.harness.LessonCli;
import workbook.harness.SumStrategy;
import workbook.harness.WholeNumber;
import workbook.harness.Workload;

/*
 * Lesson 04: fork/join, the tutorial's Map-Reduce in tiers, on one machine.
 *
 * The tutorial's last step splits a job into independent tasks (map) and combines their
 * results in tiers (reduce). Fork/join does both inside one JVM: a task that is too big splits
 * itself in two, the halves run in parallel, and their sums are added on the way back up. Nobody
 * decides in advance how many chunks there are or which thread sums which: the range keeps
 * halving until the pieces are small, and idle threads steal pieces from busy ones.
 */
public final class ForkJoinSum implements SumStrategy {

    /*
     * The automatic threshold: about 8 leaves per worker, but never leaves under MIN_LEAF numbers.
     *
     * A threshold has two walls (see the sweep, `--threshold-sweep`). Too small, and the tasks are
     * so short that creating, queueing and joining them costs more than the adding they do. Too
     * large, and there are fewer leaves than workers, so some cores have nothing to steal. Eight
     * leaves per worker keeps us far from the right wall at every n and lets a core that was
     * slowed down (by the OS, by another program) hand work to a faster one; MIN_LEAF keeps us off
     * the left wall when n is small. Java's parallel streams follow the same idea (n divided by
     * four times the parallelism). docs/04-forkjoin.md has the measurements behind both numbers.
     */
    static final int LEAVES_PER_WORKER = 8;
    static final long MIN_LEAF = 4096;

    /* ForkJoinPool refuses a parallelism above this; we say so in our own words instead. */
    static final int MAX_WORKERS = 32_767;

    private final int workers;
    private final OptionalLong threshold;
    private final ForkJoinPool pool;

    /** Fork/join with the automatic threshold, derived from n at each call. */
    public ForkJoinSum(int workers) {
        this(workers, OptionalLong.empty());
    }

    /** Fork/join that sums ranges of at most {@code threshold} numbers without splitting them. */
    public ForkJoinSum(int workers, long threshold) {
        this(workers, OptionalLong.of(threshold));
    }

    private ForkJoinSum(int workers, OptionalLong threshold) {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, was " + workers);
        }
        if (workers > MAX_WORKERS) {
            throw new IllegalArgumentException("--workers must be at most " + MAX_WORKERS + ", was " + workers);
        }
        if (threshold.isPresent() && threshold.getAsLong() < 1) {
            // A threshold of 0 would split a one-number range into an empty half and itself, forever.
            throw new IllegalArgumentException("--threshold must be at least 1, was " + threshold.getAsLong());
        }
        this.workers = workers;
        this.threshold = threshold;
        /*
         * A pool of our own, `workers` threads strong, kept for the life of this strategy.
         *
         * The JVM's common pool would do the job too, but its size is set for the whole JVM
         * (cores - 1) and a `--workers 2` experiment must really use 2 threads. Starting threads
         * costs tens of microseconds each, so the pool is built once here and reused by every
         * sum() call; close() shuts it down (the harness calls it through try-with-resources).
         * The pool starts its threads lazily, on the first job.
         */
        this.pool = new ForkJoinPool(workers);
    }

    /** The automatic threshold for n numbers and this many workers. */
    static long automaticThreshold(long n, int workers) {
        return Math.max(MIN_LEAF, Math.ceilDiv(n, (long) workers * LEAVES_PER_WORKER));
    }

    @Override
    public long sum(Workload workload) {
        long leafLimit = threshold.orElseGet(() -> automaticThreshold(workload.n(), workers));
        /*
         * invoke() hands the root task to the pool and waits. The calling thread (main) does none
         * of the adding: it sleeps until the pool's workers have finished the whole tree. If any
         * leaf throws, invoke() throws that same exception here (see the fault test).
         */
        return pool.invoke(new RangeSum(workload, 0, workload.n(), leafLimit));
    }

    @Override
    public void close() {
        // Waits for every task still in the pool, then lets its threads end: none are left behind.
        pool.close();
    }

    /*
     * One task: the sum of the numbers at indexes [from, to).
     *
     * RecursiveTask<Long> is a ForkJoinTask that returns a value. Its compute() is the whole
     * algorithm, written as if for one thread: if the range is small, add it up; otherwise split
     * it, sum both halves and add the two sums. fork() is the only parallel part.
     */
    static final class RangeSum extends RecursiveTask<Long> {
        private final Workload workload;
        private final long from;
        private final long to;
        private final long threshold;

        RangeSum(Workload workload, long from, long to, long threshold) {
            this.workload = workload;
            this.from = from;
            this.to = to;
            this.threshold = threshold;
        }

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
             * fork() pushes `left` onto this worker's own queue, where an idle worker can steal
             * it. This thread then sums `right` itself, by a plain method call: it would be idle
             * otherwise, and forking both halves would only create one more task to queue, steal
             * and join for no extra parallelism.
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
            throw new UnsupportedOperationException("Lesson 04: sum a small range directly; split a big one, fork one half, compute the other, join. Hint: docs/04-forkjoin.md#hints");
        }
    }

    /* The lesson's own options; they appear in --help and in the --json line. */
    static final class Knobs {
        @Option(
                names = "--threshold",
                paramLabel = "SIZE",
                converter = WholeNumber.class,
                description = "largest range one task sums without splitting it (default: automatic," + " max("
                        + MIN_LEAF + ", n / (" + LEAVES_PER_WORKER + " * workers)))")
        Long threshold;

        @Option(
                names = "--threshold-sweep",
                description = "instead of one timed sum: time the sum for thresholds 100, 1000, ... up to n and print"
                        + " a Markdown table (uses --n, --workers, --repeat, --warmup)")
        boolean thresholdSweep;

        @Option(
                names = "--fixed-cost",
                description = "instead of one timed sum: time one fork/join job at n = 1 to 100000 against the direct"
                        + " loop and print a Markdown table (ignores --n; uses --workers, --repeat, --warmup)")
        boolean fixedCost;
    }

    public static void main(String[] args) {
        System.exit(commandLine(args));
    }

    static int commandLine(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int commandLine(PrintWriter out, PrintWriter err, String... args) {
        Knobs knobs = new Knobs();
        return LessonCli.lesson("04-forkjoin", "fork-join")
                .description(
                        "Lesson 04: fork/join. A RecursiveTask halves the range until it is at most --threshold numbers,"
                                + " the halves run in parallel on a ForkJoinPool of --workers threads, and the partial sums"
                                + " are added back up the tree: the tutorial's Map-Reduce in tiers, on one machine.",
                        "--threshold-sweep and --fixed-cost print the tables of docs/04-forkjoin.md.")
                .options(knobs)
                .alternative(
                        () -> knobs.thresholdSweep, options -> ForkJoinMeasurements.thresholdSweep(options, out, err))
                .alternative(() -> knobs.fixedCost, options -> ForkJoinMeasurements.fixedCost(options, out, err))
                .strategy(options -> {
                    ForkJoinSum strategy = knobs.threshold == null
                            ? new ForkJoinSum(options.workers())
                            : new ForkJoinSum(options.workers(), knobs.threshold);
                    // So that the --json line shows the threshold actually used, automatic or not.
                    knobs.threshold = strategy.threshold.orElse(automaticThreshold(options.n(), options.workers()));
                    return strategy;
                })
                .run(out, err, args);
    }
}

/*
 * How to run this lesson
 *
 *   ./jbang 04-forkjoin/src/main/java/workbook/forkjoin/ForkJoinSum.java --n 1e9 --workers 2
 *   ./workbook lesson 04 --n 1e9 --threshold 100000 --repeat 5
 *   ./workbook lesson 04 --n 1000003 --seed 20261126 --lo -3 --hi 17 --workers 4 --json --verify
 *   ./workbook lesson 04 --threshold-sweep --n 1e9 --workers 2
 *   ./workbook lesson 04 --fixed-cost --workers 2
 *
 * Things to try:
 *   - `--threshold 100` and then `--threshold 1e9` at --n 1e9: the two walls of the U.
 *   - `--workers 1`: the same tree, one thread; compare with lesson 01 to see what the tasks cost.
 *   - In compute(), swap the last two calls (join before compute) and time it: one core again.
 *   - Watch `top -H` (threads): ForkJoinPool-1-worker-1, -2, ... do the work; main only waits.
 */
