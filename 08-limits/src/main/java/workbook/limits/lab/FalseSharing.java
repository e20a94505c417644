package workbook.limits.lab;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
import workbook.harness.Report;
import workbook.harness.Workload;
import workbook.limits.SharedTotal;
import workbook.limits.Total;
import workbook.limits.Total.Share;

/*
 * Lab 08 false-sharing: every worker writes only its own slot, for every number, and the only
 * thing that changes from row to row is how far apart the slots are in memory.
 *
 *   - side by side: lesson 08's --share slots, one long[] with slot k at index k; 8 bytes apart,
 *     so two workers' slots are in the same 64-byte cache line;
 *   - a cache line apart: the same long[], slot k at index (k + 1) * 8, 64 bytes apart (index 0 is
 *     left out: it shares a line with the array's length, which every bounds check reads);
 *   - padded fields: one small object per worker, its counter between 7 unused longs on each
 *     side (56 bytes), the way the JDK pads with @jdk.internal.vm.annotation.Contended. That
 *     annotation is not used here: it needs --add-exports java.base/jdk.internal.vm.annotation,
 *     which javac refuses together with --release. The padding is in two classes, one above the
 *     counter's and one below it, because a JVM lays out a class's own fields in an order of its
 *     choosing but always puts a superclass's fields first.
 * Beside them: side by side with one worker (no second core, nothing shared), and each worker its
 * own local sum (lesson 08's --share local), which never writes memory in the loop at all.
 *
 * Each row runs in JVMs of its own (--forks 2), in interleaved rounds.
 */
@Command(
        name = "false-sharing",
        header = "each worker writes only its own slot: side by side, a cache line apart, padded",
        description = "Times every-number writes into per-worker slots side by side, 64 bytes apart and in padded"
                + " objects, beside one worker and the local sum, each in JVMs of their own.")
public final class FalseSharing implements Lab {
    /* Longs per cache line: 64 bytes, the line of every x86 and most ARM cores. */
    static final int LINE = 8;

    @Mixin
    CommonOptions options = new CommonOptions(new CommonOptions.Defaults(100_000_000L, 5, 2));

    @Mixin
    ForkOptions forks = new ForkOptions(2);

    /** A row's layout and the bytes between two workers' counters ("-" where nothing is written). */
    record Layout(String name, String apart) {}

    static final List<Layout> LAYOUTS = List.of(
            new Layout("slots side by side (--share slots)", "8"),
            new Layout("slots side by side, 1 worker", "-"),
            new Layout("slots a cache line apart", "64"),
            new Layout("padded fields", "at least 112"),
            new Layout("own local sums (--share local)", "-"));

    /* The padding above the counter: 7 longs, laid out before any field of a subclass. */
    abstract static class PadBefore {
        long before1, before2, before3, before4, before5, before6, before7;
    }

    abstract static class Counter extends PadBefore {
        long value;
    }

    /* The padding below: 7 longs after the counter, so the next object's counter is a line away too. */
    static final class PaddedCounter extends Counter {
        long after1, after2, after3, after4, after5, after6, after7;
    }

    /** One padded counter per worker, each written with getAcquire and setRelease as the slots are. */
    static final class PaddedCounters implements Total {
        private static final VarHandle VALUE;

        static {
            try {
                VALUE = MethodHandles.lookup().findVarHandle(Counter.class, "value", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final PaddedCounter[] counters;

        PaddedCounters(int workers) {
            counters = new PaddedCounter[workers];
            for (int worker = 0; worker < workers; worker++) {
                counters[worker] = new PaddedCounter();
            }
        }

        @Override
        public void add(int worker, long value) {
            PaddedCounter counter = counters[worker];
            VALUE.setRelease(counter, (long) VALUE.getAcquire(counter) + value);
        }

        @Override
        public long get() {
            long total = 0;
            for (PaddedCounter counter : counters) {
                total += counter.value;
            }
            return total;
        }
    }

    @Override
    public List<Row> rows() {
        int workers = options.workers();
        return List.of(
                new Row(LAYOUTS.get(0).name(), workers, () -> new SharedTotal(workers, Share.SLOTS)),
                new Row(LAYOUTS.get(1).name(), 1, () -> new SharedTotal(1, Share.SLOTS)),
                new Row(
                        LAYOUTS.get(2).name(),
                        workers,
                        () -> new EveryNumberInto(workers, count -> new Total.Slots(count, LINE))),
                new Row(LAYOUTS.get(3).name(), workers, () -> new EveryNumberInto(workers, PaddedCounters::new)),
                new Row(LAYOUTS.get(4).name(), workers, () -> new SharedTotal(workers, Share.LOCAL)));
    }

    @Override
    public void run(LabReport report) {
        Workload workload = options.validate();
        report.add(table(workload, report.time(workload, forks.plan(options))));
    }

    /** The table of {@code measured}, one result per row of {@link #rows()}. */
    LabTable table(Workload workload, List<Forks.Result> measured) {
        Measurement sideBySide = measured.getFirst().all();
        LabTable table = LabTable.titled("Per-worker slots, near and far apart")
                .workload(workload)
                .workers(options.workers())
                .measured(forks.plan(options).inWords("row"))
                .columns(
                        "layout",
                        "workers",
                        "bytes between counters",
                        "median",
                        "JVMs apart",
                        "ns per number",
                        "speedup over side by side");
        List<Row> rows = rows();
        for (int row = 0; row < rows.size(); row++) {
            Measurement m = measured.get(row).all();
            table.row(
                    LAYOUTS.get(row).name(),
                    rows.get(row).workers(),
                    LAYOUTS.get(row).apart(),
                    Report.duration(m.medianNanos()),
                    measured.get(row).apart(),
                    String.format(Locale.ROOT, "%.2f", m.nsPerNumber()),
                    String.format(Locale.ROOT, "%.2fx", m.speedupOver(sideBySide)));
            table.sum(LAYOUTS.get(row).name(), workload, m.sum());
        }
        table.disagreements(measured, LAYOUTS.stream().map(Layout::name).toList());
        return table;
    }
}
