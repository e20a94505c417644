package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import workbook.harness.fixture.FixtureLesson;
import workbook.harness.fixture.OrphanLab;
import workbook.harness.fixture.forks.TimedFixtureLab;
import workbook.harness.fixture.lab.AnotherLab;
import workbook.harness.fixture.lab.DemoLab;
import workbook.harness.fixture.other.OtherFixtureLesson;

/** Labs: the table every lab prints, the command line every lab shares, and how labs are found. */
class LabTest {

    @TempDir
    Path services;

    private static final Machine MACHINE = new Machine(2, "25.0.1+8", "Some CPU", "Linux amd64");

    private static final Workload SMALL = new Workload(1000, 7, -3, 17);

    @Test
    void aTableHasItsCaptionColumnsRowsNotesAndAFooterOnItsSums() {
        long sum = Oracle.sum(SMALL);
        LabTable table = LabTable.titled("Threads against chunks")
                .workload(SMALL)
                .workers(4)
                .runs(5, 2)
                .columns("chunks", "median", "sum")
                .row(4, "1.2 ms", sum)
                .row(16, "1.0 ms", sum)
                .note("Sixteen chunks win.")
                .sum("4 chunks", SMALL, sum)
                .sum("16 chunks", SMALL, sum);
        assertEquals("""
                **Threads against chunks.** n = 1,000 numbers in [-3, 17], seed 7; 4 workers; median of 5 runs after \
                2 warm-up. Machine: 2 cores (Some CPU), Java 25.0.1+8.

                | chunks | median | sum |
                |---|---:|---:|
                | 4 | 1.2 ms | %d |
                | 16 | 1.0 ms | %d |

                Sixteen chunks win.

                Sums: all 2 agree with each other and with the oracle (%s).
                """.formatted(sum, sum, Report.grouped(sum)), table.markdown(MACHINE));
        assertEquals("Threads against chunks", table.title());
        assertEquals(List.of(), table.wrongSums());
    }

    @Test
    void aBareTableHasNoContextNoNotesAndNoFooter() {
        LabTable table =
                LabTable.titled("Bare").columns("only").row("cell").workers(1).runs(1, 0);
        assertEquals("""
                **Bare.** 1 worker; median of 1 run after 0 warm-up. Machine: 2 cores (Some CPU), Java 25.0.1+8.

                | only |
                |---|
                | cell |
                """, table.markdown(MACHINE));
        assertTrue(
                LabTable.titled("No context")
                        .columns("a")
                        .markdown(MACHINE)
                        .startsWith("**No context.** Machine: 2 cores (Some CPU), Java 25.0.1+8.\n\n| a |\n"),
                "no empty parts, no empty sentence");
    }

    @Test
    void theWorkloadsAndHowTheyWereMeasuredCanBeSaidInWords() {
        String markdown = LabTable.titled("Sweep")
                .workloads("n from 1 to 100,000, seed 42")
                .measured("fastest of 3 batches")
                .columns("n")
                .markdown(MACHINE);
        assertTrue(
                markdown.startsWith("**Sweep.** n from 1 to 100,000, seed 42; fastest of 3 batches. Machine:"),
                markdown);
    }

    @Test
    void aWrongSumIsNamedInTheFooterWithTheOraclesValue() {
        long sum = Oracle.sum(SMALL);
        LabTable table =
                LabTable.titled("T").columns("a").sum("right", SMALL, sum).sum("off by one", SMALL, sum + 1);
        assertEquals(
                List.of("off by one gave " + Report.grouped(sum + 1) + ", the oracle says " + Report.grouped(sum)),
                table.wrongSums());
        assertTrue(
                table.markdown(MACHINE)
                        .endsWith("\nSums: WRONG: off by one gave " + Report.grouped(sum + 1) + ", the oracle says "
                                + Report.grouped(sum) + ".\n"),
                table.markdown(MACHINE));
    }

    @Test
    void sumsOfSeveralWorkloadsAgreeEachWithItsOwnOracle() {
        Workload other = Workload.of(50, 3);
        LabTable table = LabTable.titled("T")
                .columns("a")
                .sum("small", SMALL, Oracle.sum(SMALL))
                .sum("other", other, Oracle.sum(other))
                .sum("other again", other, Oracle.sum(other));
        assertTrue(
                table.markdown(MACHINE)
                        .endsWith("\nSums: all 3 agree with the oracle of their workload (2 workloads), so with each"
                                + " other.\n"),
                table.markdown(MACHINE));
    }

    @Test
    void uncheckedSumsAreShownGroupedByValueAndNeverChecked() {
        LabTable table = LabTable.titled("T")
                .columns("a")
                .uncheckedSum("shared Random, 1 worker", 5_002_717, "another sequence")
                .uncheckedSum("shared Random, 2 workers", 5_002_717, "another sequence")
                .uncheckedSum("racy", 12, "lost updates");
        assertEquals(List.of(), table.wrongSums());
        assertTrue(
                table.markdown(MACHINE)
                        .endsWith("\nNot checked: shared Random, 1 worker and shared Random, 2 workers: 5,002,717"
                                + " (another sequence). Not checked: racy: 12 (lost updates).\n"),
                table.markdown(MACHINE));
    }

    @Test
    void aLabTimesItsRowsInJvmsOfTheirOwnAndKeepsEverySumOfARowWhoseSumVaries() {
        CommandLineRun run = CommandLineRun.ofLab(new TimedFixtureLab(), "--forks", "2", "--warmup", "1");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        long sum = Oracle.sum(Workload.of(1000, 42));
        // Each JVM's warm-up call gives the first sum, its two rounds the next two.
        assertEquals(
                List.of(
                        List.of("loop", "2", "4", List.of(sum, sum, sum, sum).toString()),
                        List.of(
                                "counts its calls",
                                "2",
                                "4",
                                List.of(sum + 1, sum + 2, sum + 1, sum + 2).toString())),
                LabTables.rows(run.out()));
        assertEquals(
                List.of(
                        "  lab 09 timed-fixture: JVMs 1 of 2: one per row, 2 rows",
                        "  lab 09 timed-fixture: JVMs 1, round 1 of 2 done",
                        "  lab 09 timed-fixture: JVMs 1, round 2 of 2 done",
                        "  lab 09 timed-fixture: JVMs 2 of 2: one per row, 2 rows",
                        "  lab 09 timed-fixture: JVMs 2, round 1 of 2 done",
                        "  lab 09 timed-fixture: JVMs 2, round 2 of 2 done"),
                run.err().lines().toList());
    }

    @Test
    void aLabTimesOneCallOfEachRowInBatchesInJvmsOfTheirOwn() {
        CommandLineRun run =
                CommandLineRun.ofLab(new TimedFixtureLab(), "--then", "cost", "--forks", "1", "--repeat", "1");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        long sum = Oracle.sum(Workload.of(1000, 42));
        assertEquals(List.of(List.of("loop", "1", "true", Long.toString(sum))), LabTables.rows(run.out()));
        assertTrue(run.out().contains("Sums: all 1 agree with each other and with the oracle"), run.out());
        assertEquals(
                List.of(
                        "  lab 09 timed-fixture: JVMs 1 of 1: one per row, 1 row; calibrating and warming up",
                        "  lab 09 timed-fixture: JVMs 1: 1 interleaved batches of each row done"),
                run.err().lines().toList());
    }

    @Test
    void aRowMustHaveACellPerColumn() {
        LabTable table = LabTable.titled("T").columns("a", "b");
        assertEquals(
                "a row of 1 cells in a table of 2 columns: [a, b]",
                assertThrows(IllegalStateException.class, () -> table.row("x")).getMessage());
        assertThrows(IllegalStateException.class, () -> table.row("x", "y", "z"));
    }

    /* ---- the command line every lab shares ---- */

    private static CommandLineRun runDemo(DemoLab lab, String... args) {
        return CommandLineRun.ofLab(lab, args);
    }

    private <T> T withFixtures(Services.Body<T> body) throws Exception {
        return Services.with(
                services,
                Map.of(
                        Lesson.class,
                        List.of(FixtureLesson.class, OtherFixtureLesson.class),
                        Lab.class,
                        List.of(DemoLab.class, AnotherLab.class)),
                body);
    }

    @Test
    void aLabPrintsItsTablesAndItsProgressWhileItRuns() throws Exception {
        StringWriter err = new StringWriter();
        DemoLab lab = new DemoLab();
        List<String> seenDuringTheLab = new java.util.ArrayList<>();
        lab.during = report -> seenDuringTheLab.add(err.toString());
        CommandLineRun run = withFixtures(() -> {
            StringWriter out = new StringWriter();
            int exitCode = LabCli.run(
                    lab,
                    CommandLineRun.buffered(out),
                    CommandLineRun.buffered(err),
                    "--n",
                    "1000",
                    "--seed",
                    "7",
                    "--lo",
                    "-3",
                    "--hi",
                    "17",
                    "--workers",
                    "3",
                    "--repeat",
                    "4",
                    "--warmup",
                    "1");
            return new CommandLineRun(exitCode, out.toString(), err.toString());
        });
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        long sum = Oracle.sum(SMALL);
        assertEquals(
                """
                **Demo.** n = 1,000 numbers in [-3, 17], seed 7; 3 workers; median of 4 runs after 1 warm-up. \
                Machine: %s.

                | strategy | sum |
                |---|---:|
                | loop | %s |

                Sums: all 1 agree with each other and with the oracle (%s).
                """.formatted(Machine.current().description(), Report.grouped(sum), Report.grouped(sum)), run.out());
        assertEquals("  lab 09 demo: summing 1,000 numbers\n", run.err());
        assertEquals(List.of(run.err()), seenDuringTheLab, "the progress line is out before the lab goes on");
    }

    @Test
    void twoTablesAreSeparatedByABlankLine() throws Exception {
        CommandLineRun run = withFixtures(() -> runDemo(new DemoLab(), "--n", "10", "--then", "two-tables"));
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(
                run.out()
                        .contains("agree with each other and with the oracle ("
                                + Report.grouped(Oracle.sum(Workload.of(10, 42)))
                                + ").\n\n**Second.** "),
                run.out());
        assertTrue(run.out().endsWith("| 1 | 2 |\n"), run.out());
    }

    @Test
    void aWrongSumStillPrintsTheTableThenSaysSoOnStderrWithExitCode1() throws Exception {
        // Both streams on one terminal, flushed on every line as System.out and System.err are.
        StringWriter terminal = new StringWriter();
        int exitCode = withFixtures(() -> LabCli.run(
                new DemoLab(),
                new PrintWriter(new BufferedWriter(terminal), true),
                new PrintWriter(new BufferedWriter(terminal), true),
                "--n",
                "10",
                "--then",
                "wrong"));
        assertEquals(ExitCode.FAILED, exitCode);
        List<String> lines = terminal.toString().lines().toList();
        assertEquals("lab 09 demo: some sums differ from the oracle (see the table's last line)", lines.getLast());
        assertTrue(lines.get(lines.size() - 2).startsWith("Sums: WRONG: loop gave "), terminal.toString());
    }

    @Test
    void badInputIsOneLineWithExitCode2() throws Exception {
        for (String[] args : new String[][] {{"--n", "-1"}, {"--bogus"}, {"--then", "bad"}, {"--workers", "0"}}) {
            CommandLineRun run = withFixtures(() -> runDemo(new DemoLab(), args));
            run.assertRefused("./workbook lab 09 demo: ");
            assertTrue(run.err().endsWith(" (see --help)\n"), run.err());
        }
        assertEquals(
                "./workbook lab 09 demo: --then bad is bad input (see --help)\n",
                withFixtures(() -> runDemo(new DemoLab(), "--then", "bad"))
                                .err()
                                .lines()
                                .toList()
                                .getLast() + "\n");
    }

    @Test
    void helpShowsTheLabsOwnCommandAndOptions() throws Exception {
        CommandLineRun run = withFixtures(() -> runDemo(new DemoLab(), "--help"));
        assertEquals(ExitCode.OK, run.exitCode());
        assertTrue(run.out().startsWith("A demonstration\nlab.\nUsage: ./workbook lab 09 demo "), run.out());
        assertTrue(run.out().contains("--then") && run.out().contains("--workers"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void aFailingLabIsOneLineWithExitCode1AndItsStackTraceOnlyWhenDebugging() throws Exception {
        CommandLineRun run = withFixtures(() -> runDemo(new DemoLab(), "--n", "10", "--then", "fail"));
        assertEquals(ExitCode.FAILED, run.exitCode());
        assertEquals(
                List.of(
                        "  lab 09 demo: summing 10 numbers",
                        "./workbook lab 09 demo: failed: IllegalStateException: it broke <- ArithmeticException: deep down"),
                run.err().lines().toList());
        assertEquals("", run.out());
        System.setProperty("workbook.debug", "true");
        try {
            CommandLineRun debugged = withFixtures(() -> runDemo(new DemoLab(), "--n", "10", "--then", "fail"));
            assertTrue(debugged.err().contains("\tat workbook.harness.fixture.lab.DemoLab.run("), debugged.err());
        } finally {
            System.clearProperty("workbook.debug");
        }
    }

    @Test
    void anInterruptedLabPrintsNoTableAndKeepsTheInterrupt() throws Exception {
        CommandLineRun run = withFixtures(() -> runDemo(new DemoLab(), "--n", "10", "--then", "interrupt"));
        assertTrue(Thread.interrupted(), "the interrupt is put back for the caller");
        assertEquals(ExitCode.FAILED, run.exitCode());
        assertEquals(
                "./workbook lab 09 demo: interrupted before it finished",
                run.err().lines().toList().getLast());
        assertEquals("", run.out());
    }

    @Test
    void labsAreFoundByLessonThenNameAndBelongToTheLessonAboveTheirPackage() throws Exception {
        List<String> found = withFixtures(() -> Lab.discover().stream()
                .map(lab -> lab.lesson() + " " + lab.name() + ": " + lab.summary())
                .toList());
        assertEquals(List.of("09 another: Another lab.", "09 demo: A demonstration lab."), found);
        List<String> lessons =
                withFixtures(() -> Lesson.discover().stream().map(Lesson::id).toList());
        assertEquals(List.of("08", "09"), lessons);
        String orphan = assertThrows(IllegalStateException.class, () -> withFixtures(() -> new OrphanLab().lesson()))
                .getMessage();
        assertEquals(
                "workbook.harness.fixture.OrphanLab is a lab, but no lesson's descriptor is in workbook.harness: put"
                        + " the lab in its lesson's lab subpackage, or override lesson()",
                orphan);
    }

    @Command(name = "nameless-header")
    static final class NoHeader implements Lab {
        @Override
        public void run(LabReport report) {}
    }

    static final class NoCommand implements Lab {
        @Override
        public void run(LabReport report) {}
    }

    @Command(header = "Has a header but no name.")
    static final class NoName implements Lab {
        @Override
        public void run(LabReport report) {}
    }

    @Command(name = "", header = "An empty name.")
    static final class EmptyName implements Lab {
        @Override
        public void run(LabReport report) {}
    }

    @Test
    void aLabWithoutANameOrAHeaderSaysWhatItLacks() {
        assertEquals(
                NoHeader.class.getName() + " is a lab without a @Command(header = ...)",
                assertThrows(IllegalStateException.class, () -> new NoHeader().summary())
                        .getMessage());
        assertThrows(IllegalStateException.class, () -> new NoCommand().summary());
        assertEquals(
                NoCommand.class.getName() + " is a lab without a @Command(name = ...)",
                assertThrows(IllegalStateException.class, () -> new NoCommand().name())
                        .getMessage());
        assertThrows(IllegalStateException.class, () -> new NoName().name());
        assertThrows(IllegalStateException.class, () -> new EmptyName().name());
        assertEquals("nameless-header", new NoHeader().name());
        assertEquals("Has a header but no name.", new NoName().summary());
    }

    @Test
    void aLessonsCommandLineWithoutStreamsWritesToStandardOutput() throws Exception {
        java.io.PrintStream before = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(FixtureLesson.EXIT_BASE + 1, new FixtureLesson().commandLine("x"));
        } finally {
            System.setOut(before);
        }
        assertEquals("fixture lesson ran with [x]\n", captured.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void withoutStreamsALabWritesToStandardOutputAndError() throws Exception {
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream capturedOut = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream capturedErr = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(capturedOut, true, java.nio.charset.StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(capturedErr, true, java.nio.charset.StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = withFixtures(() -> LabCli.run(new DemoLab(), "--n", "10", "--then", "wrong"));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals(ExitCode.FAILED, exitCode);
        assertTrue(capturedOut.toString(java.nio.charset.StandardCharsets.UTF_8).startsWith("**Demo.** "));
        assertTrue(capturedErr
                .toString(java.nio.charset.StandardCharsets.UTF_8)
                .endsWith("lab 09 demo: some sums differ from the oracle (see the table's last line)\n"));
    }

    /** A command with nothing but the shared options, to read them back. */
    @Command(name = "options")
    static final class OnlyOptions {
        @picocli.CommandLine.Mixin
        CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);
    }

    @Test
    void theSharedOptionsReadBackWhatWasGivenAndTheirDefaultsOtherwise() {
        OnlyOptions given = new OnlyOptions();
        new picocli.CommandLine(given)
                .parseArgs(
                        "--n",
                        "1e3",
                        "--seed",
                        "-7",
                        "--lo",
                        "-3",
                        "--hi",
                        "17",
                        "--workers",
                        "5",
                        "--repeat",
                        "4",
                        "--warmup",
                        "0");
        CommonOptions options = given.options;
        assertEquals(
                List.of(1000L, -7L, -3, 17, 5, 4, 0),
                List.of(
                        options.n(),
                        options.seed(),
                        options.lo(),
                        options.hi(),
                        options.workers(),
                        options.repeat(),
                        options.warmup()));
        assertEquals(new Workload(1000, -7, -3, 17), options.workload());
        OnlyOptions defaults = new OnlyOptions();
        new picocli.CommandLine(defaults).parseArgs();
        CommonOptions.Defaults lab = CommonOptions.Defaults.LAB;
        assertEquals(
                List.of(
                        lab.n(),
                        CommonOptions.DEFAULT_SEED,
                        0,
                        10,
                        Machine.availableCores(),
                        lab.repeat(),
                        lab.warmup()),
                List.of(
                        defaults.options.n(),
                        defaults.options.seed(),
                        defaults.options.lo(),
                        defaults.options.hi(),
                        defaults.options.workers(),
                        defaults.options.repeat(),
                        defaults.options.warmup()));
    }
}
