package workbook.limits.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import workbook.harness.CommandLineRun;
import workbook.harness.Forks;
import workbook.harness.Lab;
import workbook.harness.LabResults;
import workbook.harness.LabTables;
import workbook.harness.Machine;
import workbook.harness.Oracle;
import workbook.harness.Workload;
import workbook.limits.Total;

/**
 * Lesson 08's labs: their rows, their strategies' sums, their tables on made-up results, and one
 * real run of each on a workload small enough to take no time. No timing is checked.
 */
class LimitsLabsTest {
    private static final Machine MACHINE = new Machine(2, "25", "Some CPU", "Linux");

    private static <T extends Lab> T parsed(T lab, String... args) {
        new CommandLine(lab).parseArgs(args);
        return lab;
    }

    /* One real run: every row in a JVM of its own, one round; every sum the lab checks is right. */
    private static CommandLineRun ranOnce(Lab lab, int rows, String... extra) {
        return ranOnce(lab, 2, rows, extra);
    }

    private static CommandLineRun ranOnce(Lab lab, int workers, int rows, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--n",
                "100003",
                "--workers",
                String.valueOf(workers),
                "--repeat",
                "1",
                "--warmup",
                "1",
                "--forks",
                "1"));
        args.addAll(List.of(extra));
        CommandLineRun run = CommandLineRun.ofLab(lab, args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Machine: "), run.out());
        assertTrue(
                !run.out().contains("disagree with the oracle") && !run.out().contains("the oracle says"), run.out());
        assertEquals(rows, LabTables.rows(run.out()).size(), run.out());
        return run;
    }

    @Test
    void sharedTotalRunsEveryShareAndTheRaceAndCountsTheRacesWrongRuns() {
        CommandLineRun run = ranOnce(new SharedTotals(), 6 + 1);
        assertTrue(run.out().contains("Sums: all 5 agree with each other and with the oracle"), run.out());
        assertTrue(run.out().contains("| racy total += x |"), run.out());
    }

    @Test
    void theRaceTableGivesEveryRunsLostUpdatesAndHowManyRunsWereWrong() {
        SharedTotals lab = parsed(new SharedTotals(), "--workers", "2");
        Workload workload = Workload.of(1000, 42);
        long oracle = Oracle.sum(workload);
        Forks.Result race = LabResults.varying(
                SharedTotals.RACE, 2, workload, List.of(oracle - 10, oracle, oracle - 2500), new double[] {1e6, 1e6, 1e6
                });
        String markdown = lab.raceTable(workload, race).markdown(MACHINE);
        List<List<String>> rows = LabTables.rows(markdown);
        assertEquals(
                List.of("10", "0", "2,500"),
                rows.stream().map(row -> row.get(2)).toList(),
                markdown);
        assertTrue(markdown.contains("The racy total was wrong in 2 of 3 runs."), markdown);
    }

    @Test
    void theRacyTotalLosesNothingOnOneThread() throws Exception {
        Workload workload = new Workload(10_007, 5, -9, 9);
        assertEquals(Oracle.sum(workload), new EveryNumberInto(1, workers -> new SharedTotals.Racy()).sum(workload));
    }

    @Test
    void falseSharingRunsEveryLayoutAndEverySumIsExact() {
        CommandLineRun run = ranOnce(new FalseSharing(), 5);
        assertTrue(run.out().contains("Sums: all 5 agree with each other and with the oracle"), run.out());
    }

    @Test
    void slotsALineApartAndPaddedCountersGiveTheOracleSumOnManyThreads() throws Exception {
        Workload workload = new Workload(100_003, 8, -100, 100);
        assertEquals(
                Oracle.sum(workload),
                new EveryNumberInto(3, workers -> new Total.Slots(workers, FalseSharing.LINE)).sum(workload));
        assertEquals(Oracle.sum(workload), new EveryNumberInto(3, FalseSharing.PaddedCounters::new).sum(workload));
    }

    @Test
    void memoryRunsMadeAndStoredNumbersAndGivesTheCopySpeed() {
        // One worker: the four rows of one thread (a JVM each); the rows on more threads are the same code.
        CommandLineRun run = ranOnce(new Memory(), 1, 4);
        assertTrue(run.out().contains("Sums: all 4 agree with each other and with the oracle"), run.out());
        assertTrue(run.out().contains("System.arraycopy moved"), run.out());
    }

    @Test
    void memoryRefusesAnNThatDoesNotFitTheHeapWithOneLineThatSaysHowMuchItNeeds() {
        CommandLineRun.ofLab(new Memory(), "--n", "3e9").assertRefused("--n 3,000,000,000 needs about 12.1 GB of heap");
        CommandLineRun.ofLab(new Memory(), "--n", "1000", "--warmup", "0")
                .assertRefused("--warmup must be at least 1: the first call stores the numbers");
    }

    @Test
    void storedNumbersSumExactlyWithAndWithoutLanesOnOddLengths() throws Exception {
        for (long n : new long[] {0, 1, 7, 17, 10_007}) {
            Workload workload = new Workload(n, 11, Integer.MIN_VALUE, Integer.MAX_VALUE);
            for (boolean lanes : new boolean[] {false, true}) {
                assertEquals(Oracle.sum(workload), new StoredNumbers(3, lanes).sum(workload), n + " " + lanes);
                assertEquals(Oracle.sum(workload), new MadeNumbers(3, lanes).sum(workload), n + " " + lanes);
            }
        }
    }

    @Test
    void unmixUndoesTheMixerForAnyValue() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            long value = random.nextLong();
            assertEquals(value, UnevenWork.unmix64(Workload.mix64(value)));
        }
        assertEquals(0, UnevenWork.unmix64(Workload.mix64(0)));
        assertEquals(-1L, UnevenWork.unmix64(Workload.mix64(-1L)));
    }

    @Test
    void theUnevenNumbersAreTheWorkloadsOwnInEveryShape() throws Exception {
        UnevenWork lab = parsed(new UnevenWork(), "--workers", "3", "--tasks", "7", "--leaf", "1000", "--rounds", "3");
        Workload workload = new Workload(100_003, 4, -7, 70);
        for (Lab.Row row : lab.rows()) {
            assertEquals(Oracle.sum(workload), row.build().get().sum(workload), row.name());
        }
    }

    @Test
    void unevenWorkRunsEveryShapeAndDrawsOneTimelinePerParallelShape() throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("uneven");
        CommandLineRun run = ranOnce(
                new UnevenWork(), 4, "--timeline", folder.resolve("t.svg").toString());
        for (String name : List.of("t-equal-chunks.svg", "t-many-tasks-on-a-pool.svg", "t-fork-join-halves.svg")) {
            assertTrue(java.nio.file.Files.isRegularFile(folder.resolve(name)), name + ": " + run.err());
        }
        assertTrue(run.out().contains("Sums: all 4 agree with each other and with the oracle"), run.out());
    }

    @Test
    void unevenWorkRefusesBadShares() {
        CommandLineRun.ofLab(new UnevenWork(), "--costly", "1.5")
                .assertRefused("--costly must be from 0 to 1, was 1.5");
        CommandLineRun.ofLab(new UnevenWork(), "--timeline", "t.png").assertRefused("--timeline 't.png'");
    }

    @Test
    void amdahlAndGustafsonAreTheTextbookFormulas() {
        assertEquals(2.0, SerialPart.amdahl(0, 2), 1e-12);
        assertEquals(1 / 0.55, SerialPart.amdahl(0.1, 2), 1e-12);
        assertEquals(1.0, SerialPart.amdahl(1, 8), 1e-12);
        assertEquals(1.9, SerialPart.gustafson(0.1, 2), 1e-12);
        assertEquals(8.0, SerialPart.gustafson(0, 8), 1e-12);
        // Gustafson's n: the serial numbers as they were, and p times the parallel ones.
        assertEquals(
                1_000 * 0.25 + 4 * 750,
                SerialPart.grown(Workload.of(1_000, 1), 0.25, 4).n());
    }

    @Test
    void serialPartRowsAreOneWorkerEachShareOnTheWorkersTwiceTheCoresAndGrown() {
        SerialPart lab = parsed(new SerialPart(), "--workers", "2", "--serial", "0,0.2");
        int more = 2 * Machine.availableCores();
        assertEquals(
                List.of(
                        "Amdahl, s = 0.00, 1 worker",
                        "Amdahl, s = 0.00, 2 workers",
                        "Amdahl, s = 0.20, 2 workers",
                        "Amdahl, s = 0.00, " + more + " workers",
                        "Amdahl, s = 0.20, " + more + " workers",
                        "Gustafson, s = 0.20, 2 workers"),
                lab.rows().stream().map(Lab.Row::name).toList());
    }

    @Test
    void serialPartRunsAndChecksTheGrownSumsAgainstTheirOwnOracle() {
        // Rows: 1 worker; s = 0.25 on 2 workers and on twice the cores; s = 0.25 grown.
        CommandLineRun run = ranOnce(new SerialPart(), 3 + 1, "--serial", "0.25");
        // The one Gustafson row sums 0.25 n + 2 * 0.75 n numbers, and is checked against that workload's oracle.
        Workload grown = SerialPart.grown(Workload.of(100_003, 42), 0.25, 2);
        assertEquals(175_005, grown.n());
        assertTrue(
                run.out().contains("with the oracle (" + workbook.harness.Report.grouped(Oracle.sum(grown)) + ")"),
                run.out());
    }
}
