package workbook.forkjoin.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbook.forkjoin.ForkJoinLesson;
import workbook.forkjoin.ForkJoinSum;
import workbook.harness.CallCost;
import workbook.harness.CommonOptions;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;

/*
 * Lab 04 fixed-cost: what one fork/join job costs when there is almost nothing to add.
 *
 * For tiny n the adding takes nanoseconds, so the time of one call is the machinery's: handing out
 * work, waking threads, collecting the answer. Four ways are timed at n = 1, 10, ... up to --n:
 *
 *   direct loop        the numbers summed on the calling thread, nothing else;
 *   caller works       lesson 04 as it is: the caller starts on the root and offers halves to a
 *                      pool of workers - 1 threads, taking back what nobody has started;
 *   caller waits       the usual `pool.invoke(root)` on a pool of `workers` threads: the caller
 *                      hands the whole job over and sleeps, so every call wakes a pool thread
 *                      and then the caller again (lesson 04 before it let the caller work);
 *   new pool per call  lesson 04's strategy built and closed around every call: what keeping
 *                      the pool saves (its threads start only once a half is offered).
 *
 * Calls are timed in batches of back-to-back calls, the four ways interleaved (the harness's
 * CallCost); every call's sum is checked against the oracle.
 */
@Command(
        name = "fixed-cost",
        header = "what one fork/join call costs at small n: the caller working against the caller waiting",
        description = "The cost of one fork/join call at n = 1, 10, 100, ... up to --n (default 100,000, at most"
                + " 10,000,000): the direct loop, lesson 04 with the caller working, the caller waiting in"
                + " pool.invoke(), and a new pool per call. --repeat is the number of interleaved batches of calls,"
                + " --warmup the warm-up rounds (0.25 s of calls each).")
public final class FixedCost implements Lab {
    /** Above this n the adding hides the fixed cost; threshold-sweep is the lab for large n. */
    public static final long LARGEST_N = 10_000_000;

    @Mixin
    CommonOptions options = new CommonOptions(new CommonOptions.Defaults(100_000, 11, 2));

    /** The sizes timed: powers of ten from 1 up to n, and n itself. */
    public static List<Long> sizes(long n) {
        List<Long> sizes = new ArrayList<>();
        for (long size = 1; size < n; size *= 10) {
            sizes.add(size);
        }
        sizes.add(Math.max(1, n));
        return sizes;
    }

    /* The four ways, in the order of the table's columns. */
    private static final List<String> WAYS =
            List.of("direct loop", "caller works", "caller waits", "new pool per call");

    @Override
    public void run(LabReport report) throws InterruptedException {
        Workload largest = options.validate();
        if (largest.n() > LARGEST_N) {
            throw new IllegalArgumentException(
                    "fixed-cost times one call at small n (try --n 1e5); --n must be at most "
                            + Report.grouped(LARGEST_N) + ", was " + Report.grouped(largest.n()));
        }
        int workers = options.workers();
        List<String> columns = new ArrayList<>(List.of("n", "leaves"));
        columns.addAll(WAYS);
        LabTable table = report.add(LabTable.titled("The cost of one fork/join call")
                .workloads("n from 1 to " + Report.grouped(options.n()) + " numbers in [" + options.lo() + ", "
                        + options.hi() + "], seed " + options.seed() + "; automatic threshold")
                .workers(workers)
                .measured("median of " + options.repeat() + " interleaved batches of back-to-back calls (about "
                        + CallCost.BATCH_NANOS / 1_000_000 + " ms each) after " + options.warmup() + " warm-up rounds")
                .columns(columns.toArray(String[]::new)));
        List<CallCost.PerCall> atSmallest = null;
        List<String> wins = new ArrayList<>();
        try (ForkJoinSum callerWorks = new ForkJoinSum(workers, OptionalLong.empty());
                ForkJoinPool waitingPool = new ForkJoinPool(workers)) {
            for (long n : sizes(options.n())) {
                Workload workload = new Workload(n, options.seed(), options.lo(), options.hi());
                long threshold = ForkJoinLesson.automaticThreshold(n, workers);
                List<CallCost.Call> calls = List.of(
                        workload::sumAll,
                        () -> callerWorks.sum(workload),
                        () -> waitingPool.invoke(new ForkJoinSum.RangeSum(workload, 0, n, threshold)),
                        () -> {
                            try (ForkJoinSum fresh = new ForkJoinSum(workers, OptionalLong.empty())) {
                                return fresh.sum(workload);
                            }
                        });
                List<CallCost.PerCall> costs =
                        CallCost.measure(calls, Oracle.sum(workload), options.warmup(), options.repeat());
                List<Object> row = new ArrayList<>(
                        List.of(Report.grouped(n), Report.grouped(ForkJoinLesson.leafCount(n, threshold))));
                for (int way = 0; way < WAYS.size(); way++) {
                    row.add(Report.micros(costs.get(way).medianNanos()));
                    table.sum(
                            WAYS.get(way) + ", n = " + n,
                            workload,
                            calls.get(way).sum());
                }
                table.row(row.toArray());
                atSmallest = atSmallest == null ? costs : atSmallest;
                // Faster by a margin, not by the noise between two equal loops (below one leaf, both are the loop).
                if (costs.get(1).medianNanos() < 0.95 * costs.get(0).medianNanos()) {
                    wins.add(Report.grouped(n));
                }
                report.progress("n = " + Report.grouped(n) + ": caller works "
                        + Report.micros(costs.get(1).medianNanos()) + ", caller waits "
                        + Report.micros(costs.get(2).medianNanos()));
            }
        }
        double direct = atSmallest.get(0).medianNanos();
        table.note("Fixed cost of one call at n = 1 (fork/join minus the direct loop): caller works "
                + Report.micros(atSmallest.get(1).medianNanos() - direct) + ", caller waits "
                + Report.micros(atSmallest.get(2).medianNanos() - direct) + ".");
        table.note(
                wins.isEmpty()
                        ? "With the caller working, fork/join was more than 5 % faster than the direct loop at none of"
                                + " these n."
                        : "With the caller working, fork/join was more than 5 % faster than the direct loop at n = "
                                + String.join(", ", wins) + ".");
    }
}
