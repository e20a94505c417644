package workbook.virtual.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbook.harness.CommandLineRun;
import workbook.harness.LabTables;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;

class WaitingTest {

    private static CommandLineRun lab(String... args) {
        return CommandLineRun.ofLab(new Waiting(), args);
    }

    @Test
    void theTableHasARowPerChunkCountAndChecksEverySum() {
        CommandLineRun run =
                lab("--latency-ms", "0", "--n", "10007", "--workers", "2", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<String> rows =
                run.out().lines().filter(line -> line.startsWith("| ")).toList();
        assertEquals(10, rows.size(), "two tables of a header and 4 rows: " + run.out());
        assertTrue(rows.getFirst().contains("| a platform thread per chunk |"), rows.getFirst());
        assertTrue(rows.getFirst().contains("| pool of 2 platform threads |"), rows.getFirst());
        assertTrue(rows.getFirst().contains("ceil(chunks / 2) × 0 ms"), rows.getFirst());
        assertTrue(rows.get(5).contains("| λW, platform thread per chunk |"), rows.get(5));
        List<String> chunkCounts = List.of("10", "100", "1,000", "10,000");
        for (int i = 0; i < chunkCounts.size(); i++) {
            assertTrue(rows.get(i + 1).startsWith("| " + chunkCounts.get(i) + " |"), run.out());
            assertTrue(
                    rows.get(i + 6).startsWith("| " + chunkCounts.get(i) + " | " + chunkCounts.get(i) + " / "),
                    run.out());
        }
        String oracle = Report.grouped(Oracle.sum(Workload.of(10_007, 42)));
        assertTrue(
                run.out().contains("Sums: all 12 agree with each other and with the oracle (" + oracle + ")"),
                run.out());
        assertTrue(run.err().contains("10,000 chunks on virtual threads"), () -> "progress: " + run.err());
        assertTrue(run.err().contains("10,000 chunks on a platform thread each"), () -> "progress: " + run.err());
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
        double minute = Waiting.ROW_LIMIT_NANOS;
        assertEquals(new Waiting.Plan(true, 2, 5), Waiting.Plan.forRow(0.5e9, 2, 5, minute));
        assertEquals(new Waiting.Plan(true, 0, 1), Waiting.Plan.forRow(50e9, 2, 5, minute));
        assertEquals(new Waiting.Plan(false, 0, 0), Waiting.Plan.forRow(500e9, 2, 5, minute));
        assertEquals(new Waiting.Plan(true, 0, 1), Waiting.Plan.forRow(60e9, 0, 1, minute), "a minute is allowed");
        assertEquals(new Waiting.Plan(true, 1, 1), Waiting.Plan.forRow(30e9, 1, 1, minute), "two half minutes too");
    }

    @Test
    void littlesLawGivesTheChunksWaitingAtOnceFromAMeasuredTime() {
        // 1,000 chunks of 100 ms done in 50 s: 20 a second, so 2 waited at a time on average.
        assertEquals(2.0, Waiting.inFlight(1000, 50e9, 100), 1e-9);
        // 1,000 chunks in 125 ms: 8,000 a second, so 800 at a time.
        assertEquals(800.0, Waiting.inFlight(1000, 125e6, 100), 1e-9);
    }

    @Test
    void theSecondTableShowsLittlesLawBesideWhatEachExecutorAllows() {
        CommandLineRun run =
                lab("--latency-ms", "20", "--n", "1000", "--workers", "2", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> little = LabTables.rows(run.out()).subList(4, 8);
        assertEquals(List.of("10", "10 / 2"), little.getFirst().subList(0, 2), little.toString());
        for (List<String> row : little) {
            double virtual = Double.parseDouble(row.get(2).replace(",", ""));
            double allowed = Double.parseDouble(row.get(0).replace(",", ""));
            assertTrue(virtual > 0 && virtual <= allowed * 1.0001, "λW cannot exceed the chunks: " + row);
        }
        double pool = Double.parseDouble(little.getFirst().get(4));
        assertTrue(pool > 0 && pool <= 2.0001, "a pool of 2 never has more than 2 waiting: " + little.getFirst());
    }

    @Test
    void thePoolIsExpectedToNeedOneLatencyPerRoundOfWorkers() {
        assertEquals(500e9, Waiting.expectedPoolNanos(10_000, 2, 100));
        assertEquals(4e9, Waiting.expectedPoolNanos(7, 2, 1000), "7 chunks on 2 threads: 4 rounds");
    }

    /* The lab with a row limit of 50 ms instead of a minute, so that its long-row rules run in a test. */
    private static CommandLineRun labWithShortRows(String... args) {
        Waiting waiting = new Waiting();
        waiting.rowLimitNanos = 50e6;
        return CommandLineRun.ofLab(waiting, args);
    }

    @Test
    void aPoolRowThatWouldTakeTooLongIsNotRunAndItsRatioIsEstimated() {
        // 10 ms per chunk on one platform thread: 100 ms for 10 chunks, over the limit of 50.
        CommandLineRun run = labWithShortRows(
                "--latency-ms", "10", "--n", "1000", "--workers", "1", "--repeat", "3", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> rows = LabTables.rows(run.out()).subList(0, 4);
        long[] chunks = {10, 100, 1000, 10_000};
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            double expected = chunks[i] * 10e6;
            assertEquals("not run (would take ~" + Report.duration(expected) + ")", row.get(3), row.toString());
            assertTrue(!row.get(1).contains("(1 run)"), "the virtual threads ran 3 times: " + row);
            assertTrue(!row.get(2).contains("(1 run)"), "the platform threads ran 3 times: " + row);
            assertEquals(Report.duration(expected), row.get(4), row.toString());
        }
        assertTrue(LabTables.rows(run.out()).get(4).get(4).equals("not run"), run.out());
        assertTrue(!run.out().contains("(1 run)"), "no row ran once, so no note: " + run.out());
        assertTrue(run.err().contains("10 chunks on virtual threads: 3 runs after 0 warm-up"), run.err());
        assertTrue(run.out().contains("Sums: all 8 agree"), "only what ran is checked: " + run.out());
    }

    @Test
    void rowsWhoseRunsTogetherWouldTakeTooLongRunOnceAndSaySo() {
        // 20 ms per chunk, 3 runs asked: 60 ms, over the limit of 50, so every row that runs runs once.
        CommandLineRun run = labWithShortRows(
                "--latency-ms", "20", "--n", "1000", "--workers", "100", "--repeat", "3", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> rows = LabTables.rows(run.out()).subList(0, 4);
        for (List<String> row : rows) {
            assertTrue(row.get(1).endsWith(" (1 run)"), row.toString());
            assertTrue(row.get(2).endsWith(" (1 run)"), row.toString());
        }
        for (List<String> row : rows.subList(0, 2)) { // 10 and 100 chunks: one round of 100 threads
            assertTrue(row.get(3).endsWith(" (1 run)"), row.toString());
        }
        assertTrue(rows.get(2).get(3).startsWith("not run"), rows.get(2).toString());
        assertTrue(
                run.out()
                        .contains("\n(1 run): the 3 runs asked for would have taken over a minute, so the row ran"
                                + " once, without warm-up.\n"),
                run.out());
        assertTrue(run.err().contains("10 chunks on virtual threads: 1 run after 0 warm-up"), run.err());
    }

    @Test
    void theLatencyMayReachTheRowLimitButNotPassIt() {
        labWithShortRows("--latency-ms", "51", "--n", "10").assertRefused("--latency-ms must be at most 50, was 51");
        CommandLineRun atTheLimit = labWithShortRows(
                "--latency-ms", "50", "--n", "10", "--workers", "100", "--repeat", "1", "--warmup", "0");
        assertEquals(0, atTheLimit.exitCode(), atTheLimit.err());
    }
}
