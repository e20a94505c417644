package workbook.sequential;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import workbook.workshop.ExerciseChecks;
import workbook.workshop.Slip;

/** The workshop's exercise of this lesson, and what ./workbook check tells a learner who slips (ExerciseChecks). */
class ExerciseTest {
    private static final String FILE = "workbook/sequential/Sequential.java";

    @TestFactory
    @Tag(ExerciseChecks.TAG)
    Stream<DynamicNode> exercise() {
        return ExerciseChecks.of(new SequentialLesson())
                .slowCause("stream")
                .slip(Slip.fails(
                        "the loop starts at 1",
                        FILE,
                        "for (long index = 0; index < workload.n(); index++)",
                        "for (long index = 1; index < workload.n(); index++)",
                        "Lesson 01 (01-sequential): not done",
                        "(oracle) but was"))
                .slip(Slip.fails(
                        "an int for the offsets",
                        FILE,
                        "long offsets = 0;",
                        "int offsets = 0;",
                        "not done",
                        "in [-2147483648, 2147483647]",
                        "(oracle) but was"))
                .slip(Slip.fails(
                        "lo added twice",
                        FILE,
                        "offsets += workload.offset(",
                        "offsets += workload.scale(",
                        "not done",
                        "in [7, 7]",
                        "(oracle) but was"))
                .tests();
    }
}
