package workbook.virtual.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbook.harness.CommandLineRun;
import workbook.harness.LabCli;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;

class WaitingTest {

    private static CommandLineRun lab(String... args) {
        return CommandLineRun.of((out, err, arguments) -> LabCli.run(new Waiting(), out, err, arguments), args);
    }

    @Test
    void theTableHasARowPerChunkCountAndChecksEverySum() {
        CommandLineRun run =
                lab("--latency-ms", "0", "--n", "10007", "--workers", "2", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<String> rows =
                run.out().lines().filter(line -> line.startsWith("| ")).toList();
        assertEquals(5, rows.size(), run.out());
        assertTrue(rows.getFirst().contains("| pool of 2 platform threads |"), rows.getFirst());
        assertTrue(rows.getFirst().contains("ceil(chunks / 2) × 0 ms"), rows.getFirst());
        List<String> chunkCounts = List.of("10", "100", "1,000", "10,000");
        for (int i = 0; i < chunkCounts.size(); i++) {
            assertTrue(rows.get(i + 1).startsWith("| " + chunkCounts.get(i) + " |"), run.out());
        }
        String oracle = Report.grouped(Oracle.sum(Workload.of(10_007, 42)));
        assertTrue(
                run.out().contains("Sums: all 8 agree with each other and with the oracle (" + oracle + ")"),
                run.out());
        assertTrue(run.err().contains("10,000 chunks on virtual threads"), () -> "progress: " + run.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--latency-ms -1|--latency-ms must not be negative, was -1",
                "--latency-ms 70000|--latency-ms must be at most 60000, was 70000",
                "--workers 0|--workers must be at least 1, was 0"
            })
    void badInputIsOneLineAndExitCode2(String args, String message) {
        lab(args.split(" ")).assertRefused(message);
    }

    @Test
    void aLongRowRunsOnceAndATooLongRowDoesNotRun() {
        assertEquals(new Waiting.Plan(true, 2, 5), Waiting.Plan.forRow(0.5e9, 2, 5));
        assertEquals(new Waiting.Plan(true, 0, 1), Waiting.Plan.forRow(50e9, 2, 5));
        assertEquals(new Waiting.Plan(false, 0, 0), Waiting.Plan.forRow(500e9, 2, 5));
    }

    @Test
    void ratiosBelowTenKeepOneDecimal() {
        assertEquals("0.2x", Waiting.times(0.24));
        assertEquals("5.0x", Waiting.times(4.98));
        assertEquals("464x", Waiting.times(463.7));
    }

    @Test
    void thePoolIsExpectedToNeedOneLatencyPerRoundOfWorkers() {
        assertEquals(500e9, Waiting.expectedPoolNanos(10_000, 2, 100));
        assertEquals(4e9, Waiting.expectedPoolNanos(7, 2, 1000), "7 chunks on 2 threads: 4 rounds");
    }
}
