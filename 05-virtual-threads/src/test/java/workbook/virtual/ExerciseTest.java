package workbook.virtual;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import workbook.workshop.ExerciseChecks;
import workbook.workshop.Slip;

/** The workshop's exercise of this lesson, and what ./workbook check tells a learner who slips (ExerciseChecks). */
class ExerciseTest {
    private static final String FILE = "workbook/virtual/VirtualThreads.java";

    @TestFactory
    @Tag(ExerciseChecks.TAG)
    Stream<DynamicNode> exercise() {
        return ExerciseChecks.of(new VirtualThreadsLesson())
                // The lesson's tests want every chunk waiting for its reply at the same moment; a pool of two never
                // gets there.
                .slip(Slip.hangs(
                        "a fixed pool where virtual threads belong",
                        FILE,
                        "try (ExecutorService threadPerChunk = Executors.newVirtualThreadPerTaskExecutor()) {",
                        "try (ExecutorService threadPerChunk = Executors.newFixedThreadPool(2)) {",
                        "Lesson 05 (05-virtual-threads): not done: a case hangs.",
                        "WAITING in FutureTask.get() at {file}:{line:return pending.get();}",
                        "pool-"))
                .tests();
    }
}
