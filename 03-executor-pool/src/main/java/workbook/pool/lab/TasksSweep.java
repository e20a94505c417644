package workbook.pool.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
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
import workbook.pool.ExecutorPool;

/*
 * Lab 03 tasks-sweep: how many tasks should the pool get?
 *
 * More tasks than workers is how a pool balances its load: a thread that is done with its task
 * takes the next one, so no thread idles while another still has a long chunk ahead of it. But
 * every task costs something to create, queue, hand out and collect. In the workbook every number
 * costs the same, so the balancing has little to gain, and what shows is the cost.
 *
 * The lab runs lesson 03's pool at one n with 1 task, one task per worker, four per worker, 1,000
 * and 100,000 tasks, each in a JVM of its own (what one task count ran first would shape how the
 * JVM compiles the next), side by side in interleaved rounds across those JVMs, so a machine whose
 * speed drifts slows every row alike. The whole is repeated in --forks fresh sets of JVMs, 3 by
 * default: the rows are few and quick, so a third set costs little, and with three a JVM that
 * stands apart from the other two is plain to see in the "JVMs apart" column.
 */
@Command(
        name = "tasks-sweep",
        header = "the pool's time against its number of tasks at one n: what handing out a task costs",
        description = "Lesson 03's pool at one --n with 1 task, one per worker, four per worker, 1,000 and 100,000"
                + " tasks, each in JVMs of its own, timed in interleaved rounds: what handing out more tasks costs.")
public final class TasksSweep implements Lab {

    @Mixin
    CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);

    @Mixin
    ForkOptions forks = new ForkOptions(3);

    /** The task counts tried: one, one per worker, four per worker, many, very many (each once). */
    public static List<Integer> taskCounts(int workers) {
        return List.copyOf(new LinkedHashSet<>(List.of(1, workers, 4 * workers, 1000, 100_000)));
    }

    /** Lesson 03's pool with each task count, one row each. */
    @Override
    public List<Row> rows() {
        int workers = options.workers();
        List<Row> rows = new ArrayList<>();
        for (int tasks : taskCounts(workers)) {
            rows.add(new Row("pool, --tasks " + tasks, workers, () -> new ExecutorPool(workers, tasks)));
        }
        return rows;
    }

    @Override
    public void run(LabReport report) {
        Workload workload = options.validate();
        report.add(table(workload, report.time(workload, forks.plan(options))));
    }

    /** The table of {@code measured}, one result per row of {@link #rows()}. */
    LabTable table(Workload workload, List<Forks.Result> measured) {
        int workers = options.workers();
        List<Integer> taskCounts = taskCounts(workers);
        LabTable table = LabTable.titled("The pool's time against its number of tasks")
                .workload(workload)
                .workers(workers)
                .measured(forks.plan(options).inWords("row"))
                .columns(
                        "tasks",
                        "numbers per task",
                        "median",
                        "JVMs apart",
                        "min",
                        "max",
                        "ns per number",
                        "speedup over 1 task");
        Measurement oneTask = measured.getFirst().all();
        for (int row = 0; row < taskCounts.size(); row++) {
            int tasks = taskCounts.get(row);
            Measurement m = measured.get(row).all();
            table.row(
                    Report.grouped(tasks),
                    Report.grouped(Math.ceilDiv(workload.n(), tasks)),
                    Report.duration(m.medianNanos()),
                    measured.get(row).apart(),
                    Report.duration(m.minNanos()),
                    Report.duration(m.maxNanos()),
                    String.format(Locale.ROOT, "%.2f", m.nsPerNumber()),
                    String.format(Locale.ROOT, "%.2fx", m.speedupOver(oneTask)));
            table.sum("--tasks " + tasks, workload, m.sum());
        }
        table.disagreements(
                measured,
                taskCounts.stream()
                        .map(tasks -> Report.grouped(tasks) + " tasks")
                        .toList());
        return table;
    }
}
