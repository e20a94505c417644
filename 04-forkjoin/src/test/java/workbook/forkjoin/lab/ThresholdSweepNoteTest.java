package workbook.forkjoin.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import workbook.forkjoin.ForkJoinLesson;
import workbook.harness.Forks;
import workbook.harness.LabResults;
import workbook.harness.LabTables;
import workbook.harness.Machine;
import workbook.harness.Oracle;
import workbook.harness.Workload;

/*
 * What the threshold-sweep lab says beyond its figures: the note on the price of one split, the
 * spread between each row's JVMs, and the note on a row whose JVMs disagree. The table is made
 * from made-up medians (LabResults), so every figure the notes work out is exact: nothing is timed.
 */
class ThresholdSweepNoteTest {
    private static final Machine MACHINE = new Machine(2, "25", "Some CPU", "Linux amd64");

    private static ThresholdSweep lab(String... args) {
        ThresholdSweep lab = new ThresholdSweep();
        new CommandLine(lab).parseArgs(args);
        return lab;
    }

    /* One result per row: the direct loop's JVMs, then each threshold's, by threshold. */
    private static List<Forks.Result> results(
            Workload workload, int workers, double[] direct, Map<Long, double[]> byThreshold) {
        long sum = Oracle.sum(workload);
        List<Forks.Result> results = new ArrayList<>();
        results.add(LabResults.timed("direct loop", 1, workload, sum, direct));
        for (long threshold : ThresholdSweep.thresholds(workload.n(), workers)) {
            results.add(LabResults.timed(
                    "threshold " + threshold, workers, workload, sum, byThreshold.getOrDefault(threshold, new double[] {
                        30_000, 30_000
                    })));
        }
        return results;
    }

    /*
     * 40,000 numbers on 2 workers: threshold 100 makes 512 leaves, the fastest (10,000) makes 4. Its
     * extra 75 µs, times 2 workers, over 508 extra splits: 295 ns a split. The direct loop's 1 ns a
     * number makes a MIN_LEAF leaf 262.1 µs, so a split adds 0.1 % to a leaf.
     */
    @Test
    void theNoteOnOneSplitIsWorkedOutFromTheMedians() {
        Workload workload = Workload.of(40_000, 42);
        assertEquals(512, ForkJoinLesson.leafCount(40_000, 100));
        assertEquals(4, ForkJoinLesson.leafCount(40_000, 10_000));
        assertEquals(262_144, ForkJoinLesson.MIN_LEAF);
        String markdown = lab("--n", "40000", "--workers", "2")
                .table(
                        workload,
                        2,
                        results(
                                workload,
                                2,
                                new double[] {40_000, 40_000},
                                Map.of(100L, new double[] {100_000, 100_000}, 10_000L, new double[] {25_000, 25_000})))
                .markdown(MACHINE);
        assertTrue(
                markdown.contains("\nOne split (fork, join, two tasks) costs about 295 ns of a worker's time: threshold"
                        + " 100 against the fastest, 10,000, whose median is 25.0 µs. A leaf of MIN_LEAF = 262,144"
                        + " numbers takes about 262.1 µs in the direct loop, so one split per leaf adds about 0.1%.\n"),
                markdown);
        assertFalse(markdown.contains("disagree"), "every row's JVMs agree:\n" + markdown);
        List<List<String>> rows = LabTables.rows(markdown);
        assertTrue(rows.stream().allMatch(row -> row.get(3).equals("0 %")), markdown);
        assertTrue(markdown.contains("Sums: all 6 agree with each other and with the oracle"), markdown);
    }

    @Test
    void aRowWhoseJvmsDisagreeByMoreThanTenPercentGetsANoteWithBothMedians() {
        Workload workload = Workload.of(40_000, 42);
        String markdown = lab("--n", "40000", "--workers", "2", "--forks", "2")
                .table(workload, 2, results(workload, 2, new double[] {40_000, 40_000}, Map.of(1_000L, new double[] {
                    30_000, 45_000
                })))
                .markdown(MACHINE);
        List<String> thousand = LabTables.rows(markdown).stream()
                .filter(row -> row.getFirst().equals("1,000"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("1,000", "64", "37.5 µs", "50 %", "30.0 µs", "45.0 µs"), thousand.subList(0, 6));
        assertTrue(
                markdown.contains(
                        "\nNote: JVMs that disagree by more than 10 %, each row's median folding them together: "
                                + "threshold 1,000, 30.0 µs and 45.0 µs (50 % apart).\n"),
                markdown);
        assertEquals(1, markdown.split("disagree", -1).length - 1, "only that row:\n" + markdown);
        assertTrue(
                markdown.contains("each row in a JVM of its own, 2 warm-up then the median of 5 interleaved rounds, in"
                        + " 2 sets of JVMs"),
                markdown);
    }

    /* With 50 numbers the only threshold is n itself (the automatic one, capped at n): one leaf, no split to price, no note. */
    @Test
    void whenNoThresholdSplitsThereIsNoNote() {
        Workload workload = Workload.of(50, 42);
        String markdown = lab("--n", "50", "--workers", "1")
                .table(workload, 1, results(workload, 1, new double[] {50}, Map.of()))
                .markdown(MACHINE);
        assertEquals(
                List.of("1"),
                LabTables.rows(markdown).stream().skip(1).map(row -> row.get(1)).toList(),
                markdown);
        assertFalse(markdown.contains("One split"), markdown);
    }

    /* Near Long.MAX_VALUE the next power of ten does not fit in a long; the sweep stops at 10^18. */
    @Test
    void theThresholdsOfTheLargestNStopAtTheLastPowerOfTenBelowIt() {
        Set<Long> thresholds =
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ThresholdSweep.thresholds(Long.MAX_VALUE, 2));
        assertEquals(100L, thresholds.stream().mapToLong(Long::longValue).min().orElseThrow());
        assertTrue(thresholds.contains(1_000_000_000_000_000_000L), thresholds::toString);
        assertEquals(17 + 3, thresholds.size(), thresholds::toString);
        // Where n is just above a power of ten, that power is still below n and in the sweep.
        assertTrue(ThresholdSweep.thresholds(10_005, 1).contains(10_000L));
        assertFalse(ThresholdSweep.thresholds(10_000, 1).contains(100_000L));
    }
}
