package workbook.harness;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * The timed runs of one strategy on one workload: the sum they all agreed on and the wall-clock
 * time of each measured run (warm-up runs are not kept).
 */
public record Measurement(
        String lesson, String strategy, Workload workload, int workers, long sum, int warmup, double[] runNanos) {

    public Measurement {
        if (runNanos.length == 0) {
            throw new IllegalArgumentException("a measurement needs at least one run");
        }
        runNanos = runNanos.clone();
    }

    @Override
    public double[] runNanos() {
        return runNanos.clone();
    }

    public DescriptiveStatistics statistics() {
        return new DescriptiveStatistics(runNanos);
    }

    /** The median: robust against the odd slow run that a noisy machine produces. */
    public double medianNanos() {
        return statistics().getPercentile(50);
    }

    public double minNanos() {
        return statistics().getMin();
    }

    public double maxNanos() {
        return statistics().getMax();
    }

    public int runs() {
        return runNanos.length;
    }

    /** Median time per number; for n = 0 it is not defined and reported as NaN. */
    public double nsPerNumber() {
        return workload.n() == 0 ? Double.NaN : medianNanos() / workload.n();
    }

    /** How many times faster than {@code baseline} (median against median). */
    public double speedupOver(Measurement baseline) {
        return baseline.medianNanos() / medianNanos();
    }

    /** Speedup divided by the cores that could help: 1.0 means every core was fully used. */
    public double efficiencyOver(Measurement baseline, int cores) {
        return speedupOver(baseline) / cores;
    }

    @Override
    public String toString() {
        return lesson + "/" + strategy + " " + workload + " workers=" + workers + " sum=" + sum + " runs(ns)="
                + Arrays.toString(runNanos);
    }
}
