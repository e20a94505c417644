package workbook.limits.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import workbook.harness.Chunk;
import workbook.harness.CommonOptions;
import workbook.harness.ForkOptions;
import workbook.harness.Forks;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Machine;
import workbook.harness.Measurement;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/*
 * Lab 08 serial-part: a share s of the numbers that only one thread may sum (the calling thread,
 * before the others start), and the rest in equal chunks on p threads (lesson 02's shape).
 *
 * Amdahl's law: with the work fixed, the serial share takes s of the one-thread time T1 whatever p
 * is, and the rest takes (1 - s) T1 / p at best, so the speedup is at most 1 / (s + (1 - s) / p),
 * which can never pass 1 / s. Gustafson's law: grow the work with p instead, keeping the serial
 * part as it is and giving each of the p threads as much parallel work as one thread had; then the
 * time stays T1 and the work done in it is s + p (1 - s) times as much (the scaled speedup). Both
 * are measured here beside their formulas, and so is the case neither law covers: more threads
 * than cores, where the extra threads only take turns on the cores there are.
 *
 * The serial share is summed in slices of Chunk.SLICE_SIZE, not in one call: a single long call
 * is compiled by on-stack replacement while it runs, and that code was slower than the one the
 * parallel chunks get, which made the serial part look bigger than its share.
 *
 * Each row runs in JVMs of its own (--forks 2), in interleaved rounds. The Gustafson rows sum a
 * larger workload of their own (n grown as above, the same seed and range), and each of their sums
 * is checked against that workload's oracle.
 */
@Command(
        name = "serial-part",
        header = "a serial share s of the work: Amdahl's and Gustafson's laws against measured speedups, and more"
                + " threads than cores",
        description = "Times a serial share s of the numbers on one thread followed by the rest on p threads, for"
                + " every --serial share, with n fixed (Amdahl) and with n grown with p (Gustafson), each row in JVMs"
                + " of its own.")
public final class SerialPart implements Lab {
    static final String ONE = "1 worker";

    @Mixin
    CommonOptions options = new CommonOptions(new CommonOptions.Defaults(200_000_000L, 5, 2));

    @Mixin
    ForkOptions forks = new ForkOptions(2);

    @Option(
            names = "--serial",
            paramLabel = "S",
            split = ",",
            description = "the serial shares to measure, from 0 to 1 (default: ${DEFAULT-VALUE})")
    List<Double> serial = new ArrayList<>(List.of(0.0, 0.1, 0.25, 0.5));

    /** One row: the serial share, the workers, and whether n grows with them (Gustafson). */
    record Shape(double serial, int workers, boolean grown) {
        String name() {
            return (grown ? "Gustafson" : "Amdahl")
                    + String.format(Locale.ROOT, ", s = %.2f, ", serial)
                    + workers
                    + (workers == 1 ? " worker" : " workers");
        }
    }

    /* The rows: one worker; each s on --workers; 0 and the first s > 0 on twice the cores; each s > 0 grown. */
    List<Shape> shapes() {
        int workers = options.workers();
        int more = 2 * Machine.availableCores();
        List<Shape> shapes = new ArrayList<>(List.of(new Shape(0, 1, false)));
        serial.forEach(s -> shapes.add(new Shape(s, workers, false)));
        serial.stream()
                .filter(s -> s == 0
                        || s.equals(
                                serial.stream().filter(t -> t > 0).findFirst().orElse(-1.0)))
                .forEach(s -> shapes.add(new Shape(s, more, false)));
        serial.stream().filter(s -> s > 0).forEach(s -> shapes.add(new Shape(s, workers, true)));
        return shapes;
    }

    /** The numbers the serial share is: the first round(s n). */
    static long serialCount(double serial, long n) {
        return Math.round(serial * n);
    }

    /** Gustafson's workload: the serial part as it was, and p times the parallel part. */
    static Workload grown(Workload workload, double serial, int workers) {
        long serialCount = serialCount(serial, workload.n());
        long grownN = serialCount + workers * (workload.n() - serialCount);
        return new Workload(grownN, workload.seed(), workload.lo(), workload.hi());
    }

    /** The serial share on the calling thread, in slices; then the rest in equal chunks on {@code workers} threads. */
    record SerialThenParallel(double serial, int workers, boolean grown) implements SumStrategy {
        @Override
        public long sum(Workload asked) throws InterruptedException {
            Workload workload = grown ? SerialPart.grown(asked, serial, workers) : asked;
            long serialEnd = serialCount(serial, asked.n());
            long sum = 0;
            for (long from = 0; from < serialEnd; from += Chunk.SLICE_SIZE) {
                sum += workload.sumRange(from, Math.min(from + Chunk.SLICE_SIZE, serialEnd), MadeNumbers::plain);
            }
            return sum + Shapes.equalChunks(workload, serialEnd, workload.n(), workers, MadeNumbers::plain);
        }
    }

    @Override
    public List<Row> rows() {
        return shapes().stream()
                .map(shape -> new Row(
                        shape.name(),
                        shape.workers(),
                        () -> new SerialThenParallel(shape.serial(), shape.workers(), shape.grown())))
                .toList();
    }

    @Override
    public void run(LabReport report) {
        Workload workload = options.validate();
        for (double s : serial) {
            if (!(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException("--serial shares must be from 0 to 1, was " + s);
            }
        }
        long largest = grown(
                        workload,
                        serial.stream()
                                .filter(s -> s > 0)
                                .mapToDouble(s -> s)
                                .min()
                                .orElse(1),
                        options.workers())
                .n();
        report.progress("n = " + Report.grouped(workload.n()) + "; the Gustafson rows sum up to "
                + Report.grouped(largest) + " numbers");
        List<Forks.Result> measured = report.time(workload, forks.plan(options));
        report.add(amdahl(workload, measured));
        report.add(gustafson(workload, measured));
    }

    static double amdahl(double s, double p) {
        return 1 / (s + (1 - s) / p);
    }

    static double gustafson(double s, double p) {
        return s + p * (1 - s);
    }

    /** Amdahl's table: the rows with n fixed. */
    LabTable amdahl(Workload workload, List<Forks.Result> measured) {
        List<Shape> shapes = shapes();
        Measurement one = measured.getFirst().all();
        int cores = Machine.availableCores();
        LabTable table = LabTable.titled("Amdahl's law: a serial share s, n fixed")
                .workload(workload)
                .measured(forks.plan(options).inWords("row"))
                .columns(
                        "serial share s",
                        "workers p",
                        "median",
                        "JVMs apart",
                        "speedup over 1 worker",
                        "Amdahl 1/(s+(1-s)/p)",
                        "measured against predicted",
                        "p the run got",
                        "Amdahl with that p",
                        "measured against it");
        for (int row = 0; row < shapes.size(); row++) {
            Shape shape = shapes.get(row);
            if (shape.grown()) {
                continue;
            }
            Measurement m = measured.get(row).all();
            double predicted = amdahl(shape.serial(), shape.workers());
            String prediction = String.format(Locale.ROOT, "%.2f", predicted);
            double comparedTo = predicted;
            if (shape.workers() > cores) {
                comparedTo = amdahl(shape.serial(), cores);
                prediction += String.format(Locale.ROOT, " (%.2f with p = %d cores)", comparedTo, cores);
            }
            table.row(
                    String.format(Locale.ROOT, "%.2f", shape.serial()),
                    shape.workers(),
                    Report.duration(m.medianNanos()),
                    measured.get(row).apart(),
                    String.format(Locale.ROOT, "%.2fx", m.speedupOver(one)),
                    prediction,
                    String.format(Locale.ROOT, "%.0f %%", 100 * m.speedupOver(one) / comparedTo),
                    gotText(got(shapes, measured, shape.workers())),
                    gotText(amdahl(shape.serial(), got(shapes, measured, shape.workers()))),
                    percent(m.speedupOver(one) / amdahl(shape.serial(), got(shapes, measured, shape.workers()))));
            table.sum(shape.name(), workload, m.sum());
        }
        table.note("\"p the run got\": the speedup of the s = 0 row with as many workers, the cores' worth of time the"
                + " workers really had; the last two columns put it in place of p. Beyond the " + cores + " cores,"
                + " \"measured against predicted\" uses p = " + cores + ".");
        notes(table, measured, shapes, false);
        return table;
    }

    /** Gustafson's table: the rows with n grown with p. */
    LabTable gustafson(Workload workload, List<Forks.Result> measured) {
        List<Shape> shapes = shapes();
        Measurement one = measured.getFirst().all();
        LabTable table = LabTable.titled("Gustafson's law: a serial share s, n grown with p")
                .workloads("n grown from " + Report.grouped(workload.n()) + " to s·n + p·(1-s)·n numbers in ["
                        + workload.lo() + ", " + workload.hi() + "], seed " + workload.seed())
                .measured(forks.plan(options).inWords("row") + "; the yardstick: 1 worker at n = "
                        + Report.grouped(workload.n()) + ", " + Report.duration(one.medianNanos()))
                .columns(
                        "serial share s",
                        "workers p",
                        "n",
                        "median",
                        "JVMs apart",
                        "scaled speedup",
                        "Gustafson s+p(1-s)",
                        "measured against predicted",
                        "p the run got",
                        "Gustafson with that p",
                        "measured against it");
        for (int row = 0; row < shapes.size(); row++) {
            Shape shape = shapes.get(row);
            if (!shape.grown()) {
                continue;
            }
            Workload grown = grown(workload, shape.serial(), shape.workers());
            Measurement m = measured.get(row).all();
            // Numbers a second here against numbers a second of one worker on the original n.
            double scaled = (grown.n() / m.medianNanos()) / (workload.n() / one.medianNanos());
            double predicted = gustafson(shape.serial(), shape.workers());
            table.row(
                    String.format(Locale.ROOT, "%.2f", shape.serial()),
                    shape.workers(),
                    Report.grouped(grown.n()),
                    Report.duration(m.medianNanos()),
                    measured.get(row).apart(),
                    String.format(Locale.ROOT, "%.2fx", scaled),
                    String.format(Locale.ROOT, "%.2f", predicted),
                    String.format(Locale.ROOT, "%.0f %%", 100 * scaled / predicted),
                    gotText(got(shapes, measured, shape.workers())),
                    gotText(gustafson(shape.serial(), got(shapes, measured, shape.workers()))),
                    percent(scaled / gustafson(shape.serial(), got(shapes, measured, shape.workers()))));
            table.sum(shape.name(), grown, m.sum());
        }
        notes(table, measured, shapes, true);
        return table;
    }

    /*
     * The p this run got with `workers` workers: the speedup of the row with s = 0 and that many
     * workers over the one-worker row (NaN when --serial has no 0).
     */
    static double got(List<Shape> shapes, List<Forks.Result> measured, int workers) {
        for (int row = 0; row < shapes.size(); row++) {
            Shape shape = shapes.get(row);
            if (shape.serial() == 0 && shape.workers() == workers && !shape.grown() && row > 0) {
                return measured.get(row).all().speedupOver(measured.getFirst().all());
            }
        }
        return workers == 1 ? 1 : Double.NaN;
    }

    private static String gotText(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.0f %%", 100 * ratio);
    }

    /* One note under the table for its rows (grown or not) whose JVMs disagree. */
    private static void notes(LabTable table, List<Forks.Result> measured, List<Shape> shapes, boolean grown) {
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < shapes.size(); row++) {
            if (shapes.get(row).grown() == grown) {
                rows.add(row);
            }
        }
        table.disagreements(
                rows.stream().map(measured::get).toList(),
                rows.stream().map(row -> shapes.get(row).name()).toList());
    }
}
