package workbook.virtual;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import workbook.harness.CommonOptions;
import workbook.harness.LessonCli;
import workbook.harness.Machine;
import workbook.harness.Measurement;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Timer;
import workbook.harness.Workload;
import workbook.virtual.VirtualThreads.RemoteCall;
import workbook.virtual.VirtualThreads.WaitingJob;

/*
 * The two tables of lesson 05's page, each printed in Markdown by one command, so that the
 * numbers in the docs can be measured again on any machine:
 *
 *   --cpu-table       the plain sum: a fixed pool of --workers platform threads (one chunk
 *                     each, lesson 03's shape) beside virtual threads with 2, 100 and 10,000
 *                     chunks, and the ratio virtual / pool of their median times;
 *   --waiting-table   every chunk first waits --latency-ms: 10 to 10,000 chunks on virtual
 *                     threads and on the pool, with the time the pool should need.
 *
 * Every time is the median of --repeat runs after --warmup runs, taken by the harness's Timer.
 * A pool row of the waiting table can last minutes (10,000 chunks of 100 ms on 2 threads:
 * 500 s), so rows are planned before they run: a row whose runs together would exceed a minute
 * is run once, and a row whose single run would exceed a minute is not run at all; the table
 * says so and shows the expected time in its place, marked as an estimate.
 */
final class Comparisons {
    static final int[] WAITING_CHUNKS = {10, 100, 1000, 10_000};
    static final int[] CPU_TASKS = {2, 100, 10_000};
    static final double ROW_LIMIT_NANOS = 60e9;

    private Comparisons() {}

    /** How a row is measured: the runs asked for, a single run, or not at all. */
    record Plan(boolean run, int warmup, int repeat) {
        static Plan forRow(double expectedNanosPerRun, int warmup, int repeat) {
            if (expectedNanosPerRun > ROW_LIMIT_NANOS) {
                return new Plan(false, 0, 0);
            }
            if (expectedNanosPerRun * (warmup + repeat) > ROW_LIMIT_NANOS) {
                return new Plan(true, 0, 1);
            }
            return new Plan(true, warmup, repeat);
        }
    }

    /** The time the pool needs for a waiting job: one latency per round of {@code workers} chunks. */
    static double expectedPoolNanos(int chunks, int workers, int latencyMs) {
        long rounds = (chunks + (long) workers - 1) / workers;
        return rounds * latencyMs * 1e6;
    }

    static int print(
            CommonOptions options, boolean waiting, boolean cpu, int latencyMs, PrintWriter out, PrintWriter err) {
        RemoteCall.sleeping(latencyMs); // refuses a negative latency before anything runs
        if (waiting && latencyMs * 1e6 > ROW_LIMIT_NANOS) {
            throw new IllegalArgumentException("--latency-ms must be at most " + (long) (ROW_LIMIT_NANOS / 1e6)
                    + " for --waiting-table, was " + latencyMs);
        }
        try {
            boolean sumsAgree = true;
            if (cpu) {
                sumsAgree = cpuTable(options, out, err);
            }
            if (waiting) {
                if (cpu) {
                    out.println();
                }
                sumsAgree &= waitingTable(options, latencyMs, out, err);
            }
            return sumsAgree ? LessonCli.OK : LessonCli.FAILED;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            err.println("05-virtual-threads: interrupted");
            return LessonCli.FAILED;
        }
    }

    static boolean cpuTable(CommonOptions options, PrintWriter out, PrintWriter err) throws InterruptedException {
        Workload workload = options.workload();
        int workers = options.workers();
        Plan plan = new Plan(true, options.warmup(), options.repeat());
        /*
         * Side by side: the four rows are measured in interleaved rounds (each round runs every
         * row once), so a machine that slows down for a while slows every row alike.
         */
        List<Timer.Contender> contenders = new ArrayList<>();
        contenders.add(new Timer.Contender(
                "05-virtual-threads",
                "fixed pool of " + workers + " platform threads",
                WaitingJob.onPlatformPool(workers, workers, RemoteCall.NONE),
                workers));
        for (int tasks : CPU_TASKS) {
            contenders.add(
                    new Timer.Contender("05-virtual-threads", "virtual threads", new VirtualThreads(tasks), tasks));
        }
        err.printf(
                Locale.ROOT,
                "  measuring %d rows in %d interleaved rounds after %d warm-up...%n",
                contenders.size(),
                plan.repeat(),
                plan.warmup());
        err.flush();
        List<Measurement> rows;
        try {
            rows = Timer.measureInterleaved(contenders, workload, plan.warmup(), plan.repeat(), round -> {});
        } finally {
            contenders.forEach(contender -> contender.strategy().close());
        }
        double poolMedian = rows.getFirst().medianNanos();
        out.printf(
                Locale.ROOT,
                "CPU-bound sum: n = %s numbers in [%d, %d], seed %d; %s; %s; %s%n%n",
                Report.grouped(workload.n()),
                workload.lo(),
                workload.hi(),
                workload.seed(),
                "median of " + plan.repeat() + " interleaved rounds after " + plan.warmup() + " warm-up",
                Machine.current().summary(),
                Machine.current().cpu());
        out.println("| strategy | tasks | median | min | max | virtual / pool |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (Measurement row : rows) {
            String ratio = row == rows.getFirst()
                    ? "1.00 (the yardstick)"
                    : String.format(Locale.ROOT, "%.2f", row.medianNanos() / poolMedian);
            out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s |%n",
                    row.strategy(),
                    Report.grouped(row.workers()),
                    Report.duration(row.medianNanos()),
                    Report.duration(row.minNanos()),
                    Report.duration(row.maxNanos()),
                    ratio);
        }
        return reportSums(rows, options, out);
    }

    static boolean waitingTable(CommonOptions options, int latencyMs, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        Workload workload = options.workload();
        int workers = options.workers();
        RemoteCall remoteCall = RemoteCall.sleeping(latencyMs);
        List<String> lines = new ArrayList<>();
        List<Measurement> measured = new ArrayList<>();
        boolean anyReduced = false;
        for (int chunks : WAITING_CHUNKS) {
            Plan virtualPlan = Plan.forRow(latencyMs * 1e6, options.warmup(), options.repeat());
            double expectedPool = expectedPoolNanos(chunks, workers, latencyMs);
            Plan poolPlan = Plan.forRow(expectedPool, options.warmup(), options.repeat());
            Measurement virtual = measure(
                    "virtual threads",
                    chunks,
                    WaitingJob.onVirtualThreads(chunks, remoteCall),
                    workload,
                    virtualPlan,
                    latencyMs * 1e6,
                    err);
            measured.add(virtual);
            anyReduced |= virtualPlan.repeat() < options.repeat();
            String poolCell;
            String ratio;
            if (poolPlan.run()) {
                Measurement pool = measure(
                        "pool of " + workers + " platform threads",
                        chunks,
                        WaitingJob.onPlatformPool(workers, chunks, remoteCall),
                        workload,
                        poolPlan,
                        expectedPool,
                        err);
                measured.add(pool);
                poolCell = cell(pool, poolPlan, options);
                ratio = String.format(Locale.ROOT, "%.0fx", pool.medianNanos() / virtual.medianNanos());
                anyReduced |= poolPlan.repeat() < options.repeat();
            } else {
                poolCell = "not run (would take ~" + Report.duration(expectedPool) + ")";
                ratio = String.format(Locale.ROOT, "~%.0fx (estimated)", expectedPool / virtual.medianNanos());
            }
            lines.add(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s |",
                    Report.grouped(chunks),
                    cell(virtual, virtualPlan, options),
                    poolCell,
                    ratio,
                    Report.duration(expectedPool)));
        }
        out.printf(
                Locale.ROOT,
                "Waiting-bound job: each chunk waits %d ms, then sums its part of n = %s numbers in [%d, %d],"
                        + " seed %d; %s; %s; %s%n%n",
                latencyMs,
                Report.grouped(workload.n()),
                workload.lo(),
                workload.hi(),
                workload.seed(),
                runs(options.repeat(), options.warmup()),
                Machine.current().summary(),
                Machine.current().cpu());
        out.printf(
                Locale.ROOT,
                "| chunks | virtual threads | pool of %d platform threads | pool / virtual"
                        + " | pool, expected: ceil(chunks / %d) x %d ms |%n",
                workers,
                workers,
                latencyMs);
        out.println("|---:|---:|---:|---:|---:|");
        lines.forEach(out::println);
        if (anyReduced) {
            out.printf(
                    Locale.ROOT,
                    "%n(1 run): the %d runs asked for would have taken over %.0f s, so the row ran once,"
                            + " without warm-up (the waiting, not the JIT, decides its time).%n",
                    options.warmup() + options.repeat(),
                    ROW_LIMIT_NANOS / 1e9);
        }
        return reportSums(measured, options, out);
    }

    /** A measured time, marked when the row ran fewer times than asked. */
    private static String cell(Measurement measurement, Plan plan, CommonOptions options) {
        return Report.duration(measurement.medianNanos()) + (plan.repeat() < options.repeat() ? " (1 run)" : "");
    }

    private static String runs(int repeat, int warmup) {
        return (repeat == 1 ? "one run" : "median of " + repeat + " runs") + " after " + warmup + " warm-up";
    }

    private static Measurement measure(
            String strategyName,
            int tasks,
            SumStrategy strategy,
            Workload workload,
            Plan plan,
            double expectedNanosPerRun,
            PrintWriter err)
            throws InterruptedException {
        err.printf(
                Locale.ROOT,
                "  measuring %s, %s tasks: %d runs after %d warm-up%s...%n",
                strategyName,
                Report.grouped(tasks),
                plan.repeat(),
                plan.warmup(),
                Double.isNaN(expectedNanosPerRun) ? "" : ", about " + Report.duration(expectedNanosPerRun) + " each");
        err.flush();
        try (strategy) {
            return Timer.measure(
                    "05-virtual-threads",
                    strategyName,
                    strategy,
                    workload,
                    tasks,
                    plan.warmup(),
                    plan.repeat(),
                    Timer.Progress.NONE);
        }
    }

    /** Every row must have summed the same numbers; --verify also checks that sum against the oracle. */
    private static boolean reportSums(List<Measurement> rows, CommonOptions options, PrintWriter out) {
        long first = rows.getFirst().sum();
        boolean allEqual = rows.stream().allMatch(row -> row.sum() == first);
        boolean oracleAgrees = !options.verify() || Oracle.sum(rows.getFirst().workload()) == first;
        out.printf(
                Locale.ROOT,
                "%nSums: %s%s.%n",
                allEqual ? "all rows agree, " + Report.grouped(first) : "ROWS DISAGREE",
                options.verify() ? (oracleAgrees ? "; the oracle agrees" : "; the oracle DISAGREES") : "");
        out.flush();
        return allEqual && oracleAgrees;
    }
}
