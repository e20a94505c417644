package workbook.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbook.harness.CommandLineRun;
import workbook.harness.DescriptorCheck;
import workbook.harness.Lesson;
import workbook.harness.Oracle;
import workbook.harness.Workload;

/** The lesson's command line (./workbook lesson 03, ./jbang ExecutorPool.java) and its registration. */
class ExecutorPoolLessonTest {

    static CommandLineRun commandLine(String... args) {
        return CommandLineRun.of(new ExecutorPoolLesson()::commandLine, args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--workers 0                          | --workers must be at least 1, was 0",
                "--tasks 0                            | --tasks must be at least 1, was 0",
                "--tasks -1                           | --tasks must be at least 1, was -1",
                "--strategy threads                   | --strategy must be pool or parallel-stream, was 'threads'",
                "--strategy parallel-stream --tasks 4 | --tasks applies to --strategy pool only",
                "--repeat 0                           | --repeat must be at least 1, was 0"
            })
    void badInputIsOneLineWithExitCode2(String args, String expected) {
        List<String> words = new ArrayList<>(List.of("--n", "1000"));
        words.addAll(List.of(args.strip().split("\\s+")));
        CommandLineRun run = commandLine(words.toArray(String[]::new));
        run.assertRefused(expected);
        assertTrue(run.err().startsWith("03-executor-pool: "), run.err());
    }

    /** The fields of the --json line that these tests read, as "name":value text. */
    private static String field(String json, String name) {
        int start = json.indexOf("\"" + name + "\":");
        assertTrue(start >= 0, () -> name + " missing from " + json);
        int end = start;
        while (end < json.length() && json.charAt(end) != ',' && json.charAt(end) != '}') {
            end++;
        }
        return json.substring(start + name.length() + 3, end);
    }

    private static String json(String... extra) {
        // The example every lesson page runs: a million and three numbers from -3 to 17.
        String pagesExample = "--n 1000003 --seed 20261126 --lo -3 --hi 17 --repeat 2 --warmup 0 --json --verify";
        List<String> args = new ArrayList<>(List.of(pagesExample.split(" ")));
        args.addAll(List.of(extra));
        CommandLineRun run = commandLine(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        String json = run.out().strip();
        assertEquals(1, json.lines().count(), () -> "one JSON line: " + run.out());
        assertEquals(String.valueOf(Oracle.sum(new Workload(1_000_003, 20261126, -3, 17))), field(json, "sum"));
        assertEquals("true", field(json, "oracle_agrees"));
        return json;
    }

    @ParameterizedTest(name = "--workers {0} --tasks {1}: {2} threads ran")
    @CsvSource({"4, 4, 4", "1, 1, 1", "2, 7, 2", "2, 1, 1"})
    void theJsonLineOfThePoolReportsTheTasksAndTheThreadsThatRan(int workers, int tasks, int threads) {
        String json = json("--workers", String.valueOf(workers), "--tasks", String.valueOf(tasks));
        assertEquals("\"pool\"", field(json, "strategy"));
        assertEquals(String.valueOf(tasks), field(json, "tasks"));
        assertEquals(String.valueOf(threads), field(json, "workers"));
    }

    @Test
    void withoutTasksThePoolGetsOneTaskPerWorker() {
        String json = json("--workers", "3");
        assertEquals("3", field(json, "tasks"));
        assertEquals("3", field(json, "workers"));
    }

    @Test
    void theJsonLineOfTheParallelStreamReportsTheWorkersItWasGiven() {
        String json = json("--strategy", "parallel-stream", "--workers", "4");
        assertEquals("\"parallel-stream\"", field(json, "strategy"));
        assertEquals("4", field(json, "workers"), "3 common pool threads and the caller");
        assertFalse(json.contains("\"tasks\""), json);
    }

    @Test
    void theHumanReportNamesTheChosenStrategyAndSaysOneWorkerRunsOnTwoThreads() {
        CommandLineRun run = commandLine(
                "--strategy=parallel-stream", "--workers", "1", "--n", "1e5", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("03-executor-pool · parallel-stream"), run.out());
        assertTrue(run.err().contains("runs on 2 threads with --workers 1"), run.err());
    }

    @Test
    void helpNamesTheLessonsOptionsAndItsLabs() {
        CommandLineRun run = commandLine("--help");
        assertEquals(0, run.exitCode(), run.err());
        for (String expected : List.of("--strategy", "--tasks", "--workers", "--json", "lab 03 tasks-sweep")) {
            assertTrue(run.out().contains(expected), () -> expected + " missing from --help:\n" + run.out());
        }
    }

    @Test
    void lessonIsDiscoverableWithBothStrategiesAndEachGivesTheOracleSum() throws Exception {
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
            assertTrue(strategy.usesWorkers(), strategy.name());
            try (var sum = strategy.withWorkers().apply(3)) {
                assertEquals(Oracle.sum(workload), sum.sum(workload), strategy.name());
            }
        }
    }

    /* What ./workbook list and run show: id, module, title, every strategy summing exactly, the command line. */
    @TestFactory
    Stream<DynamicNode> descriptor() {
        return DescriptorCheck.of(new ExecutorPoolLesson()).tests();
    }
}
