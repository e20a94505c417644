package workbook.cluster;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import workbook.harness.CommonOptions;
import workbook.harness.LessonCli;
import workbook.harness.Machine;
import workbook.harness.Measurement;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Timer;
import workbook.harness.Workload;

/*
 * `./workbook lesson 06 --cost-table`: what a cluster costs on this machine, measured, and the cost
 * model built from those measurements, printed as Markdown for docs/06-cluster.md.
 *
 * The model: a job on M hosts of C cores each takes
 *
 *     t(n) = start + overhead + n * b / (M * C)
 *
 * start     starting the members (paid once if the cluster keeps running, per job if not);
 * overhead  what one job costs beyond the adding: planning, sending chunks, collecting results;
 * b         the cost of one number on one core (the harness's loop, as in lesson 01).
 *
 * One machine with C cores and no cluster takes about n * b / C (lesson 04's fork/join, whose own
 * overhead is microseconds). The cluster wins once its saved time, n * b / C * (1 - 1/M), exceeds
 * what it adds: n > overhead * M * C / (b * (M - 1)), or with start + overhead if it is started
 * for the job.
 *
 * The measurement needs no second host: the members run in this JVM on loopback. That makes the
 * overhead a lower bound (a real network adds its latency), and on this machine the members
 * share its cores, so the measured large-n time matches the model for one host, not M.
 */
final class CostTable {
    private static final String LESSON = "06-cluster";
    private static final long SMALL_N = 1_000;
    private static final int[] HOSTS = {2, 4, 8, 16};

    private CostTable() {}

    static int print(CommonOptions common, ClusterOptions options) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Machine machine = Machine.current();
        int members = options.members;
        int threads = common.workers();
        int cores = machine.cores();
        Workload large = common.workload();
        Workload small = new Workload(SMALL_N, large.seed(), large.lo(), large.hi());
        try {
            Measurement oneThread = measure("one thread", Workload::sumAll, large, common);
            Measurement oneThreadSmall = measure("one thread", Workload::sumAll, small, common);
            double b = oneThread.nsPerNumber();
            err.printf(Locale.ROOT, "  b = %.3f ns per number on one thread%n", b);

            // Each start is a fresh cluster; the first one in a JVM also loads Hazelcast's classes.
            List<Double> starts = new ArrayList<>();
            ClusterConnection kept = null;
            for (int run = 0; run < Math.max(2, common.repeat()); run++) {
                if (kept != null) {
                    kept.close();
                }
                kept = ClusterConnection.embedded(members, threads, options.verbose);
                starts.add((double) kept.startNanos());
                err.printf(Locale.ROOT, "  cluster start %d: %s%n", run + 1, Report.duration(kept.startNanos()));
            }
            double firstStart = starts.getFirst();
            double laterStart = new DescriptiveStatistics(starts.subList(1, starts.size()).stream()
                            .mapToDouble(Double::doubleValue)
                            .toArray())
                    .getPercentile(50);

            List<Measurement> overheads = new ArrayList<>();
            List<Measurement> largeRuns = new ArrayList<>();
            try (ClusterConnection cluster = kept) {
                for (ClusterSum.Engine engine : ClusterSum.Engine.values()) {
                    ClusterSum strategy = new ClusterSum(cluster, false, engine, options.tasks);
                    overheads.add(measure(engine.name(), strategy, small, common));
                    largeRuns.add(measure(engine.name(), strategy, large, common));
                    if (largeRuns.getLast().sum() != oneThread.sum()) {
                        err.println(LESSON + ": " + engine + " gave "
                                + largeRuns.getLast().sum() + ", one thread " + oneThread.sum());
                        return LessonCli.FAILED;
                    }
                }
            }

            out.printf(
                    Locale.ROOT,
                    "Lesson 06 costs: %d embedded members with %d threads each (--workers), on %s; CPU %s;"
                            + " median of %d runs after %d warm-up.%n%n",
                    members,
                    threads,
                    machine.summary(),
                    machine.cpu(),
                    common.repeat(),
                    common.warmup());
            out.println("| what | time |");
            out.println("|---|---:|");
            out.printf(
                    Locale.ROOT,
                    "| cluster start, %d members, first in a fresh JVM | %s |%n",
                    members,
                    Report.duration(firstStart));
            out.printf(
                    Locale.ROOT,
                    "| cluster start, %d members, later in the same JVM (median) | %s |%n",
                    members,
                    Report.duration(laterStart));
            out.printf(
                    Locale.ROOT,
                    "| one thread, n = %s (no cluster) | %s |%n",
                    Report.grouped(SMALL_N),
                    Report.duration(oneThreadSmall.medianNanos()));
            for (Measurement overhead : overheads) {
                out.printf(
                        Locale.ROOT,
                        "| one job on the running cluster, %s, n = %s (the per-job overhead) | %s |%n",
                        overhead.strategy(),
                        Report.grouped(SMALL_N),
                        Report.duration(overhead.medianNanos()));
            }
            out.printf(
                    Locale.ROOT,
                    "| one thread, n = %s (b = %.3f ns per number) | %s |%n",
                    Report.grouped(large.n()),
                    b,
                    Report.duration(oneThread.medianNanos()));
            for (Measurement run : largeRuns) {
                double model = overheadOf(overheads, run.strategy()) + large.n() * b / cores;
                out.printf(
                        Locale.ROOT,
                        "| %s, n = %s, members sharing %d cores (model: %s) | %s |%n",
                        run.strategy(),
                        Report.grouped(large.n()),
                        cores,
                        Report.duration(model),
                        Report.duration(run.medianNanos()));
            }

            double executorOverhead = overheadOf(overheads, "executor");
            double jetOverhead = overheadOf(overheads, "jet");
            out.println();
            out.printf(
                    Locale.ROOT,
                    "Cost model t = start + overhead + n*b/(M*C) for M hosts of C = %d cores like this one:"
                            + " b = %.3f ns, start = %s, overhead = %s (executor) or %s (jet). One such machine"
                            + " without a cluster: n*b/C. The cluster pays off from n = overhead*M*C/(b*(M-1)).%n%n",
                    cores,
                    b,
                    Report.duration(firstStart),
                    Report.duration(executorOverhead),
                    Report.duration(jetOverhead));
            out.println("| hosts M | cores M*C | t(1e9), cluster running | t(1e12), cluster running"
                    + " | pays off from n (executor, running) | (executor, started per job) | (jet, running) |");
            out.println("|---:|---:|---:|---:|---:|---:|---:|");
            out.printf(
                    Locale.ROOT,
                    "| 1 (no cluster) | %d | %s | %s | - | - | - |%n",
                    cores,
                    Report.duration(1e9 * b / cores),
                    Report.duration(1e12 * b / cores));
            for (int hosts : HOSTS) {
                double parallel = (double) hosts * cores;
                out.printf(
                        Locale.ROOT,
                        "| %d | %d | %s | %s | %s | %s | %s |%n",
                        hosts,
                        (long) parallel,
                        Report.duration(executorOverhead + 1e9 * b / parallel),
                        Report.duration(executorOverhead + 1e12 * b / parallel),
                        roughly(executorOverhead * parallel / (b * (hosts - 1))),
                        roughly((firstStart + executorOverhead) * parallel / (b * (hosts - 1))),
                        roughly(jetOverhead * parallel / (b * (hosts - 1))));
            }
            return LessonCli.OK;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            err.println(LESSON + ": interrupted");
            return LessonCli.FAILED;
        }
    }

    private static Measurement measure(String name, SumStrategy strategy, Workload workload, CommonOptions common)
            throws InterruptedException {
        Measurement measured = Timer.measure(
                LESSON,
                name,
                strategy,
                workload,
                common.workers(),
                common.warmup(),
                common.repeat(),
                Timer.Progress.NONE);
        System.err.printf(
                Locale.ROOT,
                "  %s, n = %s: %s%n",
                name,
                Report.grouped(workload.n()),
                Report.duration(measured.medianNanos()));
        return measured;
    }

    private static double overheadOf(List<Measurement> overheads, String engine) {
        return overheads.stream()
                .filter(m -> m.strategy().equals(engine))
                .findFirst()
                .orElseThrow()
                .medianNanos();
    }

    /* Two significant digits: a break-even point is an order of magnitude, not a precise count. */
    private static String roughly(double n) {
        if (n < 1) {
            return "1";
        }
        double scale = Math.pow(10, Math.floor(Math.log10(n)) - 1);
        return Report.grouped(Math.round(Math.round(n / scale) * scale));
    }
}
