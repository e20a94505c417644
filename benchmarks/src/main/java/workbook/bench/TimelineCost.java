package workbook.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import workbook.harness.Chunk;
import workbook.harness.CommonOptions;
import workbook.harness.LessonCli;
import workbook.harness.Machine;
import workbook.harness.Measurement;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Timeline;
import workbook.harness.Timer;
import workbook.harness.WholeNumber;
import workbook.harness.Workload;

/**
 * What {@code --timeline} costs: the same parallel sum timed with and without a recording, in
 * interleaved rounds, so that a machine whose speed drifts slows both alike.
 *
 * <p>The sum has lesson 02's shape (one platform thread per chunk, each chunk summed in slices of
 * 2^20 numbers through {@link Workload#sumRange}), written out here because the benchmarks do not
 * depend on any lesson. With a recording on, every slice adds one piece: two clock reads and one
 * small object per million numbers. The claim to check is "under 2 % at n = 1e9".
 */
@Command(
        name = "timeline-cost",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Times a parallel sum (a thread per chunk, slices of 2^20 numbers, as in",
            "lesson 02) with and without a timeline recording, in interleaved rounds,",
            "and prints the medians and their ratio as a Markdown table. About 15 s at",
            "the default n = 1e9 on 2 cores.",
            ""
        })
public final class TimelineCost implements Callable<Integer> {

    /** Lesson 02's slice: a worker looks up from its loop once per 2^20 numbers. */
    static final long SLICE_SIZE = 1 << 20;

    @Option(
            names = "--n",
            converter = WholeNumber.class,
            paramLabel = "N",
            description = "how many numbers to sum (default: 1e9)")
    long n = 1_000_000_000L;

    @Option(
            names = "--workers",
            converter = WholeNumber.Int.class,
            paramLabel = "N",
            description = "threads that share the work (default: the number of cores)")
    int workers = Machine.availableCores();

    @Option(
            names = "--repeat",
            converter = WholeNumber.Int.class,
            paramLabel = "ROUNDS",
            description = "measured rounds, each timing both once (default: ${DEFAULT-VALUE})")
    int repeat = 7;

    @Option(
            names = "--warmup",
            converter = WholeNumber.Int.class,
            paramLabel = "RUNS",
            description = "runs of each before measuring (default: ${DEFAULT-VALUE})")
    int warmup = 2;

    @Option(
            names = "--verify",
            description = "also check the sum against the oracle on one thread (as long again as a one-thread sum)")
    boolean verify;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(new TimelineCost()).execute(args));
    }

    static CommandLine commandLine(TimelineCost cost) {
        CommandLine commandLine = new CommandLine(cost);
        commandLine.setParameterExceptionHandler((ex, ignoredArgs) -> {
            ex.getCommandLine().getErr().println("timeline-cost: " + ex.getMessage() + " (see --help)");
            return LessonCli.BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("timeline-cost: failed: " + ex);
            return LessonCli.FAILED;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws InterruptedException {
        Workload workload;
        try {
            if (workers < 1) {
                throw new IllegalArgumentException("--workers must be at least 1, was " + workers);
            }
            if (repeat < 1) {
                throw new IllegalArgumentException("--repeat must be at least 1, was " + repeat);
            }
            if (warmup < 0) {
                throw new IllegalArgumentException("--warmup must not be negative, was " + warmup);
            }
            workload = new Workload(n, CommonOptions.DEFAULT_SEED, Workload.DEFAULT_LO, Workload.DEFAULT_HI);
        } catch (IllegalArgumentException badInput) {
            throw new CommandLine.ParameterException(spec.commandLine(), badInput.getMessage(), badInput);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Recorded recorded = new Recorded(workers);
        List<Timer.Contender> contenders = List.of(
                new Timer.Contender("timeline-cost", "without recording", w -> parallelSum(w, workers), workers),
                new Timer.Contender("timeline-cost", "with recording", recorded, workers));
        err.printf(
                Locale.ROOT,
                "timeline-cost: %s of each, then %s%n",
                count(warmup, "warm-up run"),
                count(repeat, "round"));
        err.flush();
        List<Measurement> measured = Timer.measureInterleaved(contenders, workload, warmup, repeat, round -> {
            err.printf(Locale.ROOT, "  round %d/%d%n", round, repeat);
            err.flush();
        });
        Measurement without = measured.get(0);
        Measurement with = measured.get(1);
        if (without.sum() != with.sum()) {
            err.println("timeline-cost: the sums differ: " + without.sum() + " without a recording, " + with.sum()
                    + " with one");
            return LessonCli.FAILED;
        }
        Long oracle = verify ? Oracle.sum(workload) : null;
        print(out, workload, without, with, recorded.pieces(), oracle);
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
            return LessonCli.FAILED;
        }
        return LessonCli.OK;
    }

    private void print(
            PrintWriter out, Workload workload, Measurement without, Measurement with, int pieces, Long oracle) {
        Machine machine = Machine.current();
        double ratio = with.medianNanos() / without.medianNanos();
        double[] withRuns = with.runNanos();
        double[] withoutRuns = without.runNanos();
        double[] paired = new double[withRuns.length];
        Arrays.setAll(paired, round -> withRuns[round] / withoutRuns[round]);
        double pairedRatio = new Median().evaluate(paired);
        out.println("| n | workers | cores | without recording | with recording | ratio of medians"
                + " | median of per-round ratios | pieces per call |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        out.printf(
                Locale.ROOT,
                "| %s | %d | %d | %s | %s | %.3f | %.3f | %s |%n",
                Report.grouped(workload.n()),
                workers,
                machine.cores(),
                Report.duration(without.medianNanos()),
                Report.duration(with.medianNanos()),
                ratio,
                pairedRatio,
                Report.grouped(pieces));
        out.println();
        out.printf(
                Locale.ROOT,
                "Medians of %s after %s of each; %s. The recording costs %+.1f %%"
                        + " (ratio of medians), %+.1f %% (median of the rounds' ratios). Sums: %s both ways%s.%n",
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
        private final int workers;
        private volatile Timeline last;

        Recorded(int workers) {
            this.workers = workers;
        }

        @Override
        public long sum(Workload workload) throws InterruptedException {
            Timeline timeline = Timeline.start();
            try {
                timeline.beginCall(0);
                long sum = parallelSum(workload, workers);
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

    /** One platform thread per chunk, each chunk summed in slices; the partial sums added at the end. */
    static long parallelSum(Workload workload, int workers) throws InterruptedException {
        List<Chunk> chunks = Chunk.split(workload.n(), workers);
        long[] partials = new long[chunks.size()];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>(chunks.size());
        for (Chunk chunk : chunks) {
            threads.add(Thread.ofPlatform().name("cost-worker-" + chunk.index()).start(() -> {
                try {
                    long total = 0;
                    for (long from = chunk.from(); from < chunk.to(); from += SLICE_SIZE) {
                        total += workload.sumRange(from, Math.min(from + SLICE_SIZE, chunk.to()));
                    }
                    partials[chunk.index()] = total;
                } catch (Throwable anything) {
                    failure.compareAndSet(null, anything);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a worker failed", failure.get());
        }
        long sum = 0;
        for (long partial : partials) {
            sum += partial;
        }
        return sum;
    }
}
