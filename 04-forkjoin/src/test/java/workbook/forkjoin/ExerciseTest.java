package workbook.forkjoin;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import workbook.workshop.ExerciseChecks;
import workbook.workshop.Slip;

/** The workshop's exercise of this lesson, and what ./workbook check tells a learner who slips (ExerciseChecks). */
class ExerciseTest {
    private static final String FILE = "workbook/forkjoin/ForkJoinSum.java";

    @TestFactory
    @Tag(ExerciseChecks.TAG)
    Stream<DynamicNode> exercise() {
        return ExerciseChecks.of(new ForkJoinLesson())
                .slowCause("join before compute")
                .serialCause("join before compute")
                // Right, and on one thread: the verdict leaves the parallelism cases out, the advice after it names
                // join.
                .slip(Slip.done(
                        "join before compute",
                        FILE,
                        """
                        long rightSum = right.compute();
                        long leftSum = left.join();
                        """,
                        """
                        long leftSum = left.join();
                        long rightSum = right.compute();
                        """,
                        "Lesson 04 (04-forkjoin): DONE.",
                        "Parallelism (not part of the verdict): 2 of 2 cases that check that the work runs on several"
                                + " threads at once fail:",
                        "FAIL ForkJoinSumTest > compute sums its two halves on two threads at once",
                        "FAIL ForkJoinSumTest > the left half is stolen and both halves run at once",
                        "(is join() called before compute()?)",
                        "Likely cause in lesson 04: join before compute",
                        "docs/04-forkjoin.md#pitfalls",
                        "Speed (not part of the verdict)"))
                .slip(Slip.fails(
                                "the right half starts one number late",
                                FILE,
                                "RangeSum right = new RangeSum(workload, middle, to, threshold);",
                                "RangeSum right = new RangeSum(workload, middle + 1, to, threshold);",
                                "not done",
                                "Check that the chunks cover [0, n) exactly once.")
                        // Every case: the battery's cases, which name the cover, need not be among the first failures.
                        .everyCase())
                // close() that leaves the pool open: every sum is right, and the battery finds its threads alive.
                // The first such case says it all; each waits 10 s for the threads to end, so the check stops there.
                .slip(Slip.failsAtOnce(
                        "the pool is never closed",
                        FILE,
                        "        pool.close();\n",
                        "",
                        "not done",
                        "threads started by the strategy are still alive after it returned"))
                .tests();
    }
}
