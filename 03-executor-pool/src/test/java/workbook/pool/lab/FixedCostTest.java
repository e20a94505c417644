package workbook.pool.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import workbook.harness.CallCost;
import workbook.harness.CommandLineRun;
import workbook.harness.Lab;
import workbook.harness.LabResults;
import workbook.harness.LabTables;
import workbook.harness.Lesson;
import workbook.harness.Machine;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Services;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

class FixedCostTest {
    private static final Machine MACHINE = new Machine(2, "25", "Some CPU", "Linux amd64");
    private static final Workload SMALL = Workload.of(1000, 42);

    private static FixedCost lab(String... args) {
        FixedCost lab = new FixedCost();
        new CommandLine(lab).parseArgs(args);
        return lab;
    }

    /*
     * The one run that starts JVMs, with lesson 02 on the class path (a stand-in, registered for
     * this test only): every row, lesson 02's too, makes its calls in a JVM of its own, which finds
     * lesson 02 as the lab did.
     */
    @Test
    void everyRowMakesItsCallsInAJvmOfItsOwnLesson02sToo(@TempDir Path services) throws Exception {
        CommandLineRun run = Services.with(
                services,
                Map.of(Lesson.class, List.of(StandInLesson02.class)),
                () -> CommandLineRun.ofLab(
                        new FixedCost(), "--workers", "2", "--repeat", "1", "--warmup", "0", "--forks", "1"));
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> rows = LabTables.rows(run.out());
        assertEquals(
                List.of(
                        "one thread, no pool: the loop each task runs (Workload.sumAll)",
                        "lesson 02: start 2 threads, take from a queue, join",
                        "a fresh pool per call (this lesson's sum)",
                        "a pool kept between calls (sumOn)",
                        "parallel stream (the common pool)"),
                rows.stream().map(List::getFirst).toList(),
                run.out());
        assertEquals("2", rows.get(1).get(1));
        assertTrue(
                run.out()
                        .contains("| how one call runs | threads started per call | median | JVMs apart | fastest"
                                + " batch | slowest batch | above the plain loop |"),
                run.out());
        assertTrue(rows.stream().allMatch(row -> row.get(2).endsWith(" µs")), run.out());
        assertTrue(rows.stream().allMatch(row -> row.get(3).equals("-")), "one JVM each:\n" + run.out());
        assertEquals("-", rows.getFirst().getLast(), "the plain loop is the baseline");
        assertFalse(run.out().contains("Lesson 02 is not on the class path"), run.out());
        String oracle = Report.grouped(Oracle.sum(SMALL));
        assertTrue(
                run.out().contains("Sums: all 5 agree with each other and with the oracle (" + oracle + ")"),
                "every sum came from a row's own JVM:\n" + run.out());
        assertTrue(run.out().contains("n = 1,000 numbers"), "n = 1,000 by default:\n" + run.out());
        assertEquals(
                List.of(
                        "  lab 03 fixed-cost: 5 ways, 0 warm-up rounds and 1 batches each",
                        "  lab 03 fixed-cost: JVMs 1 of 1: one per row, 5 rows; calibrating and warming up",
                        "  lab 03 fixed-cost: JVMs 1: 1 interleaved batches of each row done"),
                run.err().lines().toList());
    }

    @Test
    void lesson02sRowIsBuiltFromItsDescriptorAndClosedWithTheRow(@TempDir Path services) throws Exception {
        StandInLesson02.EVENTS.clear();
        List<Lab.Row> rows = Services.with(
                services, Map.of(Lesson.class, List.of(StandInLesson02.class)), () -> lab("--workers", "2")
                        .rows());
        assertEquals(
                "lesson 02: start 2 threads, take from a queue, join",
                rows.get(1).name());
        assertEquals(List.of(), StandInLesson02.EVENTS, "nothing is built until a JVM builds its row");
        try (SumStrategy threads = rows.get(1).build().get()) {
            assertEquals(Oracle.sum(SMALL), threads.sum(SMALL));
        }
        assertEquals(List.of("built for 2 workers", "closed"), StandInLesson02.EVENTS);
        assertEquals(4, lab("--workers", "2").rows().size(), "without lesson 02, four rows");
    }

    @Test
    void withoutLesson02TheTableSaysItsRowIsMissingAndEachRowIsItsCostAboveTheLoop() {
        long sum = Oracle.sum(SMALL);
        List<CallCost.ForkedCost> costs = List.of(
                LabResults.cost("loop", sum, 1_000, 1_000),
                LabResults.cost("fresh pool", sum, 90_000, 92_000),
                LabResults.cost("kept pool", sum, 12_000, 12_500),
                LabResults.cost("stream", sum, 8_000, 8_100));
        String markdown = lab("--workers", "2", "--repeat", "2", "--warmup", "1", "--forks", "2")
                .table(SMALL, costs)
                .markdown(MACHINE);
        List<List<String>> rows = LabTables.rows(markdown);
        assertEquals(
                List.of(
                        List.of(
                                "one thread, no pool: the loop each task runs (Workload.sumAll)",
                                "0",
                                "1.00 µs",
                                "0 %"),
                        List.of("a fresh pool per call (this lesson's sum)", "2", "91.0 µs", "2 %"),
                        List.of("a pool kept between calls (sumOn)", "0 (started once)", "12.3 µs", "4 %"),
                        List.of("parallel stream (the common pool)", "0 (the JVM keeps it)", "8.05 µs", "1 %")),
                rows.stream().map(row -> row.subList(0, 4)).toList());
        assertEquals(
                List.of("-", "90.0 µs", "11.3 µs", "7.05 µs"),
                rows.stream().map(List::getLast).toList(),
                "each row's median above the plain loop's");
        assertTrue(markdown.contains("Lesson 02 is not on the class path"), markdown);
        assertTrue(
                markdown.contains("per call, median of 2 interleaved batches of back-to-back calls (about 50 ms each)"
                        + " after 1 warm-up round, each row in a JVM of its own, in 2 sets of JVMs. "),
                markdown);
        assertFalse(markdown.contains("disagree"), markdown);
    }

    @Test
    void aRowWhoseJvmsDisagreeShowsHowFarApartInItsColumn() {
        long sum = Oracle.sum(SMALL);
        List<CallCost.ForkedCost> costs = new ArrayList<>(List.of(
                LabResults.cost("loop", sum, 1_000, 1_000),
                LabResults.cost("fresh pool", sum, 90_000, 92_000),
                LabResults.cost("kept pool", sum, 10_000, 15_000),
                LabResults.cost("stream", sum, 8_000, 8_100)));
        String markdown = lab("--workers", "2").table(SMALL, costs).markdown(MACHINE);
        assertEquals("50 %", LabTables.rows(markdown).get(2).get(3), markdown);
        assertTrue(
                markdown.contains(
                        "\nNote: JVMs that disagree by more than 10 %, each row's median folding them together: a pool kept between calls (sumOn), 10.0 µs and"
                                + " 15.0 µs (50 % apart).\n"),
                markdown);
        assertEquals(1, markdown.split("disagree", -1).length - 1, "only that row:\n" + markdown);
    }

    @Test
    void aLargeNIsRefusedWithOneLineAndExitCode2() {
        CommandLineRun.ofLab(new FixedCost(), "--n", "2e6")
                .assertRefused("--n must be at most 1,000,000, was 2,000,000");
        CommandLineRun.ofLab(new FixedCost(), "--repeat", "0").assertRefused("--repeat must be at least 1, was 0");
        CommandLineRun.ofLab(new FixedCost(), "--forks", "0").assertRefused("--forks must be at least 1, was 0");
    }

    @Test
    void aMillionNumbersIsTheLargestNItTakes() {
        FixedCost.refuseLargeN(1_000_000);
        assertThrows(IllegalArgumentException.class, () -> FixedCost.refuseLargeN(1_000_001));
    }
}
