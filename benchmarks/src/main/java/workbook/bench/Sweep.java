package workbook.bench;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntFunction;
import workbook.harness.Commands;
import workbook.harness.Lesson;
import workbook.harness.Machine;
import workbook.harness.Measurement;
import workbook.harness.Oracle;
import workbook.harness.SumStrategy;
import workbook.harness.Timer;
import workbook.harness.Workload;

/**
 * Measures every strategy of the given lessons at every size, in one JVM.
 *
 * <p>Each strategy is built once per worker count and reused for every n (lesson 06 starts a
 * cluster, which is slow; the others start pools), then closed. For each size the first call is
 * timed apart and thrown away (cold caches, threads being created), further warm-up calls follow
 * until a time budget is spent, and then the measured calls: as many as fit in a second budget,
 * never fewer than five. Small n thus gets hundreds of runs (its times are tiny and noisy) and
 * n = 1e9 gets exactly the minimum (one run takes more than a second).
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
            List<Long> sizes, List<Integer> workerCounts, long seed, Budget budget, boolean withTightLoop) {
        public Settings {
            sizes = List.copyOf(sizes);
            workerCounts = List.copyOf(new LinkedHashSet<>(workerCounts));
            if (sizes.isEmpty() || workerCounts.isEmpty()) {
                throw new IllegalArgumentException("a sweep needs at least one size and one worker count");
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
            IntFunction<SumStrategy> factory,
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

    /** The measured runs of one config at one n, and the oracle's sum for that n. */
    public record Point(long n, Measurement measurement, long oracleSum) {
        public boolean agrees() {
            return measurement.sum() == oracleSum;
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
                yardstick.withWorkers(),
                baseline.targets()));
        if (settings.withTightLoop()) {
            configs.add(new Config(
                    "harness",
                    "harness",
                    "Workload.sumRange",
                    false,
                    1,
                    Role.TIGHT_LOOP,
                    workers -> Workload::sumAll,
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
                            strategy.withWorkers(),
                            lesson.targets()));
                }
            }
        }
        return configs;
    }

    public Result run(List<Lesson> lessons) throws InterruptedException {
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
     * One config at every size, smallest first. A failure (an exception, runs that disagree) stops
     * this config only: the others are still measured and the page says what went wrong.
     */
    private Series measure(Config config) throws InterruptedException {
        List<Point> points = new ArrayList<>();
        long currentN = -1;
        Map<String, Object> used;
        try (SumStrategy strategy = config.factory().apply(config.workers())) {
            for (long n : settings.sizes()) {
                currentN = n;
                listener.stepStarted(config, n);
                points.add(measureOne(config, strategy, Workload.of(n, settings.seed())));
                listener.stepFinished(config, n);
            }
            used = Map.copyOf(strategy.settings());
        } catch (InterruptedException interrupted) {
            throw interrupted;
        } catch (RuntimeException | Error failure) {
            String where = currentN < 0 ? "while starting" : "at n = " + Sizes.label(currentN);
            return new Series(config, points, Optional.of(where + ": " + Commands.describe(failure)));
        }
        return new Series(config, points, Optional.empty(), used);
    }

    private Point measureOne(Config config, SumStrategy strategy, Workload workload) throws InterruptedException {
        Budget budget = settings.budget();
        long n = workload.n();
        Timer.Progress progress = (warmup, runNumber, runCount, nanos) -> listener.runFinished(config, n, nanos);
        Measurement cold = time(config, strategy, workload, 1, progress);
        double runNanos = cold.medianNanos();
        int warmupRuns = budget.warmupRuns(runNanos);
        if (warmupRuns > 0) {
            Measurement warm = time(config, strategy, workload, warmupRuns, progress);
            requireSameSum(config, cold, warm);
            runNanos = warm.medianNanos();
        }
        Measurement timed = time(config, strategy, workload, budget.measuredRuns(runNanos), progress);
        requireSameSum(config, cold, timed);
        Measurement kept = new Measurement(
                timed.lesson(),
                timed.strategy(),
                workload,
                config.workers(),
                timed.sum(),
                1 + warmupRuns,
                timed.runNanos());
        return new Point(n, kept, oracleSum(workload));
    }

    private static Measurement time(
            Config config, SumStrategy strategy, Workload workload, int runs, Timer.Progress progress)
            throws InterruptedException {
        return Timer.measure(
                config.module(), config.strategy(), strategy, workload, config.workers(), 0, runs, progress);
    }

    private static void requireSameSum(Config config, Measurement first, Measurement later) {
        if (first.sum() != later.sum()) {
            throw new IllegalStateException(config.label() + " returned " + later.sum() + " after " + first.sum()
                    + " for the same workload: the strategy is not deterministic");
        }
    }

    private long oracleSum(Workload workload) {
        return Oracle.sumOnce(workload);
    }
}
