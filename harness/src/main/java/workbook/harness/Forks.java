package workbook.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Times strategies side by side, each in JVMs of its own ({@link Fork}), as JMH forks: no strategy's
 * compiled code or profile, and nothing the parent or another strategy ran first, shapes another's
 * figure.
 *
 * <p>The measurement is repeated in {@code forks} fresh sets of JVMs. In each, every strategy's JVM
 * warms up, and then the rounds are interleaved: every round runs each strategy once, one JVM at a
 * time (never two at once: they would share the cores), starting with a different one each round,
 * so that a machine whose speed drifts slows every strategy alike. A strategy's figure is the
 * median of all its runs in all its JVMs; the spread between its JVMs is reported beside it, and a
 * disagreement of more than {@link #DISAGREEMENT} between two of them is said in words, never
 * folded into one median unseen. Every run's sum must be the same in every JVM.
 */
public final class Forks {
    /** JVMs whose medians differ by more than this ratio disagree, and the output says so. */
    public static final double DISAGREEMENT = 1.10;

    private Forks() {}

    /** A strategy to time: how the tables name it, its workers, and how its JVM builds it. */
    public record Contender(String lesson, String name, int workers, Fork.Recipe recipe) {
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

    /** What was measured of one contender: all its runs, its runs per JVM, and what it says it used. */
    public record Result(
            Contender contender, Measurement all, List<Measurement> perFork, Map<String, Object> settings) {
        public Result {
            perFork = List.copyOf(perFork);
            settings = Map.copyOf(settings);
        }

        /** The slowest JVM's median over the fastest's: 1.0 when they agree exactly. */
        public double spread() {
            double slowest =
                    perFork.stream().mapToDouble(Measurement::medianNanos).max().orElseThrow();
            double fastest =
                    perFork.stream().mapToDouble(Measurement::medianNanos).min().orElseThrow();
            return slowest / fastest;
        }

        /** True when two of its JVMs disagree by more than {@link #DISAGREEMENT}. */
        public boolean forksDisagree() {
            return spread() > DISAGREEMENT;
        }

        /** "the medians of its 3 JVMs: 1.35 s, 1.91 s and 1.36 s, 41 % apart". */
        public String perForkText() {
            List<String> medians = perFork.stream()
                    .map(measurement -> Report.duration(measurement.medianNanos()))
                    .toList();
            String listed = medians.size() == 1
                    ? medians.getFirst()
                    : String.join(", ", medians.subList(0, medians.size() - 1)) + " and " + medians.getLast();
            return String.format(
                    Locale.ROOT,
                    "the medians of its %d JVMs: %s, %.0f %% apart",
                    perFork.size(),
                    listed,
                    (spread() - 1) * 100);
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
        List<List<Measurement>> perFork = new ArrayList<>();
        List<Map<String, Object>> settings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(new ArrayList<>());
            perFork.add(new ArrayList<>());
            settings.add(Map.of());
        }
        Long[] sums = new Long[count];
        for (int fork = 1; fork <= plan.forks(); fork++) {
            listener.forkStarted(fork, plan.forks());
            List<Fork> jvms = new ArrayList<>();
            try {
                for (Contender contender : contenders) {
                    jvms.add(Fork.start(contender.label(), contender.recipe(), plan.answerLimit()));
                }
                if (plan.warmup() > 0) {
                    for (int i = 0; i < count; i++) {
                        sums[i] = agreed(contenders.get(i), sums[i], jvms.get(i).run(workload, plan.warmup()));
                    }
                }
                long[][] rounds = new long[count][plan.repeat()];
                for (int round = 0; round < plan.repeat(); round++) {
                    for (int step = 0; step < count; step++) {
                        int i = (round + step) % count;
                        Fork.Runs one = jvms.get(i).run(workload, 1);
                        sums[i] = agreed(contenders.get(i), sums[i], one);
                        rounds[i][round] = one.nanos()[0];
                    }
                    listener.roundFinished(fork, round + 1, plan.repeat());
                }
                for (int i = 0; i < count; i++) {
                    settings.set(i, jvms.get(i).settings());
                    perFork.get(i).add(measurement(contenders.get(i), workload, sums[i], plan.warmup(), rounds[i]));
                    LongStream.of(rounds[i]).forEach(runs.get(i)::add);
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
                    settings.get(i)));
        }
        return results;
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
    private static long agreed(Contender contender, Long agreed, Fork.Runs runs) {
        if (agreed != null && agreed != runs.sum()) {
            throw new IllegalStateException(contender.label() + " returned " + runs.sum() + " in one JVM and " + agreed
                    + " in another for the same workload: the strategy is not deterministic");
        }
        return runs.sum();
    }
}
