package workbook.pool.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbook.harness.CallCost;
import workbook.harness.CommonOptions;
import workbook.harness.ForkOptions;
import workbook.harness.Forks;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Lesson;
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
 * every call's sum checked against the oracle. Each row makes its calls in a JVM of its own: one
 * JVM's parallel stream would otherwise share the common pool that another row's calls had woken,
 * and its compiled code would depend on what ran before it. The whole is repeated in --forks fresh
 * sets of JVMs, 3 by default: a set takes a few seconds, and with three a JVM that stands apart
 * from the other two is plain to see in the "JVMs apart" column.
 */
@Command(
        name = "fixed-cost",
        header = "what one call costs at a small n: fresh threads, a fresh pool, a kept pool, the parallel stream",
        description = "What one call costs at a small --n (default 1,000): the plain loop, lesson 02's threads"
                + " (if on the class path), a fresh pool per call, a pool kept between calls, the parallel stream,"
                + " each in JVMs of its own."
                + " --repeat is the number of interleaved batches of calls, --warmup the warm-up rounds (0.25 s of"
                + " calls each).")
public final class FixedCost implements Lab {
    /** Above this n the work hides the fixed cost; tasks-sweep is the lab for large n. */
    public static final long LARGEST_N = 1_000_000;

    @Mixin
    CommonOptions options = new CommonOptions(new CommonOptions.Defaults(1_000, 11, 2));

    @Mixin
    ForkOptions forks = new ForkOptions(3);

    /* One row: how a call runs, how many threads it starts, its workers, and how its JVM builds it. */
    private record Way(String description, String threadsStartedPerCall, int workers, Supplier<SumStrategy> build) {}

    /* The rows, lesson 02's only if its descriptor is on the class path (in the parent and the child alike). */
    private List<Way> ways() {
        int workers = options.workers();
        List<Way> ways = new ArrayList<>();
        ways.add(new Way(
                "one thread, no pool: the loop each task runs (Workload.sumAll)", "0", 1, () -> Workload::sumAll));
        lesson02()
                .ifPresent(lesson -> ways.add(new Way(
                        "lesson 02: start " + workers + " threads, take from a queue, join",
                        String.valueOf(workers),
                        workers,
                        () -> lesson.strategies().getFirst().withWorkers().apply(workers))));
        ways.add(new Way(
                "a fresh pool per call (this lesson's sum)",
                String.valueOf(workers),
                workers,
                () -> new ExecutorPool(workers, workers)));
        ways.add(
                new Way("a pool kept between calls (sumOn)", "0 (started once)", workers, () -> new KeptPool(workers)));
        ways.add(new Way(
                "parallel stream (the common pool)",
                "0 (the JVM keeps it)",
                workers,
                () -> new ExecutorPool.ParallelStream(workers)));
        return ways;
    }

    @Override
    public List<Row> rows() {
        return ways().stream()
                .map(way -> new Row(way.description(), way.workers(), way.build()))
                .toList();
    }

    /* Lesson 03's sumOn() on one pool, started with the row's JVM and closed with it. */
    private static final class KeptPool implements SumStrategy {
        private final ExecutorPool pool;
        private final ExecutorService kept;

        KeptPool(int workers) {
            pool = new ExecutorPool(workers, workers);
            kept = Executors.newFixedThreadPool(workers);
        }

        @Override
        public long sum(Workload workload) throws InterruptedException {
            return pool.sumOn(kept, workload);
        }

        @Override
        public void close() {
            kept.close();
        }
    }

    /** Refuses an n too large for a fixed cost to show, naming the lab for large n. */
    static void refuseLargeN(long n) {
        if (n > LARGEST_N) {
            throw new IllegalArgumentException("fixed-cost times one call at a small n (try --n 1000); --n must be at"
                    + " most " + Report.grouped(LARGEST_N) + ", was " + Report.grouped(n));
        }
    }

    @Override
    public void run(LabReport report) {
        Workload workload = options.validate();
        refuseLargeN(workload.n());
        Forks.Plan plan = forks.plan(options);
        report.progress(ways().size() + " ways, " + options.warmup() + " warm-up rounds and " + options.repeat()
                + " batches each");
        report.add(table(workload, report.callCost(workload, plan)));
    }

    /** The table of {@code costs}, one per row of {@link #rows()}. */
    LabTable table(Workload workload, List<CallCost.ForkedCost> costs) {
        List<Way> ways = ways();
        LabTable table = titled(workload);
        double plainLoop = costs.getFirst().all().medianNanos();
        for (int row = 0; row < ways.size(); row++) {
            Way way = ways.get(row);
            CallCost.PerCall cost = costs.get(row).all();
            table.row(
                    way.description(),
                    way.threadsStartedPerCall(),
                    Report.micros(cost.medianNanos()),
                    costs.get(row).apart(),
                    Report.micros(cost.minNanos()),
                    Report.micros(cost.maxNanos()),
                    row == 0 ? "-" : Report.micros(cost.medianNanos() - plainLoop));
            table.sum(way.description(), workload, costs.get(row).sum());
        }
        if (ways.stream().noneMatch(way -> way.description().startsWith("lesson 02"))) {
            table.note("Lesson 02 is not on the class path, so its row (threads started for every call) is missing;"
                    + " ./workbook lab 03 fixed-cost runs with every lesson.");
        }
        table.disagreements(costs, ways.stream().map(Way::description).toList());
        return table;
    }

    private LabTable titled(Workload workload) {
        return LabTable.titled("What one call costs")
                .workload(workload)
                .workers(options.workers())
                .measured("per call, median of " + options.repeat() + " interleaved batches of back-to-back calls"
                        + " (about " + CallCost.BATCH_NANOS / 1_000_000 + " ms each) after " + options.warmup()
                        + (options.warmup() == 1 ? " warm-up round" : " warm-up rounds") + ", each row in a JVM of its"
                        + " own, in " + forks.forks() + (forks.forks() == 1 ? " set" : " sets") + " of JVMs")
                .columns(
                        "how one call runs",
                        "threads started per call",
                        "median",
                        "JVMs apart",
                        "fastest batch",
                        "slowest batch",
                        "above the plain loop");
    }

    /* Lesson 02's descriptor, found as ./workbook run finds it: never a copy of its strategy. */
    private static Optional<Lesson> lesson02() {
        return Lesson.discover().stream()
                .filter(lesson -> lesson.id().equals("02"))
                .findFirst();
    }
}
