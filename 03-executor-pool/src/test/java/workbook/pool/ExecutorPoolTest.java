package workbook.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbook.harness.Chunk;
import workbook.harness.CommandLineRun;
import workbook.harness.ContractBattery;
import workbook.harness.LeftoverThreads;
import workbook.harness.Lesson;
import workbook.harness.Oracle;
import workbook.harness.Workload;

class ExecutorPoolTest {

    @TestFactory
    Stream<DynamicNode> contractWithOneTaskPerWorker() {
        return ContractBattery.of(ExecutorPool::new).workers(1, 2, 3, 8).tests();
    }

    @TestFactory
    Stream<DynamicNode> contractWithATaskCountOfItsOwn() {
        return Stream.of(1, 7, 1000)
                .map(tasks -> dynamicContainer(
                        "--tasks " + tasks,
                        ContractBattery.of(workers -> new ExecutorPool(workers, tasks))
                                .workers(1, 2, 3, 8)
                                .tests()));
    }

    @TestFactory
    Stream<DynamicNode> contractOfTheParallelStream() {
        return ContractBattery.of(workers -> new ExecutorPool.ParallelStream())
                .workers(1, 2, 3, 8)
                .tests();
    }

    @ParameterizedTest(name = "n = {0}, --tasks {1}")
    @CsvSource({"0, 5", "1, 2", "3, 10", "7, 1000", "1009, 100000"})
    void moreTasksThanNumbersStillGiveTheExactSum(long n, int tasks) throws InterruptedException {
        Workload workload = new Workload(n, 77, -9, 30);
        try (ExecutorPool pool = new ExecutorPool(3, tasks)) {
            assertEquals(Oracle.sum(workload), pool.sum(workload));
        }
    }

    @Test
    void theIssueExampleGivesTheOracleSumWithBothStrategies() throws InterruptedException {
        Workload workload = new Workload(1_000_003, 20261126, -3, 17);
        long expected = Oracle.sum(workload);
        try (ExecutorPool pool = new ExecutorPool(4)) {
            assertEquals(expected, pool.sum(workload));
        }
        assertEquals(expected, new ExecutorPool.ParallelStream().sum(workload));
    }

    @ParameterizedTest(name = "{0} workers, --tasks {1}, number {2} fails")
    @CsvSource({"1, 1, 0", "3, 7, 54321", "2, 1000, 99999", "8, 3, 33334"})
    void aWorkersExceptionReachesTheCallerWithItsChunk(int workers, int tasks, long failingIndex) {
        Workload faulty = Workload.of(100_000, 5).failingAt(failingIndex);
        Chunk failingChunk = Chunk.split(faulty.n(), tasks).stream()
                .filter(chunk -> chunk.from() <= failingIndex && failingIndex < chunk.to())
                .findFirst()
                .orElseThrow();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            try (ExecutorPool pool = new ExecutorPool(workers, tasks)) {
                pool.sum(faulty);
            }
        });
        assertEquals(failingChunk + " failed", thrown.getMessage());
        Workload.InjectedFault cause = assertInstanceOf(
                Workload.InjectedFault.class,
                thrown.getCause(),
                "the cause is the worker's own exception, not an ExecutionException");
        assertEquals(failingIndex, cause.index());
    }

    @Test
    void thePoolsThreadsEndWhenSumReturnsAndWhenItThrows() throws InterruptedException {
        Set<Thread> before = LeftoverThreads.snapshot();
        try (ExecutorPool pool = new ExecutorPool(4, 16)) {
            assertEquals(Oracle.sum(Workload.of(100_000, 3)), pool.sum(Workload.of(100_000, 3)));
            assertThrows(
                    IllegalStateException.class,
                    () -> pool.sum(Workload.of(100_000, 3).failingAt(5)));
        }
        assertEquals(List.of(), LeftoverThreads.startedSince(before, Duration.ofSeconds(10)));
    }

    @Test
    void theConstructorRefusesZeroWorkersAndZeroTasks() {
        assertEquals(
                "--workers must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new ExecutorPool(0, 4))
                        .getMessage());
        assertEquals(
                "--tasks must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> new ExecutorPool(4, 0))
                        .getMessage());
        assertEquals(
                "--tasks must be at least 1, was -2",
                assertThrows(IllegalArgumentException.class, () -> new ExecutorPool(4, -2))
                        .getMessage());
    }

    static CommandLineRun commandLine(String... args) {
        return CommandLineRun.of(ExecutorPool::commandLine, args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--workers 0                              | --workers must be at least 1, was 0",
                "--tasks 0                                | --tasks must be at least 1, was 0",
                "--tasks -1                               | --tasks must be at least 1, was -1",
                "--strategy threads                       | --strategy must be pool or parallel-stream, was 'threads'",
                "--strategy parallel-stream --tasks 4     | --tasks applies to --strategy pool only",
                "--fixed-cost --n 1e9                     | --n must be at most 1,000,000, was 1,000,000,000",
                "--splittable-random-demo --hi 2147483647 | --hi must be below 2147483647"
            })
    void badInputIsOneLineWithExitCode2(String args, String expected) {
        String withSmallN = args.contains("--n ") ? args.trim() : "--n 1000 " + args.trim();
        CommandLineRun run = commandLine(withSmallN.split("\\s+"));
        run.assertRefused(expected);
        assertTrue(run.err().startsWith("03-executor-pool: "), run.err());
    }

    @ParameterizedTest(name = "--strategy {0}")
    @CsvSource({"pool, 4", "parallel-stream, 4", "pool, 1"})
    void theJsonLineCarriesTheOraclesSum(String strategy, int workers) {
        CommandLineRun run = commandLine(
                "--strategy",
                strategy,
                "--n",
                "1000003",
                "--seed",
                "20261126",
                "--lo",
                "-3",
                "--hi",
                "17",
                "--workers",
                String.valueOf(workers),
                "--repeat",
                "2",
                "--warmup",
                "0",
                "--json",
                "--verify");
        assertEquals(0, run.exitCode(), run.err());
        String json = run.out().strip();
        long expected = Oracle.sum(new Workload(1_000_003, 20261126, -3, 17));
        for (String field : List.of(
                "\"strategy\":\"" + strategy + "\"",
                "\"sum\":" + expected + ",",
                "\"oracle_agrees\":true",
                "\"workers\":" + workers)) {
            assertTrue(json.contains(field), () -> field + " missing from " + json);
        }
        if (strategy.equals(ExecutorPool.POOL)) {
            assertTrue(json.contains("\"tasks\":" + workers), () -> "the default --tasks is the worker count: " + json);
        }
    }

    @Test
    void theHumanReportNamesTheChosenStrategy() {
        CommandLineRun run = commandLine("--strategy=parallel-stream", "--n", "1e5", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("03-executor-pool · parallel-stream"), run.out());
        assertTrue(run.err().contains("ignores --workers"), run.err());
    }

    @Test
    void lessonIsDiscoverableWithBothStrategies() throws Exception {
        List<Lesson> found = Lesson.discover().stream()
                .filter(lesson -> lesson.id().equals("03"))
                .toList();
        assertEquals(1, found.size());
        Lesson lesson = found.getFirst();
        assertEquals("03-executor-pool", lesson.module());
        assertEquals(
                List.of("pool", "parallel-stream"),
                lesson.strategies().stream().map(Lesson.Strategy::name).toList());
        Workload workload = new Workload(10_007, 1, -4, 9);
        for (Lesson.Strategy strategy : lesson.strategies()) {
            try (var sum = strategy.withWorkers().apply(3)) {
                assertEquals(Oracle.sum(workload), sum.sum(workload), strategy.name());
            }
        }
    }
}
