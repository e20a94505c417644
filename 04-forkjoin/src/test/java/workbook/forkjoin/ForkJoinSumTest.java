package workbook.forkjoin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import workbook.harness.CommandLineRun;
import workbook.harness.ContractBattery;
import workbook.harness.LeftoverThreads;
import workbook.harness.Lesson;
import workbook.harness.Oracle;
import workbook.harness.Workload;

class ForkJoinSumTest {

    /*
     * The shared battery, once per threshold: every number its own task (1), the usual size
     * (1000), one task for the whole range (larger than any n in the battery), and the automatic
     * rule that ./workbook run uses. Threshold 1 makes a task per number, so its large case is
     * smaller than the battery's usual ten million.
     */
    @TestFactory
    Stream<DynamicNode> contract() {
        return Stream.of(
                dynamicContainer(
                        "threshold 1 (a task per number)",
                        ContractBattery.of(workers -> new ForkJoinSum(workers, 1))
                                .workers(1, 2, 3, 8)
                                .largeN(200_003)
                                .tests()),
                dynamicContainer(
                        "threshold 1000",
                        ContractBattery.of(workers -> new ForkJoinSum(workers, 1000))
                                .workers(1, 2, 3, 8)
                                .tests()),
                dynamicContainer(
                        "threshold 2^40 (larger than n: one task)",
                        ContractBattery.of(workers -> new ForkJoinSum(workers, 1L << 40))
                                .workers(1, 2, 3, 8)
                                .tests()),
                dynamicContainer(
                        "automatic threshold",
                        ContractBattery.of(ForkJoinSum::new).workers(1, 2, 3, 8).tests()));
    }

    @Test
    void theIssueExampleGivesTheOracleSum() {
        Workload workload = new Workload(1_000_003, 20261126, -3, 17);
        try (ForkJoinSum strategy = new ForkJoinSum(4)) {
            assertEquals(Oracle.sum(workload), strategy.sum(workload));
        }
    }

    @Test
    void onePoolServesManyCalls() {
        try (ForkJoinSum strategy = new ForkJoinSum(3, 500)) {
            for (long n : new long[] {0, 1, 499, 500, 501, 12_345, 1_000_000}) {
                Workload workload = Workload.of(n, n + 7);
                assertEquals(Oracle.sum(workload), strategy.sum(workload), () -> "n = " + n);
            }
        }
    }

    /*
     * A fault deep in the tree: with threshold 1 the failing number is its own leaf, about 17
     * levels below the root. Index 0 sits in the leftmost leaf, reached only through forked
     * halves (the ones other workers steal); the last index only through halves computed in
     * place; the middle one through both.
     */
    @ParameterizedTest(name = "fault at index {0}")
    @ValueSource(longs = {0, 65_537, 131_074})
    void aFaultDeepInTheTreeReachesTheCaller(long faultAt) {
        Workload faulty = Workload.of(131_075, 3).failingAt(faultAt);
        RuntimeException thrown;
        try (ForkJoinSum strategy = new ForkJoinSum(4, 1)) {
            thrown = assertThrows(RuntimeException.class, () -> strategy.sum(faulty));
        }
        Workload.InjectedFault fault = injectedFaultIn(thrown);
        assertEquals(faultAt, fault.index(), "the fault that reached the caller is the one from the failing number");
    }

    private static Workload.InjectedFault injectedFaultIn(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof Workload.InjectedFault fault) {
                return fault;
            }
        }
        throw new AssertionError("no InjectedFault in the cause chain of " + thrown, thrown);
    }

    /*
     * The pool keeps its threads between calls (that is what makes a call cheap), so they are
     * still there after sum() returns, and close() is what ends them.
     */
    @Test
    void thePoolsThreadsLiveBetweenCallsAndEndOnClose() throws InterruptedException {
        Set<Thread> before = LeftoverThreads.snapshot();
        ForkJoinSum strategy = new ForkJoinSum(4, 1000);
        try {
            Workload workload = Workload.of(2_000_000, 11);
            assertEquals(Oracle.sum(workload), strategy.sum(workload));
            List<String> alive = LeftoverThreads.startedSince(before, Duration.ZERO);
            assertFalse(alive.isEmpty(), "the pool's workers should be alive between calls");
            // Not "at most 4": a worker that must wait in join() may have the pool start a spare.
            assertTrue(
                    alive.stream().allMatch(name -> name.contains("ForkJoinPool")),
                    () -> "unexpected threads " + alive);
        } finally {
            strategy.close();
        }
        assertEquals(List.of(), LeftoverThreads.startedSince(before, Duration.ofSeconds(10)));
    }

    @ParameterizedTest(name = "new ForkJoinSum({0}, {1})")
    @CsvSource({
        "0, 1000, '--workers must be at least 1, was 0'",
        "-2, 1000, '--workers must be at least 1, was -2'",
        "40000, 1000, '--workers must be at most 32767, was 40000'",
        "2, 0, '--threshold must be at least 1, was 0'",
        "2, -7, '--threshold must be at least 1, was -7'"
    })
    void badKnobsAreRefusedByName(int workers, long threshold, String message) {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> new ForkJoinSum(workers, threshold).close());
        assertEquals(message, refused.getMessage());
    }

    @Test
    void theAutomaticThresholdGivesEightToSixteenLeavesPerWorker() {
        assertEquals(62_500_000, ForkJoinSum.automaticThreshold(1_000_000_000, 2));
        assertEquals(ForkJoinSum.MIN_LEAF, ForkJoinSum.automaticThreshold(10_000, 2));
        assertEquals(ForkJoinSum.MIN_LEAF, ForkJoinSum.automaticThreshold(0, 1));
        for (int workers = 1; workers <= 8; workers++) {
            for (long n : new long[] {1_000_003, 10_000_019, 123_456_789, 1_000_000_000}) {
                long leaves =
                        ForkJoinMeasurements.leafCount(n, ForkJoinSum.automaticThreshold(n, workers), new HashMap<>());
                assertTrue(
                        leaves >= 8L * workers && leaves < 16L * workers,
                        "n = " + n + ", " + workers + " workers: " + leaves + " leaves");
            }
        }
    }

    @Test
    void leafCountMatchesTheSplitInCompute() {
        assertEquals(
                256, ForkJoinMeasurements.leafCount(20_000, 100, new HashMap<>())); // 20000 / 2^8 = 78 <= 100 < 156
        assertEquals(8, ForkJoinMeasurements.leafCount(20_000, 4096, new HashMap<>()));
        assertEquals(1, ForkJoinMeasurements.leafCount(20_000, 20_000, new HashMap<>()));
        assertEquals(1, ForkJoinMeasurements.leafCount(0, 1, new HashMap<>()));
        for (long n : new long[] {1, 2, 3, 7, 1009, 200_003}) {
            assertEquals(n, ForkJoinMeasurements.leafCount(n, 1, new HashMap<>()), "threshold 1: one leaf per number");
        }
    }

    private static CommandLineRun run(String... args) {
        return CommandLineRun.of(ForkJoinSum::commandLine, args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "--workers 0      | --workers must be at least 1, was 0",
                "--threshold 0    | --threshold must be at least 1, was 0",
                "--threshold -5   | --threshold must be at least 1, was -5",
                "--threshold 1.5  | '1.5' is not a whole number"
            })
    void badOptionsExitWith2AndOneLine(String args, String message) {
        CommandLineRun result = run((args.trim() + " --n 1000 --repeat 1 --warmup 0").split("\\s+"));
        result.assertRefused(message);
        assertTrue(result.err().startsWith("04-forkjoin: "), result.err());
    }

    @Test
    void jsonLineHasTheOracleSumAndTheThresholdUsed() {
        Workload workload = new Workload(1_000_003, 20261126, -3, 17);
        String common = "--n 1000003 --seed 20261126 --lo -3 --hi 17 --workers 4 --json --verify --repeat 1 --warmup 0";

        CommandLineRun automatic = run(common.split(" "));
        assertEquals(0, automatic.exitCode(), automatic.err());
        assertTrue(automatic.out().contains("\"sum\":" + Oracle.sum(workload) + ","), automatic.out());
        assertTrue(automatic.out().contains("\"oracle_agrees\":true"), automatic.out());
        assertTrue(
                automatic.out().contains("\"threshold\":" + ForkJoinSum.automaticThreshold(1_000_003, 4) + ","),
                automatic.out());

        CommandLineRun chosen = run((common + " --threshold 1e3").split(" "));
        assertEquals(0, chosen.exitCode(), chosen.err());
        assertTrue(chosen.out().contains("\"threshold\":1000,"), chosen.out());
        assertTrue(chosen.out().contains("\"sum\":" + Oracle.sum(workload) + ","), chosen.out());
    }

    @Test
    void thresholdSweepPrintsOneMarkdownRowPerThreshold() {
        CommandLineRun result =
                run("--threshold-sweep", "--n", "20000", "--workers", "2", "--repeat", "1", "--warmup", "0");
        assertEquals(0, result.exitCode(), result.err());
        List<String> firstCells = result.out()
                .lines()
                .filter(line -> line.startsWith("| ") && !line.startsWith("| threshold"))
                .map(line -> line.split("\\|")[1].trim())
                .toList();
        assertEquals(
                List.of(
                        "direct loop, no pool",
                        "100",
                        "1,000",
                        "4,096 (automatic)",
                        "10,000 (one leaf per worker)",
                        "20,000 (n or more: one task)"),
                firstCells,
                result.out());
        assertTrue(result.out().contains("| 100 | 256 |"), result.out());
        assertTrue(result.out().contains("2 workers on"), result.out());
    }

    @Test
    void fixedCostPrintsOneMarkdownRowPerSize() {
        CommandLineRun result = run("--fixed-cost", "--workers", "2", "--repeat", "1", "--warmup", "0");
        assertEquals(0, result.exitCode(), result.err());
        List<String> rows =
                result.out().lines().filter(line -> line.startsWith("| ")).toList();
        assertEquals(1 + 6, rows.size(), result.out());
        assertTrue(rows.get(1).startsWith("| 1 | 1 | "), result.out());
        assertTrue(rows.getLast().startsWith("| 100,000 | 16 | "), result.out());
        assertTrue(result.out().contains("Fixed cost of one job on a kept pool"), result.out());
        assertNotEquals(-1, result.out().indexOf(" µs"), result.out());
    }

    @Test
    void lessonIsDiscoverable() {
        List<Lesson> found = Lesson.discover().stream()
                .filter(lesson -> lesson.id().equals("04"))
                .toList();
        assertEquals(1, found.size());
        assertEquals("04-forkjoin", found.getFirst().module());
        try (var strategy =
                found.getFirst().strategies().getFirst().withWorkers().apply(2)) {
            Workload workload = Workload.of(54_321, 5);
            assertEquals(Oracle.sum(workload), strategy.sum(workload));
        } catch (InterruptedException interrupted) {
            throw new AssertionError(interrupted);
        }
    }
}
