package workbook.forkjoin.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import workbook.harness.CommandLineRun;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;

class ThresholdSweepTest {

    private static CommandLineRun lab(String... args) {
        return CommandLineRun.ofLab(new ThresholdSweep(), args);
    }

    @Test
    void theLabPrintsOneRowPerThresholdAndChecksEverySum() {
        CommandLineRun run = lab("--n", "20000", "--workers", "2", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<String> firstCells = run.out()
                .lines()
                .filter(line -> line.startsWith("| ") && !line.startsWith("| threshold"))
                .map(line -> line.split("\\|")[1].trim())
                .toList();
        assertEquals(
                List.of(
                        "direct loop, no pool",
                        "100",
                        "1,000",
                        "10,000 (one leaf per worker)",
                        "16,384 (automatic)",
                        "20,000 (n or more: one task)"),
                firstCells,
                run.out());
        assertTrue(run.out().contains("| 100 | 256 |"), "threshold 100 makes 256 leaves:\n" + run.out());
        assertTrue(run.out().contains("2 workers"), run.out());
        String oracle = Report.grouped(Oracle.sum(Workload.of(20_000, 42)));
        assertTrue(
                run.out().contains("Sums: all 6 agree with each other and with the oracle (" + oracle + ")"),
                run.out());
        assertTrue(run.out().contains("One split (fork, join, two tasks) costs about"), run.out());
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        lab("--workers", "0").assertRefused("--workers must be at least 1, was 0");
        lab("--n", "-5").assertRefused("n must not be negative, was -5");
    }

    @Test
    void theThresholdsRunFromAHundredToN() {
        assertEquals(
                List.of(100L, 1000L, 10_000L, 16_384L, 20_000L), List.copyOf(ThresholdSweep.thresholds(20_000, 2)));
        assertTrue(ThresholdSweep.thresholds(1_000_000_000, 2).containsAll(List.of(62_500_000L, 500_000_000L)));
    }
}
