package workbook.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import workbook.harness.Chunk;
import workbook.harness.Commands;
import workbook.harness.CommonOptions;
import workbook.harness.ExitCode;
import workbook.harness.Lesson;
import workbook.harness.Machine;
import workbook.harness.Measurement;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Table;
import workbook.harness.Timeline;
import workbook.harness.Timer;
import workbook.harness.Workload;

/**
 * What {@code --timeline} costs: a lesson's strategy timed with and without a recording, in
 * interleaved rounds, so that a machine whose speed drifts slows both alike. With a recording on,
 * every piece a strategy sums through {@link Workload#sumRange} adds two clock reads and one small
 * object; lesson 02's worker sums its chunk in slices of {@link Chunk#SLICE_SIZE}, so one piece per
 * million numbers. The claim to check is "under 2 % at n = 1e9".
 */
@Command(
        name = "timeline-cost",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "what recording a --timeline costs: a sum with and without it, interleaved",
        description = {
            "Times a lesson's strategy (by default the first lesson after the baseline) with and without a",
            "timeline recording, in interleaved rounds, and prints the medians and their ratio as a Markdown",
            "table. About 15 s at the default n = 1e9 on 2 cores.",
            ""
        })
public final class TimelineCost implements Callable<Integer> {

    /* A sum long enough that the recording's cost is a share of it, not of the clock's noise. */
    static final CommonOptions.Defaults DEFAULTS = new CommonOptions.Defaults(1_000_000_000L, 7, 2);

    @Mixin
    CommonOptions options = new CommonOptions(DEFAULTS);

    @Option(
            names = "--lesson",
            paramLabel = "NN",
            description = "whose first strategy to time (default: the first lesson after the baseline)")
    String lessonName;

    @Option(
            names = "--verify",
            description = "also check the sum against the oracle on one thread (as long again as a one-thread sum)")
    boolean verify;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where lessons come from; the tests hand in their own list. */
    private final Supplier<List<Lesson>> lessons;

    public TimelineCost() {
        this(Lesson::discover);
    }

    TimelineCost(Supplier<List<Lesson>> lessons) {
        this.lessons = lessons;
    }

    @Override
    public Integer call() throws InterruptedException {
        Workload workload = Commands.input(spec, options::validate);
        Lesson lesson = Commands.input(spec, this::lesson);
        Lesson.Strategy strategy = lesson.strategies().getFirst();
        int workers = strategy.usesWorkers() ? options.workers() : 1;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Recorded recorded = new Recorded(strategy.withWorkers().apply(workers));
        List<Timer.Contender> contenders = List.of(
                new Timer.Contender(
                        lesson.module(),
                        "without recording",
                        strategy.withWorkers().apply(workers),
                        workers),
                new Timer.Contender(lesson.module(), "with recording", recorded, workers));
        err.printf(
                Locale.ROOT,
                "timeline-cost: %s, %s of each, then %s%n",
                lesson.module() + " " + strategy.name(),
                count(options.warmup(), "warm-up run"),
                count(options.repeat(), "round"));
        err.flush();
        List<Measurement> measured;
        try {
            measured = Timer.measureInterleaved(contenders, workload, options.warmup(), options.repeat(), round -> {
                err.printf(Locale.ROOT, "  round %d/%d%n", round, options.repeat());
                err.flush();
            });
        } finally {
            contenders.forEach(contender -> contender.strategy().close());
        }
        Measurement without = measured.get(0);
        Measurement with = measured.get(1);
        if (without.sum() != with.sum()) {
            err.println("timeline-cost: the sums differ: " + without.sum() + " without a recording, " + with.sum()
                    + " with one");
            return ExitCode.FAILED;
        }
        Long oracle = verify ? Oracle.sum(workload) : null;
        print(out, lesson.module() + " " + strategy.name(), workload, without, with, recorded.pieces(), oracle);
        double perPiece = nanosPerPiece(workload);
        out.printf(
                Locale.ROOT,
                "Recording one piece costs about %.0f ns (the median of %d rounds of %s empty pieces with and"
                        + " without a recording); %s pieces per call make %s, %.3f %% of the median call.%n",
                perPiece,
                PIECE_ROUNDS,
                Report.grouped(EMPTY_PIECES),
                Report.grouped(recorded.pieces()),
                Report.duration(perPiece * recorded.pieces()),
                perPiece * recorded.pieces() / without.medianNanos() * 100);
        out.flush();
        if (oracle != null && oracle != with.sum()) {
            err.println("timeline-cost: the sum " + with.sum() + " differs from the oracle's " + oracle);
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }

    /* The lesson asked for, or the first one after the baseline: the first whose workers can be timed. */
    private Lesson lesson() {
        List<Lesson> all = lessons.get();
        if (lessonName != null) {
            return Lesson.find(all, lessonName);
        }
        return all.stream()
                .filter(lesson -> !lesson.baseline())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no lesson to time besides the baseline"));
    }

    private static void print(
            PrintWriter out,
            String timed,
            Workload workload,
            Measurement without,
            Measurement with,
            int pieces,
            Long oracle) {
        Machine machine = Machine.current();
        double ratio = with.medianNanos() / without.medianNanos();
        double[] withRuns = with.runNanos();
        double[] withoutRuns = without.runNanos();
        double[] paired = new double[withRuns.length];
        Arrays.setAll(paired, round -> withRuns[round] / withoutRuns[round]);
        double pairedRatio = new Median().evaluate(paired);
        out.print(Table.of(
                        "n",
                        "workers",
                        "cores",
                        "without recording",
                        "with recording",
                        "ratio of medians",
                        "median of per-round ratios",
                        "pieces per call")
                .align(0, Table.Align.RIGHT)
                .row(
                        Report.grouped(workload.n()),
                        with.workers(),
                        machine.cores(),
                        Report.duration(without.medianNanos()),
                        Report.duration(with.medianNanos()),
                        String.format(Locale.ROOT, "%.3f", ratio),
                        String.format(Locale.ROOT, "%.3f", pairedRatio),
                        Report.grouped(pieces))
                .markdown());
        out.println();
        out.printf(
                Locale.ROOT,
                "%s; medians of %s after %s of each; %s. The recording costs %+.1f %%"
                        + " (ratio of medians), %+.1f %% (median of the rounds' ratios). Sums: %s both ways%s.%n",
                timed,
                count(with.runs(), "interleaved round"),
                count(with.warmup(), "warm-up run"),
                machine.summary(),
                (ratio - 1) * 100,
                (pairedRatio - 1) * 100,
                Report.grouped(with.sum()),
                oracle == null ? "" : oracle == with.sum() ? ", the oracle's" : ", NOT the oracle's " + oracle);
        out.flush();
    }

    static final int EMPTY_PIECES = 100_000;
    static final int PIECE_ROUNDS = 7;

    /*
     * The ratio of whole sums is a difference of two noisy times: on a busy machine it swings by
     * more than the cost it looks for. A second estimate that noise hardly touches: the cost of
     * recording one piece, timed on empty ranges (nothing to sum, only the bookkeeping: two clock
     * reads, one Piece, one queue insert), multiplied by the pieces of one call.
     */
    static double nanosPerPiece(Workload workload) {
        double[] differences = new double[PIECE_ROUNDS];
        for (int round = 0; round < PIECE_ROUNDS; round++) {
            long bare = emptyPieces(workload);
            Timeline timeline = Timeline.start();
            long recorded;
            try {
                timeline.beginCall(0);
                recorded = emptyPieces(workload);
                timeline.endCall(0);
            } finally {
                timeline.stop();
            }
            differences[round] = (double) (recorded - bare) / EMPTY_PIECES;
        }
        return new Median().evaluate(differences);
    }

    private static long emptyPieces(Workload workload) {
        long start = System.nanoTime();
        long sum = 0;
        for (int piece = 0; piece < EMPTY_PIECES; piece++) {
            sum += workload.sumRange(0, 0);
        }
        long elapsed = System.nanoTime() - start;
        if (sum != 0) {
            throw new IllegalStateException("an empty range summed to " + sum);
        }
        return elapsed;
    }

    private static String count(int count, String thing) {
        return count + " " + thing + (count == 1 ? "" : "s");
    }

    /*
     * Each call is one whole recording: start, one timed call, stop. Starting and stopping are
     * inside the timed run on purpose, so the "with" side pays everything a lesson's run pays;
     * the pieces are counted afterwards, outside the timing.
     */
    static final class Recorded implements SumStrategy {
        private final SumStrategy strategy;
        private volatile Timeline last;

        Recorded(SumStrategy strategy) {
            this.strategy = strategy;
        }

        @Override
        public void close() {
            strategy.close();
        }

        @Override
        public long sum(Workload workload) throws InterruptedException {
            Timeline timeline = Timeline.start();
            try {
                timeline.beginCall(0);
                long sum = strategy.sum(workload);
                timeline.endCall(workload.n());
                return sum;
            } finally {
                timeline.stop();
                last = timeline;
            }
        }

        int pieces() {
            return last == null ? 0 : last.pieces().size();
        }
    }
}
