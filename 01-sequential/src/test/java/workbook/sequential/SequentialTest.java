package workbook.sequential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import workbook.harness.ContractBattery;
import workbook.harness.Lesson;
import workbook.harness.Oracle;
import workbook.harness.Workload;

class SequentialTest {

    @TestFactory
    Stream<DynamicNode> contract() {
        return ContractBattery.of(workers -> new Sequential()).workers(1).tests();
    }

    @Test
    void theIssueExampleGivesTheOracleSum() {
        Workload workload = new Workload(1_000_003, 20261126, -3, 17);
        assertEquals(Oracle.sum(workload), new Sequential().sum(workload));
    }

    @Test
    void lessonIsDiscoverable() {
        assertEquals(
                1,
                Lesson.discover().stream()
                        .filter(lesson -> lesson.id().equals("01"))
                        .count());
    }
}
