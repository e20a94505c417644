package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
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
            return ExitCode.OK;
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
        assertEquals(ExitCode.OK, result.exitCode(), result.out() + result.err());
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
        assertEquals(ExitCode.FAILED, result.exitCode(), result.out());
        assertTrue(result.out().contains("WRONG: 1 of 2 sums differ"), result.out());
        assertTrue(result.out().contains("02-fixture/off-by-one gave"), result.out());
    }

    @Test
    void lessonsThatAgreeWithEachOtherButNotWithTheOracleAreWrong() {
        IntFunction<SumStrategy> bothWrong = workers -> workload -> workload.sumAll() - 7;
        CommandLineRun result =
                run(List.of(new Fixture("01", "minus-7", bothWrong), new Fixture("02", "minus-7", bothWrong)), SMALL);
        assertEquals(ExitCode.FAILED, result.exitCode(), result.out());
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
        assertEquals(ExitCode.FAILED, result.exitCode());
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        CommandLineRun result = run(List.of(new Fixture("01", "loop", workers -> Workload::sumAll)), "--repeat", "0");
        assertEquals(ExitCode.BAD_INPUT, result.exitCode());
        assertTrue(result.err().contains("--repeat must be at least 1, was 0"), result.err());
    }

    /* ---- the same, through Workbook.execute on writers that keep only what was flushed ---- */

    private record Captured(StringWriter out, StringWriter err) {}

    /* RunAll on fixture lessons, with the workbook's handlers of bad input and failures. */
    private static CommandLineRun runFlushed(List<Lesson> lessons, Captured captured, String... args) {
        CommandLine commandLine = new CommandLine(new Workbook.RunAll(() -> lessons));
        CommandLine workbook = Workbook.commandLine();
        commandLine.setParameterExceptionHandler(workbook.getParameterExceptionHandler());
        commandLine.setExecutionExceptionHandler(workbook.getExecutionExceptionHandler());
        commandLine.setOut(CommandLineRun.buffered(captured.out()));
        commandLine.setErr(CommandLineRun.buffered(captured.err()));
        int exitCode = Workbook.execute(commandLine, args);
        return new CommandLineRun(
                exitCode, captured.out().toString(), captured.err().toString());
    }

    private static CommandLineRun runFlushed(List<Lesson> lessons, String... args) {
        return runFlushed(lessons, new Captured(new StringWriter(), new StringWriter()), args);
    }

    /** The columns of a row of the table, cut where the format puts them. */
    private static List<String> columns(String row) {
        int[] ends = {18, 37, 45, 57, 68, 85, row.length()};
        List<String> cells = new java.util.ArrayList<>();
        int start = 0;
        for (int end : ends) {
            cells.add(row.substring(start, end).strip());
            start = end + 1;
        }
        return cells;
    }

    @Test
    void theTableHasAHeaderARowPerStrategyAndTheVerdictAfterABlankLine() {
        Workload workload = Workload.of(10_007, 5);
        String sum = Report.grouped(Oracle.sum(workload));
        CommandLineRun result = runFlushed(
                List.of(
                        new Fixture("01", "loop", workers -> Workload::sumAll),
                        new Fixture("02", "halves", workers -> w -> w.sumRange(0, 5000) + w.sumRange(5000, w.n()))),
                "--n",
                "10007",
                "--seed",
                "5",
                "--lo",
                "0",
                "--hi",
                "10",
                "--workers",
                "3",
                "--repeat",
                "2",
                "--warmup",
                "1");
        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(
                "n = 10,007 numbers in [0, 10], seed 5; median of 2 interleaved rounds after 1 warm-up; "
                        + Machine.current().summary(),
                lines.get(0));
        assertEquals("", lines.get(1));
        assertEquals(
                "lesson             strategy           workers      median  ns/number    speedup vs 01                sum",
                lines.get(2));
        assertEquals("-".repeat(lines.get(2).length()), lines.get(3));
        List<String> first = columns(lines.get(4));
        assertEquals(List.of("01-fixture", "loop", "3"), first.subList(0, 3));
        assertEquals(List.of("1.00x", sum), first.subList(5, 7));
        List<String> second = columns(lines.get(5));
        assertEquals(List.of("02-fixture", "halves", "3"), second.subList(0, 3));
        assertTrue(second.get(5).matches("[0-9]+\\.[0-9]{2}x"), second.get(5));
        assertEquals(sum, second.get(6));
        assertEquals("", lines.get(6));
        assertEquals(
                "All 2 sums are equal (" + sum + ") and match the oracle (JDK SplittableRandom). Speedups are on "
                        + Machine.availableCores() + " cores.",
                lines.get(7));
        assertEquals(8, lines.size(), result.out());
        assertEquals(
                List.of("  round 1/2 done", "  round 2/2 done"),
                result.err().lines().toList());
    }

    @Test
    void withoutLesson01ThereIsNoSpeedup() {
        CommandLineRun result = runFlushed(List.of(new Fixture("02", "loop", workers -> Workload::sumAll)), SMALL);
        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        assertEquals("-", columns(result.out().lines().toList().get(4)).get(5));
    }

    @Test
    void theHeaderAndEachRoundsProgressAreOutBeforeTheMeasuringGoesOn() {
        Captured captured = new Captured(new StringWriter(), new StringWriter());
        List<String> seen = new java.util.ArrayList<>();
        SumStrategy looking = workload -> {
            seen.add(captured.out().toString().lines().findFirst().orElse("nothing") + " | "
                    + String.join(",", captured.err().toString().lines().toList()));
            return workload.sumAll();
        };
        CommandLineRun result = runFlushed(
                List.of(new Fixture("01", "looking", workers -> looking)),
                captured,
                "--n",
                "100",
                "--repeat",
                "2",
                "--warmup",
                "1");
        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        String header = result.out().lines().findFirst().orElseThrow();
        assertEquals(
                List.of(header + " | ", header + " | ", header + " |   round 1/2 done"),
                seen,
                "warm-up and round 1 see the header; round 2 sees round 1's progress");
    }

    @Test
    void manyQuickRoundsShowTheFirstTheLastAndOneASecond() {
        StringWriter err = new StringWriter();
        long[] now = {0};
        java.util.function.IntConsumer progress = Workbook.roundProgress(new PrintWriter(err, true), 6, () -> now[0]);
        long[] clockAtRound = {5, 1_000_000_004L, 1_000_000_005L, 2_000_000_004L, 2_000_000_005L, 2_000_000_006L};
        for (int round = 1; round <= 6; round++) {
            now[0] = clockAtRound[round - 1];
            progress.accept(round);
        }
        assertEquals(
                List.of("  round 1/6 done", "  round 3/6 done", "  round 5/6 done", "  round 6/6 done"),
                err.toString().lines().toList(),
                "rounds 3 and 5 come a whole second after the last one shown; 2 and 4 a nanosecond short of it");
    }

    @Test
    void onlyTheLessonsAskedForAreMeasured() {
        CommandLineRun result = runFlushed(
                List.of(
                        new Fixture("01", "loop", workers -> Workload::sumAll),
                        new Fixture("02", "other", workers -> Workload::sumAll),
                        new Fixture("03", "third", workers -> Workload::sumAll)),
                "--n",
                "100",
                "--repeat",
                "1",
                "--warmup",
                "0",
                "--lesson",
                "01,03",
                "--json");
        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(2, lines.size(), result.out());
        assertTrue(lines.get(0).startsWith("{\"lesson\":\"01-fixture\",\"strategy\":\"loop\""), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"lesson\":\"03-fixture\",\"strategy\":\"third\""), lines.get(1));
        assertTrue(result.err().contains("All 2 sums are equal"), "the verdict goes to stderr with --json");
        runFlushed(List.of(new Fixture("01", "loop", workers -> Workload::sumAll)), "--lesson", "07")
                .assertRefused("no lesson matches [07]");
    }

    @Test
    void aOneThreadStrategyIsBuiltForOneWorkerAndEveryStrategyIsClosedAfterwards() {
        List<String> built = new java.util.ArrayList<>();
        List<String> closed = new java.util.ArrayList<>();
        java.util.function.BiFunction<String, Integer, SumStrategy> strategy = (name, workers) -> {
            built.add(name + " for " + workers);
            return new SumStrategy() {
                @Override
                public long sum(Workload workload) {
                    return workload.sumAll();
                }

                @Override
                public Map<String, Object> settings() {
                    return Map.of("chunks", workers * 2);
                }

                @Override
                public void close() {
                    closed.add(name);
                }
            };
        };
        Lesson oneThread = new Lesson() {
            public String id() {
                return "01";
            }

            public String module() {
                return "01-alone";
            }

            public String title() {
                return "one thread";
            }

            public List<Strategy> strategies() {
                return List.of(new Strategy("alone", false, workers -> strategy.apply("alone", workers)));
            }

            public int commandLine(PrintWriter out, PrintWriter err, String... args) {
                throw new UnsupportedOperationException("./workbook run never calls a lesson's own command line");
            }
        };
        CommandLineRun result = runFlushed(
                List.of(oneThread, new Fixture("02", "many", workers -> strategy.apply("many", workers))),
                "--n",
                "100",
                "--workers",
                "3",
                "--repeat",
                "1",
                "--warmup",
                "0",
                "--json");
        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        assertEquals(List.of("alone for 1", "many for 3"), built);
        assertEquals(List.of("alone", "many"), closed);
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).contains("\"workers\":1,\"chunks\":2,"), lines.get(0));
        assertTrue(lines.get(1).contains("\"workers\":3,\"chunks\":6,"), lines.get(1));
    }

    @Test
    void aStrategyThatFailsIsStillClosedAndTheRunFailsInOneLine() {
        List<String> closed = new java.util.ArrayList<>();
        SumStrategy failing = new SumStrategy() {
            @Override
            public long sum(Workload workload) {
                throw new IllegalStateException("worker 2 died");
            }

            @Override
            public void close() {
                closed.add("failing");
            }
        };
        CommandLineRun result = runFlushed(List.of(new Fixture("02", "f", workers -> failing)), SMALL);
        assertEquals(ExitCode.FAILED, result.exitCode());
        assertEquals(List.of("failing"), closed);
        assertEquals("workbook: failed: IllegalStateException: worker 2 died\n", result.err());
    }
}
