package workbook.forkjoin.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbook.forkjoin.ForkJoinLesson;
import workbook.forkjoin.ForkJoinSum;
import workbook.harness.CommonOptions;
import workbook.harness.ForkOptions;
import workbook.harness.Forks;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Measurement;
import workbook.harness.Report;
import workbook.harness.Workload;

/*
 * Lab 04 threshold-sweep: time against threshold at one n, the U-shaped curve of docs/04-forkjoin.md.
 *
 * Thresholds 10^2, 10^3, ... below n, then n itself (a single task), one leaf per worker, and the
 * automatic threshold, each one lesson 04's strategy with that threshold. The direct loop on the
 * calling thread is the yardstick for the speedup column. Each row runs in a JVM of its own (a JVM
 * that had run threshold 100 first would compile and profile threshold 10,000 differently), and
 * the rows run side by side in interleaved rounds across those JVMs, so a machine whose speed
 * drifts slows them alike. The whole is repeated in --forks fresh sets of JVMs, 2 by default: the
 * rows are many and the left wall's are slow, so a third set would add half again to a lab that
 * already takes a while, and two are enough to show whether a row's JVMs agree (the "JVMs apart"
 * column; more than 10 % apart gets a note under the table).
 *
 * Below the table, the price of one split read off the left wall: the smallest threshold makes
 * the most splits (a fork, a join, two task objects); its extra time over the fastest threshold,
 * times the workers that were all paying it, divided by the extra splits, is the price of one.
 * From it follows how big a leaf must be before that price is lost in the adding (MIN_LEAF).
 */
@Command(
        name = "threshold-sweep",
        header = "time against the fork/join threshold at one n: the U between too many tasks and too few",
        description = "Lesson 04's fork/join at thresholds 100, 1000, ... up to --n, one leaf per worker and the"
                + " automatic one, against the direct loop, each in JVMs of its own: the two walls of the threshold"
                + " and the floor between.")
public final class ThresholdSweep implements Lab {

    @Mixin
    CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);

    @Mixin
    ForkOptions forks = new ForkOptions(2);

    /** The thresholds the sweep times for n numbers and this many workers, smallest first. */
    public static TreeSet<Long> thresholds(long n, int workers) {
        TreeSet<Long> thresholds = new TreeSet<>();
        for (long threshold = 100; threshold < n; threshold *= 10) {
            thresholds.add(threshold);
            if (threshold > n / 10) {
                break; // the next power of ten is n or more, and above 10^18 it would not fit in a long
            }
        }
        thresholds.add(Math.max(1, n));
        thresholds.add(Math.max(1, Math.ceilDiv(n, workers)));
        thresholds.add(automaticRow(n, workers));
        return thresholds;
    }

    /**
     * The automatic threshold's row: the threshold itself, or n when it is larger (a small n is one
     * leaf either way, summed on the caller, and a second row for the same leaf would say nothing).
     */
    static long automaticRow(long n, int workers) {
        return Math.min(Math.max(1, n), ForkJoinLesson.automaticThreshold(n, workers));
    }

    /** The direct loop, then lesson 04's strategy at each threshold, smallest first. */
    @Override
    public List<Row> rows() {
        int workers = options.workers();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("direct loop", 1, () -> Workload::sumAll));
        for (long threshold : thresholds(options.n(), workers)) {
            rows.add(new Row(
                    "threshold " + threshold, workers, () -> new ForkJoinSum(workers, OptionalLong.of(threshold))));
        }
        return rows;
    }

    @Override
    public void run(LabReport report) {
        Workload workload = options.validate();
        report.add(table(workload, options.workers(), report.time(workload, forks.plan(options))));
    }

    /** The table of {@code measured}, one result per row of {@link #rows()}, with its notes. */
    LabTable table(Workload workload, int workers, List<Forks.Result> measured) {
        long n = workload.n();
        List<Long> thresholds = List.copyOf(thresholds(n, workers));
        long automatic = automaticRow(n, workers);
        Forks.Result direct = measured.getFirst();
        LabTable table = LabTable.titled("Fork/join time against threshold")
                .workload(workload)
                .workers(workers)
                .measured(forks.plan(options).inWords("row"))
                .columns(
                        "threshold",
                        "leaves",
                        "median",
                        "JVMs apart",
                        "fastest",
                        "slowest",
                        "ns per number",
                        "speedup over the direct loop");
        List<String> labels = new ArrayList<>(List.of("direct loop, no pool"));
        table.row(
                labels.getFirst(),
                "-",
                Report.duration(direct.all().medianNanos()),
                direct.apart(),
                Report.duration(direct.all().minNanos()),
                Report.duration(direct.all().maxNanos()),
                String.format(Locale.ROOT, "%.2f", direct.all().nsPerNumber()),
                "1.00x");
        table.sum("direct loop", workload, direct.all().sum());
        for (int i = 0; i < thresholds.size(); i++) {
            long threshold = thresholds.get(i);
            Measurement forkJoin = measured.get(i + 1).all();
            String label = Report.grouped(threshold)
                    + (threshold == automatic ? " (automatic)" : "")
                    + (threshold >= n
                            ? " (n or more: one task)"
                            : threshold == Math.ceilDiv(n, workers) ? " (one leaf per worker)" : "");
            labels.add("threshold " + label);
            table.row(
                    label,
                    Report.grouped(ForkJoinLesson.leafCount(n, threshold)),
                    Report.duration(forkJoin.medianNanos()),
                    measured.get(i + 1).apart(),
                    Report.duration(forkJoin.minNanos()),
                    Report.duration(forkJoin.maxNanos()),
                    String.format(Locale.ROOT, "%.2f", forkJoin.nsPerNumber()),
                    String.format(Locale.ROOT, "%.2fx", forkJoin.speedupOver(direct.all())));
            table.sum("threshold " + threshold, workload, forkJoin.sum());
        }
        splitCost(
                n,
                workers,
                direct.all(),
                thresholds,
                measured.subList(1, measured.size()).stream()
                        .map(Forks.Result::all)
                        .toList(),
                table);
        table.disagreements(measured, labels);
        return table;
    }

    /* The note on the left wall: what one split costs, and what share of a MIN_LEAF leaf that is. */
    private static void splitCost(
            long n,
            int workers,
            Measurement direct,
            List<Long> thresholds,
            List<Measurement> forkJoin,
            LabTable table) {
        int fastest = 0;
        for (int i = 1; i < forkJoin.size(); i++) {
            if (forkJoin.get(i).medianNanos() < forkJoin.get(fastest).medianNanos()) {
                fastest = i;
            }
        }
        long extraSplits = ForkJoinLesson.leafCount(n, thresholds.getFirst())
                - ForkJoinLesson.leafCount(n, thresholds.get(fastest));
        if (extraSplits <= 0) {
            return;
        }
        double extraNanos =
                forkJoin.getFirst().medianNanos() - forkJoin.get(fastest).medianNanos();
        double nanosPerSplit = Math.max(0, extraNanos) * workers / extraSplits;
        double leafNanos = ForkJoinLesson.MIN_LEAF * direct.nsPerNumber();
        table.note(String.format(
                Locale.ROOT,
                "One split (fork, join, two tasks) costs about %.0f ns of a worker's time: threshold %s against the"
                        + " fastest, %s, whose median is %s. A leaf of MIN_LEAF = %s numbers takes about %s in the"
                        + " direct loop, so one split per leaf adds about %.1f%%.",
                nanosPerSplit,
                Report.grouped(thresholds.getFirst()),
                Report.grouped(thresholds.get(fastest)),
                Report.duration(forkJoin.get(fastest).medianNanos()),
                Report.grouped(ForkJoinLesson.MIN_LEAF),
                Report.duration(leafNanos),
                100 * nanosPerSplit / leafNanos));
    }
}
