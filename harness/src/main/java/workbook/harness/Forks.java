package workbook.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

/**
 * Times strategies side by side, each in JVMs of its own ({@link Fork}), as JMH forks: no strategy's
 * compiled code or profile, and nothing the parent or another strategy ran first, shapes another's
 * figure.
 *
 * <p>The measurement is repeated in {@code forks} fresh sets of JVMs. In each, the JVMs start
 * together (nothing is timed until all are ready), every strategy's JVM warms up, and then the
 * rounds are interleaved: every round runs each strategy once, one JVM at a
 * time (never two at once: they would share the cores; the others wait paused, {@link Fork#pause}),
 * starting with a different one each round,
 * so that a machine whose speed drifts slows every strategy alike. A strategy's figure is the
 * median of all its runs in all its JVMs; the spread between its JVMs is reported beside it, and a
 * disagreement of more than {@link #DISAGREEMENT} between two of them is said in words, never
 * folded into one median unseen. Every run's sum must be the same in every JVM (but for a
 * contender whose sum varies by design, whose every sum is kept instead).
 */
public final class Forks {
    /** JVMs whose medians differ by more than this ratio disagree, and the output says so. */
    public static final double DISAGREEMENT = 1.10;

    private Forks() {}

    /**
     * A strategy to time: how the tables name it, its workers, and how its JVM builds it. A
     * contender whose {@code sumVaries} may return another sum from call to call by design (a race
     * a lab shows): its every run's own sum is kept ({@link Result#sums}), and none is refused.
     */
    public record Contender(String lesson, String name, int workers, Fork.Recipe recipe, boolean sumVaries) {
        /** A contender whose every call must return the same sum. */
        public Contender(String lesson, String name, int workers, Fork.Recipe recipe) {
            this(lesson, name, workers, recipe, false);
        }

        public String label() {
            return lesson + "/" + name;
        }
    }

    /**
     * How to measure: in {@code forks} sets of JVMs, {@code warmup} runs each before {@code repeat}
     * interleaved rounds; a JVM that does not answer within {@code answerLimit} counts as hung.
     */
    public record Plan(int forks, int warmup, int repeat, Duration answerLimit) {
        public Plan {
            if (forks < 1) {
                throw new IllegalArgumentException("--forks must be at least 1, was " + forks);
            }
            if (warmup < 0) {
                throw new IllegalArgumentException("--warmup must not be negative, was " + warmup);
            }
            if (repeat < 1) {
                throw new IllegalArgumentException("--repeat must be at least 1, was " + repeat);
            }
        }

        /** An answer limit that no honest run reaches: ten minutes. */
        public static final Duration PATIENT = Duration.ofMinutes(10);

        /**
         * How it measures, for a caption, naming what has a JVM of its own ("row", "strategy"):
         * "each row in a JVM of its own, 2 warm-up then the median of 5 interleaved rounds, in 3
         * sets of JVMs".
         */
        public String inWords(String each) {
            return "each " + each + " in a JVM of its own, " + warmup + " warm-up then the median of " + repeat
                    + " interleaved " + (repeat == 1 ? "round" : "rounds") + ", in " + forks + " "
                    + (forks == 1 ? "set" : "sets") + " of JVMs";
        }
    }

    /** Told when a JVM starts and when a round ends, so a long measurement is never silent. */
    public interface Listener {
        void forkStarted(int fork, int forks);

        void roundFinished(int fork, int round, int rounds);

        Listener NONE = new Listener() {
            @Override
            public void forkStarted(int fork, int forks) {}

            @Override
            public void roundFinished(int fork, int round, int rounds) {}
        };
    }

    /**
     * The medians of one contender's JVMs and what they say about each other: how far apart they
     * are, and, past {@link #DISAGREEMENT}, the sentence that says so.
     */
    public interface Spread {
        /** Each JVM's median, in nanoseconds, in the order its set of JVMs ran. */
        List<Double> forkMedians();

        /** How {@link #perForkText} writes a median; by default {@link Report#duration}. */
        default String shown(double nanos) {
            return Report.duration(nanos);
        }

        /** The slowest JVM's median over the fastest's: 1.0 when they agree exactly. */
        default double spread() {
            double slowest = forkMedians().stream()
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElseThrow();
            double fastest = forkMedians().stream()
                    .mapToDouble(Double::doubleValue)
                    .min()
                    .orElseThrow();
            return slowest / fastest;
        }

        /** True when two of its JVMs disagree by more than {@link #DISAGREEMENT}. */
        default boolean forksDisagree() {
            return spread() > DISAGREEMENT;
        }

        /** "the medians of its 3 JVMs: 1.35 s, 1.91 s and 1.36 s, 41 % apart". */
        default String perForkText() {
            return "the medians of its " + forkMedians().size() + " JVMs: " + mediansText() + ", " + percentApart()
                    + " apart";
        }

        /** Each JVM's median, as a list in words: "1.35 s, 1.91 s and 1.36 s". */
        default String mediansText() {
            List<String> medians = forkMedians().stream().map(this::shown).toList();
            return medians.size() == 1
                    ? medians.getFirst()
                    : String.join(", ", medians.subList(0, medians.size() - 1)) + " and " + medians.getLast();
        }

        /** A table's "JVMs apart" cell: "4 %", or "-" for a single JVM, which has none to be apart from. */
        default String apart() {
            return forkMedians().size() == 1 ? "-" : percentApart();
        }

        /* "41 %"; a disagreement that would round to "10 %" keeps a decimal, so it reads as more than 10 %. */
        default String percentApart() {
            double percent = (spread() - 1) * 100;
            boolean roundsDown = forksDisagree() && Math.round(percent) <= (DISAGREEMENT - 1) * 100 + 1e-9;
            return String.format(Locale.ROOT, roundsDown ? "%.1f %%" : "%.0f %%", percent);
        }
    }

    /**
     * The one note under a table for its rows whose JVMs disagree ({@link Spread#forksDisagree}),
     * each named as the table names it ({@code rows}, in the order of {@code spreads}), with its
     * JVMs' medians: "Note: JVMs that disagree by more than 10 %, each row's median folding them
     * together: threshold 100, 1.35 s and 1.91 s (41 % apart); threshold 1,000, ...". Empty when
     * every row's JVMs agree. One line for the table, however many rows, so that a page quoting
     * a noisy run does not fill up with notes.
     */
    public static Optional<String> disagreements(List<? extends Spread> spreads, List<String> rows) {
        if (spreads.size() != rows.size()) {
            throw new IllegalArgumentException(spreads.size() + " results for " + rows.size() + " rows");
        }
        List<String> disagreeing = new ArrayList<>();
        for (int row = 0; row < spreads.size(); row++) {
            Spread spread = spreads.get(row);
            if (spread.forksDisagree()) {
                disagreeing.add(rows.get(row) + ", " + spread.mediansText() + " (" + spread.percentApart() + " apart)");
            }
        }
        return disagreeing.isEmpty()
                ? Optional.empty()
                : Optional.of("Note: JVMs that disagree by more than 10 %, each row's median folding them together: "
                        + String.join("; ", disagreeing) + ".");
    }

    /**
     * What was measured of one contender: all its runs, its runs per JVM, what it says it used, and
     * every run's sum in the order of {@code all}'s runs (all the same but for a contender whose
     * sum varies by design; {@code all}'s sum is then its first run's).
     */
    public record Result(
            Contender contender,
            Measurement all,
            List<Measurement> perFork,
            Map<String, Object> settings,
            List<Long> sums)
            implements Spread {
        public Result {
            perFork = List.copyOf(perFork);
            settings = Map.copyOf(settings);
            sums = List.copyOf(sums);
        }

        /** A contender whose every run returned {@code all}'s sum. */
        public Result(Contender contender, Measurement all, List<Measurement> perFork, Map<String, Object> settings) {
            this(contender, all, perFork, settings, java.util.Collections.nCopies(all.runs(), all.sum()));
        }

        @Override
        public List<Double> forkMedians() {
            return perFork.stream().map(Measurement::medianNanos).toList();
        }
    }

    /**
     * Measures {@code contenders} on {@code workload} as {@code plan} says. A JVM that fails, dies
     * or hangs ends the measurement with a {@link Fork.ForkFailed} naming it; every JVM started is
     * stopped before this returns or throws.
     */
    public static List<Result> measure(List<Contender> contenders, Workload workload, Plan plan, Listener listener) {
        int count = contenders.size();
        List<List<Long>> runs = new ArrayList<>();
        List<List<Long>> sumsOfRuns = new ArrayList<>();
        List<List<Measurement>> perFork = new ArrayList<>();
        List<Map<String, Object>> settings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(new ArrayList<>());
            sumsOfRuns.add(new ArrayList<>());
            perFork.add(new ArrayList<>());
            settings.add(Map.of());
        }
        Long[] sums = new Long[count];
        for (int fork = 1; fork <= plan.forks(); fork++) {
            listener.forkStarted(fork, plan.forks());
            List<Fork> jvms = startAll(contenders, plan.answerLimit());
            try {
                // A JVM waits its turn paused: nothing it runs while it waits takes from another's call.
                jvms.forEach(Fork::pause);
                if (plan.warmup() > 0) {
                    for (int i = 0; i < count; i++) {
                        if (contenders.get(i).sumVaries()) {
                            jvms.get(i).runEach(workload, plan.warmup());
                        } else {
                            sums[i] = agreed(
                                    contenders.get(i), sums[i], jvms.get(i).run(workload, plan.warmup()), workload);
                        }
                        jvms.get(i).pause();
                    }
                }
                long[][] rounds = new long[count][plan.repeat()];
                long[][] roundSums = new long[count][plan.repeat()];
                for (int round = 0; round < plan.repeat(); round++) {
                    for (int step = 0; step < count; step++) {
                        int i = (round + step) % count;
                        Fork.Runs one = contenders.get(i).sumVaries()
                                ? single(jvms.get(i).runEach(workload, 1))
                                : jvms.get(i).run(workload, 1);
                        if (!contenders.get(i).sumVaries()) {
                            sums[i] = agreed(contenders.get(i), sums[i], one, workload);
                        } else if (sums[i] == null) {
                            sums[i] = one.sum();
                        }
                        jvms.get(i).pause();
                        rounds[i][round] = one.nanos()[0];
                        roundSums[i][round] = one.sum();
                    }
                    listener.roundFinished(fork, round + 1, plan.repeat());
                }
                for (int i = 0; i < count; i++) {
                    settings.set(i, jvms.get(i).settings());
                    perFork.get(i).add(measurement(contenders.get(i), workload, sums[i], plan.warmup(), rounds[i]));
                    LongStream.of(rounds[i]).forEach(runs.get(i)::add);
                    LongStream.of(roundSums[i]).forEach(sumsOfRuns.get(i)::add);
                }
            } finally {
                jvms.forEach(Fork::close);
            }
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long[] all = runs.get(i).stream().mapToLong(Long::longValue).toArray();
            results.add(new Result(
                    contenders.get(i),
                    measurement(contenders.get(i), workload, sums[i], plan.warmup(), all),
                    perFork.get(i),
                    settings.get(i),
                    sumsOfRuns.get(i)));
        }
        return results;
    }

    private static Fork.Runs single(Fork.Calls call) {
        return new Fork.Runs(call.sums()[0], call.nanos());
    }

    /**
     * Starts one JVM per contender, all at once (each waits for its own JVM to say it is ready;
     * nothing is timed while they start), and returns them in the order of {@code contenders}. If
     * one cannot start, every other is stopped and that failure is thrown.
     */
    static List<Fork> startAll(List<Contender> contenders, Duration answerLimit) {
        List<Future<Fork>> starting = new ArrayList<>();
        try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Contender contender : contenders) {
                starting.add(starters.submit(() -> Fork.start(contender.label(), contender.recipe(), answerLimit)));
            }
        }
        List<Fork> started = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<Fork> jvm : starting) {
            if (jvm.state() == Future.State.SUCCESS) {
                started.add(jvm.resultNow());
            } else if (failure == null) {
                Throwable why = jvm.state() == Future.State.FAILED ? jvm.exceptionNow() : null;
                failure = why instanceof RuntimeException runtime
                        ? runtime
                        : new IllegalStateException("a JVM could not be started", why);
            }
        }
        if (failure != null) {
            started.forEach(Fork::close);
            throw failure;
        }
        return started;
    }

    private static Measurement measurement(Contender contender, Workload workload, long sum, int warmup, long[] nanos) {
        return new Measurement(
                contender.lesson(),
                contender.name(),
                workload,
                contender.workers(),
                sum,
                warmup,
                LongStream.of(nanos).asDoubleStream().toArray());
    }

    /* Every run of a contender, in every one of its JVMs, must return the same sum. */
    private static long agreed(Contender contender, Long agreed, Fork.Runs runs, Workload workload) {
        return Timer.sameSum(contender.label() + " (in its JVMs)", agreed, runs.sum(), workload);
    }
}
