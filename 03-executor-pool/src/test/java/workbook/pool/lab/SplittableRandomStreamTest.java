package workbook.pool.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import workbook.harness.CommandLineRun;
import workbook.harness.LabTables;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;

class SplittableRandomStreamTest {

    @Test
    void theLabPrintsARowPerRunAndChecksOnlyThePositionBasedSums() {
        CommandLineRun run = CommandLineRun.ofLab(
                new SplittableRandomStream(), "--n", "100000", "--seed", "7", "--repeat", "3", "--warmup", "0");
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
            assertEquals(oracle, row.get(4), "the workbook's numbers in a parallel stream: " + row);
        }
        assertTrue(
                run.out().contains("Sums: all 3 agree with each other and with the oracle (" + oracle + ")"),
                run.out());
        assertTrue(
                run.out()
                        .contains("Not checked: ints(...), run 1 and ints(...), run 2 and ints(...), run 3: "
                                + sequential + " (the JDK generator's own numbers)"),
                run.out());
        assertTrue(
                run.out().contains("Seen on this JDK: the parallel sum differed from the sequential one in "),
                run.out());
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
    void everyColumnOfARunIsWhatThatRunGaveAndItsTimesFitTheWholeRun() {
        long before = System.nanoTime();
        CommandLineRun run = CommandLineRun.ofLab(
                new SplittableRandomStream(), "--n", "200000", "--seed", "5", "--repeat", "3", "--warmup", "1");
        double wall = System.nanoTime() - before;
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(
                List.of(
                        "  lab 03 splittable-random: run 1 of 3 done",
                        "  lab 03 splittable-random: run 2 of 3 done",
                        "  lab 03 splittable-random: run 3 of 3 done"),
                run.err().lines().toList());
        assertTrue(run.out().contains("; 3 runs after 1 warm-up. "), run.out());
        List<List<String>> rows = LabTables.rows(run.out());
        java.util.Set<Long> parallelSums = new java.util.HashSet<>();
        int differing = 0;
        for (List<String> row : rows) {
            long sequential = grouped(row.get(1));
            long parallel = grouped(row.get(2));
            assertEquals(parallel - sequential, grouped(row.get(3)), row.toString());
            parallelSums.add(parallel);
            differing += parallel == sequential ? 0 : 1;
            for (int column = 5; column < 8; column++) {
                double nanos = LabTables.nanos(row.get(column));
                assertTrue(0 <= nanos && nanos <= wall, row.get(column) + " within the " + wall + " ns of the lab");
            }
            assertTrue(run.out().contains("ints(...).parallel(), run " + row.getFirst()), run.out());
        }
        String note = run.out()
                .lines()
                .filter(line -> line.startsWith("Seen on this JDK"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                note.startsWith("Seen on this JDK: the parallel sum differed from the sequential one in " + differing
                        + " of 3 runs (" + parallelSums.size() + " distinct parallel sums); median time "),
                note);
        java.util.regex.Matcher times = java.util.regex.Pattern.compile(
                        "median time (.+) parallel against (.+) sequential \\(([0-9.]+)x\\)\\.")
                .matcher(note);
        assertTrue(times.find(), note);
        double ratio = LabTables.nanos(times.group(1)) / LabTables.nanos(times.group(2));
        assertEquals(ratio, Double.parseDouble(times.group(3)), 0.15 * ratio + 0.02, note);
        String sequential = row0(rows);
        assertTrue(
                run.out()
                        .contains("Not checked: ints(...), run 1 and ints(...), run 2 and ints(...), run 3: "
                                + sequential + " (the JDK generator's own numbers)."),
                run.out());
    }

    @Test
    void oneRunIsOneRun() {
        CommandLineRun run =
                CommandLineRun.ofLab(new SplittableRandomStream(), "--n", "1000", "--repeat", "1", "--warmup", "0");
        assertTrue(run.out().contains("; 1 run after 0 warm-up. "), run.out());
    }

    @Test
    void theSequentialJdkSumIsTheSequentialStreamsAlsoForALongStream() {
        Workload workload = new Workload(200_000, 3, -5, 5);
        assertEquals(
                new SplittableRandom(3).ints(200_000, -5, 6).asLongStream().sum(),
                SplittableRandomStream.jdkSum(workload, false));
    }

    private static String row0(List<List<String>> rows) {
        return rows.getFirst().get(1);
    }

    private static long grouped(String number) {
        return Long.parseLong(number.replace(",", ""));
    }
}
