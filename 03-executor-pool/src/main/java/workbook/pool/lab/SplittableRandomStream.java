package workbook.pool.lab;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
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
 * cannot go wrong this way. Each of the three runs in a JVM of its own, in interleaved rounds
 * across those JVMs; every run's own sums and times make a row. The whole is repeated in --forks
 * fresh sets of JVMs, 2 by default: the lab's point is in every run's sums, which one set already
 * shows, and a second set shows whether a fresh JVM sees the same race and the same times (the
 * note gives how far each stream's JVMs were apart). The JDK streams' sums are another
 * generator's numbers by design and are shown, not checked; the parallel one is allowed to change
 * from run to run (a row whose sum varies), and the position-based sums are checked against the
 * oracle. Nothing here asserts the JDK's behaviour: it may be fixed one day, and the lab reports
 * what it sees on the JDK it runs on.
 */
@Command(
        name = "splittable-random",
        header = "SplittableRandom.ints(...).parallel(): one generator shared by every thread of a parallel stream",
        description = "The JDK's new SplittableRandom(seed).ints(n, lo, hi + 1) summed sequentially and with"
                + " .parallel(), --repeat times, beside lesson 03's parallel stream of position-based numbers, each in"
                + " JVMs of its own.")
public final class SplittableRandomStream implements Lab {

    @Mixin
    CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);

    @Mixin
    ForkOptions forks = new ForkOptions(2);

    /** The JDK's own random stream, summed as longs (an int sum overflows past about 2e8 numbers of 10). */
    public static long jdkSum(Workload workload, boolean parallel) {
        IntStream numbers = new SplittableRandom(workload.seed()).ints(workload.n(), workload.lo(), workload.hi() + 1);
        return (parallel ? numbers.parallel() : numbers).asLongStream().sum();
    }

    /* The three streams' names, in the order of the rows. */
    private static final List<String> STREAMS =
            List.of("ints(...)", "ints(...).parallel()", "position-based parallel stream");

    /** The JDK's stream sequential and parallel (whose sum may change from run to run), and lesson 03's. */
    @Override
    public List<Row> rows() {
        int cores = Machine.availableCores();
        return List.of(
                new Row(STREAMS.get(0), 1, () -> workload -> jdkSum(workload, false)),
                new Row(STREAMS.get(1), cores, () -> workload -> jdkSum(workload, true), true),
                new Row(STREAMS.get(2), cores, () -> new ExecutorPool.ParallelStream(cores)));
    }

    @Override
    public void run(LabReport report) {
        Workload workload = options.validate();
        if (workload.hi() == Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "ints(n, lo, hi + 1) needs --hi below " + Integer.MAX_VALUE + ", was " + workload.hi());
        }
        report.add(table(workload, report.time(workload, forks.plan(options))));
    }

    /** The table of {@code measured}, one result per row of {@link #rows()}: a table row per run. */
    LabTable table(Workload workload, List<Forks.Result> measured) {
        Forks.Result sequential = measured.get(0);
        Forks.Result parallel = measured.get(1);
        Forks.Result positionBased = measured.get(2);
        double[] sequentialNanos = sequential.all().runNanos();
        double[] parallelNanos = parallel.all().runNanos();
        double[] positionBasedNanos = positionBased.all().runNanos();
        int runs = sequentialNanos.length;
        int sets = forks.forks();
        LabTable table = LabTable.titled("SplittableRandom.ints(...) sequential and parallel, "
                        + "beside the workbook's numbers in a parallel stream")
                .workload(workload)
                .measured(runs + (runs == 1 ? " run" : " runs") + " after " + options.warmup() + " warm-up, each"
                        + " stream in a JVM of its own, " + options.repeat() + " interleaved "
                        + (options.repeat() == 1 ? "round" : "rounds") + " in each of " + sets
                        + (sets == 1 ? " set" : " sets") + " of JVMs")
                .columns(
                        "run",
                        "ints(...) sum",
                        "ints(...).parallel() sum",
                        "parallel minus sequential",
                        "position-based parallel sum",
                        "ints(...) time",
                        "ints(...).parallel() time",
                        "position-based time");
        int differing = 0;
        for (int run = 0; run < runs; run++) {
            String runNumber = "run " + (run + 1);
            long sequentialSum = sequential.sums().get(run);
            long parallelSum = parallel.sums().get(run);
            long positionBasedSum = positionBased.sums().get(run);
            differing += parallelSum != sequentialSum ? 1 : 0;
            table.row(
                    run + 1,
                    Report.grouped(sequentialSum),
                    Report.grouped(parallelSum),
                    Report.grouped(parallelSum - sequentialSum),
                    Report.grouped(positionBasedSum),
                    Report.duration(sequentialNanos[run]),
                    Report.duration(parallelNanos[run]),
                    Report.duration(positionBasedNanos[run]));
            table.sum("position-based, " + runNumber, workload, positionBasedSum);
        }
        // The JDK streams' sums stand in the table; one line says why they are not checked.
        table.note(
                "Not checked: the ints(...) sums, the JDK generator's own numbers, and the ints(...).parallel() sums,"
                        + " one generator shared by the stream's threads.");
        double sequentialMedian = sequential.all().medianNanos();
        double parallelMedian = parallel.all().medianNanos();
        table.note(String.format(
                Locale.ROOT,
                "Seen on this JDK: the parallel sum differed from the sequential one in %d of %d runs (%d distinct"
                        + " parallel sums); median time %s parallel against %s sequential (%.2fx).",
                differing,
                runs,
                parallel.sums().stream().distinct().count(),
                Report.duration(parallelMedian),
                Report.duration(sequentialMedian),
                parallelMedian / sequentialMedian));
        table.disagreements(measured, STREAMS);
        return table;
    }
}
