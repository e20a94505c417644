package workbook.simd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import workbook.harness.CommandLineRun;
import workbook.harness.Oracle;
import workbook.harness.Workload;

/** The lab's rows and table, on a workload small enough to take no time; no timing is checked. */
class AccumulatorsTest {

    private static CommandLineRun lab(String... args) {
        return CommandLineRun.ofLab(new Accumulators(), args);
    }

    @Test
    void oneRowForTheScalarLoopAndOnePerWorkerCountAndAccumulatorCountAllWithTheOracleSum()
            throws InterruptedException {
        Workload workload = new Workload(100_003, 5, -7, 70);
        List<Accumulators.Row> rows = Accumulators.rows(workload, 2, 0, 1);
        assertEquals(
                List.of("0 on 1", "1 on 1", "2 on 1", "4 on 1", "1 on 2", "2 on 2", "4 on 2"),
                rows.stream()
                        .map(row -> row.accumulators() + " on " + row.workers())
                        .toList());
        long oracle = Oracle.sum(workload);
        rows.forEach(row -> assertEquals(oracle, row.measurement().sum(), row.toString()));
    }

    @Test
    void oneWorkerGivesRowsForOneWorkerOnly() throws InterruptedException {
        List<Accumulators.Row> rows = Accumulators.rows(Workload.of(1000, 1), 1, 0, 1);
        assertEquals(4, rows.size());
        assertTrue(rows.stream().allMatch(row -> row.workers() == 1));
    }

    @Test
    void theLabPrintsSevenRowsAndChecksEverySum() {
        CommandLineRun run = lab("--n", "100003", "--workers", "2", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(
                7,
                run.out()
                        .lines()
                        .filter(line -> line.matches("\\| (scalar|simd).*"))
                        .count(),
                run.out());
        assertTrue(run.out().contains("Sums: all 7 agree with each other and with the oracle"), run.out());
        assertTrue(run.out().contains("Machine: "), run.out());
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        lab("--n", "-1").assertRefused("n must not be negative, was -1");
    }
}
