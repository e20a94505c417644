package workbook.pool.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import workbook.harness.CommandLineRun;
import workbook.harness.Forks;
import workbook.harness.Lab;
import workbook.harness.LabResults;
import workbook.harness.LabTables;
import workbook.harness.Machine;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;

class TasksSweepTest {

    @Test
    void theTaskCountsAreOneOnePerWorkerFourPerWorkerAThousandAndAHundredThousand() {
        assertEquals(List.of(1, 2, 8, 1000, 100_000), TasksSweep.taskCounts(2));
        assertEquals(List.of(1, 4, 1000, 100_000), TasksSweep.taskCounts(1));
    }

    /* The one run that starts JVMs: one per task count, each summing in a JVM of its own. */
    @Test
    void eachTaskCountSumsInAJvmOfItsOwnAndHasARowWithItsSpread() {
        CommandLineRun run = CommandLineRun.ofLab(
                new TasksSweep(), "--n", "200003", "--workers", "2", "--repeat", "2", "--warmup", "0", "--forks", "1");
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> rows = LabTables.rows(run.out());
        assertEquals(
                List.of("1", "2", "8", "1,000", "100,000"),
                rows.stream().map(row -> row.getFirst()).toList(),
                run.out());
        assertEquals(
                List.of("200,003", "100,002", "25,001", "201", "3"),
                rows.stream().map(row -> row.get(1)).toList());
        assertTrue(run.out().contains("| tasks | numbers per task | median | JVMs apart | min | max |"), run.out());
        assertTrue(rows.stream().allMatch(row -> row.get(3).equals("-")), "one JVM each:\n" + run.out());
        assertEquals("1.00x", rows.getFirst().getLast(), "the first row is the baseline of the speedup column");
        assertTrue(rows.stream().allMatch(row -> row.size() == 8), run.out());
        String oracle = Report.grouped(Oracle.sum(Workload.of(200_003, 42)));
        assertTrue(
                run.out().contains("Sums: all 5 agree with each other and with the oracle (" + oracle + ")"),
                "every sum came from a row's own JVM:\n" + run.out());
        assertTrue(run.out().contains("Machine: "), "the caption names the machine:\n" + run.out());
        assertTrue(
                run.out()
                        .contains("2 workers; each row in a JVM of its own, 0 warm-up then the median of 2 interleaved"
                                + " rounds, in 1 set of JVMs."),
                run.out());
        assertEquals(
                List.of(
                        "  lab 03 tasks-sweep: JVMs 1 of 1: one per row, 5 rows",
                        "  lab 03 tasks-sweep: JVMs 1, round 1 of 2 done",
                        "  lab 03 tasks-sweep: JVMs 1, round 2 of 2 done"),
                run.err().lines().toList());
    }

    @Test
    void theRowsAreThePoolWithEachTaskCount() {
        TasksSweep lab = new TasksSweep();
        new CommandLine(lab).parseArgs("--workers", "1");
        assertEquals(
                List.of("pool, --tasks 1", "pool, --tasks 4", "pool, --tasks 1000", "pool, --tasks 100000"),
                lab.rows().stream().map(Lab.Row::name).toList());
    }

    @Test
    void aRowWhoseJvmsDisagreeByMoreThanTenPercentGetsANoteWithBothMedians() {
        TasksSweep lab = new TasksSweep();
        new CommandLine(lab).parseArgs("--n", "1000", "--workers", "1", "--forks", "2");
        Workload workload = Workload.of(1000, 42);
        long sum = Oracle.sum(workload);
        List<Forks.Result> results = new ArrayList<>();
        for (int tasks : TasksSweep.taskCounts(1)) {
            results.add(
                    tasks == 1000
                            ? LabResults.timed("pool, --tasks 1000", 1, workload, sum, 2e6, 3e6)
                            : LabResults.timed("pool, --tasks " + tasks, 1, workload, sum, 1e6, 1.05e6));
        }
        String markdown = lab.table(workload, results).markdown(new Machine(1, "25", "Some CPU", "Linux"));
        assertEquals(
                List.of("5 %", "5 %", "50 %", "5 %"),
                LabTables.rows(markdown).stream().map(row -> row.get(3)).toList(),
                markdown);
        assertTrue(
                markdown.contains(
                        "\nNote: JVMs that disagree by more than 10 %, each row's median folding them together: 1,000 tasks, 2.0 ms and 3.0 ms (50 % apart).\n"),
                markdown);
        assertEquals(1, markdown.split("disagree", -1).length - 1, "only that row:\n" + markdown);
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        CommandLineRun.ofLab(new TasksSweep(), "--workers", "0").assertRefused("--workers must be at least 1, was 0");
        CommandLineRun.ofLab(new TasksSweep(), "--n", "-5").assertRefused("n must not be negative, was -5");
        CommandLineRun.ofLab(new TasksSweep(), "--forks", "0").assertRefused("--forks must be at least 1, was 0");
    }
}
