package workbook.workshop;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import workbook.workshop.ExerciseCheck.Failure;
import workbook.workshop.ExerciseCheck.Result;

/**
 * After a DONE: the lesson's tests tagged {@value LessonTests#PARALLELISM}, run on the classes the
 * verdict's run compiled. They check that work runs at the same time on several threads (lesson
 * 04's two halves on two threads at once), a property of speed, not of the answer: the verdict
 * leaves them out, and what they find is advice. A failing one is shown with the test's own
 * message, the lesson's likely cause and the link to its pitfalls; a hang is read as any other
 * (the same per-case limit and thread dump). The verdict stands whatever happens here. The
 * build (Maven, CI) runs these tests like any other, so there the same slip fails a test.
 *
 * <p>It is not a timing: {@code --no-timing} does not skip it.
 */
final class ParallelismAdvice {
    static final String HEADING = "Parallelism (not part of the verdict): ";

    /** The backstop of this run; its cases are a few, each well under a second when all is well. */
    private static final Duration TIME_LIMIT = Duration.ofMinutes(3);

    private ParallelismAdvice() {}

    /**
     * Runs the lesson's parallelism tests on {@code verdict}'s classes, prints what they found,
     * and returns whether it named a likely cause (so the speed debrief need not name it again).
     * Prints nothing for a lesson that has no such tests.
     */
    static boolean give(
            LessonModule lesson,
            Result verdict,
            Map<String, String> learnerFiles,
            Duration caseTimeout,
            String pitfallsLink,
            PrintWriter out) {
        if (verdict.classes() == null) {
            return false;
        }
        Result result;
        try { // whatever goes wrong here, the verdict stands: one line, and no cause named
            if (!lesson.mayHaveTestsTagged(LessonTests.PARALLELISM)) {
                return false;
            }
            result = ExerciseCheck.rerun(
                    lesson,
                    verdict.classes(),
                    lesson.workDir().resolve("parallelism"),
                    ExerciseCheck.Options.defaults()
                            .withTimeLimit(TIME_LIMIT)
                            .withCaseTimeout(caseTimeout)
                            .parallelismOnly(),
                    learnerFiles);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            out.println(HEADING + "not checked: " + e.getMessage());
            return false;
        }
        return report(lesson, result, caseTimeout, pitfallsLink, out);
    }

    /** The lines a learner reads; true when a likely cause was named. */
    static boolean report(
            LessonModule lesson, Result result, Duration caseTimeout, String pitfallsLink, PrintWriter out) {
        switch (result.state()) {
            case DONE -> {
                if (result.tests() > 0) {
                    out.println(HEADING
                            + (result.tests() == 1
                                    ? "the case that checks that the work runs on several threads at once passes."
                                    : "all " + result.tests()
                                            + " cases that check that the work runs on several threads at once pass."));
                }
                return false;
            }
            case HUNG -> {
                ExerciseCheck.Hang hang = result.hang();
                out.printf(
                        Locale.ROOT,
                        "%sa case that checks that the work runs on several threads at once was still running"
                                + " after %d s (the limit is %d s; --case-timeout changes it), so it was stopped:%n",
                        HEADING,
                        hang.millis() / 1000,
                        caseTimeout.toSeconds());
                out.println("  " + hang.test());
                hang.diagnosis().forEach(line -> out.println("  " + line));
                out.println("  The full thread dump is in " + lesson.shown(result.log()) + ".");
            }
            case TIMED_OUT -> {
                out.println(HEADING + "its cases were still running after " + TIME_LIMIT.toMinutes()
                        + " minutes, so they were stopped. Test output: " + lesson.shown(result.log()));
                return false;
            }
            case DOES_NOT_COMPILE -> {
                return false; // the verdict's run compiled these very classes
            }
            case AT_TODO, NOT_DONE -> {
                List<Failure> failures = result.failures();
                out.println(HEADING + failures.size() + " of " + result.tests()
                        + (result.tests() == 1 ? " case that checks" : " cases that check")
                        + " that the work runs on several threads at once "
                        + (failures.size() == 1 ? "fails" : "fail") + ":");
                for (Failure failure : failures) {
                    out.println("  FAIL " + failure.test());
                    out.println("       " + Workshop.abbreviated(failure.message()));
                }
            }
        }
        out.println("Your sum is right; the work did not run at the same time on several threads, as it should.");
        lesson.lesson()
                .advice()
                .serialOrSlowCause()
                .ifPresentOrElse(
                        cause -> out.println(
                                "Likely cause in lesson " + lesson.id() + ": " + cause + ". See " + pitfallsLink),
                        () -> out.println("Compare your code with the lesson's pitfalls: " + pitfallsLink));
        return true;
    }

    /** The learner's files, as the hang diagnosis looks for them: path in the exercise to how it is shown. */
    static Map<String, String> learnerFiles(LessonModule lesson) {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        for (String path : ExerciseCheck.read(lesson.exerciseSources()).keySet()) {
            if (path.endsWith(".java")) {
                files.put(path, lesson.shown(lesson.exerciseSources().resolve(path)));
            }
        }
        return files;
    }
}
