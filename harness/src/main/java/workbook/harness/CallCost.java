package workbook.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
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
 *
 * <p>{@link #measure} makes the calls in this JVM; {@link #measureForked} makes each contender's in
 * JVMs of its own ({@link Fork}), as {@link Forks} times longer calls: no contender's compiled code
 * or profile shapes another's cost. The definitions are the same: each JVM fills its own batches
 * of about {@link #BATCH_NANOS}, warms up in rounds of {@link #WARMUP_ROUND_NANOS}, and the batches
 * are interleaved across the JVMs, one JVM at a time.
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

    /**
     * What one contender's calls cost in JVMs of its own: over every batch of all its JVMs (whose
     * {@code callsPerBatch} is the fewest any of them made), in each JVM, and the sum its calls
     * returned. Its JVMs' medians are compared as {@link Forks.Result}'s are, in microseconds.
     */
    public record ForkedCost(Forks.Contender contender, PerCall all, List<PerCall> perFork, long sum)
            implements Forks.Spread {
        public ForkedCost {
            perFork = List.copyOf(perFork);
        }

        @Override
        public List<Double> forkMedians() {
            return perFork.stream().map(PerCall::medianNanos).toList();
        }

        @Override
        public String shown(double nanos) {
            return Report.micros(nanos);
        }
    }

    /* What measureForked asks of a JVM: batches of back-to-back calls, timed where they run. */
    interface Batches extends AutoCloseable {
        Fork.Runs batch(Workload workload, long calls);

        @Override
        void close();
    }

    /* Calibration stops doubling here whatever the clock says: no real call is this cheap. */
    static final long MOST_CALLS_TO_CALIBRATE = 1L << 40;

    /**
     * Times each contender's call on {@code workload} in JVMs of its own, in {@code plan.forks()}
     * fresh sets of JVMs (one per contender in each): every JVM calibrates its batch and makes
     * {@code plan.warmup()} warm-up rounds, then {@code plan.repeat()} batches of each contender
     * are interleaved, one JVM at a time, starting with a different one each round. Every batch's
     * sum must be {@code expected}. A JVM that fails, dies or hangs ends the measurement with a
     * {@link Fork.ForkFailed} naming it; every JVM started is stopped before this returns or
     * throws. The results come back in the order of {@code contenders}.
     */
    public static List<ForkedCost> measureForked(
            List<Forks.Contender> contenders,
            Workload workload,
            long expected,
            Forks.Plan plan,
            Forks.Listener listener) {
        return measureForked(
                contenders, workload, expected, plan, listener, set -> Forks.startAll(set, plan.answerLimit()).stream()
                        .map(CallCost::batches)
                        .toList());
    }

    /* The same on JVMs of the caller's: a test's, whose batches take the time it says. */
    static List<ForkedCost> measureForked(
            List<Forks.Contender> contenders,
            Workload workload,
            long expected,
            Forks.Plan plan,
            Forks.Listener listener,
            Function<List<Forks.Contender>, List<Batches>> start) {
        int count = contenders.size();
        List<DescriptiveStatistics> all = new ArrayList<>();
        List<List<PerCall>> perFork = new ArrayList<>();
        long[] fewestCalls = new long[count];
        Arrays.fill(fewestCalls, Long.MAX_VALUE);
        for (int i = 0; i < count; i++) {
            all.add(new DescriptiveStatistics());
            perFork.add(new ArrayList<>());
        }
        for (int fork = 1; fork <= plan.forks(); fork++) {
            listener.forkStarted(fork, plan.forks());
            List<Batches> jvms = start.apply(contenders);
            try {
                List<Checked> checked = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    checked.add(new Checked(contenders.get(i), jvms.get(i), workload, expected));
                }
                long[] callsPerBatch = new long[count];
                for (int i = 0; i < count; i++) {
                    Checked jvm = checked.get(i);
                    callsPerBatch[i] = jvm.calibrate();
                    for (int round = 0; round < plan.warmup(); round++) {
                        for (long spent = 0; spent < WARMUP_ROUND_NANOS; ) {
                            spent += jvm.batch(callsPerBatch[i]);
                        }
                    }
                }
                List<DescriptiveStatistics> thisFork = new ArrayList<>();
                contenders.forEach(contender -> thisFork.add(new DescriptiveStatistics()));
                for (int batch = 0; batch < plan.repeat(); batch++) {
                    for (int step = 0; step < count; step++) {
                        int i = (batch + step) % count;
                        double perCall = (double) checked.get(i).batch(callsPerBatch[i]) / callsPerBatch[i];
                        thisFork.get(i).addValue(perCall);
                        all.get(i).addValue(perCall);
                    }
                    listener.roundFinished(fork, batch + 1, plan.repeat());
                }
                for (int i = 0; i < count; i++) {
                    perFork.get(i).add(perCall(thisFork.get(i), callsPerBatch[i]));
                    fewestCalls[i] = Math.min(fewestCalls[i], callsPerBatch[i]);
                }
            } finally {
                jvms.forEach(Batches::close);
            }
        }
        List<ForkedCost> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(
                    new ForkedCost(contenders.get(i), perCall(all.get(i), fewestCalls[i]), perFork.get(i), expected));
        }
        return results;
    }

    private static PerCall perCall(DescriptiveStatistics stats, long callsPerBatch) {
        return new PerCall(stats.getPercentile(50), stats.getMin(), stats.getMax(), callsPerBatch);
    }

    private static Batches batches(Fork fork) {
        return new Batches() {
            @Override
            public Fork.Runs batch(Workload workload, long calls) {
                Fork.Runs runs = fork.batch(workload, calls);
                fork.pause();
                return runs;
            }

            @Override
            public void close() {
                fork.close();
            }
        };
    }

    /* One contender's JVM, every batch of which must sum to the oracle's value. */
    private record Checked(Forks.Contender contender, Batches jvm, Workload workload, long expected) {
        /* A batch's time, in the JVM's own nanoseconds. */
        long batch(long calls) {
            Fork.Runs runs = jvm.batch(workload, calls);
            if (runs.sum() != expected) {
                throw new IllegalStateException("the JVM of " + contender.label() + ": a call returned " + runs.sum()
                        + ", the oracle says " + expected);
            }
            return runs.nanos()[0];
        }

        /*
         * How many calls fill a batch. One call first, untimed: in a fresh JVM it loads the
         * strategy's classes. Then batches of 1, 2, 4, ... calls until one lasts a tenth of a batch;
         * the calls that fill a whole batch follow from its time.
         */
        long calibrate() {
            batch(1);
            for (long calls = 1; ; calls *= 2) {
                long nanos = batch(calls);
                if (nanos >= BATCH_NANOS / 10 || calls >= MOST_CALLS_TO_CALIBRATE) {
                    return Math.max(1, Math.round((double) calls * BATCH_NANOS / Math.max(1, nanos)));
                }
            }
        }
    }
}
