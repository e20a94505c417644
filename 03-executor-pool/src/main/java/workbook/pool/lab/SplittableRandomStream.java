package workbook.pool.lab;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbook.harness.CommonOptions;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Report;
import workbook.harness.Workload;
import workbook.pool.ExecutorPool;

/*
 * Lab 03 splittable-random: the JDK's own parallel random stream, run to see what it does.
 *
 *   new SplittableRandom(seed).ints(n, lo, hi + 1).parallel().sum()
 *
 * reads like the obvious parallel version of "n random numbers, summed", and SplittableRandom is
 * the generator the JDK made for parallel streams. Yet since JDK 17 (JEP 356, the RandomGenerator
 * interfaces) SplittableRandom.ints(...) builds its stream on
 * jdk.internal.util.random.RandomSupport.RandomIntsSpliterator, whose trySplit() gives both halves
 * the same generator object ("with no splitting or copying", its comment says). Every thread of the
 * stream then calls nextInt() on one SplittableRandom, whose state is a plain long that each call
 * advances without any synchronisation. Two threads can read the same state and both produce its
 * number while one step is lost, so the sum depends on how the threads interleaved. Both cores also
 * keep writing that one field, so its cache line travels between them on every call.
 *
 * The lab runs the sequential and the parallel JDK stream --repeat times, and beside them lesson
 * 03's parallel stream of the workbook's numbers, which are computed from (seed, i) alone and so
 * cannot go wrong this way. The JDK streams' sums are another generator's numbers by design and are
 * shown, not checked; the position-based sums are checked against the oracle. Nothing here asserts
 * the JDK's behaviour: it may be fixed one day, and the lab reports what it sees on the JDK it runs
 * on.
 */
@Command(
        name = "splittable-random",
        header = "SplittableRandom.ints(...).parallel(): one generator shared by every thread of a parallel stream",
        description = "The JDK's new SplittableRandom(seed).ints(n, lo, hi + 1) summed sequentially and with"
                + " .parallel(), --repeat times, beside lesson 03's parallel stream of position-based numbers.")
public final class SplittableRandomStream implements Lab {

    @Mixin
    CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);

    /** The JDK's own random stream, summed as longs (an int sum overflows past about 2e8 numbers of 10). */
    public static long jdkSum(Workload workload, boolean parallel) {
        IntStream numbers = new SplittableRandom(workload.seed()).ints(workload.n(), workload.lo(), workload.hi() + 1);
        return (parallel ? numbers.parallel() : numbers).asLongStream().sum();
    }

    /* Rounds before the timed runs, so that the JIT has compiled all three; only their time counts. */
    private static void warmUp(Workload workload, ExecutorPool.ParallelStream positionBased, int rounds) {
        for (int round = 0; round < rounds; round++) {
            jdkSum(workload, false);
            jdkSum(workload, true);
            positionBased.sum(workload);
        }
    }

    @Override
    public void run(LabReport report) {
        Workload workload = options.validate();
        if (workload.hi() == Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "ints(n, lo, hi + 1) needs --hi below " + Integer.MAX_VALUE + ", was " + workload.hi());
        }
        ExecutorPool.ParallelStream positionBased = new ExecutorPool.ParallelStream();
        warmUp(workload, positionBased, options.warmup());
        int runs = options.repeat();
        LabTable table = report.add(LabTable.titled("SplittableRandom.ints(...) sequential and parallel, "
                        + "beside the workbook's numbers in a parallel stream")
                .workload(workload)
                .measured(runs + (runs == 1 ? " run" : " runs") + " after " + options.warmup() + " warm-up")
                .columns(
                        "run",
                        "ints(...) sum",
                        "ints(...).parallel() sum",
                        "parallel minus sequential",
                        "position-based parallel sum",
                        "ints(...) time",
                        "ints(...).parallel() time",
                        "position-based time"));
        long[] parallelSums = new long[runs];
        double[] sequentialNanos = new double[runs];
        double[] parallelNanos = new double[runs];
        int differing = 0;
        for (int run = 0; run < runs; run++) {
            String runNumber = "run " + (run + 1);
            long start = System.nanoTime();
            long sequential = jdkSum(workload, false);
            long middle = System.nanoTime();
            parallelSums[run] = jdkSum(workload, true);
            long end = System.nanoTime();
            long positionBasedSum = positionBased.sum(workload);
            long positionBasedNanos = System.nanoTime() - end;
            sequentialNanos[run] = middle - start;
            parallelNanos[run] = end - middle;
            differing += parallelSums[run] != sequential ? 1 : 0;
            report.progress(runNumber + " of " + runs + " done");
            table.row(
                    run + 1,
                    Report.grouped(sequential),
                    Report.grouped(parallelSums[run]),
                    Report.grouped(parallelSums[run] - sequential),
                    Report.grouped(positionBasedSum),
                    Report.duration(sequentialNanos[run]),
                    Report.duration(parallelNanos[run]),
                    Report.duration(positionBasedNanos));
            // Unchecked sums are shown grouped by value: runs that agree share one line.
            table.uncheckedSum("ints(...), " + runNumber, sequential, "the JDK generator's own numbers");
            table.uncheckedSum(
                    "ints(...).parallel(), " + runNumber,
                    parallelSums[run],
                    "one generator shared by the stream's threads");
            table.sum("position-based, " + runNumber, workload, positionBasedSum);
        }
        double sequentialMedian = new DescriptiveStatistics(sequentialNanos).getPercentile(50);
        double parallelMedian = new DescriptiveStatistics(parallelNanos).getPercentile(50);
        table.note(String.format(
                Locale.ROOT,
                "Seen on this JDK: the parallel sum differed from the sequential one in %d of %d runs (%d distinct"
                        + " parallel sums); median time %s parallel against %s sequential (%.2fx).",
                differing,
                runs,
                Arrays.stream(parallelSums).distinct().count(),
                Report.duration(parallelMedian),
                Report.duration(sequentialMedian),
                parallelMedian / sequentialMedian));
    }
}
