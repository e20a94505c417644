package workbook.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * What one call costs when there is almost nothing to add: the fixed cost of a strategy (handing
 * out work, waking threads, collecting results).
 *
 * <p>A call of a few microseconds cannot be timed alone: the clock's own cost and resolution are
 * of the same order. So calls are made back to back in batches of about {@link #BATCH_NANOS}, and
 * a batch's time divided by its calls is one sample. The contenders are measured side by side:
 * after each one's warm-up, every round runs one batch of each, starting with a different one each
 * round, so a machine whose speed drifts slows them all alike. Every call's sum is checked, which
 * also keeps the JIT compiler from removing calls whose result nobody reads.
 */
public final class CallCost {
    /** A batch lasts about this long. */
    public static final long BATCH_NANOS = 50_000_000L;

    /** Each warm-up round runs back-to-back calls for this long, so the JIT has compiled them. */
    public static final long WARMUP_ROUND_NANOS = 250_000_000L;

    private CallCost() {}

    /** One call of the thing measured; it returns its sum. */
    @FunctionalInterface
    public interface Call {
        long sum() throws InterruptedException;
    }

    /** The cost of one call: median, fastest and slowest batch, in nanoseconds per call. */
    public record PerCall(double medianNanos, double minNanos, double maxNanos, long callsPerBatch) {}

    /**
     * Times each call in {@code calls} over {@code batches} interleaved batches after
     * {@code warmupRounds} warm-up rounds; every call must return {@code expected}. The results
     * come back in the order of {@code calls}.
     */
    public static List<PerCall> measure(List<Call> calls, long expected, int warmupRounds, int batches)
            throws InterruptedException {
        return measure(calls, expected, warmupRounds, batches, System::nanoTime);
    }

    /* The same on another clock: a test's clock that moves only when a call says it took time. */
    static List<PerCall> measure(List<Call> calls, long expected, int warmupRounds, int batches, LongSupplier clock)
            throws InterruptedException {
        if (batches < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, was " + batches);
        }
        long[] callsPerBatch = new long[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            callsPerBatch[i] = calibrate(calls.get(i), expected, clock);
            for (int round = 0; round < warmupRounds; round++) {
                long roundStart = clock.getAsLong();
                while (clock.getAsLong() - roundStart < WARMUP_ROUND_NANOS) {
                    check(calls.get(i).sum(), expected);
                }
            }
        }
        List<DescriptiveStatistics> perCall = new ArrayList<>();
        calls.forEach(call -> perCall.add(new DescriptiveStatistics()));
        for (int batch = 0; batch < batches; batch++) {
            for (int step = 0; step < calls.size(); step++) {
                int i = (batch + step) % calls.size();
                Call call = calls.get(i);
                long start = clock.getAsLong();
                for (long made = 0; made < callsPerBatch[i]; made++) {
                    check(call.sum(), expected);
                }
                perCall.get(i).addValue((double) (clock.getAsLong() - start) / callsPerBatch[i]);
            }
        }
        List<PerCall> results = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            DescriptiveStatistics stats = perCall.get(i);
            results.add(new PerCall(stats.getPercentile(50), stats.getMin(), stats.getMax(), callsPerBatch[i]));
        }
        return results;
    }

    /* How many calls fill a batch: count the calls made in a tenth of one. */
    private static long calibrate(Call call, long expected, LongSupplier clock) throws InterruptedException {
        long start = clock.getAsLong();
        long made = 0;
        while (clock.getAsLong() - start < BATCH_NANOS / 10) {
            check(call.sum(), expected);
            made++;
        }
        return Math.max(1, made * 10);
    }

    private static void check(long sum, long expected) {
        if (sum != expected) {
            throw new IllegalStateException("a call returned " + sum + ", the oracle says " + expected);
        }
    }
}
