package workbook.virtual.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbook.harness.CommonOptions;
import workbook.harness.ForkOptions;
import workbook.harness.Forks;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Measurement;
import workbook.harness.Report;
import workbook.harness.Workload;
import workbook.virtual.FixedPool;
import workbook.virtual.RemoteCall;
import workbook.virtual.VirtualThreads;

/*
 * Lab 05 cpu-bound: do cheap threads make the plain sum faster?
 *
 * The yardstick is the lesson's job on a fixed pool of --workers platform threads, one chunk per
 * thread (FixedPool). Beside it, the lesson's strategy with 2, 100 and 10,000 chunks, each on a new
 * virtual thread. Each of the four runs in a JVM of its own (a JVM that had run 10,000 virtual
 * threads first would have compiled and sized its scheduler for them), and they are timed side by
 * side in interleaved rounds across those JVMs (each round runs every one once, starting with a
 * different one), so a machine that slows down for a while slows them alike. The whole is repeated
 * in --forks fresh sets of JVMs, 3 by default: the rows are few and quick, so a third set costs
 * little, and with three a JVM that stands apart from the other two is plain to see (the "JVMs
 * apart" column; more than 10 % apart gets a note under the table).
 *
 * What to expect: only `cores` carriers compute, so virtual threads can at best tie with the pool;
 * with thousands of chunks they pay for the threads they start, by a few percent.
 */
@Command(
        name = "cpu-bound",
        header = "the plain sum on 2, 100, 10000 virtual threads against a pool of --workers platform threads",
        description = "The plain sum on virtual threads with 2, 100 and 10000 tasks, beside a fixed pool of --workers"
                + " platform threads, each in JVMs of its own, timed in interleaved rounds.")
public final class CpuBound implements Lab {
    static final int[] TASK_COUNTS = {2, 100, 10_000};

    @Mixin
    CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);

    @Mixin
    ForkOptions forks = new ForkOptions(3);

    /** The fixed pool of --workers platform threads, then virtual threads with each task count. */
    @Override
    public List<Row> rows() {
        int workers = options.workers();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(
                "fixed pool of " + workers + " platform threads",
                workers,
                () -> new FixedPool(workers, new VirtualThreads(workers, RemoteCall.NONE))));
        for (int tasks : TASK_COUNTS) {
            rows.add(new Row(
                    "virtual threads, " + Report.grouped(tasks) + " tasks",
                    tasks,
                    () -> new VirtualThreads(tasks, RemoteCall.NONE)));
        }
        return rows;
    }

    @Override
    public void run(LabReport report) {
        Workload workload = options.validate();
        Forks.Plan plan = forks.plan(options);
        report.progress((TASK_COUNTS.length + 1) + " rows, " + options.warmup() + " warm-up"
                + (options.warmup() == 1 ? " run" : " runs") + " each, then " + options.repeat()
                + " interleaved rounds");
        report.add(table(workload, report.time(workload, plan)));
    }

    /** The table of {@code measured}, one result per row of {@link #rows()}. */
    LabTable table(Workload workload, List<Forks.Result> measured) {
        LabTable table = titled(workload);
        double poolMedian = measured.getFirst().all().medianNanos();
        for (int row = 0; row < measured.size(); row++) {
            Measurement m = measured.get(row).all();
            String executor = row == 0 ? m.strategy() : "virtual threads";
            table.row(
                    executor,
                    Report.grouped(m.workers()),
                    Report.duration(m.medianNanos()),
                    measured.get(row).apart(),
                    Report.duration(m.minNanos()),
                    Report.duration(m.maxNanos()),
                    String.format(Locale.ROOT, "%.2f", m.medianNanos() / poolMedian));
            table.sum(executor + ", " + Report.grouped(m.workers()) + " tasks", workload, m.sum());
        }
        table.disagreements(
                measured,
                measured.stream().map(result -> result.contender().name()).toList());
        return table;
    }

    private LabTable titled(Workload workload) {
        return LabTable.titled("The plain sum: virtual threads against a fixed pool")
                .workload(workload)
                .measured(forks.plan(options).inWords("row"))
                .columns("executor", "tasks", "median", "JVMs apart", "min", "max", "time / pool's");
    }
}
