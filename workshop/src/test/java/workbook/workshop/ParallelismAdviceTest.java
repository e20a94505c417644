package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import workbook.workshop.ExerciseCheck.Failure;
import workbook.workshop.ExerciseCheck.Result;
import workbook.workshop.ExerciseCheck.State;

/** What the advice after a DONE says for each outcome of the parallelism run (the run itself: WrongSolutionsTest). */
class ParallelismAdviceTest {
    private static final LessonModule LESSON_04 = LessonModule.find(ExercisesAreRealTest.ROOT, "04");
    private static final String LINK = "docs/04-forkjoin.md#pitfalls";
    private static final Path LOG = LESSON_04.workDir().resolve("parallelism/test-output.log");

    private record Said(boolean causeNamed, String text) {}

    private static Said report(Result result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean named = ParallelismAdvice.report(
                LESSON_04, result, Duration.ofSeconds(10), LINK, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Said(named, bytes.toString(StandardCharsets.UTF_8));
    }

    private static Result result(State state, int tests, List<Failure> failures, ExerciseCheck.Hang hang) {
        return new Result(state, tests, failures, List.of(), LOG, false, hang, null);
    }

    @Test
    void passingCasesSaySoInOneLineAndNameNoCause() {
        Said said = report(result(State.DONE, 2, List.of(), null));
        assertFalse(said.causeNamed());
        assertEquals(
                "Parallelism (not part of the verdict): all 2 cases that check that the work runs on several"
                        + " threads at once pass.\n",
                said.text());
    }

    @Test
    void aLessonWithoutParallelismCasesGetsNoLine() {
        assertEquals("", report(result(State.DONE, 0, List.of(), null)).text());
    }

    @Test
    void aFailingCaseIsShownWithItsMessageTheLikelyCauseAndThePitfalls() {
        Said said = report(result(
                State.NOT_DONE,
                2,
                List.of(new Failure("ForkJoinSumTest > halves at once", "ran one after the other", false)),
                null));
        assertTrue(said.causeNamed());
        String text = said.text();
        assertTrue(
                text.startsWith("Parallelism (not part of the verdict): 1 of 2 cases that check that the work"
                        + " runs on several threads at once fails:\n"),
                text);
        assertTrue(text.contains("  FAIL ForkJoinSumTest > halves at once\n       ran one after the other\n"), text);
        assertTrue(text.contains("Likely cause in lesson 04: join before compute"), text);
        assertTrue(text.strip().endsWith("See " + LINK), text);
    }

    @Test
    void aHangingCaseIsReadLikeAnyHangAndStillOnlyAdvice() {
        Said said = report(result(
                State.HUNG,
                0,
                List.of(),
                new ExerciseCheck.Hang(
                        "ForkJoinSumTest > halves at once",
                        10_400,
                        List.of("main is WAITING in ForkJoinTask.join() at ForkJoinSum.java:99"),
                        null)));
        assertTrue(said.causeNamed());
        String text = said.text();
        assertTrue(text.contains("was still running after 10 s (the limit is 10 s"), text);
        assertTrue(text.contains("  main is WAITING in ForkJoinTask.join() at ForkJoinSum.java:99"), text);
        assertTrue(
                text.contains("The full thread dump is in 04-forkjoin/target/exercise/parallelism/test-output.log"),
                text);
        assertTrue(text.contains("Likely cause in lesson 04"), text);
    }

    @Test
    void onlyLessonsWhoseTestsCarryTheTagAreRunAgain() {
        assertTrue(LESSON_04.mayHaveTestsTagged(LessonTests.PARALLELISM));
        assertFalse(LessonModule.find(ExercisesAreRealTest.ROOT, "01").mayHaveTestsTagged(LessonTests.PARALLELISM));
    }
}
