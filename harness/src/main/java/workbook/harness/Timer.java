package workbook.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Times a strategy the same way for every lesson: warm-up runs first (so the JIT compiler has
 * compiled the hot loop and pools have started), then measured runs, each one the wall-clock time
 * of one whole {@code sum} call. Every run's sum must be the same, or the strategy is broken and
 * the measurement is refused.
 */
public final class Timer {
    private Timer() {}

    /** Told about each run as it finishes, so long measurements can show progress. */
    @FunctionalInterface
    public interface Progress {
        void runFinished(boolean warmup, int runNumber, int runCount, long nanos);

        Progress NONE = (warmup, runNumber, runCount, nanos) -> {};
    }

    /** One strategy taking part in {@link #measureInterleaved}: what it is called and how many workers it uses. */
    public record Contender(String lesson, String strategyName, SumStrategy strategy, int workers) {}

    /**
     * Times several strategies side by side: after each one's warm-up, every round runs each
     * strategy once, starting with a different one each round. A machine whose speed drifts (a
     * busy neighbour on a shared host, a CPU that heats up) then slows every strategy alike,
     * instead of whichever happened to be measured during the slow minute. The measurements come
     * back in the order of {@code contenders}.
     */
    public static List<Measurement> measureInterleaved(
            List<Contender> contenders, Workload workload, int warmup, int repeat, IntConsumer roundFinished)
            throws InterruptedException {
        checkRuns(warmup, repeat);
        int count = contenders.size();
        Long[] agreedSums = new Long[count];
        for (int i = 0; i < count; i++) {
            for (int run = 0; run < warmup; run++) {
                agreedSums[i] = agreed(
                        contenders.get(i),
                        agreedSums[i],
                        contenders.get(i).strategy().sum(workload),
                        workload);
            }
        }
        double[][] runNanos = new double[count][repeat];
        for (int round = 0; round < repeat; round++) {
            for (int step = 0; step < count; step++) {
                int i = (round + step) % count;
                Contender contender = contenders.get(i);
                long start = System.nanoTime();
                long sum = contender.strategy().sum(workload);
                runNanos[i][round] = System.nanoTime() - start;
                agreedSums[i] = agreed(contender, agreedSums[i], sum, workload);
            }
            roundFinished.accept(round + 1);
        }
        List<Measurement> measurements = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Contender contender = contenders.get(i);
            measurements.add(new Measurement(
                    contender.lesson(),
                    contender.strategyName(),
                    workload,
                    contender.workers(),
                    agreedSums[i],
                    warmup,
                    runNanos[i]));
        }
        return measurements;
    }

    private static void checkRuns(int warmup, int repeat) {
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must not be negative, was " + warmup);
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, was " + repeat);
        }
    }

    private static long agreed(Contender contender, Long agreedSum, long sum, Workload workload) {
        if (agreedSum != null) {
            checkSame(contender.lesson(), contender.strategyName(), agreedSum, sum, workload);
        }
        return sum;
    }

    private static void checkSame(String lesson, String strategyName, long agreedSum, long sum, Workload workload) {
        sameSum(lesson + "/" + strategyName, agreedSum, sum, workload);
    }

    /**
     * The one rule for every measurement, in this JVM or across JVMs: every call of a strategy on
     * one workload returns the same sum ({@code agreed}, null before the first call); a strategy
     * that does not is broken, and its figures are refused. Returns the sum.
     */
    public static long sameSum(String who, Long agreed, long sum, Workload workload) {
        if (agreed != null && agreed != sum) {
            throw new IllegalStateException(who + " returned " + sum + " after " + agreed + " for the same workload "
                    + workload + ": the strategy is not deterministic");
        }
        return sum;
    }

    public static Measurement measure(
            String lesson,
            String strategyName,
            SumStrategy strategy,
            Workload workload,
            int workers,
            int warmup,
            int repeat,
            Progress progress)
            throws InterruptedException {
        return measure(lesson, strategyName, strategy, workload, workers, warmup, repeat, progress, null);
    }

    /**
     * As above; when {@code timeline} is not null, the measured runs (not the warm-up) are recorded
     * on it as calls 0, 1, ...: which thread summed which piece, and when.
     */
    public static Measurement measure(
            String lesson,
            String strategyName,
            SumStrategy strategy,
            Workload workload,
            int workers,
            int warmup,
            int repeat,
            Progress progress,
            Timeline timeline)
            throws InterruptedException {
        checkRuns(warmup, repeat);
        Long agreedSum = null;
        double[] runNanos = new double[repeat];
        for (int run = 0; run < warmup + repeat; run++) {
            boolean isWarmup = run < warmup;
            boolean recorded = timeline != null && !isWarmup;
            if (recorded) {
                timeline.beginCall(run - warmup);
            }
            long start = System.nanoTime();
            long sum = strategy.sum(workload);
            long elapsed = System.nanoTime() - start;
            if (recorded) {
                timeline.endCall(workload.n());
            }
            if (agreedSum != null) {
                checkSame(lesson, strategyName, agreedSum, sum, workload);
            }
            agreedSum = sum;
            if (!isWarmup) {
                runNanos[run - warmup] = elapsed;
            }
            progress.runFinished(isWarmup, isWarmup ? run + 1 : run - warmup + 1, isWarmup ? warmup : repeat, elapsed);
        }
        return new Measurement(lesson, strategyName, workload, workers, agreedSum, warmup, runNanos);
    }
}
