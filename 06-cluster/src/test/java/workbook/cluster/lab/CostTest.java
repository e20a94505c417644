package workbook.cluster.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import workbook.harness.CommandLineRun;
import workbook.harness.Lab;
import workbook.harness.LabTables;
import workbook.harness.Machine;
import workbook.harness.Report;
import workbook.harness.Workload;

class CostTest {

    /* Two cluster starts, the jobs at the small n in one batch each, one round at the large n, in one JVM per row. */
    @Test
    @Timeout(120)
    void theLabPrintsTheCostsAndTheModelAndChecksEverySum() {
        CommandLineRun run = CommandLineRun.ofLab(
                new Cost(),
                "--n",
                "200000",
                "--small-n",
                "100",
                "--members",
                "2",
                "--workers",
                "1",
                "--repeat",
                "1",
                "--warmup",
                "0",
                "--forks",
                "1");
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> rows = LabTables.rows(run.out());
        List<String> what = rows.stream().map(List::getFirst).toList();
        assertEquals(13, rows.size(), () -> "8 costs and 5 rows of the model:\n" + run.out());
        assertTrue(what.get(0).startsWith("cluster start, 2 members, the first"), run.out());
        assertTrue(what.get(1).startsWith("cluster start, 2 members, later"), run.out());
        assertTrue(what.get(2).startsWith("the plain loop, one thread, no cluster, n = 100"), run.out());
        assertTrue(what.get(3).startsWith("one executor job, n = 100"), run.out());
        assertTrue(what.get(4).startsWith("one Jet job, n = 100"), run.out());
        assertTrue(what.get(5).startsWith("the plain loop, one thread, n = 200,000 (b = "), run.out());
        assertTrue(what.get(6).startsWith("executor, n = 200,000"), run.out());
        assertTrue(what.get(7).startsWith("jet, n = 200,000"), run.out());
        assertEquals(List.of("1 (no cluster)", "2", "4", "8", "16"), what.subList(8, 13), run.out());
        assertTrue(rows.subList(8, 13).stream().allMatch(row -> row.size() == 7), run.out());
        assertTrue(run.out().contains("Sums: all 6 agree with the oracle of their workload (2 workloads)"), run.out());
        assertTrue(run.out().contains("Machine: "), "the caption names the machine:\n" + run.out());
        assertTrue(run.out().contains("n = overhead*M*C/(b*(M-1))"), "the model is stated:\n" + run.out());
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        CommandLineRun.ofLab(new Cost(), "--members", "0").assertRefused("--members must be at least 1, was 0");
        CommandLineRun.ofLab(new Cost(), "--workers", "0").assertRefused("--workers must be at least 1, was 0");
        CommandLineRun.ofLab(new Cost(), "--small-n", "-1").assertRefused("n must not be negative, was -1");
    }

    @Test
    void theLabBelongsToLesson06() {
        Lab lab = new Cost();
        assertEquals("06", lab.lesson());
        assertEquals("cost", lab.name());
    }

    @Test
    void roughlyKeepsTwoSignificantDigits() {
        assertEquals("14,000,000", CostModel.roughly(13_612_345));
        assertEquals("1", CostModel.roughly(0.3));
        assertEquals("99", CostModel.roughly(99.4));
    }

    /*
     * The model's table from costs chosen here, not measured: every cell is the formula the note
     * prints, t = start + overhead + n*b/(M*C) and n = overhead*M*C/(b*(M-1)), on this machine's C.
     * b = 1.5 ns so that a product and a quotient by b cannot come out the same.
     */
    @Test
    void theModelTableFollowsItsFormulaForEveryHostCount() {
        double b = 1.5;
        double executor = 2e6;
        double jet = 7e6;
        double firstStart = 3e9;
        String markdown = CostModel.table(
                        new CostModel.Costs(firstStart, 1e9, List.of(executor, jet), b), Workload.of(1_000_000_000, 42))
                .markdown(Machine.current());
        List<List<String>> rows = LabTables.rows(markdown);
        int cores = Machine.availableCores();
        assertEquals(
                List.of(
                        "1 (no cluster)",
                        String.valueOf(cores),
                        Report.duration(1.5e9 / cores),
                        Report.duration(1.5e12 / cores),
                        "-",
                        "-",
                        "-"),
                rows.get(0));
        int[] hostCounts = {2, 4, 8, 16};
        assertEquals(1 + hostCounts.length, rows.size(), markdown);
        for (int i = 0; i < hostCounts.length; i++) {
            int hosts = hostCounts[i];
            long allCores = (long) hosts * cores;
            double perExtraHost = 1.5 * (hosts - 1);
            assertEquals(
                    List.of(
                            String.valueOf(hosts),
                            String.valueOf(allCores),
                            Report.duration(executor + 1.5e9 / allCores),
                            Report.duration(executor + 1.5e12 / allCores),
                            CostModel.roughly(executor * allCores / perExtraHost),
                            CostModel.roughly((firstStart + executor) * allCores / perExtraHost),
                            CostModel.roughly(jet * allCores / perExtraHost)),
                    rows.get(i + 1),
                    hosts + " hosts");
        }
        assertTrue(
                markdown.contains("b = 1.500 ns (the plain loop at n = 1,000,000,000), start = "
                        + Report.duration(firstStart) + " (the first in a JVM), overhead = "
                        + Report.duration(executor) + " (executor) or " + Report.duration(jet) + " (jet)."),
                markdown);
    }
}
