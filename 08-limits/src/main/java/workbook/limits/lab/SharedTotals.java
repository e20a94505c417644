package workbook.limits.lab;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbook.harness.CommonOptions;
import workbook.harness.ForkOptions;
import workbook.harness.Forks;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Measurement;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;
import workbook.limits.SharedTotal;
import workbook.limits.Total;
import workbook.limits.Total.Share;

/*
 * Lab 08 shared-total: lesson 08's five shares side by side, and a sixth that is wrong on purpose.
 *
 * The sixth row adds every number with `total = total + x` on one long that all workers share,
 * with no lock and no atomic instruction: each worker reads the total, adds, and writes it back.
 * When two workers read the same total before either writes, one of the two additions is lost.
 * jcstress, the JDK's tool for such races, shows them by running the racy code many times and
 * counting the outcomes; this row does the same for a whole sum: it runs --repeat times in each
 * of --forks JVMs and prints, for every run, how far its sum falls short of the oracle's (the
 * lost updates). The read and the write are a getAcquire and a setRelease, a plain load and store
 * on x86 that the JIT must make for every number; with a plain field it may keep the total in a
 * register for a whole loop and write it once, which hides the race almost always.
 *
 * Each row runs in JVMs of its own (--forks 2 by default), in interleaved rounds. The default n is
 * small, 2e7, because the lock and the atomic take tens of nanoseconds a number with 2 workers.
 */
@Command(
        name = "shared-total",
        header = "each worker its own sum against one shared total (adder, atomic, lock, slots), and the racy"
                + " total += x",
        description = "Times lesson 08's --share local, adder, atomic, lock and slots, and a racy `total += x` on"
                + " one shared long, each in JVMs of their own; prints the racy row's lost updates in every run.")
public final class SharedTotals implements Lab {
    static final String RACE = "racy total += x";

    @Mixin
    CommonOptions options = new CommonOptions(new CommonOptions.Defaults(20_000_000L, 5, 1));

    @Mixin
    ForkOptions forks = new ForkOptions(2);

    /*
     * The race: one long, read and written back with no atomic read-add-write. Nothing stops two
     * workers from reading the same value; the later write then wipes out the earlier one.
     */
    static final class Racy implements Total {
        private static final VarHandle TOTAL;

        static {
            try {
                TOTAL = MethodHandles.lookup().findVarHandle(Racy.class, "total", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @SuppressWarnings("unused") // read and written through TOTAL
        private long total;

        @Override
        public void add(int worker, long value) {
            TOTAL.setRelease(this, (long) TOTAL.getAcquire(this) + value);
        }

        @Override
        public long get() {
            return (long) TOTAL.getAcquire(this);
        }
    }

    @Override
    public List<Row> rows() {
        int workers = options.workers();
        List<Row> rows = new ArrayList<>();
        for (Share share : Share.values()) {
            rows.add(new Row(share.word(), workers, () -> new SharedTotal(workers, share)));
        }
        rows.add(new Row(RACE, workers, () -> new EveryNumberInto(workers, count -> new Racy()), true));
        return rows;
    }

    @Override
    public void run(LabReport report) {
        Workload workload = options.validate();
        List<Forks.Result> measured = report.time(workload, forks.plan(options));
        report.add(table(workload, measured));
        report.add(raceTable(workload, measured.getLast()));
    }

    /** The shares' table, one result per row of {@link #rows()} (the race's last). */
    LabTable table(Workload workload, List<Forks.Result> measured) {
        Measurement local = measured.getFirst().all();
        LabTable table = LabTable.titled("Each worker its own sum, or one total they share")
                .workload(workload)
                .workers(options.workers())
                .measured(forks.plan(options).inWords("row"))
                .columns("share", "median", "JVMs apart", "ns per number", "time against local's", "sum");
        List<Row> rows = rows();
        long oracle = Oracle.sum(workload);
        for (int row = 0; row < rows.size(); row++) {
            Forks.Result result = measured.get(row);
            Measurement m = result.all();
            boolean race = rows.get(row).sumVaries();
            long wrongRuns = result.sums().stream().filter(sum -> sum != oracle).count();
            table.row(
                    rows.get(row).name(),
                    Report.duration(m.medianNanos()),
                    result.apart(),
                    String.format(Locale.ROOT, "%.2f", m.nsPerNumber()),
                    String.format(Locale.ROOT, "%.1fx", m.medianNanos() / local.medianNanos()),
                    race ? "wrong in " + wrongRuns + " of " + result.sums().size() + " runs" : "exact");
            // The race's sums are wrong by design: the table below gives each run's, and how far off it is.
            if (!race) {
                table.sum(rows.get(row).name(), workload, m.sum());
            }
        }
        table.disagreements(measured, rows.stream().map(Row::name).toList());
        return table;
    }

    /** Every run of the race: its sum, and how many of the oracle's units it lost. */
    LabTable raceTable(Workload workload, Forks.Result race) {
        long oracle = Oracle.sum(workload);
        LabTable table = LabTable.titled("The racy total, run by run")
                .workload(workload)
                .workers(options.workers())
                .measured("every run of the row " + RACE + " in the table above")
                .columns("run", "sum", "lost (oracle minus race)", "share of the sum lost", "time");
        double[] nanos = race.all().runNanos();
        int wrong = 0;
        for (int run = 0; run < race.sums().size(); run++) {
            long sum = race.sums().get(run);
            wrong += sum != oracle ? 1 : 0;
            table.row(
                    run + 1,
                    Report.grouped(sum),
                    Report.grouped(oracle - sum),
                    String.format(Locale.ROOT, "%.3f %%", 100.0 * (oracle - sum) / oracle),
                    Report.duration(nanos[run]));
        }
        table.note("The oracle's sum is " + Report.grouped(oracle) + ". The racy total was wrong in " + wrong + " of "
                + race.sums().size() + " runs" + (options.workers() == 1 ? " (one worker has no one to race)." : "."));
        return table;
    }
}
