package workbook.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import workbook.harness.CommandLineRun;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;

/**
 * The tables the lesson page needs come out whole and with the right rows. Their timings are not
 * checked (timing never decides a test); the sums they print are.
 */
class PoolExperimentsTest {

    private static List<String> tableRows(String markdown) {
        return markdown.lines()
                .filter(line -> line.startsWith("| ")
                        && !line.startsWith("| run |")
                        && !line.startsWith("| --tasks |")
                        && !line.startsWith("| how one job"))
                .toList();
    }

    @Test
    void theSweptTaskCountsAreOneWorkersFourTimesWorkersAThousandAndAHundredThousand() {
        assertEquals(List.of(1, 2, 8, 1000, 100_000), PoolExperiments.sweptTaskCounts(2));
        assertEquals(List.of(1, 4, 1000, 100_000), PoolExperiments.sweptTaskCounts(1));
    }

    @Test
    void theTasksSweepPrintsOneRowPerTaskCountAndTheAgreedSum() {
        CommandLineRun run = ExecutorPoolTest.commandLine(
                "--tasks-sweep", "--n", "200003", "--workers", "2", "--repeat", "1", "--warmup", "0", "--verify");
        assertEquals(0, run.exitCode(), run.err());
        List<String> rows = tableRows(run.out());
        assertEquals(
                List.of("1", "2", "8", "1,000", "100,000"),
                rows.stream().map(row -> row.split("\\|")[1].strip()).toList(),
                run.out());
        long expected = Oracle.sum(Workload.of(200_003, 42));
        assertTrue(
                run.out().contains("Every row summed to " + Report.grouped(expected) + "; the oracle agrees."),
                run.out());
        assertTrue(run.out().contains(Runtime.getRuntime().availableProcessors() + " cores"), run.out());
    }

    @Test
    void theFixedCostTableComparesFiveWaysOfRunningOneJob() {
        CommandLineRun run = ExecutorPoolTest.commandLine("--fixed-cost", "--n", "1000", "--workers", "2");
        assertEquals(0, run.exitCode(), run.err());
        List<String> rows = tableRows(run.out());
        assertEquals(5, rows.size(), run.out());
        assertTrue(rows.get(2).contains("fresh pool") && rows.get(3).contains("warm pool"), run.out());
        assertTrue(run.out().contains("median of " + PoolExperiments.FIXED_COST_RUNS + " jobs"), run.out());
        long expected = Oracle.sum(Workload.of(1000, 42));
        assertTrue(run.out().contains("Every way summed to " + Report.grouped(expected) + "."), run.out());
    }

    @Test
    void theSplittableRandomDemoPrintsFiveRunsAndTheContrast() {
        CommandLineRun run = ExecutorPoolTest.commandLine("--splittable-random-demo", "--n", "100000", "--seed", "7");
        assertEquals(0, run.exitCode(), run.err());
        List<String> rows = tableRows(run.out());
        assertEquals(PoolExperiments.DEMO_RUNS, rows.size(), run.out());
        // The sequential column is the JDK's sequential stream, the same in every run.
        String sequential = Report.grouped(PoolExperiments.jdkRandomSum(100_000, 7, 0, 10, false));
        for (String row : rows) {
            assertEquals(sequential, row.split("\\|")[2].strip(), row);
        }
        // The workbook's own numbers in a parallel stream: the oracle's sum every time.
        assertTrue(run.out().contains("always " + Report.grouped(Oracle.sum(Workload.of(100_000, 7)))), run.out());
    }
}
