package workbook.pool.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import workbook.harness.CommandLineRun;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;

class SplittableRandomStreamTest {

    @Test
    void theLabPrintsARowPerRunAndChecksOnlyThePositionBasedSums() {
        CommandLineRun run = LabRuns.run(
                new SplittableRandomStream(), "--n", "100000", "--seed", "7", "--repeat", "3", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> rows = LabRuns.rows(run.out());
        assertEquals(
                List.of("1", "2", "3"), rows.stream().map(row -> row.getFirst()).toList(), run.out());
        // Computed here without the lab: the JDK's sequential stream, the same in every run.
        String sequential = Report.grouped(
                new SplittableRandom(7).ints(100_000, 0, 11).asLongStream().sum());
        String oracle = Report.grouped(Oracle.sum(Workload.of(100_000, 7)));
        for (List<String> row : rows) {
            assertEquals(8, row.size(), row.toString());
            assertEquals(sequential, row.get(1), row.toString());
            assertEquals(oracle, row.get(4), "the workbook's numbers in a parallel stream: " + row);
        }
        assertTrue(
                run.out().contains("Sums: all 3 agree with each other and with the oracle (" + oracle + ")"),
                run.out());
        assertTrue(
                run.out()
                        .contains("Not checked: ints(...) in every run: " + sequential
                                + " (the JDK generator's own numbers)"),
                run.out());
        assertTrue(
                run.out().contains("Seen on this JDK: the parallel sum differed from the sequential one in "),
                run.out());
    }

    @Test
    void theLargestHiIsRefusedWithOneLineAndExitCode2() {
        LabRuns.run(new SplittableRandomStream(), "--n", "1000", "--hi", "2147483647")
                .assertRefused("needs --hi below 2147483647, was 2147483647");
    }

    @Test
    void theJdkSumIsTheSumOfTheJdksOwnNumbers() {
        Workload workload = new Workload(1009, 3, -5, 5);
        long byHand = 0;
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1009; i++) {
            byHand += random.nextInt(-5, 6);
        }
        assertEquals(byHand, SplittableRandomStream.jdkSum(workload, false));
    }
}
