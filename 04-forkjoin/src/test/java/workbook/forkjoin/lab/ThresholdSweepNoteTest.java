package workbook.forkjoin.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import workbook.forkjoin.ForkJoinLesson;
import workbook.harness.CommandLineRun;
import workbook.harness.LabTables;
import workbook.harness.LeftoverThreads;

/*
 * What the threshold-sweep lab says beyond its table: its progress, the note on the price of one
 * split, and that it leaves no pool behind. The note is computed from timings, so these tests read
 * the timings back from the table and check the note against them, within the rounding of what was
 * printed: never against a figure of their own.
 */
class ThresholdSweepNoteTest {

    private static final Pattern NOTE = Pattern.compile("One split \\(fork, join, two tasks\\) costs about (\\d+) ns"
            + " of a worker's time: threshold ([\\d,]+) against the fastest, ([\\d,]+), whose median is (.+?)\\."
            + " A leaf of MIN_LEAF = ([\\d,]+) numbers takes about (.+?) in the direct loop, so one split per leaf"
            + " adds about ([\\d.]+)%\\.");

    /*
     * 40,000 numbers on 2 workers: halves of 20,000 are worth offering (OFFER_MIN), so every
     * threshold below that wakes a pool thread; all those pools end with the lab.
     */
    @Test
    void theNoteOnOneSplitAgreesWithTheTableAndNoPoolOutlivesTheLab() throws InterruptedException {
        Set<Thread> before = LeftoverThreads.snapshot();
        CommandLineRun run = CommandLineRun.ofLab(
                new ThresholdSweep(), "--n", "40000", "--workers", "2", "--repeat", "3", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(), LeftoverThreads.startedSince(before, Duration.ofSeconds(10)), "threads left running");
        assertEquals(
                List.of(
                        "  lab 04 threshold-sweep: round 1 of 3 done",
                        "  lab 04 threshold-sweep: round 2 of 3 done",
                        "  lab 04 threshold-sweep: round 3 of 3 done"),
                run.err().lines().toList());

        List<List<String>> rows = LabTables.rows(run.out());
        List<String> direct = rows.getFirst();
        List<List<String>> byThreshold = rows.subList(1, rows.size());
        List<String> smallest = byThreshold.getFirst();
        assertEquals("100", smallest.getFirst(), run.out());
        Matcher note = NOTE.matcher(run.out());
        if (!note.find()) {
            // No note only when the smallest threshold was itself the fastest: then there is no extra time.
            for (List<String> row : byThreshold) {
                assertTrue(LabTables.nanos(smallest.get(2)) <= LabTables.nanos(row.get(2)), run.out());
            }
            return;
        }
        assertEquals("100", note.group(2), run.out());
        List<String> fastest = byThreshold.stream()
                .filter(row -> row.getFirst().split(" ")[0].equals(note.group(3)))
                .findFirst()
                .orElseThrow();
        assertEquals(fastest.get(2), note.group(4), "the fastest's median, as in the table");
        for (List<String> row : byThreshold) {
            assertTrue(
                    LabTables.nanos(fastest.get(2)) <= LabTables.nanos(row.get(2)),
                    () -> "not the fastest: " + run.out());
        }

        // One split: the smallest threshold's extra time, times 2 workers, over its extra splits.
        long extraSplits = count(smallest.get(1)) - count(fastest.get(1));
        double extraLow = Math.max(0, low(smallest.get(2)) - high(fastest.get(2)));
        double extraHigh = high(smallest.get(2)) - low(fastest.get(2));
        double perSplit = Double.parseDouble(note.group(1));
        assertBetween(extraLow * 2 / extraSplits - 0.5, perSplit, extraHigh * 2 / extraSplits + 0.5, run.out());

        // A MIN_LEAF leaf: 4,096 times the direct loop's time per number.
        assertEquals(ForkJoinLesson.MIN_LEAF, count(note.group(5)));
        double nsPerNumber = Double.parseDouble(direct.get(5));
        String leaf = note.group(6);
        assertBetween(
                ForkJoinLesson.MIN_LEAF * (nsPerNumber - 0.005) - halfUnit(leaf),
                LabTables.nanos(leaf),
                ForkJoinLesson.MIN_LEAF * (nsPerNumber + 0.005) + halfUnit(leaf),
                run.out());

        // The share: one split over one leaf, in percent.
        double share = Double.parseDouble(note.group(7));
        assertBetween(
                100 * (perSplit - 0.5) / high(leaf) - 0.05,
                share,
                100 * (perSplit + 0.5) / low(leaf) + 0.05,
                run.out());
    }

    /* With 50 numbers every threshold makes one leaf: no split to price, so no note. */
    @Test
    void whenNoThresholdSplitsThereIsNoNote() {
        CommandLineRun run = CommandLineRun.ofLab(
                new ThresholdSweep(), "--n", "50", "--workers", "1", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(
                List.of("1", "1"),
                LabTables.rows(run.out()).stream()
                        .skip(1)
                        .map(row -> row.get(1))
                        .toList(),
                run.out());
        assertFalse(run.out().contains("One split"), run.out());
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

    private static void assertBetween(double low, double value, double high, String output) {
        assertTrue(low <= value && value <= high, () -> value + " is not in [" + low + ", " + high + "]:\n" + output);
    }

    private static long count(String grouped) {
        return Long.parseLong(grouped.replace(",", ""));
    }

    /* Half of the last printed digit of a duration: "12.3 µs" is 12,250 to 12,350 ns. */
    private static double halfUnit(String duration) {
        String[] numberAndUnit = duration.split(" ");
        String number = numberAndUnit[0];
        int decimals = number.contains(".") ? number.length() - number.indexOf('.') - 1 : 0;
        return LabTables.nanos("1 " + numberAndUnit[1]) * Math.pow(10, -decimals) / 2;
    }

    private static double low(String duration) {
        return LabTables.nanos(duration) - halfUnit(duration);
    }

    private static double high(String duration) {
        return LabTables.nanos(duration) + halfUnit(duration);
    }
}
