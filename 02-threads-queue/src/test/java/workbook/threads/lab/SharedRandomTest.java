package workbook.threads.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import workbook.harness.CommandLineRun;
import workbook.harness.LabCli;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

class SharedRandomTest {

    private static CommandLineRun lab(String... args) {
        return CommandLineRun.of((out, err, arguments) -> LabCli.run(new SharedRandom(), out, err, arguments), args);
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
}
