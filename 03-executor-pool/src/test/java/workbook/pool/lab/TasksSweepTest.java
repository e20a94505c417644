package workbook.pool.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import workbook.harness.CommandLineRun;
import workbook.harness.LabTables;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;

class TasksSweepTest {

    @Test
    void theTaskCountsAreOneOnePerWorkerFourPerWorkerAThousandAndAHundredThousand() {
        assertEquals(List.of(1, 2, 8, 1000, 100_000), TasksSweep.taskCounts(2));
        assertEquals(List.of(1, 4, 1000, 100_000), TasksSweep.taskCounts(1));
    }

    @Test
    void theLabPrintsARowPerTaskCountAndChecksEverySum() {
        CommandLineRun run = CommandLineRun.ofLab(
                new TasksSweep(), "--n", "200003", "--workers", "2", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> rows = LabTables.rows(run.out());
        assertEquals(
                List.of("1", "2", "8", "1,000", "100,000"),
                rows.stream().map(row -> row.getFirst()).toList(),
                run.out());
        assertEquals(
                List.of("200,003", "100,002", "25,001", "201", "3"),
                rows.stream().map(row -> row.get(1)).toList());
        assertEquals("1.00x", rows.getFirst().getLast(), "the first row is the baseline of the speedup column");
        assertTrue(rows.stream().allMatch(row -> row.size() == 7), run.out());
        String oracle = Report.grouped(Oracle.sum(Workload.of(200_003, 42)));
        assertTrue(
                run.out().contains("Sums: all 5 agree with each other and with the oracle (" + oracle + ")"),
                run.out());
        assertTrue(run.out().contains("Machine: "), "the caption names the machine:\n" + run.out());
        assertTrue(run.out().contains("2 workers"), run.out());
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        CommandLineRun.ofLab(new TasksSweep(), "--workers", "0").assertRefused("--workers must be at least 1, was 0");
        CommandLineRun.ofLab(new TasksSweep(), "--n", "-5").assertRefused("n must not be negative, was -5");
    }

    @Test
    void eachRoundReportsItselfWhenItIsDone() {
        CommandLineRun run = CommandLineRun.ofLab(
                new TasksSweep(), "--n", "1000", "--workers", "1", "--repeat", "2", "--warmup", "0");
        assertEquals(
                List.of("  lab 03 tasks-sweep: round 1 of 2 done", "  lab 03 tasks-sweep: round 2 of 2 done"),
                run.err().lines().toList());
    }
}
