package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
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
        return report(id, learnerMillis, learnerOverlap, null, false);
    }

    private static String report(
            String id, double learnerMillis, int learnerOverlap, String timedAs, boolean causeNamed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SpeedDebrief.report(
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                id,
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
        // Lesson 02 names no cause (its tests refuse the slips that would make it serial): the pitfalls, then.
        assertTrue(text.contains("Compare your code with the lesson's pitfalls: docs/04-forkjoin.md#pitfalls"), text);
    }

    @Test
    void aCauseTheParallelismAdviceNamedIsPointedAtNotRepeated() {
        String text = report("04", 190, 2, null, true);
        assertTrue(text.contains("The likely cause is the one named above. See docs/04-forkjoin.md#pitfalls"), text);
        assertTrue(!text.contains("Likely cause in lesson"), text);
        assertTrue(!report("04", 105, 2, null, true).contains("likely cause"), "no advice when fast and overlapping");
    }

    @Test
    void aLessonTimedAnotherWaySaysSoInTheFirstLine() {
        String text = report("07", 105, 2, "--accumulators 1: the kernel you wrote", false);
        assertTrue(
                text.lines()
                        .findFirst()
                        .orElseThrow()
                        .endsWith("2 cores, 2 workers, --accumulators 1: the kernel you wrote"),
                text);
    }

    /* Building lesson 07's own class needs its JVM options (WrongSolutionsTest does it); a class gone is refused here. */
    @Test
    void aClassThatNoLongerHasTheShapeFallsBackOnTheLessonsStrategy() {
        assertEquals(
                "workbook.simd.SimdSum", SpeedAdvice.timedAs("07").orElseThrow().className());
        SpeedAdvice.TimedAs gone = new SpeedAdvice.TimedAs("workbook.simd.NoSuchClass", List.of(1), "gone");
        assertTrue(SpeedDebrief.buildAs(gone, SpeedDebrief.class.getClassLoader(), 2)
                .isEmpty());
    }

    /*
     * A named cause is one the learner can read about where the advice points: the lesson page's
     * pitfalls, or the comments of the exercise file the learner is editing. Lessons whose tests
     * refuse every slip that would slow them down name none.
     */
    @Test
    void everyNamedCauseIsExplainedWhereTheLearnerLooks() {
        Map<String, String> keyWords = Map.of("01", "stream", "04", "join before compute", "07", "horizontal add");
        for (String id : List.of("01", "02", "03", "04", "05", "07")) {
            String cause = SpeedAdvice.likelyCause(id).orElse(null);
            if (!keyWords.containsKey(id)) {
                assertEquals(null, cause, "lesson " + id + "'s tests refuse the slips that would slow it down");
                continue;
            }
            String words = keyWords.get(id);
            assertTrue(cause.toLowerCase(Locale.ROOT).contains(words), cause);
            LessonModule lesson = LessonModule.find(ExercisesAreRealTest.ROOT, id);
            String where = pitfallsOf(lesson) + String.join("\n", Sandbox.lines(exerciseText(lesson)));
            assertTrue(
                    where.toLowerCase(Locale.ROOT).contains(words),
                    () -> "lesson " + id + ": neither its pitfalls nor its exercise speak of '" + words + "'");
        }
        assertTrue(SpeedAdvice.parallelismCause("04").orElseThrow().startsWith("join before compute"));
    }

    private static String pitfallsOf(LessonModule lesson) {
        try {
            String page = Files.readString(lesson.docsPage());
            int start = page.indexOf("\n## Pitfalls");
            int end = page.indexOf("\n## ", start + 1);
            return start < 0 ? "" : page.substring(start, end < 0 ? page.length() : end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String exerciseText(LessonModule lesson) {
        return String.join(
                "\n", Exercises.texts(ExerciseGenerator.generate(lesson)).values());
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
