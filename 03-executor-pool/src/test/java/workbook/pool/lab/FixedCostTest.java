package workbook.pool.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbook.harness.CommandLineRun;
import workbook.harness.LabTables;
import workbook.harness.Lesson;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Services;
import workbook.harness.Workload;

class FixedCostTest {

    @Test
    void theLabComparesTheWaysOfRunningOneCallAndChecksTheirSums() {
        CommandLineRun run = CommandLineRun.ofLab(new FixedCost(), "--workers", "2", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> rows = LabTables.rows(run.out());
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
        CommandLineRun.ofLab(new FixedCost(), "--n", "2e6")
                .assertRefused("--n must be at most 1,000,000, was 2,000,000");
        CommandLineRun.ofLab(new FixedCost(), "--repeat", "0").assertRefused("--repeat must be at least 1, was 0");
    }

    @Test
    void withLesson02OnTheClassPathItsThreadsHaveARowAndAreClosedAfterwards(@TempDir Path services) throws Exception {
        StandInLesson02.EVENTS.clear();
        CommandLineRun run = Services.with(
                services,
                Map.of(Lesson.class, List.of(StandInLesson02.class)),
                () -> CommandLineRun.ofLab(new FixedCost(), "--workers", "2", "--repeat", "1", "--warmup", "0"));
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> rows = LabTables.rows(run.out());
        assertEquals(5, rows.size(), run.out());
        assertEquals(
                List.of("lesson 02: start 2 threads, take from a queue, join", "2"),
                rows.get(1).subList(0, 2));
        assertFalse(run.out().contains("Lesson 02 is not on the class path"), run.out());
        assertTrue(run.out().contains("Sums: all 5 agree"), run.out());
        assertEquals(List.of("built for 2 workers", "closed"), StandInLesson02.EVENTS);
    }

    @Test
    void theCaptionAndProgressSayHowItWasMeasuredAndEachRowIsItsCostAboveTheLoop() {
        CommandLineRun run = CommandLineRun.ofLab(new FixedCost(), "--workers", "2", "--repeat", "2", "--warmup", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                run.out()
                        .contains("per call, median of 2 interleaved batches of back-to-back calls (about 50 ms each)"
                                + " after 1 warm-up round. "),
                run.out());
        assertEquals(
                List.of("  lab 03 fixed-cost: 4 ways, 1 warm-up rounds and 2 batches each"),
                run.err().lines().toList());
        List<List<String>> rows = LabTables.rows(run.out());
        double plainLoop = micros(rows.getFirst().get(2));
        for (List<String> row : rows.subList(1, rows.size())) {
            // Each cost is shown to a hundredth of a microsecond (or a tenth above 10 µs).
            assertEquals(
                    micros(row.get(2)) - plainLoop,
                    micros(row.get(5)),
                    0.11 + 0.01 * micros(row.get(2)),
                    row.toString());
        }
        CommandLineRun none = CommandLineRun.ofLab(new FixedCost(), "--workers", "1", "--repeat", "1", "--warmup", "0");
        assertTrue(none.out().contains(" after 0 warm-up rounds. "), none.out());
    }

    @Test
    void aMillionNumbersIsTheLargestNItTakes() {
        CommandLineRun run =
                CommandLineRun.ofLab(new FixedCost(), "--n", "1e6", "--workers", "1", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
    }

    private static double micros(String cost) {
        return Double.parseDouble(cost.replace(" µs", ""));
    }
}
