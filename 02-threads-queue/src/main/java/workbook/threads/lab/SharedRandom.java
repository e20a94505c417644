package workbook.threads.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbook.harness.CommonOptions;
import workbook.harness.ForkOptions;
import workbook.harness.Forks;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Machine;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;
import workbook.threads.ThreadsAndQueue;

/*
 * Lab 02 shared-random: what if every worker drew its numbers from one shared java.util.Random?
 *
 * That is what a first parallel version often does, and what the tutorial's processes would do if
 * they were threads. java.util.Random keeps its state in one AtomicLong. Each nextInt() reads it,
 * computes the next state and tries to swap it in with a compare-and-set; if another thread
 * swapped first, it reads again and retries. So every number costs a trip to one memory location
 * that all cores fight over: the cache line holding it moves from core to core, and the threads end
 * up queueing for it. Even on one thread, the chain "each state depends on the one before" plus the
 * atomic update costs more than the workbook's generator, which needs no shared state at all:
 * number i is computed from (seed, i) alone.
 *
 * The lab runs lesson 02's strategy twice at each worker count: once as the lesson has it, once
 * with every slice drawing from one shared Random (the strategy's `slices` knob), and prints the
 * ratio of the medians. Each of those rows runs in a JVM of its own (code the JIT compiled for the
 * shared Random's draws would otherwise sit beside the lesson's loop), all of them side by side in
 * interleaved rounds across their JVMs. The whole is repeated in --forks fresh sets of JVMs, 2 by
 * default: the shared Random's rows take seconds a run at the default n, so a third set would add
 * half again to a slow lab, and two are enough to show whether a row's JVMs agree (the "JVMs apart"
 * columns; more than 10 % apart gets a note under the table).
 */
@Command(
        name = "shared-random",
        header = "every worker draws from one shared java.util.Random: what sharing a generator costs",
        description = "Lesson 02's threads and queue, with position-based numbers and with one shared java.util.Random,"
                + " at 1 worker and at --workers, each in JVMs of its own: the slowdown of sharing one generator.")
public final class SharedRandom implements Lab {

    @Mixin
    CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);

    @Mixin
    ForkOptions forks = new ForkOptions(2);

    /* 1 worker, and --workers if that is more: the worker counts of the table's rows. */
    private List<Integer> workerCounts() {
        return List.copyOf(new LinkedHashSet<>(List.of(1, options.workers())));
    }

    private static String workerCount(int workers) {
        return workers + (workers == 1 ? " worker" : " workers");
    }

    /** For each worker count, the lesson's strategy, then the same with one shared Random. */
    @Override
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int workers : workerCounts()) {
            rows.add(new Row("position-based at " + workerCount(workers), workers, () -> new ThreadsAndQueue(workers)));
            rows.add(new Row("shared Random at " + workerCount(workers), workers, () -> sharedRandom(workers)));
        }
        return rows;
    }

    @Override
    public void run(LabReport report) {
        Workload workload = options.validate();
        List<Forks.Result> measured = report.time(workload, forks.plan(options));
        List<Integer> workerCounts = workerCounts();
        for (int i = 0; i < workerCounts.size(); i++) {
            report.progress(workerCount(workerCounts.get(i)) + ": "
                    + Report.duration(measured.get(2 * i).all().medianNanos()) + " against "
                    + Report.duration(measured.get(2 * i + 1).all().medianNanos()));
        }
        report.add(table(workload, measured));
    }

    /** The table of {@code measured}, one result per row of {@link #rows()}: a table row per worker count. */
    LabTable table(Workload workload, List<Forks.Result> measured) {
        LabTable table = LabTable.titled("One shared java.util.Random against position-based numbers")
                .workload(workload)
                .measured(forks.plan(options).inWords("row"))
                .columns(
                        "workers",
                        "cores",
                        "position-based numbers",
                        "JVMs apart",
                        "one shared java.util.Random",
                        "JVMs apart",
                        "slowdown");
        List<Integer> workerCounts = workerCounts();
        for (int i = 0; i < workerCounts.size(); i++) {
            int workers = workerCounts.get(i);
            Forks.Result positionBased = measured.get(2 * i);
            Forks.Result shared = measured.get(2 * i + 1);
            table.row(
                    workers,
                    Machine.availableCores(),
                    Report.duration(positionBased.all().medianNanos()),
                    positionBased.apart(),
                    Report.duration(shared.all().medianNanos()),
                    shared.apart(),
                    String.format(
                            Locale.ROOT,
                            "%.1fx",
                            shared.all().medianNanos() / positionBased.all().medianNanos()));
            table.sum(
                    "position-based, " + workerCount(workers),
                    workload,
                    positionBased.all().sum());
            table.uncheckedSum(
                    "shared Random, " + workerCount(workers),
                    shared.all().sum(),
                    "the first n draws of new Random(seed): another sequence, by design");
        }
        table.disagreements(
                measured,
                measured.stream().map(result -> result.contender().name()).toList());
        return table;
    }

    /*
     * A fresh Random for every sum() call, so that each run draws the same first n numbers of
     * Random(seed). Their total is then the same every run, whichever thread drew which number, and
     * the timer accepts the strategy. Which chunk got which numbers, though, is decided by the
     * races on the compare-and-set, and changes from run to run.
     */
    public static SumStrategy sharedRandom(int workers) {
        return workload -> {
            Random shared = new Random(workload.seed());
            return new ThreadsAndQueue(workers, (w, from, to) -> drawFrom(shared, w, to - from)).sum(workload);
        };
    }

    /* One draw per number, scaled to [lo, hi] the way the workload scales its own 32 bits. */
    public static long drawFrom(Random shared, Workload workload, long count) {
        long total = 0;
        for (long drawn = 0; drawn < count; drawn++) {
            total += workload.lo() + (int) (((shared.nextInt() & 0xFFFF_FFFFL) * workload.span()) >>> 32);
        }
        return total;
    }
}
