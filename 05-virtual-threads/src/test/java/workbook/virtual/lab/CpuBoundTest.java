package workbook.virtual.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import workbook.harness.CommandLineRun;
import workbook.harness.Lab;
import workbook.harness.LabResults;
import workbook.harness.LabTables;
import workbook.harness.Machine;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;

class CpuBoundTest {

    private static CommandLineRun lab(String... args) {
        return CommandLineRun.ofLab(new CpuBound(), args);
    }

    /* The one run that starts JVMs: the pool and each task count on virtual threads, each in a JVM of its own. */
    @Test
    void eachRowSumsInAJvmOfItsOwnAndTheTableHasThePoolThenThreeTaskCountsWithTheirSpread() {
        CommandLineRun run = lab("--n", "100003", "--workers", "2", "--repeat", "2", "--warmup", "1", "--forks", "1");
        assertEquals(0, run.exitCode(), run.err());
        List<String> rows =
                run.out().lines().filter(line -> line.startsWith("| ")).toList();
        List<String> rowStarts = List.of(
                "| executor | tasks | median | JVMs apart | min | max | time / pool's |",
                "| fixed pool of 2 platform threads | 2 |",
                "| virtual threads | 2 |",
                "| virtual threads | 100 |",
                "| virtual threads | 10,000 |");
        assertEquals(rowStarts.size(), rows.size(), run.out());
        for (int i = 0; i < rowStarts.size(); i++) {
            assertTrue(rows.get(i).startsWith(rowStarts.get(i)), rows.get(i));
        }
        assertTrue(rows.get(1).endsWith("| 1.00 |"), () -> "the pool is the yardstick: " + rows.get(1));
        assertTrue(
                LabTables.rows(run.out()).stream().allMatch(row -> row.get(3).equals("-")),
                "one JVM each:\n" + run.out());
        String oracle = Report.grouped(Oracle.sum(Workload.of(100_003, 42)));
        assertTrue(
                run.out().contains("Sums: all 4 agree with each other and with the oracle (" + oracle + ")"),
                "every sum came from a row's own JVM:\n" + run.out());
        assertTrue(run.out().contains("Machine: "), run.out());
        assertEquals(
                List.of(
                        "  lab 05 cpu-bound: 4 rows, 1 warm-up run each, then 2 interleaved rounds",
                        "  lab 05 cpu-bound: JVMs 1 of 1: one per row, 4 rows",
                        "  lab 05 cpu-bound: JVMs 1, round 1 of 2 done",
                        "  lab 05 cpu-bound: JVMs 1, round 2 of 2 done"),
                run.err().lines().toList());
    }

    @Test
    void theRowsAreThePoolThenVirtualThreadsWithEachTaskCount() {
        CpuBound lab = new CpuBound();
        new CommandLine(lab).parseArgs("--workers", "3");
        assertEquals(
                List.of(
                        "fixed pool of 3 platform threads",
                        "virtual threads, 2 tasks",
                        "virtual threads, 100 tasks",
                        "virtual threads, 10,000 tasks"),
                lab.rows().stream().map(Lab.Row::name).toList());
        assertEquals(
                List.of(3, 2, 100, 10_000),
                lab.rows().stream().map(Lab.Row::workers).toList());
    }

    @Test
    void aRowWhoseJvmsDisagreeByMoreThanTenPercentGetsANoteWithBothMedians() {
        CpuBound lab = new CpuBound();
        new CommandLine(lab).parseArgs("--n", "1000", "--workers", "2", "--forks", "2");
        Workload workload = Workload.of(1000, 42);
        long sum = Oracle.sum(workload);
        String markdown = lab.table(
                        workload,
                        List.of(
                                LabResults.timed("fixed pool of 2 platform threads", 2, workload, sum, 1e6, 1e6),
                                LabResults.timed("virtual threads, 2 tasks", 2, workload, sum, 1e6, 1.02e6),
                                LabResults.timed("virtual threads, 100 tasks", 100, workload, sum, 1e6, 1.5e6),
                                LabResults.timed("virtual threads, 10,000 tasks", 10_000, workload, sum, 2e6, 2e6)))
                .markdown(new Machine(2, "25", "Some CPU", "Linux"));
        List<List<String>> rows = LabTables.rows(markdown);
        assertEquals(
                List.of("0 %", "2 %", "50 %", "0 %"),
                rows.stream().map(row -> row.get(3)).toList(),
                markdown);
        assertEquals(List.of("virtual threads", "100", "1.3 ms"), rows.get(2).subList(0, 3), markdown);
        assertEquals("2.00", rows.get(3).getLast(), "the time over the pool's");
        assertTrue(
                markdown.contains(
                        "\nNote: JVMs that disagree by more than 10 %, each row's median folding them together: virtual threads, 100 tasks,"
                                + " 1.0 ms and 1.5 ms (50 % apart).\n"),
                markdown);
        assertEquals(1, markdown.split("disagree", -1).length - 1, "only that row:\n" + markdown);
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        lab("--workers", "0").assertRefused("--workers must be at least 1, was 0");
        lab("--forks", "0").assertRefused("--forks must be at least 1, was 0");
    }
}
