package workbook.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbook.harness.CommandLineRun;
import workbook.harness.DescriptorCheck;
import workbook.harness.Oracle;
import workbook.harness.Workload;

class VirtualThreadsLessonTest {

    private static CommandLineRun commandLine(String... args) {
        return CommandLineRun.of(new VirtualThreadsLesson()::commandLine, args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--tasks 0|--tasks must be at least 1, was 0",
                "--tasks -5 --latency-ms 10|--tasks must be at least 1, was -5",
                "--workers 0|--workers must be at least 1, was 0",
                "--latency-ms -1|--latency-ms must not be negative, was -1"
            })
    void badKnobsAreOneLineWithExitCode2(String args, String message) {
        commandLine(args.split(" ")).assertRefused(message);
    }

    @Test
    void aLatencyMakesEveryChunkWaitAndIsReported() {
        CommandLineRun run = commandLine(
                "--n", "10007", "--tasks", "50", "--latency-ms", "1", "--repeat", "1", "--warmup", "0", "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"sum\":" + Oracle.sum(Workload.of(10_007, 42)) + ","), run.out());
        assertTrue(run.out().contains("\"tasks\":50,"), run.out());
        assertTrue(run.out().contains("\"latency_ms\":1,"), run.out());
    }

    @Test
    void theReportShowsTheSettingsUsed() {
        CommandLineRun run = commandLine("--n", "10007", "--tasks", "3", "--repeat", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("tasks 3, latency ms 0"), run.out());
    }

    /* What ./workbook list and run show: id, module, title, every strategy summing exactly, the command line. */
    @TestFactory
    Stream<DynamicNode> descriptor() {
        return DescriptorCheck.of(new VirtualThreadsLesson())
                .reports("\"tasks\":3,", "\"latency_ms\":0,")
                .tests();
    }

    @Test
    void oneTaskIsEnough() {
        CommandLineRun run = commandLine("--n", "1000", "--tasks", "1", "--repeat", "1", "--warmup", "0", "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"tasks\":1,"), run.out());
    }
}
