package workbook.forkjoin.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbook.forkjoin.ForkJoinLesson;
import workbook.forkjoin.ForkJoinSum;
import workbook.harness.CallCost;
import workbook.harness.CommonOptions;
import workbook.harness.ForkOptions;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/*
 * Lab 04 fixed-cost: what one fork/join job costs when there is almost nothing to add.
 *
 * For tiny n the adding takes nanoseconds, so the time of one call is the machinery's: handing the
 * job to the pool, waking its threads, collecting the answer. Four ways are timed at n = 1, 10,
 * ... up to --n:
 *
 *   direct loop        the numbers summed on the calling thread, nothing else;
 *   fork/join          lesson 04 as it is: a job of at most one leaf (MIN_LEAF) summed on the
 *                      calling thread, a larger one handed to the pool with invoke();
 *   always shared      the same tree handed to the same kind of pool at every n, however small:
 *                      every call wakes a pool thread and then the caller again; where this
 *                      column drops below the direct loop, sharing starts to pay, and that is
 *                      where the cutoff (MIN_LEAF) belongs;
 *   new pool per call  lesson 04's strategy built and closed around every call: what keeping
 *                      the pool saves (its threads start only once it is given work).
 *
 * Calls are timed in batches of back-to-back calls, the four ways interleaved batch by batch (the
 * harness's CallCost); every call's sum is checked against the oracle. Each way runs in a JVM of
 * its own, and every n in fresh JVMs: a JVM that had made a million calls at n = 1 would have
 * compiled its code for that n. The whole is repeated in --forks sets of JVMs, 2 by default: every
 * n of every set starts four JVMs, and two sets are enough to show whether a way's JVMs agree (the
 * "JVMs apart" columns; more than 10 % apart gets a note under the table).
 */
@Command(
        name = "fixed-cost",
        header = "what one fork/join call costs at small n: the cutoff against sharing every job",
        description = "The cost of one fork/join call at n = 1, 10, 100, ... up to --n (default 1,000,000, at most"
                + " 10,000,000): the direct loop, lesson 04 as it is (a job of one leaf stays on the caller), the"
                + " same tree always handed to the pool, and a new pool per call, each in JVMs of its own. --repeat"
                + " is the number of interleaved batches of calls, --warmup the warm-up rounds (0.25 s of calls"
                + " each).")
public final class FixedCost implements Lab {
    /** Above this n the adding hides the fixed cost; threshold-sweep is the lab for large n. */
    public static final long LARGEST_N = 10_000_000;

    @Mixin
    CommonOptions options = new CommonOptions(new CommonOptions.Defaults(1_000_000, 11, 2));

    @Mixin
    ForkOptions forks = new ForkOptions(2);

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
    private static final List<String> WAYS = List.of("direct loop", "fork/join", "always shared", "new pool per call");

    /** Refuses an n too large for a fixed cost to show, naming the lab for large n. */
    static void refuseLargeN(long n) {
        if (n > LARGEST_N) {
            throw new IllegalArgumentException(
                    "fixed-cost times one call at small n (try --n 1e5); --n must be at most "
                            + Report.grouped(LARGEST_N) + ", was " + Report.grouped(n));
        }
    }

    /** The four ways, each built in its own JVM; every one takes the n of the call it is given. */
    @Override
    public List<Row> rows() {
        int workers = options.workers();
        return List.of(
                new Row(WAYS.get(0), 1, () -> Workload::sumAll),
                new Row(WAYS.get(1), workers, () -> new ForkJoinSum(workers, OptionalLong.empty())),
                new Row(WAYS.get(2), workers, () -> new AlwaysShared(workers)),
                new Row(WAYS.get(3), workers, () -> workload -> {
                    try (ForkJoinSum fresh = new ForkJoinSum(workers, OptionalLong.empty())) {
                        return fresh.sum(workload);
                    }
                }));
    }

    /* Lesson 04's tree handed to a pool of `workers` threads (kept between calls) at every n: no cutoff. */
    private static final class AlwaysShared implements SumStrategy {
        private final int workers;
        private final ForkJoinPool pool;

        AlwaysShared(int workers) {
            this.workers = workers;
            this.pool = new ForkJoinPool(workers);
        }

        @Override
        public long sum(Workload workload) {
            long threshold = ForkJoinLesson.automaticThreshold(workload.n(), workers);
            return pool.invoke(new ForkJoinSum.RangeSum(workload, 0, workload.n(), threshold));
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    @Override
    public void run(LabReport report) {
        Workload largest = options.validate();
        refuseLargeN(largest.n());
        Map<Long, List<CallCost.ForkedCost>> bySize = new LinkedHashMap<>();
        for (long n : sizes(options.n())) {
            Workload workload = new Workload(n, options.seed(), options.lo(), options.hi());
            List<CallCost.ForkedCost> costs = report.callCost(workload, forks.plan(options));
            bySize.put(n, costs);
            report.progress("n = " + Report.grouped(n) + ": fork/join "
                    + Report.micros(costs.get(1).all().medianNanos()) + ", always shared "
                    + Report.micros(costs.get(2).all().medianNanos()));
        }
        report.add(table(bySize));
    }

    /** The table of {@code bySize}: for each n, one result per row of {@link #rows()}; and its notes. */
    LabTable table(Map<Long, List<CallCost.ForkedCost>> bySize) {
        int workers = options.workers();
        List<String> columns = new ArrayList<>(List.of("n", "leaves"));
        for (String way : WAYS) {
            columns.add(way);
            columns.add("JVMs apart");
        }
        LabTable table = LabTable.titled("The cost of one fork/join call")
                .workloads("n from 1 to " + Report.grouped(options.n()) + " numbers in [" + options.lo() + ", "
                        + options.hi() + "], seed " + options.seed() + "; automatic threshold")
                .workers(workers)
                .measured("median of " + options.repeat() + " interleaved batches of back-to-back calls (about "
                        + CallCost.BATCH_NANOS / 1_000_000 + " ms each) after " + options.warmup()
                        + (options.warmup() == 1 ? " warm-up round" : " warm-up rounds")
                        + ", each way in a JVM of its own, fresh ones for every n, in "
                        + forks.forks() + (forks.forks() == 1 ? " set" : " sets") + " of JVMs")
                .columns(columns.toArray(String[]::new));
        List<CallCost.ForkedCost> atSmallest = null;
        List<String> wins = new ArrayList<>();
        List<CallCost.ForkedCost> spreads = new ArrayList<>();
        List<String> spreadRows = new ArrayList<>();
        for (Map.Entry<Long, List<CallCost.ForkedCost>> size : bySize.entrySet()) {
            long n = size.getKey();
            List<CallCost.ForkedCost> costs = size.getValue();
            Workload workload = new Workload(n, options.seed(), options.lo(), options.hi());
            long threshold = ForkJoinLesson.automaticThreshold(n, workers);
            List<Object> row =
                    new ArrayList<>(List.of(Report.grouped(n), Report.grouped(ForkJoinLesson.leafCount(n, threshold))));
            for (int way = 0; way < WAYS.size(); way++) {
                CallCost.ForkedCost cost = costs.get(way);
                row.add(Report.micros(cost.all().medianNanos()));
                row.add(cost.apart());
                table.sum(WAYS.get(way) + ", n = " + n, workload, cost.sum());
                spreads.add(cost);
                spreadRows.add(WAYS.get(way) + " at n = " + Report.grouped(n));
            }
            table.row(row.toArray());
            atSmallest = atSmallest == null ? costs : atSmallest;
            // Faster by a margin, not by the noise of the table: where sharing a job starts to pay.
            if (costs.get(2).all().medianNanos() < 0.95 * costs.get(0).all().medianNanos()) {
                wins.add(Report.grouped(n));
            }
        }
        double direct = atSmallest.get(0).all().medianNanos();
        table.note("Fixed cost of one call at n = 1 (minus the direct loop): fork/join "
                + Report.micros(atSmallest.get(1).all().medianNanos() - direct) + ", always shared "
                + Report.micros(atSmallest.get(2).all().medianNanos() - direct) + ".");
        table.note(
                wins.isEmpty()
                        ? "Always shared was more than 5 % faster than the direct loop at none of these n."
                        : "Always shared was more than 5 % faster than the direct loop at n = "
                                + String.join(", ", wins) + ".");
        table.disagreements(spreads, spreadRows);
        return table;
    }
}
