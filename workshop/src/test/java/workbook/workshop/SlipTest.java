package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a slip is written into the solution, and how a check of it runs. */
class SlipTest {
    private static final String SOLUTION = """
            class A {
                long a(long n) {
                    long total = 0;
                    for (long i = 0; i < n; i++) {
                        total += i;
                    }
                    return total;
                }
            }
            """;

    @Test
    void aOneLineSnippetIsReplacedWhereItStands() {
        Slip slip = Slip.fails("off by one", "A.java", "i < n", "i <= n", "not done");
        assertEquals(SOLUTION.replace("i < n", "i <= n"), slip.apply(SOLUTION));
    }

    @Test
    void aSnippetOfSeveralLinesMatchesWholeLinesAndTheReplacementTakesTheirIndentation() {
        Slip slip = Slip.fails("the loop gone", "A.java", """
                for (long i = 0; i < n; i++) {
                total += i;
                }
                """, """
                    total = n * (n - 1) / 2;
                    if (n < 0) {
                        total = 0;
                    }
                """, "not done");
        assertEquals("""
                class A {
                    long a(long n) {
                        long total = 0;
                        total = n * (n - 1) / 2;
                        if (n < 0) {
                            total = 0;
                        }
                        return total;
                    }
                }
                """, slip.apply(SOLUTION));
    }

    @Test
    void aSnippetThatIsGoneOrNotUniqueIsRefusedSoTheSlipIsPointedAtTheLessonsCode() {
        AssertionError gone = assertThrows(AssertionError.class, () -> Slip.fails("gone", "A.java", "i < m", "x", "y")
                .apply(SOLUTION));
        assertTrue(
                gone.getMessage().startsWith("the slip 'gone': the snippet occurs nowhere in A.java"),
                gone.getMessage());
        AssertionError twice = assertThrows(AssertionError.class, () -> Slip.fails("twice", "A.java", "total", "x", "y")
                .apply(SOLUTION));
        assertTrue(twice.getMessage().contains("occurs more than once"), twice.getMessage());
    }

    @Test
    void fileAndLinePlaceholdersAreFilledFromTheLearnersFile() {
        assertEquals(
                "at ex/A.java:5 and 7",
                Slip.fill("at {file}:{line:total += i} and {line:return}", "ex/A.java", SOLUTION));
    }

    @Test
    void eachKindOfSlipIsCheckedTheWayItsWordsNeed() {
        Workshop.CheckSettings fails = Slip.fails("a", "A.java", "x", "y").settings();
        assertEquals(Workshop.FAILURES_SHOWN, fails.maxFailures(), "as a learner reads it");
        assertEquals(Slip.PATIENT, fails.caseTimeout());
        assertEquals(false, fails.timing());
        assertEquals(1, Slip.failsAtOnce("a", "A.java", "x", "y").settings().maxFailures());
        Workshop.CheckSettings hangs = Slip.hangs("a", "A.java", "x", "y").settings();
        assertEquals(Slip.SHORT_HANG, hangs.caseTimeout());
        assertEquals(1, hangs.maxFailures());
        assertEquals(
                ExerciseCheck.DEFAULT_CASE_TIMEOUT,
                Slip.hangs("a", "A.java", "x", "y")
                        .withLearnersCaseTimeout()
                        .settings()
                        .caseTimeout());
        Workshop.CheckSettings done = Slip.done("a", "A.java", "x", "y").settings();
        assertTrue(done.all() && done.timing() && done.maxFailures() == 0, done.toString());
        assertEquals(Slip.SHORT_DEBRIEF, done.debriefRun());
        Workshop.CheckSettings untimed =
                Slip.doneUntimed("a", "A.java", "x", "y").settings();
        assertTrue(untimed.all() && !untimed.timing(), untimed.toString());
        assertEquals(
                "^X$",
                Slip.fails("a", "A.java", "x", "y")
                        .onlyClasses("^X$")
                        .settings()
                        .classes());
        assertEquals(ExerciseCheck.DEFAULT_TIME_LIMIT, fails.timeLimit(), "the learner's backstop");
        assertTrue(Slip.SHORT_HANG.compareTo(Duration.ofSeconds(5)) <= 0);
    }

    @Test
    void theLongestChecksStartFirst() {
        long learnersHang =
                Slip.hangs("a", "A.java", "x", "y").withLearnersCaseTimeout().weight();
        long everyCase = Slip.fails("a", "A.java", "x", "y").everyCase().weight();
        long hang = Slip.hangs("a", "A.java", "x", "y").weight();
        long noWatch = Slip.failsAtOnce("a", "A.java", "x", "y")
                .with(settings -> settings.withCaseTimeout(Duration.ZERO).withTimeLimit(Duration.ofSeconds(3)))
                .weight();
        long fails = Slip.fails("a", "A.java", "x", "y").weight();
        assertTrue(
                learnersHang > everyCase && everyCase > hang && hang > noWatch && noWatch > fails,
                List.of(learnersHang, everyCase, hang, noWatch, fails).toString());
    }
}
