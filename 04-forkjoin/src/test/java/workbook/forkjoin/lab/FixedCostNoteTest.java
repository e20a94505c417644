package workbook.forkjoin.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import workbook.harness.CallCost;
import workbook.harness.LabResults;
import workbook.harness.LabTables;
import workbook.harness.Machine;
import workbook.harness.Oracle;
import workbook.harness.Workload;

/*
 * What the fixed-cost lab says beyond its figures: its two notes, the spread between each way's
 * JVMs and the note on a way whose JVMs disagree. The table is made from made-up costs
 * (LabResults), so every figure the notes work out is exact: nothing is timed.
 */
class FixedCostNoteTest {
    private static final Machine MACHINE = new Machine(2, "25", "Some CPU", "Linux amd64");

    private static FixedCost lab(String... args) {
        FixedCost lab = new FixedCost();
        new CommandLine(lab).parseArgs(args);
        return lab;
    }

    /* One n's row: each way's cost in µs in each of its JVMs. */
    private static List<CallCost.ForkedCost> costs(long n, double[]... microsPerWay) {
        long sum = Oracle.sum(Workload.of(n, 42));
        List<String> ways = List.of("direct loop", "fork/join", "always shared", "new pool per call");
        return java.util.stream.IntStream.range(0, ways.size())
                .mapToObj(way -> LabResults.cost(
                        ways.get(way),
                        sum,
                        java.util.stream.DoubleStream.of(microsPerWay[way])
                                .map(micros -> micros * 1e3)
                                .toArray()))
                .toList();
    }

    private static double[] jvms(double... micros) {
        return micros;
    }

    @Test
    void theNotesSayTheFixedCostAtOneAndWhereSharingEveryJobBeatsTheLoop() {
        Map<Long, List<CallCost.ForkedCost>> bySize = new LinkedHashMap<>();
        bySize.put(1L, costs(1, jvms(0.02, 0.02), jvms(0.05, 0.05), jvms(4.5, 4.5), jvms(90, 90)));
        bySize.put(10L, costs(10, jvms(0.03, 0.03), jvms(0.06, 0.06), jvms(4.5, 4.5), jvms(90, 90)));
        bySize.put(100_000L, costs(100_000, jvms(100, 100), jvms(100, 100), jvms(96, 96), jvms(150, 150)));
        bySize.put(300_000L, costs(300_000, jvms(300, 300), jvms(190, 190), jvms(170, 170), jvms(250, 250)));
        String markdown = lab("--n", "300000", "--workers", "2").table(bySize).markdown(MACHINE);
        assertTrue(
                markdown.contains("\nFixed cost of one call at n = 1 (minus the direct loop): fork/join 0.03 µs,"
                        + " always shared 4.48 µs.\n"),
                markdown);
        assertTrue(
                markdown.contains("\nAlways shared was more than 5 % faster than the direct loop at n = 300,000.\n"),
                markdown);
        assertEquals(
                List.of("100,000", "1", "100 µs", "0 %", "100 µs", "0 %", "96.0 µs", "0 %", "150 µs", "0 %"),
                LabTables.rows(markdown).get(2));
        assertFalse(markdown.contains("disagree"), markdown);
        assertTrue(markdown.contains("Sums: all 16 agree with the oracle of their workload (4 workloads)"), markdown);
    }

    @Test
    void whenSharingNeverWinsTheNoteSaysSo() {
        Map<Long, List<CallCost.ForkedCost>> bySize = new LinkedHashMap<>();
        bySize.put(1L, costs(1, jvms(0.02), jvms(0.05), jvms(4.5), jvms(90)));
        String markdown =
                lab("--n", "1", "--workers", "2", "--forks", "1").table(bySize).markdown(MACHINE);
        assertTrue(
                markdown.contains(
                        "\nAlways shared was more than 5 % faster than the direct loop at none of these" + " n.\n"),
                markdown);
        assertEquals("-", LabTables.rows(markdown).getFirst().get(3), "one JVM: nothing to be apart from");
    }

    @Test
    void aWayWhoseJvmsDisagreeByMoreThanTenPercentGetsANoteWithBothCosts() {
        Map<Long, List<CallCost.ForkedCost>> bySize = new LinkedHashMap<>();
        bySize.put(1L, costs(1, jvms(0.02, 0.02), jvms(0.05, 0.05), jvms(4.5, 4.5), jvms(90, 90)));
        bySize.put(10L, costs(10, jvms(0.03, 0.03), jvms(0.06, 0.06), jvms(5, 8), jvms(90, 91)));
        String markdown = lab("--n", "10", "--workers", "2").table(bySize).markdown(MACHINE);
        assertEquals(
                List.of("10", "1", "0.03 µs", "0 %", "0.06 µs", "0 %", "6.50 µs", "60 %", "90.5 µs", "1 %"),
                LabTables.rows(markdown).get(1));
        assertTrue(
                markdown.contains(
                        "\nNote: JVMs that disagree by more than 10 %, each row's median folding them together: "
                                + "always shared at n = 10, 5.00 µs and 8.00 µs (60 % apart).\n"),
                markdown);
        assertEquals(1, markdown.split("disagree", -1).length - 1, "only that way at that n:\n" + markdown);
    }
}
