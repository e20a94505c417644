package workbook.forkjoin;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
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
 * The two measurements behind lesson 04's page (docs/04-forkjoin.md), each one command that
 * prints a Markdown table ready to paste:
 *
 *   --threshold-sweep  time against threshold at one large n: the U-shaped curve
 *   --fixed-cost       what one fork/join job costs when there is almost nothing to add
 *
 * They live beside the lesson, not in it, so that ForkJoinSum.java stays about fork/join.
 */
final class ForkJoinMeasurements {
    private static final String LESSON = "04-forkjoin";

    /* A fixed-cost batch lasts about this long; its time divided by its calls is one sample. */
    private static final long BATCH_NANOS = 50_000_000L;
    /* Each --warmup round runs back-to-back calls for this long, so the JIT has compiled them. */
    private static final long WARMUP_ROUND_NANOS = 250_000_000L;
    private static final long[] FIXED_COST_SIZES = {1, 10, 100, 1_000, 10_000, 100_000};

    private ForkJoinMeasurements() {}

    /*
     * The sweep: thresholds 10^2, 10^3, ... below n, then n itself (a single task), plus the
     * automatic threshold, each timed like any lesson (warm-up, then --repeat runs, median). The
     * direct loop on the calling thread is timed too, as the yardstick for the speedup column.
     */
    static int thresholdSweep(CommonOptions options, PrintWriter out, PrintWriter err) {
        Workload workload = options.workload();
        long n = workload.n();
        int workers = options.workers();
        long automatic = ForkJoinSum.automaticThreshold(n, workers);
        TreeSet<Long> thresholds = new TreeSet<>();
        for (long threshold = 100; threshold < n; threshold *= 10) {
            thresholds.add(threshold);
        }
        thresholds.add(Math.max(1, n));
        thresholds.add(Math.max(1, Math.ceilDiv(n, workers)));
        thresholds.add(automatic);
        try {
            Measurement direct = Timer.measure(
                    LESSON,
                    "direct loop",
                    Workload::sumAll,
                    workload,
                    1,
                    options.warmup(),
                    options.repeat(),
                    Timer.Progress.NONE);
            err.printf(Locale.ROOT, "  direct loop: %s%n", Report.duration(direct.medianNanos()));
            Map<Long, Measurement> byThreshold = new HashMap<>();
            for (long threshold : thresholds) {
                Measurement measured;
                try (SumStrategy forkJoin = new ForkJoinSum(workers, threshold)) {
                    measured = Timer.measure(
                            LESSON,
                            "fork-join",
                            forkJoin,
                            workload,
                            workers,
                            options.warmup(),
                            options.repeat(),
                            Timer.Progress.NONE);
                }
                if (measured.sum() != direct.sum()) {
                    err.println(LESSON + ": threshold " + threshold + " gave " + measured.sum()
                            + " but the direct loop gave " + direct.sum());
                    return LessonCli.FAILED;
                }
                err.printf(
                        Locale.ROOT,
                        "  threshold %s: %s%n",
                        Report.grouped(threshold),
                        Report.duration(measured.medianNanos()));
                err.flush();
                byThreshold.put(threshold, measured);
            }
            Machine machine = Machine.current();
            out.printf(
                    Locale.ROOT,
                    "Threshold sweep: n = %s numbers in [%d, %d], %d workers on %s; CPU %s;"
                            + " median of %d runs after %d warm-up.%n%n",
                    Report.grouped(n),
                    workload.lo(),
                    workload.hi(),
                    workers,
                    machine.summary(),
                    machine.cpu(),
                    options.repeat(),
                    options.warmup());
            out.println(
                    "| threshold | leaf tasks | median | fastest | slowest | ns per number | speedup over the direct loop |");
            out.println("|---:|---:|---:|---:|---:|---:|---:|");
            out.printf(
                    Locale.ROOT,
                    "| direct loop, no pool | - | %s | %s | %s | %.2f | 1.00x |%n",
                    Report.duration(direct.medianNanos()),
                    Report.duration(direct.minNanos()),
                    Report.duration(direct.maxNanos()),
                    direct.nsPerNumber());
            for (long threshold : thresholds) {
                Measurement measured = byThreshold.get(threshold);
                String label = Report.grouped(threshold)
                        + (threshold == automatic ? " (automatic)" : "")
                        + (threshold >= n
                                ? " (n or more: one task)"
                                : threshold == Math.ceilDiv(n, workers) ? " (one leaf per worker)" : "");
                out.printf(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s | %.2f | %.2fx |%n",
                        label,
                        Report.grouped(leafCount(n, threshold, new HashMap<>())),
                        Report.duration(measured.medianNanos()),
                        Report.duration(measured.minNanos()),
                        Report.duration(measured.maxNanos()),
                        measured.nsPerNumber(),
                        measured.speedupOver(direct));
            }
            printTaskCost(n, workers, direct, byThreshold, out);
            out.flush();
            return LessonCli.OK;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            err.println(LESSON + ": interrupted");
            return LessonCli.FAILED;
        }
    }

    /*
     * What one split costs, read off the left wall of the U: the smallest threshold makes the most
     * splits (a fork, a join, two task objects); the extra time over the fastest threshold, times
     * the workers that were all paying it, divided by the extra splits, is the price of one. From
     * it follows how big a leaf must be before that price is lost in the adding (MIN_LEAF).
     */
    private static void printTaskCost(
            long n, int workers, Measurement direct, Map<Long, Measurement> byThreshold, PrintWriter out) {
        long smallest = byThreshold.keySet().stream().min(Long::compare).orElseThrow();
        long fastest = byThreshold.entrySet().stream()
                .min((a, b) ->
                        Double.compare(a.getValue().medianNanos(), b.getValue().medianNanos()))
                .orElseThrow()
                .getKey();
        long extraSplits = leafCount(n, smallest, new HashMap<>()) - leafCount(n, fastest, new HashMap<>());
        if (extraSplits <= 0) {
            return;
        }
        double extraNanos = byThreshold.get(smallest).medianNanos()
                - byThreshold.get(fastest).medianNanos();
        double nanosPerSplit = Math.max(0, extraNanos) * workers / extraSplits;
        double leafNanos = ForkJoinSum.MIN_LEAF * direct.nsPerNumber();
        out.printf(
                Locale.ROOT,
                "%nOne split (fork, join, two tasks) costs about %.0f ns of a worker's time: threshold %s"
                        + " against the fastest, %s, whose median is %s. A leaf of MIN_LEAF = %s numbers takes about %s"
                        + " in the direct loop, so one split per leaf adds about %.1f%%.%n",
                nanosPerSplit,
                Report.grouped(smallest),
                Report.grouped(fastest),
                Report.duration(byThreshold.get(fastest).medianNanos()),
                Report.grouped(ForkJoinSum.MIN_LEAF),
                Report.duration(leafNanos),
                100 * nanosPerSplit / leafNanos);
    }

    /*
     * The fixed cost: for tiny n the adding takes nanoseconds, so what a call costs is the
     * fork/join machinery itself: hand the root task to the pool, wake a worker, wait for it.
     * Three ways are compared at each n: the direct loop on the calling thread; fork/join on a
     * pool that is kept between calls (what ForkJoinSum does); and fork/join on a new pool for
     * every call, which also pays for starting and stopping the threads.
     */
    static int fixedCost(CommonOptions options, PrintWriter out, PrintWriter err) {
        int workers = options.workers();
        StringBuilder rows = new StringBuilder();
        double directAtSmallest = Double.NaN;
        double keptAtSmallest = Double.NaN;
        long firstWin = -1;
        try {
            for (long n : FIXED_COST_SIZES) {
                Workload workload = new Workload(n, options.seed(), options.lo(), options.hi());
                long expected = Oracle.sum(workload);
                double direct = nanosPerCall(workload::sumAll, expected, options);
                double kept;
                try (ForkJoinSum keptPool = new ForkJoinSum(workers)) {
                    kept = nanosPerCall(() -> keptPool.sum(workload), expected, options);
                }
                double fresh = nanosPerCall(
                        () -> {
                            try (ForkJoinSum freshPool = new ForkJoinSum(workers)) {
                                return freshPool.sum(workload);
                            }
                        },
                        expected,
                        options);
                if (n == FIXED_COST_SIZES[0]) {
                    directAtSmallest = direct;
                    keptAtSmallest = kept;
                }
                if (firstWin < 0 && kept < direct) {
                    firstWin = n;
                }
                err.printf(Locale.ROOT, "  n = %s done%n", Report.grouped(n));
                err.flush();
                rows.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s |%n",
                        Report.grouped(n),
                        Report.grouped(leafCount(n, ForkJoinSum.automaticThreshold(n, workers), new HashMap<>())),
                        micros(direct),
                        micros(kept),
                        micros(fresh)));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            err.println(LESSON + ": interrupted");
            return LessonCli.FAILED;
        }
        Machine machine = Machine.current();
        out.printf(
                Locale.ROOT,
                "Fixed cost of one fork/join job: %d workers on %s; CPU %s; automatic threshold;"
                        + " median of %d batches of back-to-back calls (about %d ms each) after %d warm-up rounds.%n%n",
                workers,
                machine.summary(),
                machine.cpu(),
                options.repeat(),
                BATCH_NANOS / 1_000_000,
                options.warmup());
        out.println("| n | leaf tasks | direct loop | fork/join, pool kept | fork/join, new pool per call |");
        out.println("|---:|---:|---:|---:|---:|");
        out.print(rows);
        out.printf(
                Locale.ROOT,
                "%nFixed cost of one job on a kept pool (n = %d, fork/join minus direct loop): %s.%n",
                FIXED_COST_SIZES[0],
                micros(keptAtSmallest - directAtSmallest));
        out.println(
                firstWin < 0
                        ? "Fork/join on a kept pool beat the direct loop at none of these n."
                        : "Fork/join on a kept pool beat the direct loop from n = " + Report.grouped(firstWin)
                                + " on (of the n above).");
        out.flush();
        return LessonCli.OK;
    }

    @FunctionalInterface
    private interface Call {
        long sum() throws InterruptedException;
    }

    /* Median nanoseconds per call over --repeat batches; every call's sum is checked. */
    private static double nanosPerCall(Call call, long expected, CommonOptions options) throws InterruptedException {
        long calibrationStart = System.nanoTime();
        long calibrationCalls = 0;
        while (System.nanoTime() - calibrationStart < BATCH_NANOS / 10) {
            check(call.sum(), expected);
            calibrationCalls++;
        }
        long callsPerBatch = Math.max(1, calibrationCalls * 10);
        for (int round = 0; round < options.warmup(); round++) {
            long roundStart = System.nanoTime();
            while (System.nanoTime() - roundStart < WARMUP_ROUND_NANOS) {
                check(call.sum(), expected);
            }
        }
        DescriptiveStatistics perCall = new DescriptiveStatistics();
        for (int batch = 0; batch < options.repeat(); batch++) {
            long start = System.nanoTime();
            for (long i = 0; i < callsPerBatch; i++) {
                check(call.sum(), expected);
            }
            perCall.addValue((double) (System.nanoTime() - start) / callsPerBatch);
        }
        return perCall.getPercentile(50);
    }

    /* Using every result keeps the JIT from removing calls whose answer nobody reads. */
    private static void check(long sum, long expected) {
        if (sum != expected) {
            throw new IllegalStateException("a call returned " + sum + ", the oracle says " + expected);
        }
    }

    /* Always in microseconds, so a column can be compared at a glance. */
    private static String micros(double nanos) {
        String format = nanos < 10_000 ? "%.2f µs" : nanos < 100_000 ? "%.1f µs" : "%.0f µs";
        return String.format(Locale.ROOT, format, nanos / 1e3);
    }

    /* How many leaves the tree has: ranges split in two (size/2 and the rest) while above the threshold. */
    static long leafCount(long size, long threshold, Map<Long, Long> known) {
        if (size <= threshold) {
            return 1;
        }
        Long cached = known.get(size);
        if (cached != null) {
            return cached;
        }
        long leaves = leafCount(size / 2, threshold, known) + leafCount(size - size / 2, threshold, known);
        known.put(size, leaves);
        return leaves;
    }
}
