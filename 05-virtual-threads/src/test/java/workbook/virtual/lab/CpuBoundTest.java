package workbook.virtual.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import workbook.harness.CommandLineRun;
import workbook.harness.LabCli;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;

class CpuBoundTest {

    private static CommandLineRun lab(String... args) {
        return CommandLineRun.of((out, err, arguments) -> LabCli.run(new CpuBound(), out, err, arguments), args);
    }

    @Test
    void theTableHasThePoolThenThreeTaskCountsOnVirtualThreadsAndChecksEverySum() {
        CommandLineRun run = lab("--n", "100003", "--workers", "2", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<String> rows =
                run.out().lines().filter(line -> line.startsWith("| ")).toList();
        List<String> rowStarts = List.of(
                "| executor | tasks | median | min | max | time / pool's |",
                "| fixed pool of 2 platform threads | 2 |",
                "| virtual threads | 2 |",
                "| virtual threads | 100 |",
                "| virtual threads | 10,000 |");
        assertEquals(rowStarts.size(), rows.size(), run.out());
        for (int i = 0; i < rowStarts.size(); i++) {
            assertTrue(rows.get(i).startsWith(rowStarts.get(i)), rows.get(i));
        }
        assertTrue(rows.get(1).endsWith("| 1.00 |"), () -> "the pool is the yardstick: " + rows.get(1));
        String oracle = Report.grouped(Oracle.sum(Workload.of(100_003, 42)));
        assertTrue(
                run.out().contains("Sums: all 4 agree with each other and with the oracle (" + oracle + ")"),
                run.out());
        assertTrue(run.out().contains("Machine: "), run.out());
        assertTrue(run.err().contains("round 1 of 1"), () -> "progress on stderr: " + run.err());
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        lab("--workers", "0").assertRefused("--workers must be at least 1, was 0");
    }
}
