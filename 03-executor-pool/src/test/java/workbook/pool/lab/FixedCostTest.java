package workbook.pool.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import workbook.harness.CommandLineRun;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;

class FixedCostTest {

    @Test
    void theLabComparesTheWaysOfRunningOneCallAndChecksTheirSums() {
        CommandLineRun run = LabRuns.run(new FixedCost(), "--workers", "2", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> rows = LabRuns.rows(run.out());
        List<String> ways = rows.stream().map(row -> row.getFirst()).toList();
        // Lesson 02 is not on this module's class path: its row is left out, and the page says so.
        assertEquals(4, ways.size(), run.out());
        assertTrue(ways.get(0).startsWith("one thread, no pool"), run.out());
        assertTrue(ways.get(1).startsWith("a fresh pool per call"), run.out());
        assertTrue(ways.get(2).startsWith("a pool kept between calls"), run.out());
        assertTrue(ways.get(3).startsWith("parallel stream"), run.out());
        assertEquals("-", rows.getFirst().getLast(), "the plain loop is the baseline");
        assertTrue(rows.stream().allMatch(row -> row.get(2).endsWith(" µs")), run.out());
        assertTrue(run.out().contains("Lesson 02 is not on the class path"), run.out());
        assertTrue(run.out().contains("n = 1,000 numbers"), "n = 1,000 by default:\n" + run.out());
        String oracle = Report.grouped(Oracle.sum(Workload.of(1000, 42)));
        assertTrue(
                run.out().contains("Sums: all 4 agree with each other and with the oracle (" + oracle + ")"),
                run.out());
    }

    @Test
    void aLargeNIsRefusedWithOneLineAndExitCode2() {
        LabRuns.run(new FixedCost(), "--n", "2e6").assertRefused("--n must be at most 1,000,000, was 2,000,000");
        LabRuns.run(new FixedCost(), "--repeat", "0").assertRefused("--repeat must be at least 1, was 0");
    }
}
