package workbook.pool;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import workbook.harness.Chunk;
import workbook.harness.CommonOptions;
import workbook.harness.LessonCli;
import workbook.harness.Machine;
import workbook.harness.Measurement;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Timer;
import workbook.harness.Workload;

/*
 * The measurements behind docs/03-executor-pool.md, one command each. Each prints a Markdown
 * table with the machine it ran on, ready to paste into the page:
 *
 *   --tasks-sweep             the time of one sum against the number of tasks, at a large n
 *   --fixed-cost              what one job costs at a small n: warm pool, fresh pool, new threads
 *   --splittable-random-demo  the JDK's parallel random stream, five runs beside the sequential one
 */
final class PoolExperiments {
    private static final String LESSON = "03-executor-pool";

    /** A job of a few microseconds is timed thousands of times: one run says little at that scale. */
    static final int FIXED_COST_RUNS = 2000;

    /** Above this n the fixed cost is lost in the work; the tasks sweep is the table for large n. */
    static final long FIXED_COST_LARGEST_N = 1_000_000;

    static final int DEMO_RUNS = 5;

    private PoolExperiments() {}

    /** Something that may be interrupted while it waits for workers. */
    private interface Experiment {
        int run() throws InterruptedException;
    }

    private static int interruptible(PrintWriter out, Experiment experiment) {
        try {
            return experiment.run();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            out.println("interrupted");
            out.flush();
            return LessonCli.FAILED;
        } finally {
            out.flush();
        }
    }

    // ---------------------------------------------------------------- tasks against workers

    /** The --tasks values the sweep tries: one, one per worker, four per worker, many, very many. */
    static List<Integer> sweptTaskCounts(int workers) {
        Set<Integer> counts = new LinkedHashSet<>(List.of(1, workers, 4 * workers, 1000, 100_000));
        return List.copyOf(counts);
    }

    static int tasksSweep(CommonOptions options, PrintWriter out) {
        return interruptible(out, () -> {
            Workload workload = options.workload();
            int workers = options.workers();
            Machine machine = Machine.current();
            out.printf(
                    Locale.ROOT,
                    "Pool strategy, time of one sum against --tasks: n = %s, %d workers; median of %d runs after %d warm-up; %s, %s%n%n",
                    Report.grouped(workload.n()),
                    workers,
                    options.repeat(),
                    options.warmup(),
                    machine.summary(),
                    machine.cpu());
            out.println("| --tasks | numbers per task | median | min | max | ns per number | speedup over 1 task |");
            out.println("|---:|---:|---:|---:|---:|---:|---:|");
            out.flush();
            Measurement oneTask = null;
            for (int tasks : sweptTaskCounts(workers)) {
                Measurement m;
                try (ExecutorPool pool = new ExecutorPool(workers, tasks)) {
                    m = Timer.measure(
                            LESSON,
                            "pool",
                            pool,
                            workload,
                            workers,
                            options.warmup(),
                            options.repeat(),
                            Timer.Progress.NONE);
                }
                if (oneTask == null) {
                    oneTask = m;
                } else if (m.sum() != oneTask.sum()) {
                    throw new IllegalStateException(
                            "--tasks " + tasks + " summed to " + m.sum() + ", --tasks 1 to " + oneTask.sum());
                }
                out.printf(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s | %.2f | %.2fx |%n",
                        Report.grouped(tasks),
                        Report.grouped(Math.ceilDiv(workload.n(), tasks)),
                        Report.duration(m.medianNanos()),
                        Report.duration(m.minNanos()),
                        Report.duration(m.maxNanos()),
                        m.nsPerNumber(),
                        m.speedupOver(oneTask));
                out.flush();
            }
            out.println();
            out.println(agreement(
                    "Every row summed to " + Report.grouped(oneTask.sum()), oneTask.sum(), workload, false));
            return LessonCli.OK;
        });
    }

    // ---------------------------------------------------------------- the fixed cost of one job

    /** A row of the fixed-cost table: how one job runs and how many threads it starts. */
    private record Way(String description, String threadsStartedPerJob, Supplier<SumStrategy> strategy) {}

    static int fixedCost(CommonOptions options, PrintWriter out) {
        Workload workload = options.workload();
        if (workload.n() > FIXED_COST_LARGEST_N) {
            throw new IllegalArgumentException(
                    "--fixed-cost measures one job at a small n (try --n 1000); --n must be at most "
                            + Report.grouped(FIXED_COST_LARGEST_N) + ", was " + Report.grouped(workload.n()));
        }
        return interruptible(out, () -> {
            int workers = options.workers();
            int runs = Math.max(options.repeat(), FIXED_COST_RUNS);
            int warmup = Math.max(options.warmup(), FIXED_COST_RUNS);
            List<Way> ways = List.of(
                    new Way("one thread, a plain loop (lesson 01)", "0", () -> Workload::sumAll),
                    new Way(
                            "start " + workers + " threads and join them (lesson 02's way)",
                            String.valueOf(workers),
                            () -> new ThreadsPerJob(workers)),
                    new Way(
                            "a fresh pool per job (this lesson's sum)",
                            String.valueOf(workers),
                            () -> new ExecutorPool(workers)),
                    new Way("a warm pool, reused for every job", "0 (started once)", () -> new WarmPool(workers)),
                    new Way(
                            "parallel stream (the common pool)",
                            "0 (the JVM keeps it)",
                            ExecutorPool.ParallelStream::new));
            Machine machine = Machine.current();
            out.printf(
                    Locale.ROOT,
                    "What one job costs at n = %s, %d workers; median of %d jobs after %d warm-up; %s, %s%n%n",
                    Report.grouped(workload.n()),
                    workers,
                    runs,
                    warmup,
                    machine.summary(),
                    machine.cpu());
            out.println(
                    "| how one job runs | threads started per job | median | min | 90th percentile | above the plain loop |");
            out.println("|---|---:|---:|---:|---:|---:|");
            out.flush();
            Measurement plainLoop = null;
            for (Way way : ways) {
                Measurement m;
                try (SumStrategy strategy = way.strategy().get()) {
                    m = Timer.measure(
                            LESSON, way.description(), strategy, workload, workers, warmup, runs, Timer.Progress.NONE);
                }
                if (plainLoop == null) {
                    plainLoop = m;
                } else if (m.sum() != plainLoop.sum()) {
                    throw new IllegalStateException(
                            way.description() + " summed to " + m.sum() + ", the plain loop to " + plainLoop.sum());
                }
                String above = m == plainLoop ? "-" : Report.duration(m.medianNanos() - plainLoop.medianNanos());
                out.printf(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s | %s |%n",
                        way.description(),
                        way.threadsStartedPerJob(),
                        Report.duration(m.medianNanos()),
                        Report.duration(m.minNanos()),
                        Report.duration(m.statistics().getPercentile(90)),
                        above);
                out.flush();
            }
            out.println();
            out.println(agreement(
                    "Every way summed to " + Report.grouped(plainLoop.sum()),
                    plainLoop.sum(),
                    workload,
                    false));
            return LessonCli.OK;
        });
    }

    /*
     * The two ways this file needs besides the lesson's own: starting threads for every job (what
     * lesson 02 does, written out again here because lessons share no code), and a pool that
     * outlives the job. The second is what a long-running program does: it creates its pool once
     * and closes it when it shuts down, so a job pays only for handing out tasks, not for starting
     * threads.
     */
    static final class ThreadsPerJob implements SumStrategy {
        private final int workers;

        ThreadsPerJob(int workers) {
            this.workers = workers;
        }

        @Override
        public long sum(Workload workload) throws InterruptedException {
            List<Chunk> chunks = Chunk.split(workload.n(), workers);
            long[] partialSums = new long[chunks.size()];
            List<Thread> threads = new ArrayList<>(chunks.size());
            for (Chunk chunk : chunks) {
                threads.add(Thread.ofPlatform().start(() -> partialSums[chunk.index()] = chunk.sum(workload)));
            }
            for (Thread thread : threads) {
                thread.join(); // join also makes each thread's write to partialSums visible here
            }
            long total = 0;
            for (long partialSum : partialSums) {
                total += partialSum;
            }
            return total;
        }
    }

    static final class WarmPool implements SumStrategy {
        private final int workers;
        private final ExecutorService pool;

        WarmPool(int workers) {
            this.workers = workers;
            this.pool = Executors.newFixedThreadPool(workers);
        }

        @Override
        public long sum(Workload workload) throws InterruptedException {
            List<Callable<Long>> jobs = Chunk.split(workload.n(), workers).stream()
                    .map(chunk -> (Callable<Long>) () -> chunk.sum(workload))
                    .toList();
            long total = 0;
            for (Future<Long> future : pool.invokeAll(jobs)) {
                try {
                    total += future.get();
                } catch (ExecutionException failed) {
                    throw new IllegalStateException("a task of the warm pool failed", failed.getCause());
                }
            }
            return total;
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    // ---------------------------------------------------------------- the JDK's parallel random stream

    /*
     * The pitfall: new SplittableRandom(seed).ints(n, lo, hi + 1).parallel().sum().
     *
     * It reads like the obvious parallel version of "n random numbers, summed", and SplittableRandom
     * is the generator the JDK designed for parallel use. Yet on JDK 17 to 25 the parallel sum
     * changes from run to run and differs from the sequential one, and the parallel stream is slower
     * than the sequential one.
     *
     * Why: since JDK 17 (JEP 356, the RandomGenerator interfaces) SplittableRandom.ints(...) builds
     * its stream from jdk.internal.util.random.RandomSupport.RandomIntsSpliterator. That
     * spliterator's trySplit() hands the SAME generator object to both halves; the JDK comment there
     * says so: "with no splitting or copying". So every thread of the parallel stream calls
     * nextInt() on one SplittableRandom, whose state is a plain, unsynchronized long that each call
     * advances by a constant. Two threads read the same state, both produce the same number, and one
     * advance is lost; other numbers are never produced. The sum depends on how the threads happened
     * to interleave. It is also slow: both cores keep writing the same field, so its cache line
     * travels between them on every call.
     *
     * The workbook's numbers cannot go wrong this way: number i is computed from (seed, i) alone
     * (workload.valueAt(i)), with no state shared between threads at all. Any split, in any order,
     * produces the same numbers. A safe way to get parallel random streams from the JDK is to give
     * every task its own generator, for example one made by split() before the tasks start.
     *
     * No test asserts this behaviour: it is the JDK's, and it may be fixed one day. The
     * demonstration reports what it sees on the JDK it runs on.
     */
    static int splittableRandomDemo(CommonOptions options, PrintWriter out) {
        long n = options.n();
        long seed = options.seed();
        int lo = options.lo();
        int hi = options.hi();
        if (hi == Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "--splittable-random-demo draws with ints(n, lo, hi + 1), so --hi must be below "
                            + Integer.MAX_VALUE + ", was " + hi);
        }
        // Warm-up at a small size, so that both streams run compiled code when they are timed.
        for (int warmup = 0; warmup < 3; warmup++) {
            jdkRandomSum(Math.min(n, 1_000_000), seed, lo, hi, false);
            jdkRandomSum(Math.min(n, 1_000_000), seed, lo, hi, true);
        }
        long[] sequential = new long[DEMO_RUNS];
        double[] sequentialNanos = new double[DEMO_RUNS];
        long[] parallel = new long[DEMO_RUNS];
        double[] parallelNanos = new double[DEMO_RUNS];
        for (int run = 0; run < DEMO_RUNS; run++) {
            long start = System.nanoTime();
            sequential[run] = jdkRandomSum(n, seed, lo, hi, false);
            long middle = System.nanoTime();
            parallel[run] = jdkRandomSum(n, seed, lo, hi, true);
            parallelNanos[run] = System.nanoTime() - middle;
            sequentialNanos[run] = middle - start;
        }
        Machine machine = Machine.current();
        out.printf(
                Locale.ROOT,
                "new SplittableRandom(%d).ints(%s, %d, %d).asLongStream().sum(), sequential and with .parallel(); %s, %s%n%n",
                seed,
                Report.grouped(n),
                lo,
                hi + 1L,
                machine.summary(),
                machine.cpu());
        out.println(
                "| run | sequential sum | parallel sum | parallel minus sequential | sequential time | parallel time |");
        out.println("|---:|---:|---:|---:|---:|---:|");
        int differing = 0;
        for (int run = 0; run < DEMO_RUNS; run++) {
            differing += parallel[run] != sequential[0] ? 1 : 0;
            out.printf(
                    Locale.ROOT,
                    "| %d | %s | %s | %s | %s | %s |%n",
                    run + 1,
                    Report.grouped(sequential[run]),
                    Report.grouped(parallel[run]),
                    Report.grouped(parallel[run] - sequential[0]),
                    Report.duration(sequentialNanos[run]),
                    Report.duration(parallelNanos[run]));
        }
        double sequentialMedian = new DescriptiveStatistics(sequentialNanos).getPercentile(50);
        double parallelMedian = new DescriptiveStatistics(parallelNanos).getPercentile(50);
        out.println();
        out.printf(
                Locale.ROOT,
                "Seen on this JDK: the parallel sum differed from the sequential one in %d of %d runs"
                        + " (distinct parallel sums: %d); median time %s parallel against %s sequential (%.2fx).%n",
                differing,
                DEMO_RUNS,
                Arrays.stream(parallel).distinct().count(),
                Report.duration(parallelMedian),
                Report.duration(sequentialMedian),
                parallelMedian / sequentialMedian);
        if (Arrays.stream(sequential).distinct().count() != 1) {
            out.println("The sequential sums differ between runs too: that would be a bug in the demonstration.");
        }
        Workload workload = options.workload();
        Set<Long> positionBased = new LinkedHashSet<>();
        for (int run = 0; run < DEMO_RUNS; run++) {
            positionBased.add(new ExecutorPool.ParallelStream().sum(workload));
        }
        out.printf(
                Locale.ROOT,
                "For contrast, the workbook's position-based numbers in a parallel stream"
                        + " (LongStream.range(0, n).parallel().map(workload::valueAt).sum()), %d runs: %s.%n",
                DEMO_RUNS,
                positionBased.size() == 1
                        ? "always " + Report.grouped(positionBased.iterator().next())
                        : positionBased.size() + " different sums (a bug: please report it)");
        out.flush();
        return LessonCli.OK;
    }

    /** The JDK's own random stream, summed as longs (an int sum would overflow past about 2e8 numbers of 10). */
    static long jdkRandomSum(long n, long seed, int lo, int hi, boolean parallel) {
        var numbers = new SplittableRandom(seed).ints(n, lo, hi + 1);
        return (parallel ? numbers.parallel() : numbers).asLongStream().sum();
    }

    private static String agreement(String sentence, long sum, Workload workload, boolean verify) {
        if (!verify) {
            return sentence + ".";
        }
        return sentence + (Oracle.sum(workload) == sum ? "; the oracle agrees." : "; the ORACLE DISAGREES.");
    }
}
