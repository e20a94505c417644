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
                // One number late, the walk steps over the state it stops at: at n = 0 it never stops.
                .slip(Slip.hangs(
                                "the walk starts one number late",
                                FILE,
                                "for (long state = workload.stateAt(0); state != end; state += Workload.GAMMA)",
                                "for (long state = workload.stateAt(1); state != end; state += Workload.GAMMA)",
                                "Lesson 01 (01-sequential): not done: a case hangs.",
                                "n=0 in [0, 10]",
                                "is RUNNABLE at {file}:{line:state != end}, in Sequential.sum(): still computing",
                                "Before it, 2 cases failed:",
                                "differs from the oracle's")
                        .everyCase())
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
