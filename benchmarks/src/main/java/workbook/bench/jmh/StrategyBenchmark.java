package workbook.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import workbook.harness.CommonOptions;
import workbook.harness.Lesson;
import workbook.harness.Machine;
import workbook.harness.Oracle;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/**
 * One whole {@code sum} call of any lesson's strategy, at a small n (near where parallel starts
 * to pay) and a large one (where the cost per number dominates).
 *
 * <p>The strategy is a {@link Param} holding "lesson/strategy" ("02/threads-queue"). Its default
 * names only lesson 01, because annotations are fixed at compile time and this module knows no
 * lesson; {@link RunJmh} (behind {@code ./workbook jmh}) fills in every strategy that
 * {@link Lesson#discover()} finds, unless {@code -p strategy=...} chooses.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StrategyBenchmark {

    @Param({"01/sequential"})
    public String strategy;

    @Param({"10000", "100000000"})
    public long n;

    /** 0 means as many workers as cores. */
    @Param({"0"})
    public int workers;

    private SumStrategy running;
    private Workload workload;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        int slash = strategy.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException(
                    "strategy must be lesson/strategy, like 02/threads-queue, was " + strategy);
        }
        String lessonId = strategy.substring(0, slash);
        String strategyName = strategy.substring(slash + 1);
        Lesson.Strategy chosen = Lesson.discover().stream()
                .filter(lesson -> lesson.id().equals(lessonId))
                .flatMap(lesson -> lesson.strategies().stream())
                .filter(candidate -> candidate.name().equals(strategyName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no strategy " + strategy + " on the class path"));
        running = chosen.withWorkers().apply(workers == 0 ? Machine.availableCores() : workers);
        workload = Workload.of(n, CommonOptions.DEFAULT_SEED);
        // A strategy that is fast and wrong would make a meaningless benchmark.
        long expected = Oracle.sum(workload);
        long actual = running.sum(workload);
        if (actual != expected) {
            throw new IllegalStateException(strategy + " returned " + actual + ", the oracle says " + expected);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        running.close();
    }

    @Benchmark
    public long sum() throws InterruptedException {
        return running.sum(workload);
    }
}
