package workbook.limits.lab;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
import workbook.harness.Timeline;
import workbook.harness.TimelineWriter;
import workbook.harness.Timer;
import workbook.harness.WholeNumber;
import workbook.harness.Workload;

/*
 * Lab 08 uneven-work: numbers whose cost depends on where they are. The numbers in the first
 * --costly share of the range (a quarter by default) are put through --rounds extra rounds of
 * SplitMix64's mixer and its exact inverse before they are scaled: each round scrambles the 64 bits
 * and unscrambles them again, so the number that comes out is the workload's own, the oracle still
 * checks every sum, and only the time is different. The rest cost what they always cost.
 *
 * The same uneven work is summed in three shapes, the labs' copies of lessons 02 to 04 (Shapes):
 * equal chunks, one per thread (the costly quarter is all in the first chunk, so one thread works
 * while the other waits for it); many tasks on a pool (a thread that is done takes the next task);
 * and fork/join halves down to leaves (idle threads steal halves). Beside them, one thread alone,
 * the yardstick for each shape's speedup and efficiency (speedup per thread). --timeline draws one
 * call of each shape, so the waiting thread can be seen.
 *
 * Each row runs in JVMs of its own (--forks 2), in interleaved rounds.
 */
@Command(
        name = "uneven-work",
        header = "costly numbers in part of the range: equal chunks, many tasks, fork/join halves (and a timeline)",
        description = "Times one thread, equal chunks (lesson 02's shape), many tasks on a pool (lesson 03's) and"
                + " fork/join halves (lesson 04's) on numbers that cost more in the first --costly share of the"
                + " range, each in JVMs of their own; --timeline FILE draws one call of each parallel shape.")
public final class UnevenWork implements Lab {
    static final String ONE_THREAD = "one thread";
    static final String EQUAL_CHUNKS = "equal chunks (lesson 02)";
    static final String MANY_TASKS = "many tasks on a pool (lesson 03)";
    static final String FORK_JOIN = "fork/join halves (lesson 04)";

    @Mixin
    CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);

    @Mixin
    ForkOptions forks = new ForkOptions(2);

    @Option(
            names = "--costly",
            paramLabel = "SHARE",
            description = "the share of the range, from its start, whose numbers cost more (default: ${DEFAULT-VALUE})")
    double costly = 0.25;

    @Option(
            names = "--rounds",
            paramLabel = "R",
            converter = WholeNumber.Int.class,
            description =
                    "extra rounds of the mixer and its inverse for each costly number (default: ${DEFAULT-VALUE})")
    int rounds = 4;

    @Option(
            names = "--tasks",
            paramLabel = "T",
            converter = WholeNumber.Int.class,
            description = "chunks handed to the pool (default: ${DEFAULT-VALUE})")
    int tasks = 64;

    @Option(
            names = "--leaf",
            paramLabel = "L",
            converter = WholeNumber.class,
            description = "fork/join: a range of at most L numbers is summed, not split (default: ${DEFAULT-VALUE})")
    long leaf = 1 << 20;

    @Option(
            names = "--timeline",
            paramLabel = "FILE",
            description = "draw one call of each parallel shape: FILE.svg or FILE.jsonl (the shape's name is added"
                    + " before the extension), or - (text charts)")
    String timeline;

    /* The inverse of Workload.mix64: each step of the mixer undone, last step first. */
    static long unmix64(long z) {
        z = z ^ (z >>> 31) ^ (z >>> 62);
        z *= 0x319642B2D24D8EC3L; // the inverse of 0x94D049BB133111EB modulo 2^64
        z = z ^ (z >>> 27) ^ (z >>> 54);
        z *= 0x96DE1B173F119089L; // the inverse of 0xBF58476D1CE4E5B9 modulo 2^64
        return z ^ (z >>> 30) ^ (z >>> 60);
    }

    /** The uneven loop: the costly numbers of [from, to), then the cheap ones. */
    static Workload.RangeKernel kernel(long costlyEnd, int rounds) {
        return (workload, from, to) -> {
            long split = Math.clamp(costlyEnd, from, to);
            return costlySum(workload, from, split, rounds) + cheapSum(workload, split, to);
        };
    }

    /*
     * The costly numbers, in a method of their own: inlined into one loop with the cheap ones, C2
     * compiles the pair into code whose speed depends on which part it met first.
     */
    static long costlySum(Workload workload, long from, long to, int rounds) {
        long sum = 0;
        for (long index = from; index < to; index++) {
            long raw = workload.rawAt(index);
            for (int round = 0; round < rounds; round++) {
                raw = unmix64(Workload.mix64(raw));
            }
            sum += workload.scale(raw);
        }
        return sum;
    }

    static long cheapSum(Workload workload, long from, long to) {
        long sum = 0;
        for (long index = from; index < to; index++) {
            sum += workload.valueAt(index);
        }
        return sum;
    }

    long costlyEnd(long n) {
        return (long) Math.floor(n * costly);
    }

    /** A shape's strategy on this lab's uneven numbers. */
    SumStrategy shape(String name, int workers) {
        return switch (name) {
            case ONE_THREAD -> workload -> Shapes.equalChunks(workload, 0, workload.n(), 1, of(workload));
            case EQUAL_CHUNKS -> workload -> Shapes.equalChunks(workload, 0, workload.n(), workers, of(workload));
            case MANY_TASKS -> workload -> Shapes.manyTasks(workload, workers, tasks, of(workload));
            case FORK_JOIN -> workload -> Shapes.forkJoin(workload, workers, leaf, of(workload));
            default -> throw new IllegalArgumentException("no shape " + name);
        };
    }

    private Workload.RangeKernel of(Workload workload) {
        return kernel(costlyEnd(workload.n()), rounds);
    }

    @Override
    public List<Row> rows() {
        int workers = options.workers();
        return List.of(
                new Row(ONE_THREAD, 1, () -> shape(ONE_THREAD, 1)),
                new Row(EQUAL_CHUNKS, workers, () -> shape(EQUAL_CHUNKS, workers)),
                new Row(MANY_TASKS, workers, () -> shape(MANY_TASKS, workers)),
                new Row(FORK_JOIN, workers, () -> shape(FORK_JOIN, workers)));
    }

    Workload checked() {
        Workload workload = options.validate();
        if (!(costly >= 0 && costly <= 1)) {
            throw new IllegalArgumentException("--costly must be from 0 to 1, was " + costly);
        }
        if (rounds < 0) {
            throw new IllegalArgumentException("--rounds must not be negative, was " + rounds);
        }
        if (tasks < 1) {
            throw new IllegalArgumentException("--tasks must be at least 1, was " + tasks);
        }
        if (leaf < 1) {
            throw new IllegalArgumentException("--leaf must be at least 1, was " + leaf);
        }
        if (timeline != null) {
            TimelineWriter.checkTarget(timeline);
        }
        return workload;
    }

    @Override
    public void run(LabReport report) throws InterruptedException {
        Workload workload = checked();
        report.add(table(workload, report.time(workload, forks.plan(options))));
        if (timeline != null) {
            for (String shape : List.of(EQUAL_CHUNKS, MANY_TASKS, FORK_JOIN)) {
                draw(report, workload, shape);
            }
        }
    }

    /** The table of {@code measured}, one result per row of {@link #rows()}. */
    LabTable table(Workload workload, List<Forks.Result> measured) {
        Measurement one = measured.getFirst().all();
        double best = measured.stream()
                .skip(1)
                .mapToDouble(result -> result.all().medianNanos())
                .min()
                .orElse(one.medianNanos());
        LabTable table = LabTable.titled("Uneven work in three shapes")
                .workload(workload)
                .measured(forks.plan(options).inWords("row")
                        + String.format(
                                Locale.ROOT,
                                "; the first %s numbers cost %d extra rounds of mixing each; %d tasks; leaves of at most %s",
                                Report.grouped(costlyEnd(workload.n())),
                                rounds,
                                tasks,
                                Report.grouped(leaf)))
                .columns(
                        "shape",
                        "workers",
                        "median",
                        "JVMs apart",
                        "speedup over one thread",
                        "efficiency",
                        "time against the best");
        List<Row> rows = rows();
        for (int row = 0; row < rows.size(); row++) {
            Measurement m = measured.get(row).all();
            int workers = rows.get(row).workers();
            table.row(
                    rows.get(row).name(),
                    workers,
                    Report.duration(m.medianNanos()),
                    measured.get(row).apart(),
                    String.format(Locale.ROOT, "%.2fx", m.speedupOver(one)),
                    String.format(Locale.ROOT, "%.0f %%", 100 * m.efficiencyOver(one, workers)),
                    row == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", m.medianNanos() / best));
            table.sum(rows.get(row).name(), workload, m.sum());
        }
        table.disagreements(measured, rows.stream().map(Row::name).toList());
        return table;
    }

    /* One warm-up call and one recorded call of `shape` in this JVM, drawn to the shape's own file. */
    private void draw(LabReport report, Workload workload, String shape) throws InterruptedException {
        int workers = options.workers();
        Timeline recording = Timeline.start();
        try {
            Timer.measure("08", shape, shape(shape, workers), workload, workers, 1, 1, Timer.Progress.NONE, recording);
        } finally {
            recording.stop();
        }
        StringWriter said = new StringWriter();
        try (PrintWriter terminal = new PrintWriter(said)) {
            TimelineWriter.write(
                    recording,
                    target(shape),
                    new TimelineWriter.Title("08-limits", shape, workload.n(), workers, Machine.availableCores()),
                    terminal);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the timeline to " + target(shape), e);
        }
        said.toString().lines().forEach(report::progress);
    }

    /* FILE.svg becomes FILE-equal-chunks.svg; "-" stays "-". */
    String target(String shape) {
        if (timeline.equals("-")) {
            return timeline;
        }
        String word = shape.substring(0, shape.indexOf(" (")).replace("/", "-").replace(' ', '-');
        int dot = timeline.lastIndexOf('.');
        return timeline.substring(0, dot) + "-" + word + timeline.substring(dot);
    }
}
