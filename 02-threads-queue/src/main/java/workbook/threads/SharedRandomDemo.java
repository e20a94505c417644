package workbook.threads;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import workbook.harness.CommonOptions;
import workbook.harness.LessonCli;
import workbook.harness.Machine;
import workbook.harness.Measurement;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Timer;
import workbook.harness.Workload;

/*
 * A side trip: what if every worker drew its numbers from one shared java.util.Random?
 *
 * That is what a first parallel version often does, and what the tutorial's processes would do
 * if they were threads. java.util.Random keeps its state in one AtomicLong. Each nextInt()
 * reads it, computes the next state and tries to swap it in with a compare-and-set; if another
 * thread swapped first, it reads again and retries. So every number costs a trip to one memory
 * location that all cores fight over: the cache line holding it moves from core to core, and
 * the threads end up queueing for it. Even on one thread, the chain "each state depends on the
 * one before" plus the atomic update costs more than the workbook's generator, which needs no
 * state at all: number i is computed from (seed, i) alone, so workers share nothing but the
 * read-only Workload.
 *
 * The demonstration runs the very same threads-and-queue strategy twice at each worker count:
 * once with the position-based numbers, once with every slice drawing from one shared Random,
 * and prints the ratio of the medians.
 */
final class SharedRandomDemo {
    private SharedRandomDemo() {}

    static int run(CommonOptions options, PrintWriter out, PrintWriter err) {
        Workload workload = options.workload();
        Machine machine = Machine.current();
        Set<Integer> workerCounts = new LinkedHashSet<>();
        workerCounts.add(1);
        workerCounts.add(options.workers());
        StringBuilder table = new StringBuilder();
        table.append("| workers | cores | position-based numbers | one shared java.util.Random | slowdown |\n");
        table.append("|---:|---:|---:|---:|---:|\n");
        long positionBasedSum = 0;
        long sharedRandomSum = 0;
        try {
            for (int workers : workerCounts) {
                err.printf(
                        Locale.ROOT,
                        "  timing %d worker%s: position-based, then shared Random...%n",
                        workers,
                        workers == 1 ? "" : "s");
                err.flush();
                Measurement positionBased;
                try (SumStrategy strategy = new ThreadsAndQueue(workers)) {
                    positionBased = Timer.measure(
                            "02-threads-queue",
                            "position-based",
                            strategy,
                            workload,
                            workers,
                            options.warmup(),
                            options.repeat(),
                            Timer.Progress.NONE);
                }
                Measurement shared = Timer.measure(
                        "02-threads-queue",
                        "shared-random",
                        sharedRandom(workers),
                        workload,
                        workers,
                        options.warmup(),
                        options.repeat(),
                        Timer.Progress.NONE);
                positionBasedSum = positionBased.sum();
                sharedRandomSum = shared.sum();
                table.append(String.format(
                        Locale.ROOT,
                        "| %d | %d | %s | %s | %.1fx |%n",
                        workers,
                        machine.cores(),
                        Report.duration(positionBased.medianNanos()),
                        Report.duration(shared.medianNanos()),
                        shared.medianNanos() / positionBased.medianNanos()));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            err.println("02-threads-queue: interrupted");
            return LessonCli.FAILED;
        }
        out.printf(
                Locale.ROOT,
                "n = %s numbers in [%d, %d], seed %d; median of %d runs after %d warm-up; %s%n%n",
                Report.grouped(workload.n()),
                workload.lo(),
                workload.hi(),
                workload.seed(),
                options.repeat(),
                options.warmup(),
                machine.summary());
        out.print(table);
        out.printf(
                Locale.ROOT,
                "%nSums: position-based %s, the oracle's; shared Random %s, the first n draws of "
                        + "Random(seed), a different sequence: which chunk drew which of them changes from run to run.%n",
                Report.grouped(positionBasedSum),
                Report.grouped(sharedRandomSum));
        out.flush();
        return LessonCli.OK;
    }

    /*
     * A fresh Random for every sum() call, so that each run draws the same first n numbers of
     * Random(seed). Their total is then the same every run, whichever thread drew which number,
     * and Timer.measure accepts the strategy. Which chunk got which numbers, though, is decided
     * by the races on the compare-and-set, and changes from run to run.
     */
    static SumStrategy sharedRandom(int workers) {
        return workload -> {
            Random shared = new Random(workload.seed());
            try (SumStrategy strategy = new ThreadsAndQueue(workers, (w, from, to) -> drawFrom(shared, w, to - from))) {
                return strategy.sum(workload);
            }
        };
    }

    /* One draw per number, scaled to [lo, hi] the way the workload scales its own 32 bits. */
    static long drawFrom(Random shared, Workload workload, long count) {
        long span = (long) workload.hi() - workload.lo() + 1;
        long total = 0;
        for (long drawn = 0; drawn < count; drawn++) {
            total += workload.lo() + (int) (((shared.nextInt() & 0xFFFF_FFFFL) * span) >>> 32);
        }
        return total;
    }
}
