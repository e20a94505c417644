package workbook.pool.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbook.harness.CallCost;
import workbook.harness.CommonOptions;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Lesson;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;
import workbook.pool.ExecutorPool;

/*
 * Lab 03 fixed-cost: what one call costs when there is almost nothing to add.
 *
 * A pool is more than shorter code: its threads are started once and then reused, so a call on a
 * pool that is already running pays only for handing out its tasks and collecting the answers.
 * Lesson 03's sum() makes a fresh pool for every call, as the tutorial's script does for its one
 * job; a long-running program (a server, say) keeps one pool for its whole life instead. At a
 * large n neither shows; at n = 1,000, almost all of a call is this fixed cost.
 *
 * The rows, all of them the lessons' own code:
 *   - the loop every task runs (Workload.sumAll), on the calling thread: no pool, no threads;
 *   - lesson 02's threads and queue, found the way ./workbook run finds every lesson (when it is on
 *     the class path, as it is under ./workbook lab): threads started and joined for every call;
 *   - lesson 03's sum(): a fresh pool for every call;
 *   - lesson 03's sumOn() on one pool that this lab keeps open for all its calls;
 *   - lesson 03's parallel stream, whose common pool the JVM keeps once it has started.
 *
 * The calls are timed by CallCost: back to back in batches, the rows interleaved batch by batch,
 * every call's sum checked against the oracle.
 */
@Command(
        name = "fixed-cost",
        header = "what one call costs at a small n: fresh threads, a fresh pool, a kept pool, the parallel stream",
        description = "What one call costs at a small --n (default 1,000): the plain loop, lesson 02's threads"
                + " (if on the class path), a fresh pool per call, a pool kept between calls, the parallel stream."
                + " --repeat is the number of interleaved batches of calls, --warmup the warm-up rounds (0.25 s of"
                + " calls each).")
public final class FixedCost implements Lab {
    /** Above this n the work hides the fixed cost; tasks-sweep is the lab for large n. */
    public static final long LARGEST_N = 1_000_000;

    @Mixin
    CommonOptions options = new CommonOptions(new CommonOptions.Defaults(1_000, 11, 2));

    /* One row: how a call runs, how many threads it starts, and the call itself. */
    private record Way(String description, String threadsStartedPerCall, CallCost.Call call) {}

    @Override
    public void run(LabReport report) throws InterruptedException {
        Workload workload = options.validate();
        if (workload.n() > LARGEST_N) {
            throw new IllegalArgumentException(
                    "fixed-cost times one call at a small n (try --n 1000); --n must be at most "
                            + Report.grouped(LARGEST_N) + ", was " + Report.grouped(workload.n()));
        }
        int workers = options.workers();
        ExecutorPool pool = new ExecutorPool(workers, workers);
        ExecutorPool.ParallelStream stream = new ExecutorPool.ParallelStream();
        Optional<SumStrategy> lesson02 = lesson02(workers);
        try (ExecutorService keptPool = Executors.newFixedThreadPool(workers)) {
            List<Way> ways = new ArrayList<>();
            ways.add(new Way("one thread, no pool: the loop each task runs (Workload.sumAll)", "0", workload::sumAll));
            lesson02.ifPresent(threads -> ways.add(new Way(
                    "lesson 02: start " + workers + " threads, take from a queue, join",
                    String.valueOf(workers),
                    () -> threads.sum(workload))));
            ways.add(new Way(
                    "a fresh pool per call (this lesson's sum)", String.valueOf(workers), () -> pool.sum(workload)));
            ways.add(new Way(
                    "a pool kept between calls (sumOn)", "0 (started once)", () -> pool.sumOn(keptPool, workload)));
            ways.add(new Way("parallel stream (the common pool)", "0 (the JVM keeps it)", () -> stream.sum(workload)));
            measure(report, workload, workers, ways);
        } finally {
            lesson02.ifPresent(SumStrategy::close);
        }
    }

    private void measure(LabReport report, Workload workload, int workers, List<Way> ways) throws InterruptedException {
        report.progress(ways.size() + " ways, " + options.warmup() + " warm-up rounds and " + options.repeat()
                + " batches each");
        List<CallCost.PerCall> costs = CallCost.measure(
                ways.stream().map(Way::call).toList(), Oracle.sum(workload), options.warmup(), options.repeat());
        LabTable table = report.add(LabTable.titled("What one call costs")
                .workload(workload)
                .workers(workers)
                .measured("per call, median of " + options.repeat() + " interleaved batches of back-to-back calls"
                        + " (about " + CallCost.BATCH_NANOS / 1_000_000 + " ms each) after " + options.warmup()
                        + (options.warmup() == 1 ? " warm-up round" : " warm-up rounds"))
                .columns(
                        "how one call runs",
                        "threads started per call",
                        "median",
                        "fastest batch",
                        "slowest batch",
                        "above the plain loop"));
        double plainLoop = costs.getFirst().medianNanos();
        for (int row = 0; row < ways.size(); row++) {
            Way way = ways.get(row);
            CallCost.PerCall cost = costs.get(row);
            table.row(
                    way.description(),
                    way.threadsStartedPerCall(),
                    Report.micros(cost.medianNanos()),
                    Report.micros(cost.minNanos()),
                    Report.micros(cost.maxNanos()),
                    row == 0 ? "-" : Report.micros(cost.medianNanos() - plainLoop));
            table.sum(way.description(), workload, way.call().sum());
        }
        if (ways.stream().noneMatch(way -> way.description().startsWith("lesson 02"))) {
            table.note("Lesson 02 is not on the class path, so its row (threads started for every call) is missing;"
                    + " ./workbook lab 03 fixed-cost runs with every lesson.");
        }
    }

    /* Lesson 02's strategy, found as ./workbook run finds it: through its descriptor, never a copy. */
    private static Optional<SumStrategy> lesson02(int workers) {
        return Lesson.discover().stream()
                .filter(lesson -> lesson.id().equals("02"))
                .findFirst()
                .map(lesson -> lesson.strategies().getFirst().withWorkers().apply(workers));
    }
}
