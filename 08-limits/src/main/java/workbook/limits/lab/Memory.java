package workbook.limits.lab;

import java.util.ArrayList;
import java.util.Arrays;
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

/*
 * Lab 08 memory: the same numbers, made where they are added (as in every lesson) or read from an
 * int[] that holds them (stored by the first call, a warm-up), summed by the plain loop and by
 * lesson 07's lanes, on one thread and on --workers threads. A made number costs arithmetic only
 * (a few multiplies and shifts, in registers); a stored one costs 4 bytes read from memory, and at
 * the lab's n the array is far larger than any cache, so every byte comes from the memory chips.
 *
 * Each row runs in a JVM of its own (--forks 2), in interleaved rounds, and each stored row's JVM
 * holds its own array: the lab refuses an n whose array does not fit this JVM's heap. After the
 * rows, this JVM measures the memory's speed itself: System.arraycopy between two arrays of up to
 * 256 MB each, on one thread and on --workers threads, each copy moving every byte twice (read
 * and written). A sum of stored numbers can go no faster than the memory delivers its bytes.
 */
@Command(
        name = "memory",
        header = "stored numbers against made ones: plain loop, lanes and all cores, in GB/s beside the memory's"
                + " copy speed",
        description = "Times the sum of numbers made from (seed, i) and of the same numbers read from an int[], with"
                + " the plain loop and the Vector API lanes, on 1 and --workers threads, each in JVMs of their own;"
                + " then measures System.arraycopy's bandwidth in this JVM.")
public final class Memory implements Lab {
    /* The copy's arrays: at most 2^26 ints (256 MB) each, at least 16 MB, far beyond any cache. */
    static final int COPY_MAX = 1 << 26;

    @Mixin
    CommonOptions options = new CommonOptions(new CommonOptions.Defaults(100_000_000L, 5, 2));

    @Mixin
    ForkOptions forks = new ForkOptions(2);

    /** One row: stored or made numbers, the lanes or not, how many threads. */
    record Shape(boolean stored, boolean lanes, int workers) {
        String name() {
            return (stored ? "stored" : "made") + ", " + (lanes ? "lanes" : "plain loop") + ", " + workers
                    + (workers == 1 ? " thread" : " threads");
        }
    }

    static List<Shape> shapes(int workers) {
        List<Shape> shapes = new ArrayList<>();
        for (int threads : workers > 1 ? new int[] {1, workers} : new int[] {1}) {
            for (boolean stored : new boolean[] {false, true}) {
                shapes.add(new Shape(stored, false, threads));
                shapes.add(new Shape(stored, true, threads));
            }
        }
        return shapes;
    }

    @Override
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Shape shape : shapes(options.workers())) {
            rows.add(new Row(
                    shape.name(),
                    shape.workers(),
                    () -> shape.stored()
                            ? new StoredNumbers(shape.workers(), shape.lanes())
                            : new MadeNumbers(shape.workers(), shape.lanes())));
        }
        return rows;
    }

    @Override
    public void run(LabReport report) {
        Workload workload = checked();
        List<Forks.Result> measured = report.time(workload, forks.plan(options));
        report.progress("copying arrays of " + Report.grouped(copyLength(workload.n())) + " ints, 1 and "
                + options.workers() + " threads");
        double oneThreadCopy = copyBytesPerSecond(copyLength(workload.n()), 1);
        double allThreadsCopy = copyBytesPerSecond(copyLength(workload.n()), options.workers());
        report.add(table(workload, measured, oneThreadCopy, allThreadsCopy));
    }

    /* The workload, once it is known to fit: an int[] of n in every stored row's JVM (which has this JVM's heap). */
    Workload checked() {
        Workload workload = options.validate();
        if (options.warmup() < 1) {
            throw new IllegalArgumentException("--warmup must be at least 1: the first call stores the numbers");
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        // A stored row's JVM holds the n numbers; this one, the copy's two arrays.
        long needed = Math.max(4 * workload.n(), 2L * 4 * copyLength(workload.n())) + (64L << 20);
        if (workload.n() > Integer.MAX_VALUE - 8 || needed > maxHeap) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "--n %s needs about %.1f GB of heap (4 bytes a number), this JVM has %.1f GB;" + " lower --n%s",
                    Report.grouped(workload.n()),
                    needed / 1e9,
                    maxHeap / 1e9,
                    workload.n() > Integer.MAX_VALUE - 8
                            ? " (an int[] holds at most " + Report.grouped(Integer.MAX_VALUE - 8) + ")"
                            : " or raise the heap (JDK_JAVA_OPTIONS=-Xmx...)"));
        }
        return workload;
    }

    static int copyLength(long n) {
        return (int) Math.max(1 << 22, Math.min(n, COPY_MAX));
    }

    /*
     * Bytes a second that System.arraycopy moves (each byte read once and written once), with
     * `threads` threads each copying an equal part: the median of 5 copies after one that warms up.
     */
    static double copyBytesPerSecond(int length, int threads) {
        int[] from = new int[length];
        Arrays.fill(from, 7);
        int[] to = new int[length];
        double[] nanos = new double[6];
        for (int copy = 0; copy < nanos.length; copy++) {
            long start = System.nanoTime();
            List<Thread> copiers = new ArrayList<>();
            for (int part = 0; part < threads; part++) {
                int begin = (int) ((long) length * part / threads);
                int end = (int) ((long) length * (part + 1) / threads);
                copiers.add(Thread.ofPlatform().start(() -> System.arraycopy(from, begin, to, begin, end - begin)));
            }
            for (Thread copier : copiers) {
                try {
                    copier.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while copying", e);
                }
            }
            nanos[copy] = System.nanoTime() - start;
        }
        double[] timed = Arrays.copyOfRange(nanos, 1, nanos.length);
        Arrays.sort(timed);
        return 2.0 * 4 * length / (timed[timed.length / 2] / 1e9);
    }

    /** The table of {@code measured}, one result per row of {@link #rows()}, and the copy speeds. */
    LabTable table(Workload workload, List<Forks.Result> measured, double oneThreadCopy, double allThreadsCopy) {
        List<Shape> shapes = shapes(options.workers());
        LabTable table = LabTable.titled("Made numbers against stored ones")
                .workload(workload)
                .measured(forks.plan(options).inWords("row"))
                .columns(
                        "numbers, loop, threads",
                        "median",
                        "JVMs apart",
                        "ns per number",
                        "GB/s (4 bytes a number)",
                        "gain from the lanes");
        for (int row = 0; row < shapes.size(); row++) {
            Shape shape = shapes.get(row);
            Measurement m = measured.get(row).all();
            String gain = "-";
            if (shape.lanes()) {
                gain = String.format(
                        Locale.ROOT,
                        "%.2fx",
                        m.speedupOver(measured.get(row - 1).all()));
            }
            table.row(
                    shape.name(),
                    Report.duration(m.medianNanos()),
                    measured.get(row).apart(),
                    String.format(Locale.ROOT, "%.3f", m.nsPerNumber()),
                    String.format(Locale.ROOT, "%.1f", 4 * workload.n() / (m.medianNanos() / 1e9) / 1e9),
                    gain);
            table.sum(shape.name(), workload, m.sum());
        }
        table.note(String.format(
                Locale.ROOT,
                "The memory's speed, measured in the same run: System.arraycopy moved %.1f GB/s on 1 thread and %.1f"
                        + " GB/s on %d (every byte read and written once; arrays of %s ints).",
                oneThreadCopy / 1e9,
                allThreadsCopy / 1e9,
                options.workers(),
                Report.grouped(copyLength(workload.n()))));
        table.disagreements(measured, shapes.stream().map(Shape::name).toList());
        return table;
    }
}
