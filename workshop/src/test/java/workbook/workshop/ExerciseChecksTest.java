package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/** What ExerciseChecks refuses before it starts a check (what it proves: {@link FixtureVerdictsTest}). */
@ExtendWith(Fixture.Lessons.class)
@Isolated // it sets a system property that ExerciseChecks reads
class ExerciseChecksTest {

    @Test
    void aFactoryWithoutTheTagIsRefusedForACheckWouldRunItAgain() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, this::untagged);
        assertTrue(
                refused.getMessage()
                        .contains("ExerciseChecksTest.untagged calls ExerciseChecks.tests() without"
                                + " @Tag(ExerciseChecks.TAG)"),
                refused.getMessage());
    }

    /* Not a @TestFactory itself (JUnit would run it): any caller without the tag is refused. */
    Stream<DynamicNode> untagged() {
        return ExerciseChecks.of(Fixture.get().lesson(Fixture.HALVES)).tests();
    }

    @Test
    void insideACheckItRefusesToRun() {
        System.setProperty(LessonTests.CHECKING, "true");
        try {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ExerciseChecks.of(
                            Fixture.get().lesson(Fixture.HALVES))
                    .tests());
            assertTrue(refused.getMessage().contains("must carry @Tag(ExerciseChecks.TAG)"), refused.getMessage());
        } finally {
            System.clearProperty(LessonTests.CHECKING);
        }
    }

    @Test
    void aDescriptorNotBuiltInItsModuleIsRefused() {
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> ExerciseChecks.of(new StubLesson("09-example")));
        assertTrue(
                refused.getMessage().startsWith("lesson 09's descriptor is not built in its module's target folder"),
                refused.getMessage());
    }
}
