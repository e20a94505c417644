package workbook.threads.lab;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbook.harness.CommonOptions;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Machine;
import workbook.harness.Measurement;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Timer;
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
 * The lab runs lesson 02's strategy twice at each worker count, side by side in interleaved
 * rounds: once as the lesson has it, once with every slice drawing from one shared Random (the
 * strategy's `slices` knob), and prints the ratio of the medians.
 */
@Command(
        name = "shared-random",
        header = "every worker draws from one shared java.util.Random: what sharing a generator costs",
        description = "Lesson 02's threads and queue, with position-based numbers and with one shared java.util.Random,"
                + " at 1 worker and at --workers: the slowdown of sharing one generator.")
public final class SharedRandom implements Lab {

    @Mixin
    CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);

    @Override
    public void run(LabReport report) throws InterruptedException {
        Workload workload = options.validate();
        Set<Integer> workerCounts = new LinkedHashSet<>(List.of(1, options.workers()));
        LabTable table = report.add(LabTable.titled("One shared java.util.Random against position-based numbers")
                .workload(workload)
                .measured(
                        "median of " + options.repeat() + " interleaved rounds after " + options.warmup() + " warm-up")
                .columns("workers", "cores", "position-based numbers", "one shared java.util.Random", "slowdown"));
        for (int workers : workerCounts) {
            List<Measurement> pair = Timer.measureInterleaved(
                    List.of(
                            new Timer.Contender("02", "position-based", new ThreadsAndQueue(workers), workers),
                            new Timer.Contender("02", "shared Random", sharedRandom(workers), workers)),
                    workload,
                    options.warmup(),
                    options.repeat(),
                    round -> {});
            Measurement positionBased = pair.get(0);
            Measurement shared = pair.get(1);
            String workerCount = workers + (workers == 1 ? " worker" : " workers");
            report.progress(workerCount + ": " + Report.duration(positionBased.medianNanos()) + " against "
                    + Report.duration(shared.medianNanos()));
            table.row(
                    workers,
                    Machine.availableCores(),
                    Report.duration(positionBased.medianNanos()),
                    Report.duration(shared.medianNanos()),
                    String.format(java.util.Locale.ROOT, "%.1fx", shared.medianNanos() / positionBased.medianNanos()));
            table.sum("position-based, " + workerCount, workload, positionBased.sum());
            table.uncheckedSum(
                    "shared Random, " + workerCount,
                    shared.sum(),
                    "the first n draws of new Random(seed): another sequence, by design");
        }
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
