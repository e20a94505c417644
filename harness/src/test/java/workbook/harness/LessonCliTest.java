package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Option;

class LessonCliTest {

    /** A stand-in lesson: the harness's own tight loop behind the shared command line. */
    static final class Knobs {
        @Option(names = "--threshold", converter = WholeNumber.class)
        long threshold = 1000;
    }

    private static CommandLineRun run(String... args) {
        Knobs knobs = new Knobs();
        LessonCli cli = LessonCli.lesson("99-test", "tight-loop").options(knobs).strategy(options -> {
            if (knobs.threshold < 1) {
                throw new IllegalArgumentException("--threshold must be at least 1, was " + knobs.threshold);
            }
            return new SumStrategy() {
                @Override
                public long sum(Workload workload) {
                    return workload.sumAll();
                }

                @Override
                public Map<String, Object> settings() {
                    return Map.of("threshold", knobs.threshold);
                }
            };
        });
        return CommandLineRun.of(cli::run, args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "--n -5                          | n must not be negative, was -5",
                "--n abc                         | 'abc' is not a whole number",
                "--lo 5 --hi 1                   | lo must not be greater than hi, was lo=5 hi=1",
                "--n 9e18 --hi 2147483647        | could overflow",
                "--bogus                         | Unknown option: '--bogus'",
                "--workers 0                     | --workers must be at least 1, was 0",
                "--workers -3                    | --workers must be at least 1, was -3",
                "--repeat 0                      | --repeat must be at least 1, was 0",
                "--threshold 0                   | --threshold must be at least 1, was 0",
                "--n 1.5                         | '1.5' is not a whole number",
                "--lo 3e9                        | does not fit in an int"
            })
    void badInputIsOneLineNamingTheValueWithExitCode2(String args, String expectedMessage) {
        CommandLineRun result = run(args.trim().split("\\s+"));
        result.assertRefused(expectedMessage);
        assertTrue(result.err().startsWith("99-test: "), result.err());
    }

    @Test
    void helpExitsZeroAndListsSharedAndLessonOptions() {
        CommandLineRun result = run("--help");
        assertEquals(0, result.exitCode());
        for (String option : List.of(
                "--n", "--seed", "--lo", "--hi", "--workers", "--repeat", "--warmup", "--json", "--threshold")) {
            assertTrue(result.out().contains(option), () -> option + " missing from:\n" + result.out());
        }
    }

    @Test
    void jsonLineCarriesTheWorkloadTheSumAndTheTimings() {
        CommandLineRun result = run(
                "--n",
                "1_000_003",
                "--seed",
                "20261126",
                "--lo",
                "-3",
                "--hi",
                "17",
                "--workers",
                "4",
                "--repeat",
                "3",
                "--warmup",
                "0",
                "--json",
                "--verify",
                "--threshold",
                "77");
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(1, lines.size(), result.out());
        String json = lines.getFirst();
        long expected = Oracle.sum(new Workload(1_000_003, 20261126, -3, 17));
        for (String field : List.of(
                "\"lesson\":\"99-test\"",
                "\"n\":1000003",
                "\"seed\":20261126",
                "\"lo\":-3",
                "\"hi\":17",
                "\"workers\":4",
                "\"threshold\":77",
                "\"sum\":" + expected + ",",
                "\"oracle_agrees\":true",
                "\"runs\":3",
                "\"cores\":" + Runtime.getRuntime().availableProcessors(),
                "\"median_ms\":",
                "\"min_ms\":")) {
            assertTrue(json.contains(field), () -> field + " missing from " + json);
        }
    }

    @Test
    void humanReportShowsTheSumTimeAndCores() {
        CommandLineRun result = run("--n", "1e5", "--repeat", "2", "--warmup", "1");
        assertEquals(0, result.exitCode(), result.err());
        long expected = Oracle.sum(Workload.of(100_000, CommonOptions.DEFAULT_SEED));
        assertTrue(result.out().contains(Report.grouped(expected)), result.out());
        assertTrue(result.out().contains("median time"), result.out());
        assertTrue(result.out().contains(Runtime.getRuntime().availableProcessors() + " cores"), result.out());
    }

    @Test
    void aFailureWhileSummingIsOneLineWithExitCode1() {
        LessonCli cli = LessonCli.lesson("99-test", "broken").strategy(options -> workload -> {
            throw new IllegalStateException("chunk 2 failed", new Workload.InjectedFault(7));
        });
        StringWriter err = new StringWriter();
        int exitCode = cli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "--n", "10");
        assertEquals(1, exitCode);
        assertEquals(
                List.of(
                        "99-test: failed: IllegalStateException: chunk 2 failed <- InjectedFault: injected fault at index 7"),
                err.toString().lines().toList());
    }

    @Test
    void timelineJsonlHasOnePiecePerMeasuredRunThatTilesTheRange() throws java.io.IOException {
        java.nio.file.Path file =
                java.nio.file.Files.createTempDirectory("timeline").resolve("t.jsonl");
        CommandLineRun result = run("--n", "12345", "--repeat", "3", "--warmup", "2", "--timeline", file.toString());
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = java.nio.file.Files.readAllLines(file);
        // The stand-in strategy sums on the calling thread: one piece per measured run, none for warm-up.
        assertEquals(3, lines.size(), String.join("\n", lines));
        for (int call = 0; call < 3; call++) {
            String line = lines.get(call);
            assertTrue(line.startsWith("{\"call\":" + call + ","), line);
            assertTrue(line.contains("\"from\":0,\"to\":12345,"), line);
        }
    }

    @Test
    void aTimelineFileOfAnUnknownKindIsBadInput() {
        run("--n", "10", "--timeline", "t.txt").assertRefused("--timeline 't.txt'");
    }

    private static CommandLineRun runOffByOne(String... args) {
        LessonCli cli =
                LessonCli.lesson("99-test", "off-by-one").strategy(options -> workload -> workload.sumAll() + 1);
        return CommandLineRun.of(cli::run, args);
    }

    @Test
    void verifyCatchesASumThatIsOneOffWithExitCode1AndOneLine() {
        CommandLineRun result = runOffByOne("--n", "1000", "--repeat", "1", "--warmup", "0", "--json", "--verify");
        assertEquals(ExitCode.FAILED, result.exitCode());
        Map<String, Object> json = FlatJson.parse(result.out().strip());
        assertEquals(false, json.get("oracle_agrees"));
        long oracle = Oracle.sum(Workload.of(1000, CommonOptions.DEFAULT_SEED));
        assertEquals(oracle + 1, ((Number) json.get("sum")).longValue());
        assertEquals(
                List.of("99-test: the sum " + (oracle + 1) + " differs from the oracle's " + oracle),
                result.err().lines().toList());
    }

    @Test
    void withoutVerifyNothingIsClaimedAboutTheOracle() {
        CommandLineRun result = runOffByOne("--n", "1000", "--repeat", "1", "--warmup", "0", "--json");
        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        Map<String, Object> json = FlatJson.parse(result.out().strip());
        assertTrue(json.containsKey("oracle_agrees"));
        assertEquals(null, json.get("oracle_agrees"), "not checked, so neither true nor false");
    }

    @Test
    void theHumanReportSaysWhenTheOracleDisagrees() {
        CommandLineRun result = runOffByOne("--n", "1000", "--repeat", "1", "--warmup", "0", "--verify");
        assertEquals(ExitCode.FAILED, result.exitCode());
        assertTrue(result.out().contains("DISAGREES"), result.out());
    }

    @Test
    void everyJsonFieldIsWhatRan() {
        CommandLineRun result = run(
                "--n",
                "200003",
                "--seed",
                "5",
                "--lo",
                "-2",
                "--hi",
                "9",
                "--workers",
                "3",
                "--repeat",
                "4",
                "--warmup",
                "1",
                "--json",
                "--threshold",
                "12");
        assertEquals(0, result.exitCode(), result.err());
        Map<String, Object> json = FlatJson.parse(result.out().strip());
        Workload workload = new Workload(200_003, 5, -2, 9);
        assertEquals("99-test", json.get("lesson"));
        assertEquals("tight-loop", json.get("strategy"));
        assertEquals(200_003L, json.get("n"));
        assertEquals(5L, json.get("seed"));
        assertEquals(-2L, json.get("lo"));
        assertEquals(9L, json.get("hi"));
        assertEquals(3L, json.get("workers"));
        assertEquals(12L, json.get("threshold"), "the strategy's own settings");
        assertEquals(Oracle.sum(workload), json.get("sum"));
        assertEquals(4L, json.get("runs"));
        assertEquals(1L, json.get("warmup"));
        assertEquals((long) Runtime.getRuntime().availableProcessors(), json.get("cores"));
        assertEquals(Runtime.version().toString(), json.get("java"));
        double min = ((Number) json.get("min_ms")).doubleValue();
        double median = ((Number) json.get("median_ms")).doubleValue();
        double max = ((Number) json.get("max_ms")).doubleValue();
        assertTrue(0 < min && min <= median && median <= max, () -> min + " <= " + median + " <= " + max);
        assertEquals(median * 1e6 / 200_003, ((Number) json.get("ns_per_number")).doubleValue(), 1e-9);
    }

    /** Reads one flat JSON object (strings, numbers, true, false, null): all the workbook writes. */
    static final class FlatJson {
        static Map<String, Object> parse(String text) {
            java.util.regex.Matcher field = java.util.regex.Pattern.compile(
                            "\\G[{,]\"([^\"]*)\":(\"(?:[^\"\\\\]|\\\\.)*\"|true|false|null|-?[0-9.eE+-]+)")
                    .matcher(text);
            Map<String, Object> fields = new java.util.LinkedHashMap<>();
            int end = 0;
            while (field.find()) {
                String value = field.group(2);
                Object parsed;
                if (value.startsWith("\"")) {
                    parsed = value.substring(1, value.length() - 1);
                } else if (value.equals("true") || value.equals("false")) {
                    parsed = Boolean.parseBoolean(value);
                } else if (value.equals("null")) {
                    parsed = null;
                } else if (value.matches("-?[0-9]+")) {
                    parsed = Long.parseLong(value);
                } else {
                    parsed = Double.parseDouble(value);
                }
                fields.put(field.group(1), parsed);
                end = field.end();
            }
            assertEquals("}", text.substring(end), () -> "not a flat JSON object: " + text);
            return fields;
        }
    }

    /* ---- the builder's other parts ---- */

    private static final Lesson FIXTURE = new workbook.harness.fixture.FixtureLesson();

    @Test
    void theLessonsModuleNamesTheCommandAndTheStrategyIsAskedForAfterParsing() {
        String[] chosen = {"before parsing"};
        LessonCli cli = LessonCli.of(FIXTURE, () -> chosen[0])
                .options(new Object() {
                    @Option(names = "--pick")
                    void pick(String name) {
                        chosen[0] = name;
                    }
                })
                .strategy(options -> Workload::sumAll);
        CommandLineRun run =
                CommandLineRun.of(cli::run, "--n", "10", "--repeat", "1", "--warmup", "0", "--pick", "p", "--json");
        assertEquals(0, run.exitCode(), run.err());
        Map<String, Object> json = FlatJson.parse(run.out().strip());
        assertEquals("09-fixture", json.get("lesson"));
        assertEquals("p", json.get("strategy"));
        CommandLineRun named = CommandLineRun.of(
                LessonCli.of(FIXTURE, "fixed").strategy(options -> Workload::sumAll)::run,
                "--n",
                "10",
                "--repeat",
                "1",
                "--warmup",
                "0",
                "--json");
        assertEquals("fixed", FlatJson.parse(named.out().strip()).get("strategy"));
        CommandLineRun lessonByName = CommandLineRun.of(
                LessonCli.lesson("98-named", () -> "late").strategy(options -> Workload::sumAll)::run,
                "--n",
                "10",
                "--repeat",
                "1",
                "--warmup",
                "0",
                "--json");
        assertEquals("98-named", FlatJson.parse(lessonByName.out().strip()).get("lesson"));
        assertEquals("late", FlatJson.parse(lessonByName.out().strip()).get("strategy"));
        assertTrue(CommandLineRun.of(cli::run, "--bogus").err().startsWith("09-fixture: "));
    }

    @Test
    void helpShowsTheDescriptionAndTheVersionNamesTheMachine() {
        LessonCli cli = LessonCli.lesson("99-test", "s")
                .description("First paragraph.", "Second paragraph.")
                .strategy(options -> Workload::sumAll);
        CommandLineRun help = CommandLineRun.of(cli::run, "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: 99-test "), help.out());
        assertTrue(help.out().contains("\nFirst paragraph.\nSecond paragraph.\n"), help.out());
        assertTrue(help.out().contains("threads that share the work"), "--workers as a parallel lesson has it");
        CommandLineRun version = CommandLineRun.of(cli::run, "--version");
        assertEquals(0, version.exitCode());
        assertEquals("Many Cores, One Sum workbook, on " + Machine.current().summary() + "\n", version.out());
    }

    @Test
    void aOneThreadLessonIgnoresWorkersAndSaysSo() {
        LessonCli cli = LessonCli.lesson("01-one", "loop").singleThreaded().strategy(options -> {
            assertEquals(1, options.workers(), "the strategy is built for one worker");
            return Workload::sumAll;
        });
        CommandLineRun help = CommandLineRun.of(cli::run, "--help");
        assertTrue(help.out().contains("ignored: this lesson always runs on one thread"), help.out());
        CommandLineRun json =
                CommandLineRun.of(cli::run, "--n", "10", "--workers", "4", "--repeat", "1", "--warmup", "0", "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertEquals(1L, FlatJson.parse(json.out().strip()).get("workers"));
        CommandLineRun human =
                CommandLineRun.of(cli::run, "--n", "10", "--workers", "4", "--repeat", "1", "--warmup", "0");
        assertTrue(human.out().contains("workers      1 (this lesson runs on one thread)"), human.out());
    }

    @Test
    void oneWorkerAndNoWarmUpAreFine() {
        CommandLineRun result = run("--n", "100", "--workers", "1", "--repeat", "1", "--warmup", "0", "--json");
        assertEquals(0, result.exitCode(), result.err());
        Map<String, Object> json = FlatJson.parse(result.out().strip());
        assertEquals(1L, json.get("workers"));
        assertEquals(1L, json.get("runs"));
        assertEquals(0L, json.get("warmup"));
        run("--warmup", "-1").assertRefused("--warmup must not be negative, was -1");
    }

    @Test
    void aCommandLineWithoutAStrategyIsAProgrammingError() {
        IllegalStateException missing = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class,
                () -> LessonCli.lesson("99-test", "s").run("--n", "1"));
        assertEquals("99-test: no strategy given to LessonCli", missing.getMessage());
    }

    @Test
    void withoutStreamsItWritesToStandardOutputAndError() {
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = LessonCli.lesson("99-test", "s")
                    .strategy(options -> Workload::sumAll)
                    .run("--n", "-1");
        } finally {
            System.setErr(before);
        }
        assertEquals(ExitCode.BAD_INPUT, exitCode);
        assertEquals(
                "99-test: n must not be negative, was -1 (see --help)\n",
                captured.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aRunOfASecondOrMoreReportsItselfAtOnceAndShorterOnesStayQuiet() {
        StringWriter err = new StringWriter();
        Timer.Progress progress = LessonCli.progressTo(CommandLineRun.buffered(err));
        progress.runFinished(true, 1, 2, 999_999_999L);
        assertEquals("", err.toString());
        progress.runFinished(true, 2, 2, 1_000_000_000L);
        assertEquals("  warm-up 2/2: 1.00 s\n", err.toString(), "out at once, not when the run ends");
        progress.runFinished(false, 3, 5, 2_500_000_000L);
        assertEquals("  warm-up 2/2: 1.00 s\n  run 3/5: 2.50 s\n", err.toString());
    }

    @Test
    void onATerminalTheReportComesBeforeTheLineThatSaysTheSumIsWrong() {
        StringWriter terminal = new StringWriter();
        LessonCli cli =
                LessonCli.lesson("99-test", "off-by-one").strategy(options -> workload -> workload.sumAll() + 1);
        int exitCode = cli.run(
                new PrintWriter(new java.io.BufferedWriter(terminal), true),
                new PrintWriter(new java.io.BufferedWriter(terminal), true),
                "--n",
                "100",
                "--repeat",
                "1",
                "--warmup",
                "0",
                "--verify");
        assertEquals(ExitCode.FAILED, exitCode);
        List<String> lines = terminal.toString().lines().toList();
        assertTrue(lines.getFirst().startsWith("99-test · off-by-one"), terminal.toString());
        assertTrue(lines.getLast().startsWith("99-test: the sum "), terminal.toString());
    }

    @Test
    void aFailureShowsItsStackTraceOnlyWhenDebugging() {
        LessonCli cli = LessonCli.lesson("99-test", "broken").strategy(options -> workload -> {
            throw new IllegalStateException("chunk 2 failed");
        });
        System.setProperty("workbook.debug", "true");
        try {
            CommandLineRun run = CommandLineRun.of(cli::run, "--n", "10", "--repeat", "1", "--warmup", "0");
            assertEquals(ExitCode.FAILED, run.exitCode());
            assertTrue(run.err().startsWith("99-test: failed: IllegalStateException: chunk 2 failed\n"), run.err());
            assertTrue(run.err().contains("\tat workbook.harness.LessonCliTest"), run.err());
        } finally {
            System.clearProperty("workbook.debug");
        }
    }

    @Test
    void withJsonTheTimelineNoteGoesToStderrAndTheRecordingEnds() throws java.io.IOException {
        java.nio.file.Path file =
                java.nio.file.Files.createTempDirectory("timeline").resolve("t.jsonl");
        CommandLineRun result =
                run("--n", "1000", "--repeat", "2", "--warmup", "0", "--json", "--timeline", file.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(1, result.out().lines().count(), result.out());
        assertEquals("timeline: wrote 2 pieces of 2 calls to " + file + "\n", result.err());
        assertTrue(!Timeline.isRecording(), "the recording is stopped");
        CommandLineRun chart = run("--n", "1000", "--repeat", "1", "--warmup", "0", "--timeline", "-");
        assertEquals(0, chart.exitCode(), chart.err());
        assertTrue(chart.out().contains("call #0, the only one"), chart.out());
        LessonCli broken = LessonCli.lesson("99-test", "broken").strategy(options -> workload -> {
            throw new IllegalStateException("no");
        });
        assertEquals(
                ExitCode.FAILED,
                CommandLineRun.of(broken::run, "--n", "10", "--timeline", file.toString())
                        .exitCode());
        assertTrue(!Timeline.isRecording(), "stopped after a failure too");
    }

    /* A second's sleep makes a run of at least a second: the rule is about that length, not about speed. */
    @Test
    void aRunOfASecondReportsItselfOnStderrExceptWithJson() {
        LessonCli cli = LessonCli.lesson("99-test", "sleepy").strategy(options -> workload -> {
            Thread.sleep(1_000);
            return workload.sumAll();
        });
        CommandLineRun human = CommandLineRun.of(cli::run, "--n", "10", "--repeat", "1", "--warmup", "0");
        assertEquals(0, human.exitCode(), human.err());
        assertTrue(human.err().matches("  run 1/1: [0-9.]+ s\n"), human.err());
        CommandLineRun json = CommandLineRun.of(cli::run, "--n", "10", "--repeat", "1", "--warmup", "0", "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertEquals("", json.err(), "with --json, stderr stays quiet");
    }
}
