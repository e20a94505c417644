package workbook.cluster.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import workbook.harness.CommandLineRun;
import workbook.harness.Lab;
import workbook.harness.LabTables;

class CostTest {

    /* Two cluster starts, the jobs at the small n in one batch each, one round at the large n. */
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
                "0");
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
}
