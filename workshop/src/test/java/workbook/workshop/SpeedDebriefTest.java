package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import workbook.harness.Measurement;
import workbook.harness.Timeline;
import workbook.harness.Workload;

class SpeedDebriefTest {
    private static final Workload WORKLOAD = Workload.of(100_000_000L, 1);

    private static Measurement measured(String who, double millis) {
        return new Measurement(who, "s", WORKLOAD, 2, 42, 1, new double[] {millis * 1e6, millis * 1e6, millis * 1e6});
    }

    /** The cause a lesson's descriptor names when the learner's code is slow (lesson 04's words, say). */
    private static final String CAUSE = "join before compute, in RangeSum.compute()";

    private static String report(String id, double learnerMillis, int learnerOverlap) {
        return report(id, Optional.of(CAUSE), learnerMillis, learnerOverlap, null, false);
    }

    private static String report(
            String id,
            Optional<String> slowCause,
            double learnerMillis,
            int learnerOverlap,
            String timedAs,
            boolean causeNamed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SpeedDebrief.report(
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                id,
                slowCause,
                "docs/04-forkjoin.md#pitfalls",
                WORKLOAD,
                2,
                2,
                timedAs,
                List.of(
                        measured("your code", learnerMillis),
                        measured("the solution", 100),
                        measured("lesson 01", 200)),
                learnerOverlap,
                2,
                causeNamed);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFastLearnerGetsTheMediansTheSpeedupAndTheCoresAndNoAdvice() {
        String text = report("04", 105, 2);
        assertTrue(text.contains("n = 100,000,000, median of 3 interleaved rounds, 2 cores, 2 workers"), text);
        assertTrue(text.contains("  your code       105.0 ms   1.90x over lesson 01"), text);
        assertTrue(
                text.contains(
                        "Your code is 1.90x faster than lesson 01 on 2 cores, and about as fast as the solution (1.05x its time)."),
                text);
        assertTrue(!text.contains("Likely cause"), text);
    }

    @Test
    void aSlowLearnerGetsTheLessonsLikelyCauseAndThePitfallsLink() {
        String text = report("04", 190, 2);
        assertTrue(text.contains("and takes 1.9x the solution's time."), text);
        assertTrue(text.contains("Likely cause in lesson 04: join before compute"), text);
        assertTrue(text.contains("See docs/04-forkjoin.md#pitfalls"), text);
    }

    @Test
    void piecesThatNeverOverlapGetTheAdviceWhateverTheClockSays() {
        String text = report("02", Optional.empty(), 100, 1, null, false);
        assertTrue(text.contains("never ran at the same time (the solution ran up to 2 at once)"), text);
        // A lesson that names no cause (its tests refuse the slips that would make it serial): the pitfalls, then.
        assertTrue(text.contains("Compare your code with the lesson's pitfalls: docs/04-forkjoin.md#pitfalls"), text);
        assertTrue(!text.contains("Likely cause"), text);
    }

    @Test
    void aCauseTheParallelismAdviceNamedIsPointedAtNotRepeated() {
        String text = report("04", Optional.of(CAUSE), 190, 2, null, true);
        assertTrue(text.contains("The likely cause is the one named above. See docs/04-forkjoin.md#pitfalls"), text);
        assertTrue(!text.contains("Likely cause in lesson"), text);
        assertTrue(
                !report("04", Optional.of(CAUSE), 105, 2, null, true).contains("likely cause"),
                "no advice when fast and overlapping");
    }

    @Test
    void aLessonTimedAnotherWaySaysSoInTheFirstLine() {
        String text = report("07", Optional.empty(), 105, 2, "--accumulators 1: the kernel you wrote", false);
        assertTrue(
                text.lines()
                        .findFirst()
                        .orElseThrow()
                        .endsWith("2 cores, 2 workers, --accumulators 1: the kernel you wrote"),
                text);
    }

    /*
     * Without a baseline (a lesson that is itself the baseline, or none built), the ratio to the
     * solution is the whole verdict of the clock.
     */
    @Test
    void withoutABaselineTheRatioToTheSolutionIsSaid() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SpeedDebrief.report(
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "90",
                Optional.empty(),
                "docs/90-fixture-loop.md",
                WORKLOAD,
                2,
                1,
                null,
                List.of(measured("your code", 140), measured("the solution", 100)),
                1,
                1,
                false);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.lines().findFirst().orElseThrow().endsWith("2 cores, 1 worker"), text);
        assertTrue(text.contains("Your code takes 1.40x the solution's time on 2 cores."), text);
        assertTrue(text.contains("Compare your code with the lesson's pitfalls: docs/90-fixture-loop.md"), text);
        assertTrue(!text.contains(" over "), "no speedup column without a baseline: " + text);
    }

    /*
     * The debrief's n is chosen for its budget: a budget far below one run of the smallest n gives
     * the smallest (and the check a learner runs gives 300 ms).
     */
    @Test
    void theBudgetSetsTheDebriefsN() throws InterruptedException {
        assertEquals(Duration.ofMillis(300), SpeedDebrief.TARGET_BASELINE_RUN);
        assertEquals(Duration.ofMillis(300), Workshop.CheckSettings.defaults().debriefRun(), "a learner's check");
        assertEquals(10_000_000L, SpeedDebrief.calibratedN(Workload::sumAll, 1));
    }

    @Test
    void howManyPiecesRanAtOnce() {
        Timeline.Piece first = new Timeline.Piece(0, "a", 0, 10, 0, 100, Map.of());
        Timeline.Piece second = new Timeline.Piece(0, "b", 10, 20, 100, 200, Map.of());
        Timeline.Piece overlapping = new Timeline.Piece(0, "c", 20, 30, 50, 150, Map.of());
        assertEquals(1, SpeedDebrief.mostAtOnce(List.of(first, second)), "touching is not overlapping");
        assertEquals(2, SpeedDebrief.mostAtOnce(List.of(first, second, overlapping)));
    }

    @Test
    void nIsANiceRoundNumberNearTheWantedOne() {
        assertEquals(100_000_000L, SpeedDebrief.niceN(1.2e8));
        assertEquals(200_000_000L, SpeedDebrief.niceN(1.6e8));
        assertEquals(10_000_000L, SpeedDebrief.niceN(1e3));
        assertEquals(5_000_000_000L, SpeedDebrief.niceN(1e12));
    }

    @Test
    void thePitfallsLinkFollowsThePagesHeading() {
        assertEquals("pitfalls", SpeedAdvice.anchor("Pitfalls"));
        assertEquals("other-pitfalls", SpeedAdvice.anchor("Other pitfalls"));
        assertEquals("pitfall-one-shared-javautilrandom", SpeedAdvice.anchor("Pitfall: one shared `java.util.Random`"));
        Path docs = Fixture.source().resolve("docs");
        assertEquals("docs/91-fixture-halves.md#pitfalls", SpeedAdvice.pitfallsLink(docs, "91-fixture-halves"));
        assertEquals("docs/90-fixture-loop.md#pitfalls-of-the-loop", SpeedAdvice.pitfallsLink(docs, "90-fixture-loop"));
        assertEquals("docs/99-none.md", SpeedAdvice.pitfallsLink(docs, "99-none"));
    }

    @Test
    void methodNamesAreShownAsWords() {
        assertEquals("the sum is exact", LessonTests.words("theSumIsExact()"));
        assertEquals("the json line carries the oracle sum", LessonTests.words("theJsonLineCarriesTheOracleSum()"));
        assertEquals("reads JSON file", LessonTests.words("readsJSONFile()"));
        assertEquals("n = 5 with 8 workers", LessonTests.words("n = 5 with 8 workers"));
        assertEquals("ThreadsAndQueueTest", LessonTests.words("ThreadsAndQueueTest"));
        assertEquals("contract", LessonTests.words("contract()"));
        assertEquals("fails with a clear error", LessonTests.words("failsWithAClearError()"));
        assertEquals("n 5 workers", LessonTests.words("n5Workers()"));
    }
}
