package workbook.forkjoin.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import workbook.harness.CommandLineRun;
import workbook.harness.Lab;
import workbook.harness.LabTables;
import workbook.harness.LeftoverThreads;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;

class ThresholdSweepTest {

    private static CommandLineRun lab(String... args) {
        return CommandLineRun.ofLab(new ThresholdSweep(), args);
    }

    /* The one run that starts JVMs: one per row, each summing in a JVM of its own. */
    @Test
    void eachRowSumsInAJvmOfItsOwnAndTheTableHasARowPerThresholdWithItsSpread() throws InterruptedException {
        Set<Thread> before = LeftoverThreads.snapshot();
        CommandLineRun run = lab("--n", "20000", "--workers", "2", "--repeat", "1", "--warmup", "0", "--forks", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(), LeftoverThreads.startedSince(before, Duration.ofSeconds(10)), "threads left running");
        List<List<String>> rows = LabTables.rows(run.out());
        assertEquals(
                List.of(
                        "direct loop, no pool",
                        "100",
                        "1,000",
                        "10,000 (one leaf per worker)",
                        "20,000 (automatic) (n or more: one task)"),
                rows.stream().map(List::getFirst).toList(),
                run.out());
        assertTrue(run.out().contains("| 100 | 256 |"), "threshold 100 makes 256 leaves:\n" + run.out());
        assertTrue(
                run.out().contains("| threshold | leaves | median | JVMs apart | fastest | slowest | ns per number |"),
                run.out());
        assertTrue(
                rows.stream().allMatch(row -> row.get(3).equals("-")),
                "one JVM each, nothing to be apart:\n" + run.out());
        assertTrue(run.out().contains("2 workers"), run.out());
        String oracle = Report.grouped(Oracle.sum(Workload.of(20_000, 42)));
        assertTrue(
                run.out().contains("Sums: all 5 agree with each other and with the oracle (" + oracle + ")"),
                "every sum came from a row's own JVM:\n" + run.out());
        assertEquals(
                List.of(
                        "  lab 04 threshold-sweep: JVMs 1 of 1: one per row, 5 rows",
                        "  lab 04 threshold-sweep: JVMs 1, round 1 of 1 done"),
                run.err().lines().toList());
    }

    @Test
    void theRowsAreTheDirectLoopThenEveryThresholdAndDependOnlyOnTheOptions() {
        ThresholdSweep lab = new ThresholdSweep();
        new CommandLine(lab).parseArgs("--n", "20000", "--workers", "2");
        List<Lab.Row> rows = lab.rows();
        assertEquals(
                List.of("direct loop", "threshold 100", "threshold 1000", "threshold 10000", "threshold 20000"),
                rows.stream().map(Lab.Row::name).toList());
        assertEquals(List.of(1, 2, 2, 2, 2), rows.stream().map(Lab.Row::workers).toList());
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        lab("--workers", "0").assertRefused("--workers must be at least 1, was 0");
        lab("--n", "-5").assertRefused("n must not be negative, was -5");
        lab("--forks", "0").assertRefused("--forks must be at least 1, was 0");
    }

    @Test
    void theThresholdsRunFromAHundredToN() {
        assertEquals(List.of(100L, 1000L, 10_000L, 20_000L), List.copyOf(ThresholdSweep.thresholds(20_000, 2)));
        assertEquals(
                List.of(100L, 1000L, 10_000L, 100_000L, 262_144L, 500_000L, 1_000_000L),
                List.copyOf(ThresholdSweep.thresholds(1_000_000, 2)));
        assertTrue(ThresholdSweep.thresholds(1_000_000_000, 2).containsAll(List.of(62_500_000L, 500_000_000L)));
    }
}
