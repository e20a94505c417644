package workbook.cluster.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import workbook.cluster.ClusterLesson;
import workbook.cluster.ClusterSum;
import workbook.cluster.ClusterSum.Engine;
import workbook.cluster.members.Cluster;
import workbook.harness.CallCost;
import workbook.harness.CommonOptions;
import workbook.harness.ForkOptions;
import workbook.harness.Forks;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Machine;
import workbook.harness.Measurement;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.WholeNumber;
import workbook.harness.Workload;

/*
 * Lab 06 cost: what a cluster costs on this machine, measured, and the cost model built from it.
 *
 * The model: a job on M hosts of C cores each takes
 *
 *     t(n) = start + overhead + n * b / (M * C)
 *
 * start     starting the members (paid once if the cluster keeps running, per job if not);
 * overhead  what one job costs beyond the adding: planning, sending chunks, collecting results;
 * b         the cost of one number on one core (the workload's own loop, as in lesson 01).
 *
 * One machine with C cores and no cluster takes about n * b / C (lesson 04's fork/join, whose own
 * overhead is microseconds). The cluster wins once its saved time, n * b / C * (1 - 1/M), exceeds
 * what it adds: n > overhead * M * C / (b * (M - 1)), or with start + overhead if it is started
 * for the job.
 *
 * The measurements need no second host: the members run in this JVM on loopback. That makes the
 * overhead a lower bound (a real network adds its latency), and on this machine the members share
 * its cores, so the measured large-n time matches the model for one host, not M. The per-job
 * overhead is timed by CallCost (back-to-back jobs in batches, the engines interleaved); the
 * large-n times (the plain loop, which gives b, and both engines) each in JVMs of their own
 * (--forks), in interleaved rounds; every sum is checked against the oracle.
 */
@Command(
        name = "cost",
        header = "what a cluster costs: its start, one job's fixed cost, the cost per number, and the cost model",
        description = "Starts --members embedded members (--workers threads each) several times, times one job at"
                + " --small-n on each engine (the per-job overhead), the plain loop and both engines at --n, and"
                + " evaluates the cost model t = start + overhead + n*b/(M*C) for 2 to 16 hosts like this one.")
public final class Cost implements Lab {
    @Mixin
    CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);

    @Mixin
    ForkOptions forks = new ForkOptions(2);

    @Option(
            names = "--members",
            paramLabel = "M",
            converter = WholeNumber.Int.class,
            description = "embedded members (default: ${DEFAULT-VALUE})")
    int members = ClusterLesson.DEFAULT_MEMBERS;

    @Option(
            names = "--small-n",
            paramLabel = "N",
            converter = WholeNumber.class,
            description = "the n of one job whose time is all overhead (default: ${DEFAULT-VALUE})")
    long smallN = 1_000;

    @Override
    public void run(LabReport report) throws InterruptedException {
        Workload large = options.validate();
        if (members < 1) {
            throw new IllegalArgumentException("--members must be at least 1, was " + members);
        }
        Workload small = new Workload(smallN, large.seed(), large.lo(), large.hi());
        LabTable table = report.add(LabTable.titled("What a cluster costs")
                .workloads("n = " + Report.grouped(small.n()) + " and n = " + Report.grouped(large.n())
                        + " numbers in [" + large.lo() + ", " + large.hi() + "], seed " + large.seed())
                .measured(members + " embedded members with " + MemberLoss.threads(options.workers()) + " each;"
                        + " medians of " + options.repeat() + " after " + options.warmup() + " warm-up; at the"
                        + " large n " + forks.plan(options).inWords("row"))
                .columns("what", "time"));
        List<Double> starts = new ArrayList<>();
        Cluster kept = null;
        for (int start = 0; start < Math.max(2, options.repeat()); start++) {
            if (kept != null) {
                kept.close();
            }
            kept = Cluster.embedded(members, options.workers(), false);
            starts.add((double) kept.startNanos());
            report.progress("cluster start " + (start + 1) + ": " + Report.duration(kept.startNanos()));
        }
        double laterStart = new DescriptiveStatistics(starts.subList(1, starts.size()).stream()
                        .mapToDouble(Double::doubleValue)
                        .toArray())
                .getPercentile(50);
        table.row("cluster start, " + members + " members, the first in this JVM", Report.duration(starts.getFirst()));
        table.row(
                "cluster start, " + members + " members, later in the same JVM (median)", Report.duration(laterStart));
        try (Cluster cluster = kept) {
            List<Double> overheads = overheads(report, table, cluster, small);
            double b = measureLarge(report, table, large, overheads);
            report.add(CostModel.table(new CostModel.Costs(starts.getFirst(), laterStart, overheads, b), large));
        }
    }

    /* One job at a small n on each engine, beside the plain loop: the per-job overhead, by CallCost. */
    private List<Double> overheads(LabReport report, LabTable table, Cluster cluster, Workload small)
            throws InterruptedException {
        ClusterSum executor = new ClusterSum(cluster, Engine.executor, null);
        ClusterSum jet = new ClusterSum(cluster, Engine.jet, null);
        List<CallCost.Call> calls = List.of(small::sumAll, () -> executor.sum(small), () -> jet.sum(small));
        report.progress("one job at n = " + Report.grouped(small.n()) + ": the plain loop, executor and jet, "
                + options.repeat() + " interleaved batches");
        List<CallCost.PerCall> perCall = CallCost.measure(calls, Oracle.sum(small), options.warmup(), options.repeat());
        List<String> what = List.of("the plain loop, one thread, no cluster", "one executor job", "one Jet job");
        for (int i = 0; i < calls.size(); i++) {
            table.row(
                    what.get(i) + ", n = " + Report.grouped(small.n()) + (i == 0 ? "" : " (the per-job overhead)"),
                    Report.duration(perCall.get(i).medianNanos()));
            table.sum(what.get(i) + " at the small n", small, calls.get(i).sum());
        }
        return List.of(perCall.get(1).medianNanos(), perCall.get(2).medianNanos());
    }

    /*
     * The plain loop on one thread and both engines at the large n, each in JVMs of its own (a
     * member compiles the same loop as the plain one, so in one JVM whichever ran first would shape
     * the others' figures), in interleaved rounds; each engine's JVM starts a cluster of its own.
     */
    @Override
    public List<Row> rows() {
        int workers = options.workers();
        return List.of(
                new Row("one thread", 1, () -> Workload::sumAll),
                new Row("executor", workers, () -> ClusterLesson.onItsOwnCluster(Engine.executor, members, workers)),
                new Row("jet", workers, () -> ClusterLesson.onItsOwnCluster(Engine.jet, members, workers)));
    }

    /* The rows at the large n, the engines beside the model's time for this machine's cores. Returns b, the plain loop's ns per number. */
    private double measureLarge(LabReport report, LabTable table, Workload large, List<Double> overheads) {
        int cores = Machine.availableCores();
        report.progress("n = " + Report.grouped(large.n()) + ": the plain loop, executor and jet, "
                + forks.plan(options).inWords("row"));
        List<Forks.Result> measured = report.time(large, forks.plan(options));
        Measurement plain = measured.getFirst().all();
        double b = plain.nsPerNumber();
        table.row(
                String.format(
                        Locale.ROOT,
                        "the plain loop, one thread, n = %s (b = %.3f ns per number)",
                        Report.grouped(large.n()),
                        b),
                Report.duration(plain.medianNanos()));
        table.sum("the plain loop at the large n", large, plain.sum());
        for (int i = 1; i < measured.size(); i++) {
            Measurement run = measured.get(i).all();
            double model = overheads.get(i - 1) + large.n() * b / cores;
            table.row(
                    String.format(
                            Locale.ROOT,
                            "%s, n = %s, the members sharing %d cores (model: %s)",
                            run.strategy(),
                            Report.grouped(large.n()),
                            cores,
                            Report.duration(model)),
                    Report.duration(run.medianNanos()));
            table.sum(run.strategy() + " at the large n", large, run.sum());
        }
        table.disagreements(
                measured,
                measured.stream().map(result -> result.contender().name()).toList());
        return b;
    }
}
