package workbook.bench;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
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
 * <p>In each JVM the first call is timed apart and thrown away (the JIT compiles the loop, pools
 * start their threads), further warm-up calls follow until a time budget is spent, and then the
 * measured calls: as many as fit in a second budget, never fewer than five in all. The budget is
 * shared by the {@code forks} JVMs of a step, whose medians are reported beside the median of all
 * their runs. Small n thus gets hundreds of runs (its times are tiny and noisy) and n = 1e9 gets
 * the minimum (one run takes more than a second).
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
    public record Point(long n, Measurement measurement, long oracleSum, List<Double> forkMedians) {
        public Point {
            forkMedians = List.copyOf(forkMedians);
        }

        public Point(long n, Measurement measurement, long oracleSum) {
            this(n, measurement, oracleSum, List.of(measurement.medianNanos()));
        }

        public boolean agrees() {
            return measurement.sum() == oracleSum;
        }

        /** The slowest JVM's median over the fastest's. */
        public double spread() {
            return forkMedians.stream().mapToDouble(Double::doubleValue).max().orElse(1)
                    / forkMedians.stream()
                            .mapToDouble(Double::doubleValue)
                            .min()
                            .orElse(1);
        }

        public double medianNanos() {
            return measurement.medianNanos();
        }
    }

    /** Everything measured for one config; {@code failure} says why it stopped early, if it did. */
    /**
     * One config at every size. {@code settings} is what the strategy said it used in its last call
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
        default void planned(List<Config> configs, List<Long> sizes, Budget budget) {}

        default void stepStarted(Config config, long n) {}

        /** After each call of {@code sum}, warm-up ones included. */
        default void runFinished(Config config, long n, long nanos) {}

        default void stepFinished(Config config, long n) {}

        default void seriesFinished(Series series) {}

        Listener NONE = new Listener() {};
    }

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
        listener.planned(configs, settings.sizes(), settings.budget());
        List<Series> measured = new ArrayList<>();
        for (Config config : configs) {
            Series series = measure(config);
            measured.add(series);
            listener.seriesFinished(series);
        }
        return new Result(Machine.current(), ZonedDateTime.now(ZoneOffset.UTC), settings, measured);
    }

    /**
     * One config at every size, smallest first, each size in fresh JVMs. A failure (an exception,
     * a JVM that died or hung, runs that disagree) stops this config only: the others are still
     * measured and the page says what went wrong.
     */
    private Series measure(Config config) {
        List<Point> points = new ArrayList<>();
        Map<String, Object> used = Map.of();
        for (long n : settings.sizes()) {
            listener.stepStarted(config, n);
            try {
                Step step = measureOne(config, Workload.of(n, settings.seed()));
                points.add(step.point());
                used = step.settings();
            } catch (RuntimeException failure) {
                return new Series(
                        config, points, Optional.of("at n = " + Sizes.label(n) + ": " + Commands.describe(failure)));
            }
            listener.stepFinished(config, n);
        }
        return new Series(config, points, Optional.empty(), used);
    }

    private record Step(Point point, Map<String, Object> settings) {}

    /* One config at one n, in settings.forks() JVMs that share the step's budget. */
    private Step measureOne(Config config, Workload workload) {
        Budget budget = settings.budget();
        int forks = settings.forks();
        long sum = 0;
        List<Double> runs = new ArrayList<>();
        List<Double> forkMedians = new ArrayList<>();
        int warmupRuns = 0;
        Map<String, Object> used = Map.of();
        for (int fork = 0; fork < forks; fork++) {
            try (Fork jvm = Fork.start(config.label(), config.recipe(), Forks.Plan.PATIENT)) {
                Fork.Runs cold = jvm.run(workload, 1);
                listener.runFinished(config, workload.n(), cold.nanos()[0]);
                double runNanos = cold.nanos()[0];
                int warmups = Math.ceilDiv(budget.warmupRuns(runNanos), forks);
                if (warmups > 0) {
                    Fork.Runs warm = jvm.run(workload, warmups);
                    Timer.sameSum(config.label(), cold.sum(), warm.sum(), workload);
                    runNanos = median(warm.nanos());
                    LongStream.of(warm.nanos()).forEach(nanos -> listener.runFinished(config, workload.n(), nanos));
                }
                Fork.Runs timed = jvm.run(workload, Math.ceilDiv(budget.measuredRuns(runNanos), forks));
                Timer.sameSum(config.label(), cold.sum(), timed.sum(), workload);
                LongStream.of(timed.nanos()).forEach(nanos -> listener.runFinished(config, workload.n(), nanos));
                sum = Timer.sameSum(config.label() + " (in its JVMs)", fork > 0 ? sum : null, timed.sum(), workload);
                warmupRuns = 1 + warmups;
                forkMedians.add(median(timed.nanos()));
                LongStream.of(timed.nanos()).forEach(nanos -> runs.add((double) nanos));
                used = jvm.settings();
            }
        }
        Measurement kept = new Measurement(
                config.module(),
                config.strategy(),
                workload,
                config.workers(),
                sum,
                warmupRuns,
                runs.stream().mapToDouble(Double::doubleValue).toArray());
        return new Step(new Point(workload.n(), kept, Oracle.sumOnce(workload), forkMedians), used);
    }

    private static double median(long[] nanos) {
        return new DescriptiveStatistics(LongStream.of(nanos).asDoubleStream().toArray()).getPercentile(50);
    }
}
