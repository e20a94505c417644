package workbook.virtual.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import workbook.harness.CommandLineRun;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;

class CpuBoundTest {

    private static CommandLineRun lab(String... args) {
        return CommandLineRun.ofLab(new CpuBound(), args);
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

    @Test
    void itSaysWhatItWillRunThenEachRound() {
        CommandLineRun once = lab("--n", "1000", "--workers", "1", "--repeat", "2", "--warmup", "1");
        assertEquals(
                List.of(
                        "  lab 05 cpu-bound: 4 rows, 1 warm-up run each, then 2 interleaved rounds",
                        "  lab 05 cpu-bound: round 1 of 2 done",
                        "  lab 05 cpu-bound: round 2 of 2 done"),
                once.err().lines().toList());
        CommandLineRun none = lab("--n", "1000", "--workers", "1", "--repeat", "1", "--warmup", "0");
        assertEquals(
                "  lab 05 cpu-bound: 4 rows, 0 warm-up runs each, then 1 interleaved rounds",
                none.err().lines().findFirst().orElseThrow());
    }
}
