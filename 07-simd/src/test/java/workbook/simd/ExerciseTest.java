package workbook.simd;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import workbook.workshop.ExerciseChecks;
import workbook.workshop.Slip;

/** The workshop's exercise of this lesson, and what ./workbook check tells a learner who slips (ExerciseChecks). */
class ExerciseTest {
    private static final String FILE = "workbook/simd/LaneKernel.java";

    @TestFactory
    @Tag(ExerciseChecks.TAG)
    Stream<DynamicNode> exercise() {
        return ExerciseChecks.of(new SimdLesson())
                .slowCause("horizontal add")
                .slip(Slip.fails(
                        "ASHR where LSHR belongs, in the scaling",
                        FILE,
                        "return mixed.lanewise(LSHR, 32).mul(span).lanewise(LSHR, 32);",
                        "return mixed.lanewise(LSHR, 32).mul(span).lanewise(jdk.incubator.vector.VectorOperators.ASHR,"
                                + " 32);",
                        "Lesson 07 (07-simd): not done",
                        "in [-2147483648, 2147483647]",
                        "(oracle) but was"))
                .slip(Slip.fails(
                        "the lanes start one number early (stateAt's + 1 left out)",
                        FILE,
                        "return positions.add(1).mul(Workload.GAMMA).add(workload.seed());",
                        "return positions.mul(Workload.GAMMA).add(workload.seed());",
                        "Lesson 07 (07-simd): not done",
                        "(oracle) but was"))
                .slip(Slip.fails(
                        "the vector loop runs past the end of the range",
                        FILE,
                        "for (; index <= to - LANES; index += LANES) {",
                        "for (; index < to; index += LANES) {",
                        "Lesson 07 (07-simd): not done",
                        "contract with one accumulator",
                        "(oracle) but was"))
                // Right, and no slower by anything a clock sees: a few numbers per slice of a million. Checked on
                // the kernel's own tests, which cover the file it changes (the lesson's others would add a
                // whole battery of vector sums, and nothing for this slip).
                .slip(Slip.done(
                                "the tail summed by the scalar loop",
                                FILE,
                                "return finish(workload, from, index, to, sums.reduceLanes(ADD));",
                                "return sums.reduceLanes(ADD) + (long) workload.lo() * (index - from) + workload.sumRange(index,"
                                        + " to);",
                                "Lesson 07 (07-simd): DONE.",
                                // Both sides are timed with the kernel the learner wrote, not the lesson's default of
                                // two.
                                "workers, --accumulators 1: the kernel you wrote")
                        .onlyClasses("^(.*\\.)?LaneKernelTest$"))
                .tests();
    }
}
