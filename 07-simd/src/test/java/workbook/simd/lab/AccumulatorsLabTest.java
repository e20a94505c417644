package workbook.simd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import workbook.harness.Oracle;
import workbook.harness.Workload;

/** The lab's rows and table, on a workload small enough to take no time; no timing is checked. */
class AccumulatorsLabTest {

    @Test
    void oneRowForTheScalarLoopAndOnePerWorkerCountAndAccumulatorCountAllWithTheOracleSum()
            throws InterruptedException {
        Workload workload = new Workload(100_003, 5, -7, 70);
        List<AccumulatorsLab.Row> rows = AccumulatorsLab.rows(workload, 2, 0, 1);
        assertEquals(
                List.of("0 on 1", "1 on 1", "2 on 1", "4 on 1", "1 on 2", "2 on 2", "4 on 2"),
                rows.stream()
                        .map(row -> row.accumulators() + " on " + row.workers())
                        .toList());
        long oracle = Oracle.sum(workload);
        rows.forEach(row -> assertEquals(oracle, row.measurement().sum(), row.toString()));
        String table = AccumulatorsLab.markdown(rows);
        assertEquals(
                7,
                table.lines()
                        .filter(line -> line.matches("\\| (scalar|simd).*"))
                        .count(),
                table);
        assertTrue(table.contains("All 7 sums match the oracle's"), table);
    }

    @Test
    void oneCoreGivesRowsForOneWorkerOnly() throws InterruptedException {
        List<AccumulatorsLab.Row> rows = AccumulatorsLab.rows(Workload.of(1000, 1), 1, 0, 1);
        assertEquals(4, rows.size());
        assertTrue(rows.stream().allMatch(row -> row.workers() == 1));
    }
}
