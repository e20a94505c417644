package workbook.simd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import workbook.harness.CommandLineRun;
import workbook.harness.Forks;
import workbook.harness.Lab;
import workbook.harness.LabResults;
import workbook.harness.LabTables;
import workbook.harness.Machine;
import workbook.harness.Oracle;
import workbook.harness.Workload;

/** The lab's rows and table, on a workload small enough to take no time; no timing is checked. */
class AccumulatorsTest {

    private static CommandLineRun lab(String... args) {
        return CommandLineRun.ofLab(new Accumulators(), args);
    }

    private static Accumulators parsed(String... args) {
        Accumulators lab = new Accumulators();
        new CommandLine(lab).parseArgs(args);
        return lab;
    }

    @Test
    void oneRowForTheScalarLoopAndOnePerWorkerCountAndAccumulatorCount() {
        assertEquals(
                List.of("0 on 1", "1 on 1", "2 on 1", "4 on 1", "1 on 2", "2 on 2", "4 on 2"),
                Accumulators.shapes(2).stream()
                        .map(shape -> shape.accumulators() + " on " + shape.workers())
                        .toList());
        assertEquals(
                List.of(
                        "scalar loop (Workload.sumRange), 1 worker, 0 accumulators",
                        "simd, 1 worker, 1 accumulators",
                        "simd, 1 worker, 2 accumulators",
                        "simd, 1 worker, 4 accumulators",
                        "simd, 2 workers, 1 accumulators",
                        "simd, 2 workers, 2 accumulators",
                        "simd, 2 workers, 4 accumulators"),
                parsed("--workers", "2").rows().stream().map(Lab.Row::name).toList());
    }

    @Test
    void oneWorkerGivesRowsForOneWorkerOnly() {
        List<Lab.Row> rows = parsed("--workers", "1").rows();
        assertEquals(4, rows.size());
        assertTrue(rows.stream().allMatch(row -> row.workers() == 1));
    }

    /* The one run that starts JVMs: seven rows, each kernel in a JVM of its own. */
    @Test
    void everyKernelSumsInAJvmOfItsOwnAndTheLabPrintsSevenRowsWithTheirSpread() {
        CommandLineRun run = lab("--n", "100003", "--workers", "2", "--repeat", "1", "--warmup", "0", "--forks", "1");
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> rows = LabTables.rows(run.out());
        assertEquals(7, rows.size(), run.out());
        assertTrue(
                run.out()
                        .contains(
                                "| kernel | workers | accumulators | median | JVMs apart | ns per number | speedup over"
                                        + " the scalar loop |"),
                run.out());
        assertTrue(rows.stream().allMatch(row -> row.get(4).equals("-")), "one JVM each:\n" + run.out());
        assertTrue(
                run.out().contains("Sums: all 7 agree with each other and with the oracle"),
                "every sum came from a kernel's own JVM:\n" + run.out());
        assertTrue(run.out().contains("Machine: "), run.out());
    }

    @Test
    void aRowWhoseJvmsDisagreeByMoreThanTenPercentGetsANoteWithBothMedians() {
        Accumulators lab = parsed("--n", "1000", "--workers", "1", "--forks", "2");
        Workload workload = Workload.of(1000, 42);
        long sum = Oracle.sum(workload);
        List<Forks.Result> results = new ArrayList<>();
        for (Lab.Row row : lab.rows()) {
            results.add(
                    row.name().contains("2 accumulators")
                            ? LabResults.timed(row.name(), 1, workload, sum, 1e3, 2e3)
                            : LabResults.timed(row.name(), 1, workload, sum, 1e3, 1e3));
        }
        String markdown = lab.table(workload, results).markdown(new Machine(1, "25", "Some CPU", "Linux"));
        assertEquals(
                List.of("0 %", "0 %", "100 %", "0 %"),
                LabTables.rows(markdown).stream().map(row -> row.get(4)).toList(),
                markdown);
        assertTrue(
                markdown.contains(
                        "\nNote: JVMs that disagree by more than 10 %, each row's median folding them together: "),
                markdown);
        assertTrue(markdown.contains(", 2 accumulators, 1.0 µs and 2.0 µs (100 % apart).\n"), markdown);
        assertEquals(1, markdown.split("disagree", -1).length - 1, "only that row:\n" + markdown);
        assertEquals("0.67x", LabTables.rows(markdown).get(2).getLast(), "1.5 µs against the scalar loop's 1.0 µs");
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        lab("--n", "-1").assertRefused("n must not be negative, was -1");
        lab("--forks", "0").assertRefused("--forks must be at least 1, was 0");
    }
}
