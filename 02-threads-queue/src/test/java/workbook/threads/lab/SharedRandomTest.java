package workbook.threads.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import workbook.harness.CommandLineRun;
import workbook.harness.LabTables;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

class SharedRandomTest {

    private static CommandLineRun lab(String... args) {
        return CommandLineRun.ofLab(new SharedRandom(), args);
    }

    @Test
    void theLabPrintsAMarkdownRowPerWorkerCountAndChecksThePositionBasedSums() {
        CommandLineRun run = lab("--n", "100000", "--workers", "3", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<String> rows =
                run.out().lines().filter(line -> line.startsWith("| ")).toList();
        assertEquals(3, rows.size(), () -> "a header and one row for 1 and for 3 workers:\n" + run.out());
        assertTrue(rows.get(1).startsWith("| 1 |") && rows.get(2).startsWith("| 3 |"), run.out());
        assertTrue(
                rows.get(2).matches(".*\\| \\d+\\.\\dx \\|$"), () -> "ends with the slowdown factor: " + rows.get(2));
        String oracle = Report.grouped(Oracle.sum(Workload.of(100_000, 42)));
        assertTrue(
                run.out().contains("Sums: all 2 agree with each other and with the oracle (" + oracle + ")"),
                run.out());
        assertTrue(run.out().contains("Machine: "), "the caption names the machine:\n" + run.out());
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        lab("--workers", "0").assertRefused("--workers must be at least 1, was 0");
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

    @Test
    void eachWorkerCountReportsItsProgressAndItsSlowdownIsTheRatioOfItsTwoMedians() {
        CommandLineRun run = lab("--n", "200000", "--workers", "2", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<String> progress = run.err().lines().toList();
        assertEquals(2, progress.size(), run.err());
        assertTrue(progress.get(0).matches("  lab 02 shared-random: 1 worker: .+ against .+"), progress.get(0));
        assertTrue(progress.get(1).matches("  lab 02 shared-random: 2 workers: .+ against .+"), progress.get(1));
        assertTrue(
                run.out().contains("Not checked: shared Random, 1 worker and shared Random, 2 workers: "), run.out());
        for (String row :
                run.out().lines().filter(line -> line.matches("\\| [12] \\|.*")).toList()) {
            String[] cells = row.split("\\|");
            double positionBased = LabTables.nanos(cells[3].strip());
            double shared = LabTables.nanos(cells[4].strip());
            double slowdown = Double.parseDouble(cells[5].strip().replace("x", ""));
            // The medians are shown with two or three digits, so their ratio is known to a few percent.
            assertEquals(shared / positionBased, slowdown, 0.15 * slowdown + 0.1, row);
        }
    }
}
