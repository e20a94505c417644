package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import workbook.workshop.ExerciseCheck.Failure;
import workbook.workshop.ExerciseCheck.Result;
import workbook.workshop.ExerciseCheck.State;

/**
 * What the advice after a DONE says for each outcome of the parallelism run, on the fixture's
 * lesson 91 (the run itself: {@link FixtureVerdictsTest} and {@link LearnerLoopTest}).
 */
class ParallelismAdviceTest {
    private static final String LINK = "docs/91-fixture-halves.md#pitfalls";

    private record Said(boolean causeNamed, String text) {}

    private static LessonModule halves() {
        return Fixture.get().module(Fixture.HALVES);
    }

    private static Said report(Result result) {
        StringWriter text = new StringWriter();
        boolean named =
                ParallelismAdvice.report(halves(), result, Duration.ofSeconds(10), LINK, new PrintWriter(text, true));
        return new Said(named, text.toString().replace(System.lineSeparator(), "\n"));
    }

    private static Result result(State state, int tests, List<Failure> failures, ExerciseCheck.Hang hang) {
        Path log = halves().workDir().resolve("parallelism/test-output.log");
        return new Result(state, tests, failures, List.of(), log, false, hang, null);
    }

    @Test
    void passingCasesSaySoInOneLineAndNameNoCause() {
        Said said = report(result(State.DONE, 2, List.of(), null));
        assertFalse(said.causeNamed());
        assertEquals(
                "Parallelism (not part of the verdict): all 2 cases that check that the work runs on several"
                        + " threads at once pass.\n",
                said.text());
        assertEquals(
                "Parallelism (not part of the verdict): the case that checks that the work runs on several"
                        + " threads at once passes.\n",
                report(result(State.DONE, 1, List.of(), null)).text());
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
                List.of(new Failure("HalvesTest > halves at once", "ran one after the other", false)),
                null));
        assertTrue(said.causeNamed());
        String text = said.text();
        assertTrue(
                text.startsWith("Parallelism (not part of the verdict): 1 of 2 cases that check that the work"
                        + " runs on several threads at once fails:\n"),
                text);
        assertTrue(text.contains("  FAIL HalvesTest > halves at once\n       ran one after the other\n"), text);
        assertTrue(
                text.contains("Your sum is right; the work did not run at the same time on several threads, as it"
                        + " should.\n"),
                text);
        // The lesson's serial cause, not its slow one: the pieces took turns.
        assertTrue(text.contains("Likely cause in lesson 91: the halves took turns"), text);
        assertTrue(text.strip().endsWith("See " + LINK), text);
        String one = report(result(State.NOT_DONE, 1, List.of(new Failure("HalvesTest > at once", "no", false)), null))
                .text();
        assertTrue(
                one.startsWith("Parallelism (not part of the verdict): 1 of 1 case that checks that the work runs on"
                        + " several threads at once fails:\n"),
                one);
    }

    @Test
    void aHangingCaseIsReadLikeAnyHangAndStillOnlyAdvice() {
        Said said = report(result(
                State.HUNG,
                0,
                List.of(),
                new ExerciseCheck.Hang(
                        "HalvesTest > halves at once",
                        10_400,
                        List.of("main is WAITING in Thread.join() at Halves.java:20"),
                        null)));
        assertTrue(said.causeNamed());
        String text = said.text();
        assertTrue(text.contains("was still running after 10 s (the limit is 10 s"), text);
        assertTrue(text.contains("  main is WAITING in Thread.join() at Halves.java:20"), text);
        assertTrue(
                text.contains(
                        "The full thread dump is in 91-fixture-halves/target/exercise/parallelism/test-output.log"),
                text);
        assertTrue(text.contains("Likely cause in lesson 91"), text);
    }

    @Test
    void aLessonWithoutACauseIsPointedAtItsPitfalls() {
        StringWriter text = new StringWriter();
        boolean named = ParallelismAdvice.report(
                Fixture.get().module(Fixture.LOOP),
                result(State.NOT_DONE, 1, List.of(new Failure("LoopTest > at once", "no", false)), null),
                Duration.ofSeconds(10),
                "docs/90-fixture-loop.md#pitfalls-of-the-loop",
                new PrintWriter(text, true));
        assertTrue(named, "a failing case is advice, with or without a cause");
        assertTrue(
                text.toString()
                        .contains(
                                "Compare your code with the lesson's pitfalls: docs/90-fixture-loop.md#pitfalls-of-the-loop"),
                text.toString());
    }

    @Test
    void onlyLessonsWhoseTestsCarryTheTagAreRunAgain() {
        assertTrue(halves().mayHaveTestsTagged(LessonTests.PARALLELISM));
        assertFalse(Fixture.get().module(Fixture.LOOP).mayHaveTestsTagged(LessonTests.PARALLELISM));
    }
}
