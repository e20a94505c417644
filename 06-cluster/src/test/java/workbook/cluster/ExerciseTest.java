package workbook.cluster;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import workbook.workshop.ExerciseChecks;
import workbook.workshop.Slip;

/** The workshop's exercise of this lesson, and what ./workbook check tells a learner who slips (ExerciseChecks). */
class ExerciseTest {

    @TestFactory
    @Tag(ExerciseChecks.TAG)
    Stream<DynamicNode> exercise() {
        return ExerciseChecks.of(new ClusterLesson())
                // Only the class that says it: a cluster's whole run takes a minute.
                .slip(Slip.failsAtOnce(
                                "every chunk sent to the first member",
                                "workbook/cluster/ClusterSum.java",
                                "Member member = members.get(chunk.index() % members.size());",
                                "Member member = members.get(0);",
                                "not done",
                                "FAIL ClusterSumTest > chunks really run on every member")
                        .onlyClasses("^(.*\\.)?ClusterSumTest$"))
                .tests();
    }
}
