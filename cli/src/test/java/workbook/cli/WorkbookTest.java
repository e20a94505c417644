package workbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import workbook.harness.CommandLineRun;
import workbook.harness.Commands;
import workbook.harness.ExitCode;
import workbook.harness.Lab;
import workbook.harness.Lesson;
import workbook.harness.Services;
import workbook.harness.fixture.FixtureLesson;
import workbook.harness.fixture.lab.AnotherLab;
import workbook.harness.fixture.lab.DemoLab;
import workbook.harness.fixture.other.OtherFixtureLesson;

/** {@code ./workbook list}, {@code lesson} and {@code lab}, on fixture lessons and labs. */
class WorkbookTest {

    @TempDir
    Path services;

    @TempDir
    Path root;

    private CommandLineRun workbook(String... args) throws Exception {
        return Services.with(
                services,
                Map.of(
                        Lesson.class,
                        List.of(FixtureLesson.class, OtherFixtureLesson.class),
                        Lab.class,
                        List.of(DemoLab.class, AnotherLab.class)),
                () -> {
                    StringWriter out = new StringWriter();
                    StringWriter err = new StringWriter();
                    CommandLine commandLine = Workbook.commandLine(root);
                    commandLine.setOut(CommandLineRun.buffered(out));
                    commandLine.setErr(CommandLineRun.buffered(err));
                    int exitCode = Commands.execute(commandLine, args);
                    return new CommandLineRun(exitCode, out.toString(), err.toString());
                });
    }

    @Test
    void listNamesEveryLessonAndItsStrategies() throws Exception {
        CommandLineRun run = workbook("list");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(
                List.of(
                        "lesson      what it teaches          strategies",
                        "-------------------------------------------------",
                        "01-loop     a fixture: one loop      loop",
                        "02-pieces   a fixture: pieces        pieces",
                        "03-wrong    a fixture: one too many  plus-one",
                        "08-other    another fixture",
                        "09-fixture  a fixture lesson         loop, halves"),
                run.out().lines().toList());
    }

    @Test
    void withoutACommandTheUsageIsShown() throws Exception {
        CommandLineRun run = workbook();
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Many Cores, One Sum"), run.out());
        assertTrue(run.out().contains("Usage: ./workbook [-hV] [COMMAND]"), run.out());
        for (String command : List.of(
                "run",
                "lesson",
                "list",
                "lab",
                "bench",
                "jmh",
                "doctor",
                "check",
                "watch",
                "hint",
                "progress",
                "reset",
                "test",
                "exercises",
                "measure-docs",
                "timeline-cost",
                "mutants",
                "help")) {
            assertTrue(run.out().contains("\n  " + command + " "), "the usage lists " + command + ":\n" + run.out());
        }
        assertEquals(run.out(), workbook("help").out(), "help prints the same usage");
    }

    @Test
    void aLessonGetsEveryArgumentAfterItsNumberOptionsIncluded() throws Exception {
        PrintStream before = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        CommandLineRun byNumber;
        CommandLineRun byDigit;
        CommandLineRun byModule;
        try {
            byNumber = workbook("lesson", "09", "--n", "5", "--help");
            byDigit = workbook("lesson", "9");
            byModule = workbook("lesson", "09-fixture", "x");
        } finally {
            System.setOut(before);
        }
        assertEquals(FixtureLesson.EXIT_BASE + 3, byNumber.exitCode(), byNumber.err());
        assertEquals(FixtureLesson.EXIT_BASE, byDigit.exitCode(), byDigit.err());
        assertEquals(FixtureLesson.EXIT_BASE + 1, byModule.exitCode(), byModule.err());
        assertEquals(
                List.of(
                        "fixture lesson ran with [--n, 5, --help]",
                        "fixture lesson ran with []",
                        "fixture lesson ran with [x]"),
                stdout.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void anUnknownLessonIsOneLineNamingTheOnesThereAre() throws Exception {
        workbook("lesson", "42").assertRefused("./workbook lesson: no lesson '42'; there are 01, 02, 03, 08, 09");
        workbook("lesson", "9-fixture").assertRefused("no lesson '9-fixture'");
        workbook("bogus").assertRefused("./workbook: Unmatched argument at index 0: 'bogus'");
        workbook("check", "09", "--bogus").assertRefused("./workbook check: Unknown option: '--bogus'");
    }

    @Test
    void labWithoutArgumentsListsEveryLab() throws Exception {
        for (String[] args : new String[][] {{"lab"}}) {
            CommandLineRun run = workbook(args);
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(
                    List.of(
                            "Labs: the experiments behind the measured tables of the lesson pages.",
                            "Run one with ./workbook lab NN NAME [options]; add --help for its options.",
                            "",
                            "lesson  lab      what it measures",
                            "-------------------------------------",
                            "09      another  Another lab.",
                            "09      demo     A demonstration lab."),
                    run.out().lines().toList(),
                    String.join(" ", args));
        }
    }

    @Test
    void aLabRunsWithItsOwnOptionsByLessonAndName() throws Exception {
        CommandLineRun run = workbook("lab", "9", "demo", "--n", "100", "--workers", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("**Demo.** n = 100 numbers in [0, 10], seed 42; 1 worker;"), run.out());
        assertEquals("  lab 09 demo: summing 100 numbers\n", run.err());
        assertEquals(
                1, workbook("lab", "09", "demo", "--n", "10", "--then", "wrong").exitCode());
    }

    @Test
    void aLabThatIsNotThereIsOneLineNamingTheLabsThereAre() throws Exception {
        workbook("lab", "09").assertRefused("./workbook lab: which lab of lesson 09? There are: another, demo");
        workbook("lab", "09", "nope")
                .assertRefused("./workbook lab: no lab 'nope' in lesson 09; there are: another, demo");
        workbook("lab", "08", "demo").assertRefused("./workbook lab: no lab 'demo' in lesson 08; there are: none");
    }

    @Test
    void aFailureInsideACommandIsOneLineWithExitCode1() throws Exception {
        CommandLineRun run = workbook("lesson", "09", "--throw");
        assertEquals(ExitCode.FAILED, run.exitCode());
        assertEquals("./workbook lesson: failed: IllegalStateException: the fixture was told to throw\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void everyCommandAnswersHelpWithItsUsageAndExitCode0() throws Exception {
        CommandLine workbook = Workbook.commandLine(root);
        for (String command : workbook.getSubcommands().keySet()) {
            if (command.equals("help")) {
                continue;
            }
            CommandLineRun run = workbook(command, "--help");
            assertEquals(ExitCode.OK, run.exitCode(), command + ": " + run.err());
            assertTrue(run.out().contains("Usage: ./workbook " + command), command + ":\n" + run.out());
        }
    }
}
