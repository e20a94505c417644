package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import workbook.harness.Measurement;
import workbook.harness.Timeline;
import workbook.harness.Workload;

class SpeedDebriefTest {
    private static final Workload WORKLOAD = Workload.of(100_000_000L, 1);

    private static Measurement measured(String who, double millis) {
        return new Measurement(who, "s", WORKLOAD, 2, 42, 1, new double[] {millis * 1e6, millis * 1e6, millis * 1e6});
    }

    private static String report(String id, double learnerMillis, int learnerOverlap) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SpeedDebrief.report(
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                id,
                "docs/04-forkjoin.md#pitfalls",
                WORKLOAD,
                2,
                2,
                List.of(
                        measured("your code", learnerMillis),
                        measured("the solution", 100),
                        measured("lesson 01", 200)),
                learnerOverlap,
                2);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFastLearnerGetsTheMediansTheSpeedupAndTheCoresAndNoAdvice() {
        String text = report("04", 105, 2);
        assertTrue(text.contains("n = 100,000,000, median of 3 interleaved rounds, 2 cores, 2 workers"), text);
        assertTrue(text.contains("  your code         105 ms   1.90x over lesson 01"), text);
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
        String text = report("02", 100, 1);
        assertTrue(text.contains("never ran at the same time (the solution ran up to 2 at once)"), text);
        assertTrue(text.contains("Likely cause in lesson 02: threads started and joined one at a time"), text);
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
        assertEquals(
                "docs/04-forkjoin.md#pitfalls",
                SpeedAdvice.pitfallsLink(ExercisesAreRealTest.ROOT.resolve("docs"), "04-forkjoin"));
        assertEquals("docs/99-none.md", SpeedAdvice.pitfallsLink(ExercisesAreRealTest.ROOT.resolve("docs"), "99-none"));
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
