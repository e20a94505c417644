package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./workbook run}'s verdict: every sum against the oracle, never against the other lessons alone. */
class RunAllTest {

    private record Fixture(String id, String strategyName, IntFunction<SumStrategy> strategy) implements Lesson {
        @Override
        public String module() {
            return id + "-fixture";
        }

        @Override
        public String title() {
            return "a test fixture";
        }

        @Override
        public List<Strategy> strategies() {
            return List.of(new Strategy(strategyName, true, strategy));
        }

        @Override
        public int commandLine(PrintWriter out, PrintWriter err, String... args) {
            return LessonCli.OK;
        }
    }

    private static CommandLineRun run(List<Lesson> lessons, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new Workbook.RunAll(() -> lessons));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CommandLineRun(exitCode, out.toString(), err.toString());
    }

    private static final String[] SMALL = {"--n", "10007", "--repeat", "1", "--warmup", "0"};

    @Test
    void allRightWhenEverySumIsTheOracles() {
        CommandLineRun result = run(
                List.of(
                        new Fixture("01", "loop", workers -> Workload::sumAll),
                        new Fixture("02", "again", workers -> Workload::sumAll)),
                SMALL);
        assertEquals(LessonCli.OK, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("All 2 sums are equal"), result.out());
        assertTrue(result.out().contains("2 cores") || result.out().contains(Machine.availableCores() + " cores"));
    }

    @Test
    void oneWrongLessonFailsTheRunAndIsNamed() {
        CommandLineRun result = run(
                List.of(
                        new Fixture("01", "loop", workers -> Workload::sumAll),
                        new Fixture("02", "off-by-one", workers -> workload -> workload.sumAll() + 1)),
                SMALL);
        assertEquals(LessonCli.FAILED, result.exitCode(), result.out());
        assertTrue(result.out().contains("WRONG: 1 of 2 sums differ"), result.out());
        assertTrue(result.out().contains("02-fixture/off-by-one gave"), result.out());
    }

    @Test
    void lessonsThatAgreeWithEachOtherButNotWithTheOracleAreWrong() {
        IntFunction<SumStrategy> bothWrong = workers -> workload -> workload.sumAll() - 7;
        CommandLineRun result =
                run(List.of(new Fixture("01", "minus-7", bothWrong), new Fixture("02", "minus-7", bothWrong)), SMALL);
        assertEquals(LessonCli.FAILED, result.exitCode(), result.out());
        assertTrue(result.out().contains("WRONG: 2 of 2 sums differ from the oracle's"), result.out());
    }

    @Test
    void jsonRowsSayWhetherEachSumAgreesWithTheOracle() {
        CommandLineRun result = run(
                List.of(
                        new Fixture("01", "loop", workers -> Workload::sumAll),
                        new Fixture("02", "off-by-one", workers -> workload -> workload.sumAll() + 1)),
                "--n",
                "10007",
                "--repeat",
                "1",
                "--warmup",
                "0",
                "--json");
        List<String> lines = result.out().lines().toList();
        assertEquals(2, lines.size(), result.out());
        assertTrue(lines.get(0).contains("\"oracle_agrees\":true"), lines.get(0));
        assertTrue(lines.get(1).contains("\"oracle_agrees\":false"), lines.get(1));
        assertEquals(LessonCli.FAILED, result.exitCode());
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        CommandLineRun result = run(List.of(new Fixture("01", "loop", workers -> Workload::sumAll)), "--repeat", "0");
        assertEquals(LessonCli.BAD_INPUT, result.exitCode());
        assertTrue(result.err().contains("--repeat must be at least 1, was 0"), result.err());
    }
}
