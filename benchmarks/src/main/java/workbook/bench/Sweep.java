package workbook.bench;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.LongStream;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import workbook.harness.Commands;
import workbook.harness.Fork;
import workbook.harness.Forks;
import workbook.harness.Lesson;
import workbook.harness.Machine;
import workbook.harness.Measurement;
import workbook.harness.Oracle;
import workbook.harness.Timer;
import workbook.harness.Workload;

/**
 * Measures every strategy of the given lessons at every size, each size of each strategy in JVMs
 * of its own ({@link Fork}): no compiled code or profile that a smaller n, another strategy or the
 * parent left behind shapes a figure, so the sweep's n = 1e9 row is what the lesson run alone at
 * that n gives (docs/decisions.md, "A JVM per strategy and size").
 *
 * <p>The sizes go smallest first; at each, every strategy's JVM is started, runs one cold call
 * (thrown away: the JIT compiles the loop, pools start their threads) and further warm-up calls
 * until a time budget is spent. Then the timed calls run in interleaved rounds across the
 * strategies, as {@code ./workbook run} times them, so that a slow stretch of the host slows them
 * all alike: as many calls as fit in a second budget, never fewer than five in all. The budget is
 * shared by the {@code forks} sets of JVMs of a size, whose medians are reported beside the median
 * of all their runs. Small n thus gets hundreds of runs (its times are tiny and noisy) and n = 1e9
 * gets the minimum (one run takes more than a second).
 *
 * <p>Every sum is checked against {@link Oracle#sum}, computed once per size.
 */
public final class Sweep {

    /** How much time each (strategy, n) step may spend on warm-up and on measured runs. */
    public record Budget(double warmupSeconds, double measureSeconds, int minRuns, int maxRuns, int maxWarmupRuns) {
        /** The default run: about a second per step below n = 1e8, six runs at 1e9. */
        public static final Budget FULL = new Budget(0.3, 0.7, 5, 1_000, 100_000);

        /** The smoke run: enough for every code path, worthless as a measurement. */
        public static final Budget QUICK = new Budget(0.02, 0.03, 5, 200, 10_000);

        /** Extra warm-up runs after the first (cold) one, for runs that take {@code runNanos} each. */
        int warmupRuns(double runNanos) {
            long wanted = (long) Math.ceil(warmupSeconds * 1e9 / Math.max(runNanos, 1)) - 1;
            return (int) Math.clamp(wanted, 0, maxWarmupRuns);
        }

        int measuredRuns(double runNanos) {
            long wanted = (long) (measureSeconds * 1e9 / Math.max(runNanos, 1));
            return (int) Math.clamp(wanted, minRuns, maxRuns);
        }

        /** What a step is expected to cost, for the progress bar's time left. */
        double plannedNanos(double runNanos) {
            return runNanos * (1 + warmupRuns(runNanos) + measuredRuns(runNanos));
        }
    }

    public record Settings(
            List<Long> sizes, List<Integer> workerCounts, long seed, Budget budget, boolean withTightLoop, int forks) {
        public Settings {
            sizes = List.copyOf(sizes);
            workerCounts = List.copyOf(new LinkedHashSet<>(workerCounts));
            if (sizes.isEmpty() || workerCounts.isEmpty()) {
                throw new IllegalArgumentException("a sweep needs at least one size and one worker count");
            }
            if (forks < 1) {
                throw new IllegalArgumentException("--forks must be at least 1, was " + forks);
            }
        }

        /** The worker count the pictures show: the first one asked for (by default, the core count). */
        public int primaryWorkers() {
            return workerCounts.getFirst();
        }
    }

    /** What a series is compared as. */
    public enum Role {
        /** Lesson 01: every speedup is measured against it. */
        BASELINE,
        /** Any other lesson's strategy. */
        PARALLEL,
        /** The harness's own loop, {@code Workload.sumRange}: the cheapest a number can be summed here. */
        TIGHT_LOOP
    }

    /** One strategy at one worker count: one line in the pictures, one column in the tables. */
    public record Config(
            String lessonId,
            String module,
            String strategy,
            boolean usesWorkers,
            int workers,
            Role role,
            Fork.Recipe recipe,
            List<Lesson.Target> targets) {

        public Config {
            targets = List.copyOf(targets);
        }

        /** "02 threads-queue, 2 workers", "01 sequential". */
        public String label() {
            String name = role == Role.TIGHT_LOOP ? "harness " + strategy : lessonId + " " + strategy;
            return usesWorkers ? name + ", " + workers + (workers == 1 ? " worker" : " workers") : name;
        }

        /** Anchor-friendly key for tables and tests: "02/threads-queue/2". */
        public String key() {
            return lessonId + "/" + strategy + "/" + workers;
        }
    }

    /**
     * The measured runs of one config at one n (in all its JVMs), the oracle's sum for that n, and
     * the median of each JVM's runs.
     */
    public record Point(long n, Measurement measurement, long oracleSum, List<Double> forkMedians)
            implements Forks.Spread {
        public Point {
            forkMedians = List.copyOf(forkMedians);
        }

        public Point(long n, Measurement measurement, long oracleSum) {
            this(n, measurement, oracleSum, List.of(measurement.medianNanos()));
        }

        public boolean agrees() {
            return measurement.sum() == oracleSum;
        }

        public double medianNanos() {
            return measurement.medianNanos();
        }
    }

    /**
     * One config at every size; {@code failure} says why it stopped early, if it did. {@code settings} is what the strategy said it used in its last call
     * (at the largest n: the vector lanes, the threshold, the members), for the results page.
     */
    public record Series(Config config, List<Point> points, Optional<String> failure, Map<String, Object> settings) {
        public Series(Config config, List<Point> points, Optional<String> failure) {
            this(config, points, failure, Map.of());
        }

        public Series {
            points = List.copyOf(points);
        }

        public Optional<Point> at(long n) {
            return points.stream().filter(point -> point.n() == n).findFirst();
        }

        public OptionalDouble medianAt(long n) {
            return at(n).map(point -> OptionalDouble.of(point.medianNanos())).orElse(OptionalDouble.empty());
        }

        public boolean allAgree() {
            return points.stream().allMatch(Point::agrees);
        }
    }

    public record Result(Machine machine, ZonedDateTime date, Settings settings, List<Series> series) {
        public Result {
            series = List.copyOf(series);
        }

        public Series baseline() {
            return series.stream()
                    .filter(s -> s.config().role() == Role.BASELINE)
                    .findFirst()
                    .orElseThrow();
        }

        public List<Series> parallel() {
            return series.stream()
                    .filter(s -> s.config().role() == Role.PARALLEL)
                    .toList();
        }

        public Optional<Series> tightLoop() {
            return series.stream()
                    .filter(s -> s.config().role() == Role.TIGHT_LOOP)
                    .findFirst();
        }

        /** True when every config measured every size and every sum matched the oracle. */
        public boolean complete() {
            return series.stream()
                    .allMatch(s -> s.failure().isEmpty()
                            && s.allAgree()
                            && s.points().size() == settings.sizes().size());
        }

        public long largestN() {
            return settings.sizes().getLast();
        }
    }

    /** Told what the sweep is doing, for the progress bar. */
    public interface Listener {
        /** Called once before the first step, with every config the sweep will measure. */
        default void planned(List<Config> configs, Settings settings) {}

        /** Before the JVMs of one size start, with the configs measured at it. */
        default void sizeStarted(long n, List<Config> configs) {}

        /** After each call of {@code sum}, warm-up ones included. */
        default void runFinished(Config config, long n, long nanos) {}

        /** A config stopped: nothing more is measured of it, at this size or a larger one. */
        default void failed(Config config, long n, String why) {}

        /** After every config's JVMs at {@code n} are done, with what each measured. */
        default void sizeFinished(long n, Map<Config, Point> points) {}

        Listener NONE = new Listener() {};
    }

    /** Interleaved rounds per set of JVMs, at most: enough to spread every config over the step's time. */
    static final int MAX_ROUNDS = 10;

    private final Settings settings;
    private final Listener listener;

    public Sweep(Settings settings, Listener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * The configs measured for these lessons: lesson 01 first (the baseline), then the tight
     * loop if asked for, then every other strategy at every worker count. A strategy that ignores
     * workers is measured once.
     */
    public List<Config> plan(List<Lesson> lessons) {
        Lesson baseline = Lesson.baseline(lessons)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no baseline lesson (the one every speedup is measured against) on the class path; found "
                                + lessons.stream().map(Lesson::id).toList()));
        List<Config> configs = new ArrayList<>();
        Lesson.Strategy yardstick = baseline.strategies().getFirst();
        configs.add(new Config(
                baseline.id(),
                baseline.module(),
                yardstick.name(),
                false,
                1,
                Role.BASELINE,
                Fork.Recipe.strategy(baseline, yardstick, 1),
                baseline.targets()));
        if (settings.withTightLoop()) {
            configs.add(new Config(
                    "harness",
                    "harness",
                    "Workload.sumRange",
                    false,
                    1,
                    Role.TIGHT_LOOP,
                    Fork.Recipe.harnessLoop(),
                    List.of()));
        }
        for (Lesson lesson : lessons) {
            for (Lesson.Strategy strategy : lesson.strategies()) {
                if (lesson == baseline && strategy.name().equals(yardstick.name())) {
                    continue;
                }
                List<Integer> workerCounts = strategy.usesWorkers() ? settings.workerCounts() : List.of(1);
                for (int workers : workerCounts) {
                    configs.add(new Config(
                            lesson.id(),
                            lesson.module(),
                            strategy.name(),
                            strategy.usesWorkers(),
                            workers,
                            Role.PARALLEL,
                            Fork.Recipe.strategy(lesson, strategy, workers),
                            lesson.targets()));
                }
            }
        }
        return configs;
    }

    public Result run(List<Lesson> lessons) {
        List<Config> configs = plan(lessons);
        listener.planned(configs, settings);
        Map<Config, Tally> tallies = new LinkedHashMap<>();
        configs.forEach(config -> tallies.put(config, new Tally()));
        for (long n : settings.sizes()) {
            List<Config> going = configs.stream()
                    .filter(config -> tallies.get(config).failure == null)
                    .toList();
            if (going.isEmpty()) {
                break;
            }
            listener.sizeStarted(n, going);
            Map<Config, Point> points = new LinkedHashMap<>();
            for (Step step : measureSize(going, Workload.of(n, settings.seed()))) {
                Tally tally = tallies.get(step.config);
                if (step.failure != null) {
                    tally.failure = "at n = " + Sizes.label(n) + ": " + step.failure;
                } else {
                    Point point = step.point();
                    points.put(step.config, point);
                    tally.points.add(point);
                    tally.settings = step.used;
                }
            }
            listener.sizeFinished(n, points);
        }
        List<Series> measured = new ArrayList<>();
        tallies.forEach((config, tally) ->
                measured.add(new Series(config, tally.points, Optional.ofNullable(tally.failure), tally.settings)));
        return new Result(Machine.current(), ZonedDateTime.now(ZoneOffset.UTC), settings, measured);
    }

    /* What one config has measured so far, over the sizes, and why it stopped if it did. */
    private static final class Tally {
        final List<Point> points = new ArrayList<>();
        Map<String, Object> settings = Map.of();
        String failure;
    }

    /**
     * Every config at one n, as {@code run} times its strategies: in each of {@code settings.forks()}
     * sets of fresh JVMs, one per config, each JVM runs its cold call and its warm-up in turn, and
     * then the timed calls go in interleaved rounds, every config once a round (never two at once:
     * they would share the cores; the others wait paused, {@link Fork#pause}), starting with another
     * config each round. A stretch in which the
     * host runs slow then slows every strategy alike instead of whichever happened to be measured
     * in it, so a speedup, a ratio taken at one n, keeps clear of it. A failure (an exception, a JVM
     * that died or hung, calls that disagree) stops its own config only.
     */
    private List<Step> measureSize(List<Config> configs, Workload workload) {
        List<Step> steps =
                configs.stream().map(config -> new Step(config, workload)).toList();
        for (int fork = 0; fork < settings.forks(); fork++) {
            try {
                steps.forEach(step -> step.attempt(step::warmUp));
                List<Step> timed =
                        steps.stream().filter(step -> step.jvm != null).toList();
                int rounds =
                        timed.stream().mapToInt(step -> step.wantedRuns).min().orElse(1);
                rounds = Math.clamp(rounds, 1, MAX_ROUNDS);
                for (int round = 0; round < rounds; round++) {
                    for (int turn = 0; turn < timed.size(); turn++) {
                        Step step = timed.get((round + turn) % timed.size());
                        int calls = Math.ceilDiv(step.wantedRuns, rounds);
                        step.attempt(() -> step.timeRound(calls));
                    }
                }
                steps.forEach(step -> step.attempt(step::endFork));
            } finally {
                steps.forEach(Step::closeJvm);
            }
        }
        return steps;
    }

    /* One config at one n: its JVM of the moment, and what all its JVMs measured. */
    private final class Step {
        final Config config;
        final Workload workload;
        final List<Double> runs = new ArrayList<>();
        final List<Double> forkMedians = new ArrayList<>();
        final List<Long> forkRuns = new ArrayList<>();
        Fork jvm;
        Long sum;
        int warmupRuns;
        int wantedRuns;
        Map<String, Object> used = Map.of();
        String failure;

        Step(Config config, Workload workload) {
            this.config = config;
            this.workload = workload;
        }

        /* Runs the action unless the config already failed; a failure is kept and its JVM stopped. */
        void attempt(Runnable action) {
            if (failure != null) {
                return;
            }
            try {
                action.run();
            } catch (RuntimeException broken) {
                failure = Commands.describe(broken);
                closeJvm();
                listener.failed(config, workload.n(), failure);
            }
        }

        /* A fresh JVM: one cold call thrown away, then its share of the warm-up budget. */
        void warmUp() {
            Budget budget = settings.budget();
            int forks = settings.forks();
            jvm = Fork.start(config.label(), config.recipe(), Forks.Plan.PATIENT);
            Fork.Runs cold = jvm.run(workload, 1);
            listener.runFinished(config, workload.n(), cold.nanos()[0]);
            sum = agreed(cold);
            double runNanos = cold.nanos()[0];
            int warmups = Math.ceilDiv(budget.warmupRuns(runNanos), forks);
            if (warmups > 0) {
                Fork.Runs warm = jvm.run(workload, warmups);
                agreed(warm);
                LongStream.of(warm.nanos()).forEach(nanos -> listener.runFinished(config, workload.n(), nanos));
                runNanos = median(warm.nanos());
            }
            warmupRuns = 1 + warmups;
            wantedRuns = Math.ceilDiv(budget.measuredRuns(runNanos), forks);
            // It waits for its rounds paused: nothing it runs meanwhile takes from another's call.
            jvm.pause();
        }

        void timeRound(int calls) {
            Fork.Runs timed = jvm.run(workload, calls);
            jvm.pause();
            agreed(timed);
            LongStream.of(timed.nanos()).forEach(nanos -> {
                forkRuns.add(nanos);
                listener.runFinished(config, workload.n(), nanos);
            });
        }

        void endFork() {
            forkMedians.add(median(forkRuns.stream().mapToLong(Long::longValue).toArray()));
            forkRuns.forEach(nanos -> runs.add((double) nanos));
            forkRuns.clear();
            used = jvm.settings();
            closeJvm();
        }

        void closeJvm() {
            if (jvm != null) {
                jvm.close();
                jvm = null;
            }
        }

        /* Every call, in every JVM of this config, must return the same sum. */
        private long agreed(Fork.Runs calls) {
            sum = Timer.sameSum(config.label() + " (in its JVMs)", sum, calls.sum(), workload);
            return sum;
        }

        Point point() {
            Measurement kept = new Measurement(
                    config.module(),
                    config.strategy(),
                    workload,
                    config.workers(),
                    sum,
                    warmupRuns,
                    runs.stream().mapToDouble(Double::doubleValue).toArray());
            return new Point(workload.n(), kept, Oracle.sumOnce(workload), forkMedians);
        }
    }

    private static double median(long[] nanos) {
        return new DescriptiveStatistics(LongStream.of(nanos).asDoubleStream().toArray()).getPercentile(50);
    }
}
