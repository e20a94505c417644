package workbook.virtual.lab;

import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import workbook.harness.CommonOptions;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Measurement;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Timer;
import workbook.harness.WholeNumber;
import workbook.harness.Workload;
import workbook.virtual.FixedPool;
import workbook.virtual.PlatformThreadPerTask;
import workbook.virtual.RemoteCall;
import workbook.virtual.VirtualThreads;

/*
 * Lab 05 waiting: the same chunks, each first waiting --latency-ms for a simulated remote reply,
 * on one new virtual thread per chunk, on one new platform thread per chunk, and on a fixed pool of
 * --workers platform threads.
 *
 * Both thread-per-chunk executors should need about one latency whatever the number of chunks,
 * since every chunk can wait at once; the pool about one latency per round of --workers chunks,
 * shown beside it as the "expected" column. That is Little's law, L = λW: the chunks waiting at
 * once (L) equal the chunks finished per second (λ) times the time each waits (W). A second table
 * turns every measured time back into L = (chunks / time) × latency, beside what each executor
 * allows: all the chunks on threads of their own, --workers on the pool.
 *
 * A pool row can last minutes (10,000 chunks of 100 ms on 2 threads: 500 s), so each row is planned
 * before it runs from its expected time: a row whose runs together would take over a minute runs
 * once, without warm-up (the waiting, not the JIT, decides its time), and a row whose single run
 * would take over a minute does not run at all; the table shows the expected time in its place.
 */
@Command(
        name = "waiting",
        header = "chunks that wait --latency-ms: a thread per chunk (virtual or platform) against a pool of"
                + " --workers platform threads",
        description = "Chunks (10 to 10000) that first wait --latency-ms, on a virtual thread each, on a platform"
                + " thread each and on a fixed pool of --workers platform threads, with Little's law (L = λW) for"
                + " each; use a small --n (1e6) so that the waiting dominates.")
public final class Waiting implements Lab {
    static final int[] CHUNK_COUNTS = {10, 100, 1000, 10_000};
    static final double ROW_LIMIT_NANOS = 60e9;

    /* The longest a row's runs may take together: a minute (a test lowers it to keep its rows short). */
    double rowLimitNanos = ROW_LIMIT_NANOS;

    @Mixin
    CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);

    @Option(
            names = "--latency-ms",
            paramLabel = "MS",
            converter = WholeNumber.Int.class,
            description = "how long each chunk waits before it sums, at most 60000 (default: ${DEFAULT-VALUE})")
    int latencyMs = 100;

    /** How a row is measured: the runs asked for, a single run, or not at all. */
    record Plan(boolean run, int warmup, int repeat) {
        static Plan forRow(double expectedNanosPerRun, int warmup, int repeat, double limitNanos) {
            if (expectedNanosPerRun > limitNanos) {
                return new Plan(false, 0, 0);
            }
            if (expectedNanosPerRun * (warmup + repeat) > limitNanos) {
                return new Plan(true, 0, 1);
            }
            return new Plan(true, warmup, repeat);
        }
    }

    /** The time the pool needs: one latency per round of {@code workers} chunks. */
    static double expectedPoolNanos(int chunks, int workers, int latencyMs) {
        long rounds = (chunks + (long) workers - 1) / workers;
        return rounds * latencyMs * 1e6;
    }

    @Override
    public void run(LabReport report) throws InterruptedException {
        Workload workload = options.validate();
        RemoteCall reply = RemoteCall.sleeping(latencyMs);
        if (latencyMs * 1e6 > rowLimitNanos) {
            throw new IllegalArgumentException(
                    "--latency-ms must be at most " + Math.round(rowLimitNanos / 1e6) + ", was " + latencyMs);
        }
        int workers = options.workers();
        LabTable table = report.add(LabTable.titled("Chunks that wait " + latencyMs + " ms, then sum their part")
                .workload(workload)
                .runs(options.repeat(), options.warmup())
                .columns(
                        "chunks",
                        "a virtual thread per chunk",
                        "a platform thread per chunk",
                        "pool of " + workers + " platform threads",
                        "pool, expected: ceil(chunks / " + workers + ") × " + latencyMs + " ms"));
        LabTable little = LabTable.titled("Little's law, L = λW: chunks waiting at once = chunks finished per second"
                        + " × " + latencyMs + " ms")
                .measured("λ = chunks / median time of the table above")
                .columns(
                        "chunks",
                        "L allowed: thread per chunk / pool",
                        "λW, virtual threads",
                        "λW, platform thread per chunk",
                        "λW, pool of " + workers);
        boolean anyRowRanOnce = false;
        for (int chunks : CHUNK_COUNTS) {
            Plan perChunkPlan = Plan.forRow(latencyMs * 1e6, options.warmup(), options.repeat(), rowLimitNanos);
            VirtualThreads job = new VirtualThreads(chunks, reply);
            Measurement virtual = measure(report, table, "virtual threads", job, chunks, perChunkPlan, workload);
            Measurement platform = measure(
                    report,
                    table,
                    "a platform thread each",
                    new PlatformThreadPerTask(job),
                    chunks,
                    perChunkPlan,
                    workload);
            double expectedPool = expectedPoolNanos(chunks, workers, latencyMs);
            Plan poolPlan = Plan.forRow(expectedPool, options.warmup(), options.repeat(), rowLimitNanos);
            String poolCell = "not run (would take ~" + Report.duration(expectedPool) + ")";
            String poolInFlight = "not run";
            if (poolPlan.run()) {
                String poolName = "a pool of " + workers + " platform threads";
                Measurement pool =
                        measure(report, table, poolName, new FixedPool(workers, job), chunks, poolPlan, workload);
                poolCell = cell(pool, poolPlan);
                poolInFlight = inFlight(chunks, pool, latencyMs);
            }
            anyRowRanOnce |= ranOnce(perChunkPlan) || ranOnce(poolPlan);
            table.row(
                    Report.grouped(chunks),
                    cell(virtual, perChunkPlan),
                    cell(platform, perChunkPlan),
                    poolCell,
                    Report.duration(expectedPool));
            little.row(
                    Report.grouped(chunks),
                    Report.grouped(chunks) + " / " + Math.min(chunks, workers),
                    inFlight(chunks, virtual, latencyMs),
                    inFlight(chunks, platform, latencyMs),
                    poolInFlight);
        }
        if (anyRowRanOnce) {
            table.note("(1 run): the " + (options.warmup() + options.repeat()) + " runs asked for would have taken"
                    + " over a minute, so the row ran once, without warm-up.");
        }
        report.add(little);
    }

    /* Little's law read backwards: the chunks that waited at once on average, λW, from one measured time. */
    static double inFlight(int chunks, double medianNanos, int latencyMs) {
        return chunks / medianNanos * latencyMs * 1e6;
    }

    private static String inFlight(int chunks, Measurement measured, int latencyMs) {
        double waiting = inFlight(chunks, measured.medianNanos(), latencyMs);
        return String.format(Locale.ROOT, waiting < 10 ? "%.2f" : "%,.0f", waiting);
    }

    private String cell(Measurement measurement, Plan plan) {
        return Report.duration(measurement.medianNanos()) + (ranOnce(plan) ? " (1 run)" : "");
    }

    /* A row that ran, but fewer times than asked (a row that did not run says so in its cell). */
    private boolean ranOnce(Plan plan) {
        return plan.run() && plan.repeat() < options.repeat();
    }

    private static Measurement measure(
            LabReport report,
            LabTable table,
            String executor,
            SumStrategy strategy,
            int chunks,
            Plan plan,
            Workload workload)
            throws InterruptedException {
        String row = Report.grouped(chunks) + " chunks on " + executor;
        report.progress(row + ": " + plan.repeat() + (plan.repeat() == 1 ? " run" : " runs") + " after " + plan.warmup()
                + " warm-up");
        Measurement measured = Timer.measure(
                "05", executor, strategy, workload, chunks, plan.warmup(), plan.repeat(), Timer.Progress.NONE);
        table.sum(row, workload, measured.sum());
        return measured;
    }
}
