package workbook.harness;

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
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must not be negative, was " + warmup);
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, was " + repeat);
        }
        Long agreedSum = null;
        double[] runNanos = new double[repeat];
        for (int run = 0; run < warmup + repeat; run++) {
            boolean isWarmup = run < warmup;
            long start = System.nanoTime();
            long sum = strategy.sum(workload);
            long elapsed = System.nanoTime() - start;
            if (agreedSum == null) {
                agreedSum = sum;
            } else if (agreedSum != sum) {
                throw new IllegalStateException(lesson + "/" + strategyName + " returned " + sum + " after " + agreedSum
                        + " for the same workload " + workload + ": the strategy is not deterministic");
            }
            if (!isWarmup) {
                runNanos[run - warmup] = elapsed;
            }
            progress.runFinished(isWarmup, isWarmup ? run + 1 : run - warmup + 1, isWarmup ? warmup : repeat, elapsed);
        }
        return new Measurement(lesson, strategyName, workload, workers, agreedSum, warmup, runNanos);
    }
}
