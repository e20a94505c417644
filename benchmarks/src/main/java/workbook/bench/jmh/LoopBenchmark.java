package workbook.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import workbook.harness.CommonOptions;
import workbook.harness.Lesson;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/**
 * The cost of one number, four ways, in nanoseconds per number (each call sums {@link #NUMBERS}
 * numbers and JMH divides by that, see {@link OperationsPerInvocation}):
 * <ul>
 *   <li>{@link #tightLoop}: the harness's {@code Workload.sumRange}, the loop every parallel lesson
 *       runs on its chunk: the generator's state carried from number to number ({@code state +=
 *       GAMMA}) and {@code lo} added once per range;
 *   <li>{@link #indexLoop}: the loop {@code sumRange} used to be, written out here: the state
 *       recomputed from the index for every number ({@code seed + (i + 1) * GAMMA}, one multiply
 *       more) and {@code lo} added to every number;
 *   <li>{@link #valueAtLoop}: one {@code valueAt(i)} call per number, the shape of the first
 *       lesson 01 (an index jump and a fault check per number);
 *   <li>{@link #lesson01}: lesson 01 itself, found through {@link Lesson#discover()} and called
 *       through its {@link SumStrategy} interface, so no lesson class is named at compile time.
 *       It needs lesson 01 on the class path, as {@code ./workbook jmh} arranges.
 * </ul>
 * The aims: the tight loop at least 1.2x faster per number than the index loop, and lesson 01 within
 * 3 % of the tight loop, so that no parallel lesson's speedup over lesson 01 comes from a cheaper
 * loop rather than from more cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LoopBenchmark {

    /** Large enough that a call's fixed cost vanishes, small enough for many calls per iteration. */
    static final int NUMBERS = 1_000_000;

    private Workload workload;
    private SumStrategy lesson01;

    @Setup
    public void setUp() {
        workload = Workload.of(NUMBERS, CommonOptions.DEFAULT_SEED);
        lesson01 = Lesson.baseline(Lesson.discover())
                .map(lesson -> lesson.strategies().getFirst().withWorkers().apply(1))
                .orElse(null);
    }

    @Benchmark
    @OperationsPerInvocation(NUMBERS)
    public long tightLoop() {
        return workload.sumRange(0, NUMBERS);
    }

    @Benchmark
    @OperationsPerInvocation(NUMBERS)
    public long indexLoop() {
        long seed = workload.seed();
        long span = workload.span();
        int lo = workload.lo();
        long total = 0;
        for (long index = 0; index < NUMBERS; index++) {
            total += lo + (int) (((Workload.mix64(seed + (index + 1) * Workload.GAMMA) >>> 32) * span) >>> 32);
        }
        return total;
    }

    @Benchmark
    @OperationsPerInvocation(NUMBERS)
    public long valueAtLoop() {
        long total = 0;
        for (long index = 0; index < workload.n(); index++) {
            total += workload.valueAt(index);
        }
        return total;
    }

    @Benchmark
    @OperationsPerInvocation(NUMBERS)
    public long lesson01() throws InterruptedException {
        if (lesson01 == null) {
            throw new IllegalStateException("the baseline lesson is not on the class path: run through ./workbook jmh");
        }
        return lesson01.sum(workload);
    }
}
