package workbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import workbook.harness.CommandLineRun;
import workbook.harness.Commands;
import workbook.harness.ExitCode;
import workbook.harness.Lesson;
import workbook.harness.Machine;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.Workload;

/**
 * {@code ./workbook run} on the fixture lessons this module registers (a baseline loop, a strategy
 * in pieces, one that is one too many): each strategy in JVMs of its own, the verdict against the
 * oracle, never against the other lessons alone. Nothing here is timed.
 */
class RunAllTest {
    private static final String[] SMALL = {"--n", "10007", "--seed", "5", "--repeat", "2", "--warmup", "1"};

    private static CommandLineRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Commands.wire(new CommandLine(new RunAll(Lesson::discover)));
        commandLine.setOut(CommandLineRun.buffered(out));
        commandLine.setErr(CommandLineRun.buffered(err));
        int exitCode = Commands.execute(commandLine, args);
        return new CommandLineRun(exitCode, out.toString(), err.toString());
    }

    private static List<String> words(String line) {
        return List.of(line.strip().split("\\s+"));
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void theTableHasARowPerStrategyEachFromItsOwnJvmsAndTheVerdictAfterIt() {
        String sum = Report.grouped(Oracle.sum(Workload.of(10_007, 5)));
        CommandLineRun result = run(with(SMALL, "--lesson", "1,02", "--workers", "3", "--forks", "2"));
        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(
                "n = 10,007 numbers in [0, 10], seed 5; each strategy in a JVM of its own, 1 warm-up then the median"
                        + " of 2 interleaved rounds, in 2 sets of JVMs; "
                        + Machine.current().summary(),
                lines.get(0));
        assertEquals(
                List.of("lesson", "strategy", "workers", "median", "ns/number", "speedup", "JVMs", "apart", "sum"),
                words(lines.get(2)));
        List<String> baseline = words(lines.get(4));
        assertEquals(List.of("01-loop", "loop", "1"), baseline.subList(0, 3), lines.get(4));
        assertTrue(baseline.contains("1.00x"), "the baseline against itself: " + lines.get(4));
        assertEquals(sum, baseline.getLast());
        List<String> pieces = words(lines.get(5));
        assertEquals(List.of("02-pieces", "pieces", "3"), pieces.subList(0, 3), lines.get(5));
        assertEquals(sum, pieces.getLast());
        assertTrue(
                result.out()
                        .contains("All 2 sums are equal (" + sum + ") and match the oracle (JDK SplittableRandom)."
                                + " Speedups are over 01-loop, on " + Machine.availableCores() + " cores."),
                result.out());
        assertTrue(result.err().contains("JVMs 1 of 2: starting one per strategy"), result.err());
        assertTrue(result.err().contains("JVMs 2, round 2/2 done"), result.err());
    }

    @Test
    void aWrongSumFailsTheRunWhateverTheOtherLessonsSay() {
        CommandLineRun result = run(with(SMALL, "--lesson", "03", "--forks", "1"));
        assertEquals(ExitCode.FAILED, result.exitCode(), result.out() + result.err());
        long oracle = Oracle.sum(Workload.of(10_007, 5));
        assertTrue(
                result.out()
                        .contains("WRONG: 1 of 1 sums differ from the oracle's " + Report.grouped(oracle)
                                + ": 03-wrong/plus-one gave " + Report.grouped(oracle + 1)),
                result.out());
        assertTrue(result.out().contains("| -") || result.out().contains("  -  "), "no baseline, no speedup");
    }

    @Test
    void jsonIsOneLinePerStrategyWithTheJvmsTheWorkersThatRanAndTheVerdictOnStandardError() {
        CommandLineRun result = run(with(SMALL, "--lesson", "02,03", "--workers", "2", "--forks", "2", "--json"));
        assertEquals(ExitCode.FAILED, result.exitCode());
        List<String> lines = result.out().lines().toList();
        assertEquals(2, lines.size(), result.out());
        assertTrue(lines.get(0).startsWith("{\"lesson\":\"02-pieces\",\"strategy\":\"pieces\""), lines.get(0));
        assertTrue(lines.get(0).contains("\"pieces\":2,"), "the settings its JVM reported: " + lines.get(0));
        assertTrue(lines.get(0).contains("\"oracle_agrees\":true"), lines.get(0));
        assertTrue(lines.get(0).contains("\"forks\":2,\"fork_medians_ms\":["), lines.get(0));
        assertTrue(lines.get(0).contains("\"runs\":4,"), "two rounds in each of two JVMs: " + lines.get(0));
        assertTrue(lines.get(1).contains("\"oracle_agrees\":false"), lines.get(1));
        assertTrue(result.err().contains("WRONG: 1 of 2 sums"), "the verdict goes to stderr with --json");
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        run("--n", "10", "--repeat", "0").assertRefused("run: --repeat must be at least 1, was 0");
        run("--n", "10", "--forks", "0").assertRefused("run: --forks must be at least 1, was 0");
        run("--n", "10", "--lesson", "07").assertRefused("run: no lesson '07'; there are 01, 02, 03");
    }
}
