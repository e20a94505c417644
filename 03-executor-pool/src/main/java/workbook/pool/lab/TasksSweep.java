package workbook.pool.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
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
 * and 100,000 tasks, side by side in interleaved rounds, so a machine whose speed drifts slows
 * every row alike.
 */
@Command(
        name = "tasks-sweep",
        header = "the pool's time against its number of tasks at one n: what handing out a task costs",
        description = "Lesson 03's pool at one --n with 1 task, one per worker, four per worker, 1,000 and 100,000"
                + " tasks, timed in interleaved rounds: what handing out more tasks costs.")
public final class TasksSweep implements Lab {

    @Mixin
    CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);

    /** The task counts tried: one, one per worker, four per worker, many, very many (each once). */
    public static List<Integer> taskCounts(int workers) {
        return List.copyOf(new LinkedHashSet<>(List.of(1, workers, 4 * workers, 1000, 100_000)));
    }

    @Override
    public void run(LabReport report) throws InterruptedException {
        Workload workload = options.validate();
        int workers = options.workers();
        List<Integer> taskCounts = taskCounts(workers);
        List<Timer.Contender> contenders = new ArrayList<>();
        for (int tasks : taskCounts) {
            contenders.add(
                    new Timer.Contender("03", "pool, --tasks " + tasks, new ExecutorPool(workers, tasks), workers));
        }
        List<Measurement> measured = Timer.measureInterleaved(
                contenders,
                workload,
                options.warmup(),
                options.repeat(),
                round -> report.progress("round " + round + " of " + options.repeat() + " done"));
        LabTable table = report.add(LabTable.titled("The pool's time against its number of tasks")
                .workload(workload)
                .workers(workers)
                .measured(
                        "median of " + options.repeat() + " interleaved rounds after " + options.warmup() + " warm-up")
                .columns("tasks", "numbers per task", "median", "min", "max", "ns per number", "speedup over 1 task"));
        Measurement oneTask = measured.getFirst();
        for (int row = 0; row < taskCounts.size(); row++) {
            int tasks = taskCounts.get(row);
            Measurement m = measured.get(row);
            table.row(
                    Report.grouped(tasks),
                    Report.grouped(Math.ceilDiv(workload.n(), tasks)),
                    Report.duration(m.medianNanos()),
                    Report.duration(m.minNanos()),
                    Report.duration(m.maxNanos()),
                    String.format(Locale.ROOT, "%.2f", m.nsPerNumber()),
                    String.format(Locale.ROOT, "%.2fx", m.speedupOver(oneTask)));
            table.sum("--tasks " + tasks, workload, m.sum());
        }
    }
}
