package workbook.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import workbook.harness.Lesson;
import workbook.harness.Machine;
import workbook.harness.Measurement;
import workbook.harness.Workload;

/**
 * The results page's numbers, on a sweep whose times are made up so that every figure is known in
 * advance: lesson 01 takes 2 ns per number and nothing more, the parallel fixture 1 µs plus 0.5 ns
 * per number on 2 cores. So at n = 1e6 it is 2e6 / (1e3 + 5e5) = 3.99 times faster (efficiency
 * 200 %: the made-up times are not bound by the cores), and the two lines cross where
 * 2n = 1000 + 0.5n, at n = 666.7.
 */
class ResultsPageTest {
    private static final List<Long> SIZES = List.of(10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L);
    private static final Machine TWO_CORES = new Machine(2, "25 (test)", "a test CPU", "test OS");

    private static Sweep.Series series(String lessonId, Sweep.Role role, double fixedNanos, double nanosPerNumber) {
        return series(lessonId, role, fixedNanos, nanosPerNumber, List.of());
    }

    private static Sweep.Series series(
            String lessonId, Sweep.Role role, double fixedNanos, double nanosPerNumber, List<Lesson.Target> targets) {
        return series(lessonId, role, fixedNanos, nanosPerNumber, targets, Map.of("tasks", 2, "workers", 2));
    }

    private static Sweep.Series series(
            String lessonId,
            Sweep.Role role,
            double fixedNanos,
            double nanosPerNumber,
            List<Lesson.Target> targets,
            Map<String, Object> settings) {
        Sweep.Config config = new Sweep.Config(
                lessonId,
                lessonId + "-fixture",
                "fixture",
                role != Sweep.Role.BASELINE,
                2,
                role,
                workbook.harness.Fork.Recipe.harnessLoop(),
                targets);
        List<Sweep.Point> points = new ArrayList<>();
        for (long n : SIZES) {
            double nanos = fixedNanos + nanosPerNumber * n;
            Measurement measurement = new Measurement(
                    config.module(), config.strategy(), Workload.of(n, 1), 2, 7, 0, new double[] {nanos, nanos, nanos});
            points.add(new Sweep.Point(n, measurement, 7));
        }
        return new Sweep.Series(config, points, Optional.empty(), settings);
    }

    private static Sweep.Result fixture() {
        Sweep.Settings settings = new Sweep.Settings(SIZES, List.of(2), 1, Sweep.Budget.QUICK, false, 1);
        return new Sweep.Result(
                TWO_CORES,
                ZonedDateTime.of(2026, 11, 30, 12, 0, 0, 0, ZoneOffset.UTC),
                settings,
                List.of(series("01", Sweep.Role.BASELINE, 0, 2.0), series("02", Sweep.Role.PARALLEL, 1_000, 0.5)));
    }

    @Test
    void speedupIsTheBaselinesTimeOverTheStrategysNotTheOtherWayRound() {
        Sweep.Result result = fixture();
        double speedup = Analysis.speedup(result.baseline(), result.series().get(1), 1_000_000)
                .orElseThrow();
        assertEquals(2e6 / (1e3 + 5e5), speedup, 1e-9);
        assertEquals(
                10 * 2.0 / (1000 + 5.0),
                Analysis.speedup(result.baseline(), result.series().get(1), 10).orElseThrow(),
                1e-9,
                "below 1 at n = 10: the fixed cost dominates");
    }

    @Test
    void theSummaryRowShowsSpeedupEfficiencyNanosPerNumberAndTheCrossover() {
        String page = ResultsPage.render(fixture(), "./workbook bench (test)", false);
        String row = page.lines()
                .filter(line -> line.startsWith("| 02 fixture"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no summary row for the fixture:\n" + page));
        List<String> cells = List.of(row.split("\\s*\\|\\s*"));
        // | strategy | median | JVMs apart | ns per number | speedup | efficiency | crossover, measured | model |
        assertEquals("501.0 µs", cells.get(2), row);
        assertEquals("-", cells.get(3), "one JVM has none to be apart from: " + row);
        assertEquals("0.501", cells.get(4), row);
        assertEquals("3.99×", cells.get(5), row);
        assertEquals("200 %", cells.get(6), row);
        assertTrue(cells.get(7).contains("1,000") || cells.get(7).contains("1e3"), () -> "measured: " + row);
        assertTrue(cells.get(8).contains("667"), () -> "the model's crossover, 1000 / 1.5: " + row);
        assertFalse(page.contains("JVMs that disagree"), "no note when no JVMs disagree");
    }

    @Test
    void jvmsThatDisagreeAtTheLargestNAreACellAndANoteWithEachMedian() {
        Sweep.Series agreeing = series("01", Sweep.Role.BASELINE, 0, 2.0);
        Sweep.Series fixture = series("02", Sweep.Role.PARALLEL, 1_000, 0.5);
        List<Sweep.Point> points = new ArrayList<>(fixture.points());
        Sweep.Point last = points.removeLast();
        points.add(new Sweep.Point(last.n(), last.measurement(), last.oracleSum(), List.of(400_000.0, 520_000.0)));
        Sweep.Series disagreeing = new Sweep.Series(fixture.config(), points, Optional.empty(), fixture.settings());
        Sweep.Result result = new Sweep.Result(
                TWO_CORES,
                ZonedDateTime.of(2026, 11, 30, 12, 0, 0, 0, ZoneOffset.UTC),
                new Sweep.Settings(SIZES, List.of(2), 1, Sweep.Budget.QUICK, false, 2),
                List.of(agreeing, disagreeing));

        String page = ResultsPage.render(result, "./workbook bench (test)", false);

        assertTrue(page.contains("| 02 fixture, 2 workers | 501.0 µs | 30 % |"), page);
        assertTrue(
                page.contains("Note: JVMs that disagree by more than 10 %, each row's median folding them together: "
                        + "02 fixture, 2 workers, 400.0 µs and 520.0 µs (30 % apart)."),
                page);
    }

    @Test
    void theFitRecoversTheFixedCostAndTheCostPerNumber() {
        Fit fit = Analysis.fit(fixture().series().get(1)).orElseThrow();
        assertEquals(1_000, fit.a(), 1e-3);
        assertEquals(0.5, fit.b(), 1e-9);
    }

    @Test
    void thePageShowsWhatEachStrategyUsed() {
        String page = ResultsPage.render(fixture(), "./workbook bench (test)", false);
        assertTrue(page.contains("**02 fixture, 2 workers**: tasks 2, workers 2"), page);
    }

    /*
     * A strategy with lanes is held to the cores times its lanes: the same made-up times, reported
     * with 8 lanes, are 3.99x of a ceiling of 16 (25 %), and the model's prediction for C cores
     * divides the cost per number by C times 8.
     */
    @Test
    void aStrategyWithLanesIsHeldToTheCoresTimesItsLanes() {
        Sweep.Settings settings = new Sweep.Settings(SIZES, List.of(2), 1, Sweep.Budget.QUICK, false, 1);
        Sweep.Result result = new Sweep.Result(
                TWO_CORES,
                ZonedDateTime.of(2026, 11, 30, 12, 0, 0, 0, ZoneOffset.UTC),
                settings,
                List.of(
                        series("01", Sweep.Role.BASELINE, 0, 2.0),
                        series("07", Sweep.Role.PARALLEL, 1_000, 0.5, List.of(), Map.of("lanes", 8))));
        assertEquals(16, Analysis.ceiling(result, result.series().get(1)));
        String page = ResultsPage.render(result, "./workbook bench (test)", false);
        String row = page.lines()
                .filter(line -> line.startsWith("| 07 fixture"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no summary row:\n" + page));
        assertEquals("25 %", List.of(row.split("\\s*\\|\\s*")).get(6), row);
        // e = 2 / (2 cores * 8 lanes * 0.5) = 0.25; on 4 cores: 2e9 / (1000 + 2e9 / (4 * 8 * 0.25)) = 8.00x.
        assertTrue(page.contains("| 07 fixture, 2 workers | 0.25 | 8.00×"), page);
    }

    @Test
    void thePredictionForMoreCoresFollowsTheModel() {
        String page = ResultsPage.render(fixture(), "./workbook bench (test)", false);
        String row = page.lines()
                .filter(line -> line.startsWith("| 02 fixture, 2 workers | 1.00 |"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no prediction row:\n" + page));
        // e = min(1, 2 / (2 cores * 0.5)) = 1; on C cores: 2e9 / (1000 + 2e9 / C).
        assertTrue(row.startsWith("| 02 fixture, 2 workers | 1.00 | 4.00×"), row);
        assertTrue(row.contains("| 8.00×") && row.contains("| 16.00×"), row);
        assertTrue(page.contains("## Predicted for more cores"), page);
    }

    @Test
    void eachTargetALessonStatesIsCheckedAgainstTheRunAndAShortfallIsSaid() {
        Sweep.Settings settings = new Sweep.Settings(SIZES, List.of(2), 1, Sweep.Budget.QUICK, false, 1);
        Sweep.Result result = new Sweep.Result(
                TWO_CORES,
                ZonedDateTime.of(2026, 11, 30, 12, 0, 0, 0, ZoneOffset.UTC),
                settings,
                List.of(
                        series("01", Sweep.Role.BASELINE, 0, 2.0),
                        // 3.99x at 1e6 on 2 cores: 1.995 per core; the crossover lies between 1e2 and 1e3.
                        series(
                                "02",
                                Sweep.Role.PARALLEL,
                                1_000,
                                0.5,
                                List.of(
                                        new Lesson.Target.Speedup(1.9),
                                        new Lesson.Target.Speedup(2.1),
                                        new Lesson.Target.CrossoverBy(1_000),
                                        new Lesson.Target.CrossoverBy(100)))));
        String page = ResultsPage.render(result, "./workbook bench (test)", false);
        assertTrue(
                page.contains("- [x] 02 fixture, 2 workers: speedup at n = 1e6 is 3.99× (target: at least 3.80×"),
                page);
        assertTrue(
                page.contains(
                        "- [ ] **short:** 02 fixture, 2 workers: speedup at n = 1e6 is 3.99× (target: at least 4.20×"),
                page);
        assertTrue(page.contains("- [x] 02 fixture, 2 workers: measured crossover at 1e3 or less"), page);
        assertTrue(page.contains("- [ ] **short:** 02 fixture, 2 workers: measured crossover at 100 or less"), page);
    }
}
