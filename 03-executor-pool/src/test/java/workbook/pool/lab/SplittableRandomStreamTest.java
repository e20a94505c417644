package workbook.pool.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import workbook.harness.Report;
import workbook.harness.Workload;

class SplittableRandomStreamTest {
    private static final Machine MACHINE = new Machine(2, "25", "Some CPU", "Linux amd64");

    /*
     * The one run that starts JVMs, one per stream. The parallel JDK stream may give another sum in
     * every run (a race): the run is never refused for it, and every run's own sums make a row.
     */
    @Test
    void eachStreamRunsInAJvmOfItsOwnAndEveryRunIsARowOfItsOwnSums() {
        long before = System.nanoTime();
        CommandLineRun run = CommandLineRun.ofLab(
                new SplittableRandomStream(),
                "--n",
                "100000",
                "--seed",
                "7",
                "--repeat",
                "3",
                "--warmup",
                "1",
                "--forks",
                "1");
        double wall = System.nanoTime() - before;
        assertEquals(0, run.exitCode(), run.err());
        List<List<String>> rows = LabTables.rows(run.out());
        assertEquals(
                List.of("1", "2", "3"), rows.stream().map(row -> row.getFirst()).toList(), run.out());
        // Computed here without the lab: the JDK's sequential stream, the same in every run.
        String sequential = Report.grouped(
                new SplittableRandom(7).ints(100_000, 0, 11).asLongStream().sum());
        String oracle = Report.grouped(Oracle.sum(Workload.of(100_000, 7)));
        for (List<String> row : rows) {
            assertEquals(8, row.size(), row.toString());
            assertEquals(sequential, row.get(1), row.toString());
            assertEquals(grouped(row.get(2)) - grouped(row.get(1)), grouped(row.get(3)), row.toString());
            assertEquals(oracle, row.get(4), "the workbook's numbers in a parallel stream: " + row);
            for (int column = 5; column < 8; column++) {
                double nanos = LabTables.nanos(row.get(column));
                assertTrue(0 <= nanos && nanos <= wall, row.get(column) + " within the " + wall + " ns of the lab");
            }
        }
        assertTrue(
                run.out().contains("Sums: all 3 agree with each other and with the oracle (" + oracle + ")"),
                "the position-based sums, from their own JVM:\n" + run.out());
        assertTrue(run.out().contains("Not checked: the ints(...) sums, the JDK generator's own numbers"), run.out());
        assertTrue(
                run.out().contains("Seen on this JDK: the parallel sum differed from the sequential one in "),
                run.out());
        assertTrue(
                run.out()
                        .contains("; 3 runs after 1 warm-up, each stream in a JVM of its own, 3 interleaved rounds in"
                                + " each of 1 set of JVMs. "),
                run.out());
        assertFalse(run.out().contains("disagree"), "one set of JVMs: no spread to tell\n" + run.out());
        assertEquals(
                List.of(
                        "  lab 03 splittable-random: JVMs 1 of 1: one per row, 3 rows",
                        "  lab 03 splittable-random: JVMs 1, round 1 of 3 done",
                        "  lab 03 splittable-random: JVMs 1, round 2 of 3 done",
                        "  lab 03 splittable-random: JVMs 1, round 3 of 3 done"),
                run.err().lines().toList());
    }

    @Test
    void theRowsAreTheThreeStreamsAndOnlyTheParallelJdkStreamsSumMayVary() {
        SplittableRandomStream lab = new SplittableRandomStream();
        new CommandLine(lab).parseArgs();
        assertEquals(
                List.of("ints(...)", "ints(...).parallel()", "position-based parallel stream"),
                lab.rows().stream().map(Lab.Row::name).toList());
        assertEquals(
                List.of(false, true, false),
                lab.rows().stream().map(Lab.Row::sumVaries).toList());
    }

    /*
     * Made-up runs in two sets of JVMs, two runs each: the parallel sum differs from the sequential
     * one in runs 2 and 3, by -4 and +6; the position-based stream's JVMs disagree.
     */
    @Test
    void everyColumnOfARunIsWhatThatRunGaveAndTheNotesCountTheRunsAndTheSpread() {
        SplittableRandomStream lab = new SplittableRandomStream();
        new CommandLine(lab).parseArgs("--n", "1000", "--seed", "5", "--repeat", "2", "--warmup", "1", "--forks", "2");
        Workload workload = Workload.of(1000, 5);
        long jdk = SplittableRandomStream.jdkSum(workload, false);
        long oracle = Oracle.sum(workload);
        List<Forks.Result> results = List.of(
                LabResults.timedRuns("ints(...)", 1, workload, jdk, new double[] {2e6, 2e6}, new double[] {2e6, 2.2e6}),
                LabResults.varying(
                        "ints(...).parallel()",
                        2,
                        workload,
                        List.of(jdk, jdk - 4, jdk + 6, jdk),
                        new double[] {4e6, 4e6},
                        new double[] {4e6, 4e6}),
                LabResults.timedRuns(
                        "position-based parallel stream", 2, workload, oracle, new double[] {1e6, 1e6}, new double[] {
                            1.5e6, 1.5e6
                        }));
        String markdown = lab.table(workload, results).markdown(MACHINE);
        List<List<String>> rows = LabTables.rows(markdown);
        assertEquals(
                List.of(
                        List.of(
                                "1",
                                Report.grouped(jdk),
                                Report.grouped(jdk),
                                "0",
                                Report.grouped(oracle),
                                "2.0 ms",
                                "4.0 ms",
                                "1.0 ms"),
                        List.of(
                                "2",
                                Report.grouped(jdk),
                                Report.grouped(jdk - 4),
                                "-4",
                                Report.grouped(oracle),
                                "2.0 ms",
                                "4.0 ms",
                                "1.0 ms"),
                        List.of(
                                "3",
                                Report.grouped(jdk),
                                Report.grouped(jdk + 6),
                                "6",
                                Report.grouped(oracle),
                                "2.0 ms",
                                "4.0 ms",
                                "1.5 ms"),
                        List.of(
                                "4",
                                Report.grouped(jdk),
                                Report.grouped(jdk),
                                "0",
                                Report.grouped(oracle),
                                "2.2 ms",
                                "4.0 ms",
                                "1.5 ms")),
                rows);
        assertTrue(
                markdown.contains("\nSeen on this JDK: the parallel sum differed from the sequential one in 2 of 4 runs"
                        + " (3 distinct parallel sums); median time 4.0 ms parallel against 2.0 ms sequential"
                        + " (2.00x).\n"),
                markdown);
        assertTrue(
                markdown.contains(
                                "\nNote: JVMs that disagree by more than 10 %, each row's median folding them together: position-based parallel stream, ")
                        && markdown.contains(" (50 % apart).\n"),
                markdown);
        assertEquals(1, markdown.split("disagree", -1).length - 1, "only that row:\n" + markdown);
        assertTrue(
                markdown.contains("; 4 runs after 1 warm-up, each stream in a JVM of its own, 2 interleaved rounds in"
                        + " each of 2 sets of JVMs. "),
                markdown);
        assertTrue(
                markdown.contains("\nNot checked: the ints(...) sums, the JDK generator's own numbers, and the"
                        + " ints(...).parallel() sums, one generator shared by the stream's threads.\n"),
                markdown);
        assertTrue(markdown.contains("Sums: all 4 agree with each other and with the oracle"), markdown);
    }

    @Test
    void theLargestHiIsRefusedWithOneLineAndExitCode2() {
        CommandLineRun.ofLab(new SplittableRandomStream(), "--n", "1000", "--hi", "2147483647")
                .assertRefused("needs --hi below 2147483647, was 2147483647");
    }

    @Test
    void theJdkSumIsTheSumOfTheJdksOwnNumbers() {
        Workload workload = new Workload(1009, 3, -5, 5);
        long byHand = 0;
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1009; i++) {
            byHand += random.nextInt(-5, 6);
        }
        assertEquals(byHand, SplittableRandomStream.jdkSum(workload, false));
    }

    @Test
    void theSequentialJdkSumIsTheSequentialStreamsAlsoForALongStream() {
        Workload workload = new Workload(200_000, 3, -5, 5);
        assertEquals(
                new SplittableRandom(3).ints(200_000, -5, 6).asLongStream().sum(),
                SplittableRandomStream.jdkSum(workload, false));
    }

    private static long grouped(String number) {
        return Long.parseLong(number.replace(",", ""));
    }
}
