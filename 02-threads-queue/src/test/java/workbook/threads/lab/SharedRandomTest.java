package workbook.threads.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import workbook.harness.CommandLineRun;
import workbook.harness.Lab;
import workbook.harness.LabResults;
import workbook.harness.LabTables;
import workbook.harness.Machine;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

class SharedRandomTest {

    private static CommandLineRun lab(String... args) {
        return CommandLineRun.ofLab(new SharedRandom(), args);
    }

    private static SharedRandom parsed(String... args) {
        SharedRandom lab = new SharedRandom();
        new CommandLine(lab).parseArgs(args);
        return lab;
    }

    /* The one run that starts JVMs: four rows, each summing in a JVM of its own. */
    @Test
    void eachRowSumsInAJvmOfItsOwnAndTheTableHasARowPerWorkerCountWithItsSpreads() {
        CommandLineRun run = lab("--n", "100000", "--workers", "3", "--repeat", "1", "--warmup", "0", "--forks", "1");
        assertEquals(0, run.exitCode(), run.err());
        List<String> rows =
                run.out().lines().filter(line -> line.startsWith("| ")).toList();
        assertEquals(3, rows.size(), () -> "a header and one row for 1 and for 3 workers:\n" + run.out());
        assertEquals(
                "| workers | cores | position-based numbers | JVMs apart | one shared java.util.Random | JVMs apart |"
                        + " slowdown |",
                rows.getFirst());
        assertTrue(rows.get(1).startsWith("| 1 |") && rows.get(2).startsWith("| 3 |"), run.out());
        assertTrue(
                rows.get(2).matches("\\| 3 \\| \\d+ \\| [0-9.]+ .s \\| - \\| [0-9.]+ .s \\| - \\| \\d+\\.\\dx \\|"),
                () -> "one JVM each, so no spread; ends with the slowdown factor: " + rows.get(2));
        String oracle = Report.grouped(Oracle.sum(Workload.of(100_000, 42)));
        assertTrue(
                run.out().contains("Sums: all 2 agree with each other and with the oracle (" + oracle + ")"),
                "the position-based sums, from their own JVMs:\n" + run.out());
        long drawn = SharedRandom.drawFrom(new Random(42), Workload.of(100_000, 42), 100_000);
        assertTrue(
                run.out()
                        .contains("Not checked: shared Random, 1 worker and shared Random, 3 workers: "
                                + Report.grouped(drawn) + " (the first n draws"),
                "the shared Random's sums, from their own JVMs:\n" + run.out());
        assertTrue(run.out().contains("Machine: "), "the caption names the machine:\n" + run.out());
        List<String> progress = run.err().lines().toList();
        assertEquals(
                List.of(
                        "  lab 02 shared-random: JVMs 1 of 1: one per row, 4 rows",
                        "  lab 02 shared-random: JVMs 1, round 1 of 1 done"),
                progress.subList(0, 2));
        assertEquals(4, progress.size(), run.err());
        assertTrue(progress.get(2).matches("  lab 02 shared-random: 1 worker: .+ against .+"), progress.get(2));
        assertTrue(progress.get(3).matches("  lab 02 shared-random: 3 workers: .+ against .+"), progress.get(3));
    }

    @Test
    void theRowsAreTheLessonAndTheSharedRandomAtOneWorkerAndAtWorkers() {
        assertEquals(
                List.of(
                        "position-based at 1 worker",
                        "shared Random at 1 worker",
                        "position-based at 2 workers",
                        "shared Random at 2 workers"),
                parsed("--workers", "2").rows().stream().map(Lab.Row::name).toList());
        assertEquals(
                List.of("position-based at 1 worker", "shared Random at 1 worker"),
                parsed("--workers", "1").rows().stream().map(Lab.Row::name).toList());
    }

    /* Made-up medians: the slowdown is their ratio, and a row whose JVMs disagree gets a note. */
    @Test
    void theSlowdownIsTheRatioOfTheMediansAndADisagreementIsANote() {
        Workload workload = Workload.of(1000, 42);
        long sum = Oracle.sum(workload);
        long drawn = SharedRandom.drawFrom(new Random(42), workload, 1000);
        String markdown = parsed("--n", "1000", "--workers", "2", "--forks", "2")
                .table(
                        workload,
                        List.of(
                                LabResults.timed("position-based at 1 worker", 1, workload, sum, 1e6, 1e6),
                                LabResults.timed("shared Random at 1 worker", 1, workload, drawn, 3e6, 3.2e6),
                                LabResults.timed("position-based at 2 workers", 2, workload, sum, 0.5e6, 0.51e6),
                                LabResults.timed("shared Random at 2 workers", 2, workload, drawn, 8e6, 12e6)))
                .markdown(new Machine(2, "25", "Some CPU", "Linux"));
        List<List<String>> rows = LabTables.rows(markdown);
        String cores = String.valueOf(Machine.availableCores());
        assertEquals(List.of("1", cores, "1.0 ms", "0 %", "3.1 ms", "7 %", "3.1x"), rows.get(0), markdown);
        assertEquals(List.of("2", cores, "505.0 µs", "2 %", "10.0 ms", "50 %", "19.8x"), rows.get(1), markdown);
        assertTrue(
                markdown.contains(
                        "\nNote: JVMs that disagree by more than 10 %, each row's median folding them together: "
                                + "shared Random at 2 workers, 8.0 ms and 12.0 ms (50 % apart).\n"),
                markdown);
        assertEquals(1, markdown.split("disagree", -1).length - 1, "only that row:\n" + markdown);
        assertTrue(
                markdown.contains("each row in a JVM of its own, 2 warm-up then the median of 5 interleaved rounds, in"
                        + " 2 sets of JVMs"),
                markdown);
        assertFalse(markdown.contains("WRONG"), markdown);
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        lab("--workers", "0").assertRefused("--workers must be at least 1, was 0");
        lab("--forks", "0").assertRefused("--forks must be at least 1, was 0");
    }

    @Test
    void sharedRandomSumsTheFirstNDrawsWhicheverThreadDrawsThem() throws InterruptedException {
        Workload workload = Workload.of(3_000_017, 8);
        long drawnOnOneThread = SharedRandom.drawFrom(new Random(workload.seed()), workload, workload.n());
        try (SumStrategy shared = SharedRandom.sharedRandom(3)) {
            assertEquals(drawnOnOneThread, shared.sum(workload));
            assertEquals(drawnOnOneThread, shared.sum(workload), "a fresh Random for every call");
        }
    }

    /* The same draws, scaled with BigInteger: lo + floor(unsigned draw * span / 2^32). */
    private static long drawnWithBigIntegers(long seed, int lo, int hi, long count) {
        Random random = new Random(seed);
        java.math.BigInteger span = java.math.BigInteger.valueOf((long) hi - lo + 1);
        long total = 0;
        for (long drawn = 0; drawn < count; drawn++) {
            java.math.BigInteger unsigned = java.math.BigInteger.valueOf(Integer.toUnsignedLong(random.nextInt()));
            total += lo + unsigned.multiply(span).shiftRight(32).longValueExact();
        }
        return total;
    }

    @Test
    void eachDrawIsScaledToTheRangeLikeTheWorkloadsNumbers() {
        for (int[] range : new int[][] {{0, 10}, {-3, 17}, {Integer.MIN_VALUE, Integer.MAX_VALUE}, {5, 5}}) {
            Workload workload = new Workload(10_000, 8, range[0], range[1]);
            assertEquals(
                    drawnWithBigIntegers(8, range[0], range[1], 10_000),
                    SharedRandom.drawFrom(new Random(8), workload, 10_000),
                    range[0] + ".." + range[1]);
        }
        assertEquals(0, SharedRandom.drawFrom(new Random(8), Workload.of(10, 8), 0), "no draw, no sum");
    }
}
