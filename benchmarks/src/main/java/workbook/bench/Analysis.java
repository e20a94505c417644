package workbook.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import workbook.bench.Sweep.Result;
import workbook.bench.Sweep.Series;

/** What the page and the pictures say about a sweep: speedups, fits and crossovers. */
public final class Analysis {
    private Analysis() {}

    /** Where a parallel strategy starts to beat lesson 01, as measured. */
    public record Crossover(Kind kind, double n, long below, long above) {
        public enum Kind {
            /** Already faster at the smallest size measured. */
            BELOW_RANGE,
            /** Slower at {@code below}, faster at {@code above} and every larger size. */
            WITHIN,
            /** Not faster at the largest size measured. */
            NONE,
            /** Too few sizes measured to tell. */
            UNKNOWN
        }

        public String text() {
            return switch (kind) {
                case BELOW_RANGE -> "< " + Sizes.label(above) + " (faster at every size)";
                case WITHIN ->
                    "≈ " + Sizes.approximate(n) + " (between " + Sizes.label(below) + " and " + Sizes.label(above)
                            + ")";
                case NONE -> "none up to " + Sizes.label(below);
                case UNKNOWN -> "-";
            };
        }
    }

    /** Lesson 01's median divided by this series' median at {@code n}. */
    public static OptionalDouble speedup(Series baseline, Series series, long n) {
        OptionalDouble base = baseline.medianAt(n);
        OptionalDouble own = series.medianAt(n);
        if (base.isEmpty() || own.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(base.getAsDouble() / own.getAsDouble());
    }

    /** The fit of {@code t(n) = a + b*n} over every size this series measured. */
    public static Optional<Fit> fit(Series series) {
        List<Long> sizes = new ArrayList<>();
        List<Double> nanos = new ArrayList<>();
        for (Sweep.Point point : series.points()) {
            sizes.add(point.n());
            nanos.add(point.medianNanos());
        }
        return Fit.of(sizes, nanos);
    }

    /**
     * The measured crossover: the sizes where the parallel strategy went from slower to faster
     * for good (the last size where it was not faster, and the next), and a point between them
     * interpolated on the log-log scale where the ratio of the two times crosses 1.
     */
    public static Crossover measuredCrossover(Series baseline, Series parallel) {
        List<Long> sizes = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (Sweep.Point point : parallel.points()) {
            OptionalDouble base = baseline.medianAt(point.n());
            if (base.isPresent()) {
                sizes.add(point.n());
                ratios.add(point.medianNanos() / base.getAsDouble());
            }
        }
        if (sizes.size() < 2) {
            return new Crossover(Crossover.Kind.UNKNOWN, Double.NaN, 0, 0);
        }
        int lastSlower = -1;
        for (int i = 0; i < ratios.size(); i++) {
            if (ratios.get(i) >= 1) {
                lastSlower = i;
            }
        }
        if (lastSlower < 0) {
            return new Crossover(Crossover.Kind.BELOW_RANGE, Double.NaN, 0, sizes.getFirst());
        }
        if (lastSlower == sizes.size() - 1) {
            return new Crossover(Crossover.Kind.NONE, Double.POSITIVE_INFINITY, sizes.getLast(), 0);
        }
        long below = sizes.get(lastSlower);
        long above = sizes.get(lastSlower + 1);
        double slowerBy = Math.log(ratios.get(lastSlower));
        double fasterBy = Math.log(ratios.get(lastSlower + 1));
        double fraction = slowerBy / (slowerBy - fasterBy);
        double logN = Math.log(below) + fraction * (Math.log(above) - Math.log(below));
        return new Crossover(Crossover.Kind.WITHIN, Math.exp(logN), below, above);
    }

    /**
     * Whether the model's crossover agrees with the measured one within a factor of two; empty
     * when one of them is missing or outside the measured range in a way that cannot be compared.
     */
    public static Optional<Boolean> withinTwice(double predicted, Crossover measured) {
        return switch (measured.kind()) {
            case WITHIN ->
                predicted > 0 && Double.isFinite(predicted)
                        ? Optional.of(predicted / measured.n() <= 2 && measured.n() / predicted <= 2)
                        : Optional.of(false);
            case BELOW_RANGE -> Optional.of(predicted <= 2.0 * measured.above());
            case NONE -> Optional.of(predicted >= measured.below() / 2.0);
            case UNKNOWN -> Optional.empty();
        };
    }

    /**
     * The most a strategy can gain on this machine: {@link #idealSpeedup} times the vector lanes it
     * reported using (its {@code lanes} setting; 1 for a strategy without lanes). The efficiency
     * columns divide by it, so lesson 07's 8 lanes on 2 cores are held to 16, not to 2.
     */
    public static int ceiling(Result result, Series series) {
        return idealSpeedup(result, series) * lanes(series);
    }

    /** The vector lanes a strategy reported using, or 1. */
    public static int lanes(Series series) {
        return series.settings().get("lanes") instanceof Number lanes ? Math.max(1, lanes.intValue()) : 1;
    }

    /** The speedup a strategy with {@code workers} workers can reach on this machine at best. */
    public static int idealSpeedup(Result result, Series series) {
        int cores = result.machine().cores();
        return series.config().usesWorkers() ? Math.min(series.config().workers(), cores) : cores;
    }
}
