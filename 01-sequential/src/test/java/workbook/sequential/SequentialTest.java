package workbook.sequential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import workbook.harness.CommandLineRun;
import workbook.harness.ContractBattery;
import workbook.harness.DescriptorCheck;
import workbook.harness.Oracle;
import workbook.harness.Workload;

class SequentialTest {

    /* One thread and no workers: no worker's failure can be lost, so the battery skips the fault cases. */
    @TestFactory
    Stream<DynamicNode> contract() {
        return ContractBattery.of(workers -> new Sequential())
                .workers(1)
                .withoutFaultCases()
                .tests();
    }

    @Test
    void aMillionAndThreeNumbersFromMinus3To17GiveTheOracleSum() {
        Workload workload = new Workload(1_000_003, 20261126, -3, 17);
        assertEquals(Oracle.sum(workload), new Sequential().sum(workload));
    }

    @Test
    void walkingFromPositionZeroGivesTheSameSumAsJumpingToEveryPosition() {
        Workload workload = new Workload(100_003, 7, Integer.MIN_VALUE, Integer.MAX_VALUE);
        long jumping = 0;
        for (long index = 0; index < workload.n(); index++) {
            jumping += workload.valueAt(index);
        }
        assertEquals(jumping, new Sequential().sum(workload));
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        CommandLineRun.of(new SequentialLesson()::commandLine, "--n", "-5").assertRefused("n must not be negative");
    }

    /* What ./workbook list and run show: id, module, title, every strategy summing exactly, the command line. */
    @TestFactory
    Stream<DynamicNode> descriptor() {
        return DescriptorCheck.of(new SequentialLesson()).tests();
    }
}
