package workbook.forkjoin.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import workbook.harness.CommandLineRun;
import workbook.harness.LabTables;

/*
 * What the fixed-cost lab says beyond its table: its progress and its two notes, each checked
 * against the table's own figures within the rounding of what was printed (a cost is shown to a
 * hundredth of a microsecond, a tenth from 10 µs, a whole one from 100 µs).
 */
class FixedCostNoteTest {

    private static final Pattern FIXED = Pattern.compile("Fixed cost of one call at n = 1 \\(fork/join minus the"
            + " direct loop\\): caller works (-?[\\d.]+ µs), caller waits (-?[\\d.]+ µs)\\.");
    private static final Pattern WINS = Pattern.compile("With the caller working, fork/join was more than 5 % faster"
            + " than the direct loop at (none of these n|n = ([\\d, ]+))\\.");

    @Test
    void theProgressAndTheNotesAgreeWithTheTable() {
        CommandLineRun run = CommandLineRun.ofLab(
                new FixedCost(), "--n", "1000", "--workers", "2", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> rows = LabTables.rows(run.out());
        assertEquals(
                List.of("1", "10", "100", "1,000"),
                rows.stream().map(List::getFirst).toList(),
                run.out());

        // One progress line per n, with the costs of its row.
        List<String> progress = new ArrayList<>();
        for (List<String> row : rows) {
            progress.add("  lab 04 fixed-cost: n = " + row.get(0) + ": caller works " + row.get(3) + ", caller waits "
                    + row.get(4));
        }
        assertEquals(progress, run.err().lines().toList());

        // The fixed cost at n = 1: each way's cost minus the direct loop's.
        Matcher fixed = FIXED.matcher(run.out());
        assertTrue(fixed.find(), run.out());
        List<String> atOne = rows.getFirst();
        assertDifference(atOne.get(3), atOne.get(2), fixed.group(1), run.out());
        assertDifference(atOne.get(4), atOne.get(2), fixed.group(2), run.out());

        // The n where the caller working beat the direct loop by more than 5 %: every clear case agrees.
        Matcher wins = WINS.matcher(run.out());
        assertTrue(wins.find(), run.out());
        List<String> listed =
                wins.group(2) == null ? List.of() : List.of(wins.group(2).split(", "));
        assertTrue(wins.group(2) == null || !listed.isEmpty(), run.out());
        for (List<String> row : rows) {
            double direct = micros(row.get(2));
            double callerWorks = micros(row.get(3));
            double slack = halfUnit(row.get(2)) + halfUnit(row.get(3));
            if (callerWorks + slack < 0.95 * direct) {
                assertTrue(listed.contains(row.getFirst()), () -> row + " is a win:\n" + run.out());
            } else if (callerWorks - slack >= 0.95 * direct) {
                assertFalse(listed.contains(row.getFirst()), () -> row + " is no win:\n" + run.out());
            }
        }
    }

    /* Ten million numbers is the largest n the lab takes (one more is refused, FixedCostTest). */
    @Test
    void tenMillionNumbersIsTheLargestNItTakes() {
        CommandLineRun run =
                CommandLineRun.ofLab(new FixedCost(), "--n", "1e7", "--workers", "1", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("10,000,000", LabTables.rows(run.out()).getLast().getFirst(), run.out());
    }

    private static void assertDifference(String minuend, String subtrahend, String difference, String output) {
        double slack = halfUnit(minuend) + halfUnit(subtrahend) + halfUnit(difference);
        double expected = micros(minuend) - micros(subtrahend);
        assertTrue(
                Math.abs(micros(difference) - expected) <= slack + 1e-9,
                () -> difference + " is not " + minuend + " - " + subtrahend + ":\n" + output);
    }

    private static double micros(String cost) {
        return Double.parseDouble(cost.replace(" µs", ""));
    }

    /* Half of the last printed digit, in µs. */
    private static double halfUnit(String cost) {
        String number = cost.replace(" µs", "");
        int decimals = number.contains(".") ? number.length() - number.indexOf('.') - 1 : 0;
        return Math.pow(10, -decimals) / 2;
    }
}
