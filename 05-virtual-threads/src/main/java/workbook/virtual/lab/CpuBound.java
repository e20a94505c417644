package workbook.virtual.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbook.harness.CommonOptions;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Measurement;
import workbook.harness.Report;
import workbook.harness.Timer;
import workbook.harness.Workload;
import workbook.virtual.FixedPool;
import workbook.virtual.RemoteCall;
import workbook.virtual.VirtualThreads;

/*
 * Lab 05 cpu-bound: do cheap threads make the plain sum faster?
 *
 * The yardstick is the lesson's job on a fixed pool of --workers platform threads, one chunk per
 * thread (FixedPool). Beside it, the lesson's strategy with 2, 100 and 10,000 chunks, each on a new
 * virtual thread. All four are timed side by side in interleaved rounds (each round runs every one
 * once, starting with a different one), so a machine that slows down for a while slows them alike.
 *
 * What to expect: only `cores` carriers compute, so virtual threads can at best tie with the pool;
 * with thousands of chunks they pay for the threads they start, by a few percent.
 */
@Command(
        name = "cpu-bound",
        header = "the plain sum on 2, 100, 10000 virtual threads against a pool of --workers platform threads",
        description = "The plain sum on virtual threads with 2, 100 and 10000 tasks, beside a fixed pool of --workers"
                + " platform threads, timed in interleaved rounds.")
public final class CpuBound implements Lab {
    static final int[] TASK_COUNTS = {2, 100, 10_000};

    @Mixin
    CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);

    @Override
    public void run(LabReport report) throws InterruptedException {
        Workload workload = options.validate();
        int workers = options.workers();
        List<Timer.Contender> contenders = new ArrayList<>();
        String poolName = "fixed pool of " + workers + " platform threads";
        contenders.add(new Timer.Contender(
                "05", poolName, new FixedPool(workers, new VirtualThreads(workers, RemoteCall.NONE)), workers));
        for (int tasks : TASK_COUNTS) {
            contenders.add(
                    new Timer.Contender("05", "virtual threads", new VirtualThreads(tasks, RemoteCall.NONE), tasks));
        }
        report.progress(contenders.size() + " rows, " + options.warmup() + " warm-up"
                + (options.warmup() == 1 ? " run" : " runs") + " each, then " + options.repeat()
                + " interleaved rounds");
        List<Measurement> rows = Timer.measureInterleaved(
                contenders,
                workload,
                options.warmup(),
                options.repeat(),
                round -> report.progress("round " + round + " of " + options.repeat() + " done"));
        LabTable table = report.add(LabTable.titled("The plain sum: virtual threads against a fixed pool")
                .workload(workload)
                .measured(
                        "median of " + options.repeat() + " interleaved rounds after " + options.warmup() + " warm-up")
                .columns("executor", "tasks", "median", "min", "max", "time / pool's"));
        double poolMedian = rows.getFirst().medianNanos();
        for (Measurement row : rows) {
            table.row(
                    row.strategy(),
                    Report.grouped(row.workers()),
                    Report.duration(row.medianNanos()),
                    Report.duration(row.minNanos()),
                    Report.duration(row.maxNanos()),
                    String.format(Locale.ROOT, "%.2f", row.medianNanos() / poolMedian));
            table.sum(row.strategy() + ", " + Report.grouped(row.workers()) + " tasks", workload, row.sum());
        }
    }
}
