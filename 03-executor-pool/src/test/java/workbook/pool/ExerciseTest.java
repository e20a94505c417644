package workbook.pool;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import workbook.workshop.ExerciseChecks;
import workbook.workshop.Slip;

/** The workshop's exercise of this lesson, and what ./workbook check tells a learner who slips (ExerciseChecks). */
class ExerciseTest {
    private static final String FILE = "workbook/pool/ExecutorPool.java";

    @TestFactory
    @Tag(ExerciseChecks.TAG)
    Stream<DynamicNode> exercise() {
        return ExerciseChecks.of(new ExecutorPoolLesson())
                .slip(Slip.failsAtOnce(
                        "the pool never closed",
                        FILE,
                        "try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {",
                        "{ ExecutorService pool = Executors.newFixedThreadPool(workers);",
                        "not done",
                        "close the pool"))
                .slip(Slip.fails(
                        "a task's failure swallowed",
                        FILE,
                        "throw new IllegalStateException(chunks.get(i) + \" failed\", failed.getCause());",
                        "continue;",
                        "not done",
                        "a partial sum: a worker's failure must reach the caller"))
                .slip(Slip.hangs(
                        "tasks submitted and waited for one at a time",
                        FILE,
                        """
                        List<Future<Long>> futures = pool.invokeAll(jobs);
                        long total = 0;
                        for (int i = 0; i < futures.size(); i++) {
                            try {
                                total += futures.get(i).get();
                        """,
                        """
                        long total = 0;
                        for (int i = 0; i < chunks.size(); i++) {
                            try {
                                total += pool.submit(jobs.get(i)).get();
                        """,
                        "not done: a case hangs",
                        "in FutureTask.get() at {file}:{line:pool.submit(jobs.get(i)).get()}"))
                .tests();
    }
}
