package workbook.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;
import workbook.harness.Measurement;
import workbook.harness.Workload;

class FitTest {

    private static final List<Long> DECADES = Sizes.decades(1_000, 1_000_000_000);

    private static List<Double> line(double a, double b, double... relativeNoise) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < DECADES.size(); i++) {
            double noise = relativeNoise.length == 0 ? 0 : relativeNoise[i % relativeNoise.length];
            times.add((a + b * DECADES.get(i)) * (1 + noise));
        }
        return times;
    }

    @Test
    void recoversAnExactLine() {
        Fit fit = Fit.of(DECADES, line(20_000, 1.4)).orElseThrow();

        assertEquals(20_000, fit.a(), 20_000 * 1e-6);
        assertEquals(1.4, fit.b(), 1.4 * 1e-9);
        assertEquals(0, fit.worstRelativeError(), 1e-9);
        assertEquals(DECADES.size(), fit.points());
    }

    @Test
    void relativeWeightsKeepTheFixedCostWhereAPlainFitLosesIt() {
        // One per cent of noise, alternating: ten milliseconds at n = 1e9, far more than a itself.
        List<Double> noisy = line(50_000, 0.7, 0.01, -0.01);
        Fit weighted = Fit.of(DECADES, noisy).orElseThrow();
        SimpleRegression plain = new SimpleRegression();
        for (int i = 0; i < DECADES.size(); i++) {
            plain.addData(DECADES.get(i), noisy.get(i));
        }

        assertEquals(50_000, weighted.a(), 50_000 * 0.05, "the weighted fit finds a within 5 %");
        assertEquals(0.7, weighted.b(), 0.7 * 0.02);
        assertTrue(
                Math.abs(plain.getIntercept() - 50_000) > 50_000,
                "a plain fit misses a by more than a itself, was " + plain.getIntercept());
    }

    @Test
    void predictedCrossoverIsWhereTheTwoLinesMeet() {
        Fit sequential = new Fit(100, 1.4, 0, 7);
        Fit parallel = new Fit(50_100, 0.7, 0, 7);

        double crossover = Fit.crossover(sequential, parallel);

        assertEquals(50_000 / 0.7, crossover, 1e-6);
        assertEquals(sequential.predict(crossover), parallel.predict(crossover), 1e-6);
        assertEquals(
                Double.POSITIVE_INFINITY,
                Fit.crossover(sequential, new Fit(10, 1.5, 0, 7)),
                "never cheaper per number");
    }

    @Test
    void needsThreePoints() {
        assertEquals(Optional.empty(), Fit.of(List.of(1_000L, 10_000L), List.of(1_400.0, 14_000.0)));
        assertTrue(Fit.of(List.of(1_000L, 10_000L, 100_000L), List.of(1_400.0, 14_000.0, 140_000.0))
                .isPresent());
    }

    @Test
    void measuredCrossoverIsBracketedAndInterpolatedAndAgreesWithTheModel() {
        Sweep.Series sequential = series("01", DECADES, line(100, 1.4));
        Sweep.Series parallel = series("02", DECADES, line(50_100, 0.7));

        Analysis.Crossover measured = Analysis.measuredCrossover(sequential, parallel);
        double predicted = Fit.crossover(
                Analysis.fit(sequential).orElseThrow(), Analysis.fit(parallel).orElseThrow());

        assertEquals(Analysis.Crossover.Kind.WITHIN, measured.kind());
        assertEquals(10_000, measured.below());
        assertEquals(100_000, measured.above());
        assertTrue(measured.n() > 10_000 && measured.n() < 100_000, "between the bracketing sizes: " + measured.n());
        assertEquals(Optional.of(true), Analysis.withinTwice(predicted, measured));
        assertEquals(Optional.of(false), Analysis.withinTwice(predicted * 3, measured));
    }

    @Test
    void measuredCrossoverOutsideTheRange() {
        Sweep.Series sequential = series("01", DECADES, line(100, 1.4));

        assertEquals(
                Analysis.Crossover.Kind.BELOW_RANGE,
                Analysis.measuredCrossover(sequential, series("02", DECADES, line(50, 0.7)))
                        .kind());
        assertEquals(
                Analysis.Crossover.Kind.NONE,
                Analysis.measuredCrossover(sequential, series("02", DECADES, line(50_000, 1.5)))
                        .kind());
    }

    private static Sweep.Series series(String lessonId, List<Long> sizes, List<Double> nanos) {
        Sweep.Config config = new Sweep.Config(
                lessonId,
                lessonId + "-synthetic",
                "synthetic",
                false,
                1,
                lessonId.equals("01") ? Sweep.Role.BASELINE : Sweep.Role.PARALLEL,
                workbook.harness.Fork.Recipe.harnessLoop(),
                List.of());
        List<Sweep.Point> points = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            Workload workload = Workload.of(sizes.get(i), 1);
            Measurement measurement =
                    new Measurement(config.module(), config.strategy(), workload, 1, 0, 1, new double[] {nanos.get(i)});
            points.add(new Sweep.Point(sizes.get(i), measurement, 0));
        }
        return new Sweep.Series(config, points, Optional.empty());
    }
}
