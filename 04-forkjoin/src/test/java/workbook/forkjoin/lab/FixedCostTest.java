package workbook.forkjoin.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import workbook.harness.CommandLineRun;

class FixedCostTest {

    private static CommandLineRun lab(String... args) {
        return CommandLineRun.ofLab(new FixedCost(), args);
    }

    @Test
    void theLabPrintsOneRowPerSizeInMicrosecondsAndChecksEverySum() {
        CommandLineRun run = lab("--n", "100", "--workers", "2", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<String> rows =
                run.out().lines().filter(line -> line.startsWith("| ")).toList();
        assertEquals(
                "| n | leaves | direct loop | caller works | caller waits | new pool per call |",
                rows.getFirst(),
                run.out());
        assertEquals(1 + 3, rows.size(), () -> "a header and a row for n = 1, 10 and 100:\n" + run.out());
        assertTrue(rows.get(1).startsWith("| 1 | 1 | "), run.out());
        assertTrue(rows.getLast().startsWith("| 100 | 1 | "), run.out());
        assertTrue(rows.get(2).matches("\\| 10 \\| 1( \\| [0-9.]+ µs){4} \\|"), () -> "times in µs: " + rows.get(2));
        assertTrue(run.out().contains("Sums: all 12 agree with the oracle of their workload (3 workloads)"), run.out());
        assertTrue(run.out().contains("Fixed cost of one call at n = 1"), run.out());
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        lab("--workers", "0").assertRefused("--workers must be at least 1, was 0");
        lab("--repeat", "0").assertRefused("--repeat must be at least 1, was 0");
        lab("--n", "1e9").assertRefused("--n must be at most 10,000,000, was 1,000,000,000");
    }

    @Test
    void theSizesArePowersOfTenUpToN() {
        assertEquals(List.of(1L, 10L, 100L, 1000L, 10_000L), FixedCost.sizes(10_000));
        assertEquals(List.of(1L, 10L, 100L, 250L), FixedCost.sizes(250));
        assertEquals(List.of(1L), FixedCost.sizes(0));
    }
}
