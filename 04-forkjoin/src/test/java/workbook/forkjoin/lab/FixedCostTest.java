package workbook.forkjoin.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import workbook.harness.CommandLineRun;
import workbook.harness.Lab;
import workbook.harness.LabTables;

class FixedCostTest {

    private static CommandLineRun lab(String... args) {
        return CommandLineRun.ofLab(new FixedCost(), args);
    }

    /* The one run that starts JVMs: four per n, each way's calls made in a JVM of its own. */
    @Test
    void eachWayIsTimedInAJvmOfItsOwnAtEveryNWithItsSpreadAndEverySumChecked() {
        CommandLineRun run = lab("--n", "10", "--workers", "2", "--repeat", "1", "--warmup", "0", "--forks", "1");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines =
                run.out().lines().filter(line -> line.startsWith("| ")).toList();
        assertEquals(
                "| n | leaves | direct loop | JVMs apart | fork/join | JVMs apart | always shared | JVMs apart | new"
                        + " pool per call | JVMs apart |",
                lines.getFirst(),
                run.out());
        List<List<String>> rows = LabTables.rows(run.out());
        assertEquals(List.of("1", "10"), rows.stream().map(List::getFirst).toList(), run.out());
        for (List<String> row : rows) {
            assertEquals("1", row.get(1), "one leaf: " + row);
            for (int way = 0; way < 4; way++) {
                assertTrue(row.get(2 + 2 * way).matches("[0-9.]+ µs"), () -> "a time in µs: " + row);
                assertEquals("-", row.get(3 + 2 * way), "one JVM each, nothing to be apart: " + row);
            }
        }
        assertTrue(
                run.out().contains("Sums: all 8 agree with the oracle of their workload (2 workloads)"),
                "every sum came from a way's own JVM:\n" + run.out());
        assertTrue(run.out().contains("Fixed cost of one call at n = 1"), run.out());
        assertTrue(
                run.out()
                        .contains(" after 0 warm-up rounds, each way in a JVM of its own, fresh ones for every n,"
                                + " in 1 set of JVMs. "),
                run.out());
        // For each n: its JVMs, then one line with the costs of its row.
        List<String> perN = run.err()
                .lines()
                .filter(line -> line.startsWith("  lab 04 fixed-cost: n = "))
                .toList();
        assertEquals(
                rows.stream()
                        .map(row -> "  lab 04 fixed-cost: n = " + row.get(0) + ": fork/join " + row.get(4)
                                + ", always shared " + row.get(6))
                        .toList(),
                perN,
                run.err());
        assertEquals(
                List.of(
                        "  lab 04 fixed-cost: JVMs 1 of 1: one per row, 4 rows; calibrating and warming up",
                        "  lab 04 fixed-cost: JVMs 1: 1 interleaved batches of each row done",
                        perN.get(0)),
                run.err().lines().limit(3).toList());
    }

    @Test
    void theRowsAreTheFourWaysWhateverTheN() {
        FixedCost lab = new FixedCost();
        new CommandLine(lab).parseArgs("--n", "1000", "--workers", "3");
        assertEquals(
                List.of("direct loop", "fork/join", "always shared", "new pool per call"),
                lab.rows().stream().map(Lab.Row::name).toList());
        assertEquals(
                List.of(1, 3, 3, 3), lab.rows().stream().map(Lab.Row::workers).toList());
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        lab("--workers", "0").assertRefused("--workers must be at least 1, was 0");
        lab("--repeat", "0").assertRefused("--repeat must be at least 1, was 0");
        lab("--n", "1e9").assertRefused("--n must be at most 10,000,000, was 1,000,000,000");
        lab("--forks", "0").assertRefused("--forks must be at least 1, was 0");
    }

    @Test
    void tenMillionNumbersIsTheLargestNItTakes() {
        FixedCost.refuseLargeN(10_000_000);
        assertEquals(
                "fixed-cost times one call at small n (try --n 1e5); --n must be at most 10,000,000, was 10,000,001",
                assertThrows(IllegalArgumentException.class, () -> FixedCost.refuseLargeN(10_000_001))
                        .getMessage());
    }

    @Test
    void theSizesArePowersOfTenUpToN() {
        assertEquals(List.of(1L, 10L, 100L, 1000L, 10_000L), FixedCost.sizes(10_000));
        assertEquals(List.of(1L, 10L, 100L, 250L), FixedCost.sizes(250));
        assertEquals(List.of(1L), FixedCost.sizes(0));
    }
}
