package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Only a lesson's src/main/java holds exercise regions (each lesson's ExerciseTest checks its own
 * tests), and the fixture's exercises are up to date.
 */
class ProjectSourcesTest {
    private static final Path ROOT =
            Path.of(System.getProperty("workbook.root", "..")).toAbsolutePath().normalize();

    @Test
    void theHarnessHoldsNoExerciseRegion() {
        assertTrue(Files.isDirectory(ROOT.resolve("harness/src/main/java")), "the harness is at " + ROOT);
        assertEquals(
                List.of(),
                ExerciseChecks.regionsIn(ROOT, ROOT.resolve("harness/src")),
                "only a lesson's src/main/java holds exercise regions");
    }

    @Test
    void noFixtureTestHoldsOne() {
        Path fixture = Fixture.source();
        assertEquals(List.of(), ExerciseChecks.regionsIn(fixture, fixture.resolve("90-fixture-loop/src/test")));
        assertEquals(List.of(), ExerciseChecks.regionsIn(fixture, fixture.resolve("91-fixture-halves/src/test")));
        assertEquals(
                List.of("91-fixture-halves/src/main/java/fixture/halves/Halves.java"),
                ExerciseChecks.regionsIn(fixture, fixture.resolve("91-fixture-halves/src")),
                "and the rule sees a region where there is one");
    }

    /* The fixture's committed exercises are what its solutions generate, as a real lesson's must be. */
    @Test
    void theFixturesExercisesAreUpToDate() {
        for (String id : List.of(Fixture.LOOP, Fixture.HALVES)) {
            LessonModule lesson = Fixture.get().module(id);
            assertEquals(List.of(), Exercises.differences(lesson, ExerciseGenerator.generate(lesson)), lesson.name());
        }
    }
}
