package workbook.threads;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import workbook.workshop.ExerciseChecks;
import workbook.workshop.Slip;

/** The workshop's exercise of this lesson, and what ./workbook check tells a learner who slips (ExerciseChecks). */
class ExerciseTest {
    private static final String FILE = "workbook/threads/ThreadsAndQueue.java";

    @TestFactory
    @Tag(ExerciseChecks.TAG)
    Stream<DynamicNode> exercise() {
        return ExerciseChecks.of(new ThreadsAndQueueLesson())
                .slip(Slip.hangs(
                                "one take too many",
                                FILE,
                                "received < chunks.size()",
                                "received <= chunks.size()",
                                "not done: a case hangs",
                                // The learner's default limit: the check ends 10 s into the hang, not minutes.
                                "was still running after 10 s",
                                "is WAITING in ArrayBlockingQueue.take() at {file}:{line:outcomes.take()}",
                                "workers have ended",
                                "The full thread dump is in 02-threads-queue/target/exercise/check/test-output.log")
                        .withLearnersCaseTimeout())
                .slip(Slip.hangs(
                        "threads started and joined one at a time",
                        FILE,
                        """
                        threads.add(Thread.ofPlatform()
                                .name("sum-worker-" + chunk.index())
                                .start(() -> outcomes.add(sumChunk(workload, chunk))));
                        """,
                        """
                        Thread worker = Thread.ofPlatform()
                                .name("sum-worker-" + chunk.index())
                                .start(() -> outcomes.add(sumChunk(workload, chunk)));
                        threads.add(worker);
                        worker.join();
                        """,
                        "not done: a case hangs",
                        "is WAITING in Thread.join() at {file}:{line:worker.join()}"))
                .slip(Slip.hangs(
                        "a worker's failure swallowed",
                        FILE,
                        "case Failure failure -> throw new IllegalStateException(failure.chunk() + \" failed\","
                                + " failure.cause());",
                        "case Failure failure -> {}",
                        "not done: a case hangs",
                        "is WAITING in ArrayBlockingQueue.take() at {file}:{line:outcomes.take()}",
                        // Which case hangs first is JUnit's order; each says how many of its workers ended.
                        "workers have ended"))
                // The lesson's own tests fail first, with plain messages; the contract's cases say why.
                .slip(Slip.fails(
                                "the remainder dropped (n / workers by hand)",
                                FILE,
                                "List<Chunk> chunks = Chunk.split(workload.n(), workers);",
                                "List<Chunk> chunks = Chunk.split(workload.n() - workload.n() % workers, workers);",
                                "not done",
                                "(n % workers) were dropped, the tutorial's bug")
                        .everyCase())
                .tests();
    }
}
