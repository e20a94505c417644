package workbook.limits;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import workbook.workshop.ExerciseChecks;
import workbook.workshop.Slip;

/** The workshop's exercise of this lesson, and what ./workbook check tells a learner who slips (ExerciseChecks). */
class ExerciseTest {
    private static final String FILE = "workbook/limits/SharedTotal.java";

    @TestFactory
    @Tag(ExerciseChecks.TAG)
    Stream<DynamicNode> exercise() {
        return ExerciseChecks.of(new LimitsLesson())
                .slowCause("shared total")
                .slip(Slip.fails(
                        "a task's failure swallowed",
                        FILE,
                        "throw new IllegalStateException(\"a chunk failed\", failed.getCause());",
                        "continue;",
                        "not done",
                        "a partial sum: a worker's failure must reach the caller"))
                .slip(Slip.fails(
                        "the local sums forgotten: the workers' return values dropped",
                        FILE,
                        "return total == null ? sum : total.get();",
                        "return total == null ? 0 : total.get();",
                        "not done",
                        "(oracle) but was"))
                .tests();
    }
}
