package workbook.bench;

import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * The model {@code t(n) = a + b*n}: a fixed cost {@code a} paid once per call (starting threads,
 * handing out tasks, collecting results) and a cost {@code b} per number summed.
 *
 * <p>The fit minimises the <em>relative</em> error, {@code sum(((t_i - a - b*n_i) / t_i)^2)}: a
 * weighted least-squares fit with weights {@code 1/t_i^2}. A plain fit would minimise absolute
 * errors, and the sweep's times span six decades: a 1 % wobble at n = 1e9 (about 10 ms) is a
 * thousand times larger than the whole run at n = 1e3, so the small sizes, the only ones that
 * say anything about {@code a}, would not count at all. Timing noise is roughly proportional to
 * the time itself, which is what the weights {@code 1/t^2} assume.
 *
 * <p>Dividing each equation {@code t_i = a + b*n_i} by {@code t_i} turns the weighted fit into
 * an ordinary one without intercept, {@code 1 = a*(1/t_i) + b*(n_i/t_i)}, which commons-math3's
 * {@link OLSMultipleLinearRegression} solves (by QR decomposition). The two columns are scaled to
 * a largest value of 1 first, because {@code 1/t} and {@code n/t} differ by many decades.
 *
 * @param a fixed cost per call, in nanoseconds
 * @param b cost per number, in nanoseconds
 * @param worstRelativeError the largest {@code |model/measured - 1|} over the fitted points
 */
public record Fit(double a, double b, double worstRelativeError, int points) {

    /** Needs three sizes at least: two unknowns, and one more to have any error to minimise. */
    public static final int MIN_POINTS = 3;

    /** Fits median times {@code nanos[i]} measured at sizes {@code sizes[i]}. */
    public static Optional<Fit> of(List<Long> sizes, List<Double> nanos) {
        if (sizes.size() != nanos.size()) {
            throw new IllegalArgumentException(sizes.size() + " sizes but " + nanos.size() + " times");
        }
        int count = sizes.size();
        if (count < MIN_POINTS || sizes.stream().distinct().count() < 2) {
            return Optional.empty();
        }
        double[][] columns = new double[count][2];
        double[] ones = new double[count];
        double largestInverse = 0;
        double largestRate = 0;
        for (int i = 0; i < count; i++) {
            double time = nanos.get(i);
            if (!(time > 0)) {
                throw new IllegalArgumentException("times must be positive, was " + time + " at n = " + sizes.get(i));
            }
            columns[i][0] = 1 / time;
            columns[i][1] = sizes.get(i) / time;
            ones[i] = 1;
            largestInverse = Math.max(largestInverse, columns[i][0]);
            largestRate = Math.max(largestRate, columns[i][1]);
        }
        for (double[] row : columns) {
            row[0] /= largestInverse;
            row[1] /= largestRate;
        }
        OLSMultipleLinearRegression regression = new OLSMultipleLinearRegression();
        regression.setNoIntercept(true);
        regression.newSampleData(ones, columns);
        double[] scaled = regression.estimateRegressionParameters();
        double a = scaled[0] / largestInverse;
        double b = scaled[1] / largestRate;
        double worst = 0;
        for (int i = 0; i < count; i++) {
            worst = Math.max(worst, Math.abs((a + b * sizes.get(i)) / nanos.get(i) - 1));
        }
        return Optional.of(new Fit(a, b, worst, count));
    }

    public double predict(double n) {
        return a + b * n;
    }

    /**
     * Where the model says {@code parallel} starts to beat {@code sequential}:
     * {@code n* = (a_par - a_seq) / (b_seq - b_par)}. Infinite when the parallel strategy is not
     * cheaper per number (it never catches up for good), zero or less when it is never slower.
     */
    public static double crossover(Fit sequential, Fit parallel) {
        double saving = sequential.b - parallel.b;
        double extraFixedCost = parallel.a - sequential.a;
        if (saving <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return extraFixedCost / saving;
    }
}
