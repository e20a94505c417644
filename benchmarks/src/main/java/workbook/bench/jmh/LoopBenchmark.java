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
 * The cost of one number, three ways, in nanoseconds per number (each call sums {@link #NUMBERS}
 * numbers and JMH divides by that, see {@link OperationsPerInvocation}):
 * <ul>
 *   <li>{@link #tightLoop}: the harness's {@code Workload.sumRange}, the loop every parallel lesson
 *       runs on its chunk, with the generator's arithmetic written out inline;
 *   <li>{@link #valueAtLoop}: the shape of lesson 01's loop, one {@code valueAt(i)} call per
 *       number, written here (this module must not depend on a lesson module);
 *   <li>{@link #lesson01}: lesson 01 itself, found through {@link Lesson#discover()} and called
 *       through its {@link SumStrategy} interface, so no lesson class is named at compile time.
 *       It needs lesson 01 on the class path, as {@code ./workbook jmh} arranges.
 * </ul>
 * If the JIT compiler inlines {@code valueAt}, the three agree; the results page aims at lesson 01
 * being within 1.1x of the tight loop.
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
        lesson01 = Lesson.discover().stream()
                .filter(lesson -> lesson.id().equals("01"))
                .findFirst()
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
            throw new IllegalStateException("lesson 01 is not on the class path: run through ./workbook jmh");
        }
        return lesson01.sum(workload);
    }
}
