package workbook.workshop;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The verdicts a check gives, end to end (javac, a JVM of the lesson's tests, the verdict as
 * printed), on the fixture's lesson 91, through the very proof every real lesson runs on its own
 * exercise ({@link ExerciseChecks}): AT_TODO (the stub, through the checker), NOT_DONE,
 * DOES_NOT_COMPILE, HUNG (with the diagnosis at the learner's file and line) and TIMED_OUT. DONE,
 * with the parallelism advice both ways and the speed debrief, and AT_TODO as printed, are the
 * learner loop's ({@link LearnerLoopTest}).
 */
@ExtendWith(Fixture.Lessons.class)
class FixtureVerdictsTest {
    private static final String FILE = Fixture.HALVES_FILE;
    private static final String HINT_OFFER =
            "Stuck? ./workbook hint 91 shows hint 1 of 3, from a nudge to nearly the answer (all of them:"
                    + " docs/91-fixture-halves.md#hints).";

    @TestFactory
    @Tag(ExerciseChecks.TAG)
    Stream<DynamicNode> lesson91() {
        return ExerciseChecks.of(Fixture.get().lesson(Fixture.HALVES))
                .slowCause("join before compute")
                .serialCause("the halves took turns")
                .slip(Slip.fails(
                        "the right half starts one number late",
                        FILE,
                        "long right = workload.sumRange(middle, workload.n());",
                        "long right = workload.sumRange(middle + 1, workload.n());",
                        "Lesson 91 (91-fixture-halves): not done: 6 of 6 cases fail.",
                        "  FAIL HalvesTest > the halves cover every number once > n = 0\n"
                                + "       range [1, 0) is not inside [0, 0)",
                        "  FAIL HalvesTest > the halves cover every number once > n = 7\n"
                                + "       the halves must cover [0, n) once ==> expected: <",
                        HINT_OFFER))
                .slip(Slip.failsAtOnce(
                        "a name misspelt",
                        FILE,
                        "return left[0] + right;",
                        "return left[0] + rigth;",
                        "Lesson 91 (91-fixture-halves): not done: your code does not compile.\n"
                                + "  {file}:{line:rigth}: cannot find symbol",
                        HINT_OFFER))
                .slip(Slip.hangs(
                                "a latch nobody counts down",
                                FILE,
                                "helper.join();",
                                "helper.join(); new java.util.concurrent.CountDownLatch(1).await();",
                                "Lesson 91 (91-fixture-halves): not done: a case hangs.\n"
                                        + "  HalvesTest > the halves cover every number once > n = 0\n"
                                        + "  was still running after 2 s (the limit is 2 s; --case-timeout changes"
                                        + " it), so the check stopped there and looked at its threads:\n"
                                        + "  The thread that called Halves.sum() (main) is WAITING in"
                                        + " CountDownLatch.await() at {file}:{line:await()}; 1 of 1 worker has"
                                        + " ended.",
                                "  The full thread dump is in 91-fixture-halves/target/exercise/check/test-output.log.",
                                HINT_OFFER)
                        .with(settings -> settings.withCaseTimeout(Duration.ofSeconds(2))))
                // The whole run's backstop, with no hang watch to find the hang first.
                .slip(Slip.failsAtOnce(
                                "a latch nobody counts down, and no hang watch",
                                FILE,
                                "helper.join();",
                                "helper.join(); new java.util.concurrent.CountDownLatch(1).await();",
                                "Lesson 91 (91-fixture-halves): not done: the tests were still running after 3 s, so"
                                        + " they were stopped. Test output:"
                                        + " 91-fixture-halves/target/exercise/check/test-output.log",
                                HINT_OFFER)
                        .with(settings ->
                                settings.withCaseTimeout(Duration.ZERO).withTimeLimit(Duration.ofSeconds(3))))
                .tests();
    }
}
