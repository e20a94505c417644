package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbook.harness.fixture.FixtureLesson;
import workbook.harness.fixture.forks.ForkFixtureLab;
import workbook.harness.fixture.other.OtherFixtureLesson;

/**
 * The fork protocol: a strategy in a JVM of its own answers when told to sum, and whatever goes
 * wrong there (the JVM dies, hangs, throws, or its sums disagree) reaches the parent as one clear
 * error naming the strategy, with no JVM left running and the parent never left waiting. Nothing
 * here is timed: a hang is caught by the answer limit, and the test asserts only what is said.
 */
class ForkTest {
    private static final Workload WORKLOAD = new Workload(10_007, 5, -3, 17);
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private static Fork.Recipe row(String name, String... labArgs) {
        ForkFixtureLab lab = new ForkFixtureLab();
        List<Lab.Row> rows = lab.rows();
        for (int index = 0; index < rows.size(); index++) {
            if (rows.get(index).name().equals(name)) {
                return Fork.Recipe.labRow(lab, index, List.of(labArgs));
            }
        }
        throw new IllegalArgumentException("no row " + name);
    }

    private static Forks.Contender contender(String name, String... labArgs) {
        return new Forks.Contender("09-fixture", name, 1, row(name, labArgs));
    }

    private static Forks.Contender varying(String name) {
        return new Forks.Contender("09-fixture", name, 1, row(name), true);
    }

    @Test
    void aChildSumsWhenToldAndEveryCallIsTimedAlone() {
        try (Fork fork = Fork.start("right", row("right"), LIMIT)) {
            Fork.Runs runs = fork.run(WORKLOAD, 3);
            assertEquals(Oracle.sum(WORKLOAD), runs.sum());
            assertEquals(3, runs.nanos().length);
            Fork.Runs batch = fork.batch(WORKLOAD, 5);
            assertEquals(Oracle.sum(WORKLOAD), batch.sum());
            assertEquals(1, batch.nanos().length, "one time for the whole batch");
        }
    }

    @Test
    void aPausedChildIsStoppedUntilItsNextCommandAndClosesWhilePaused() throws Exception {
        Path status = Path.of("/proc/self/stat");
        Assumptions.assumeTrue(Files.isReadable(status), "reads a process's state from Linux's /proc");
        try (Fork fork = Fork.start("right", row("right"), LIMIT)) {
            fork.run(WORKLOAD, 1);
            fork.pause();
            Path stat = Path.of("/proc", Long.toString(fork.pid()), "stat");
            assertEquals('T', stateWithin(stat, LIMIT, 'T'), "stopped by the signal");
            assertEquals(Oracle.sum(WORKLOAD), fork.run(WORKLOAD, 2).sum(), "a command lets it run again");
            assertTrue(state(stat) != 'T', "running again after the command");
            fork.pause();
            stateWithin(stat, LIMIT, 'T');
            fork.close();
            assertFalse(ProcessHandle.of(fork.pid()).map(ProcessHandle::isAlive).orElse(false), "closed while paused");
        }
    }

    /* The process's state letter in /proc/PID/stat (the field after the name in parentheses). */
    private static char state(Path stat) throws IOException {
        String line = Files.readString(stat);
        return line.charAt(line.lastIndexOf(')') + 2);
    }

    /* Waits, within the limit, for the state to become the one wanted; returns the last state seen. */
    private static char stateWithin(Path stat, Duration limit, char wanted) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        char seen = state(stat);
        while (seen != wanted && System.nanoTime() < deadline) {
            Thread.sleep(10);
            seen = state(stat);
        }
        return seen;
    }

    @Test
    void whatAStrategyPrintsIsNeverTakenForAnAnswer() {
        try (Fork fork = Fork.start("chatty", row("chatty"), LIMIT)) {
            assertEquals(Oracle.sum(WORKLOAD), fork.run(WORKLOAD, 2).sum());
        }
    }

    @Test
    void aChildThatDiesIsAClearErrorWithItsExitCode() {
        try (Fork fork = Fork.start("dies", row("dies"), LIMIT)) {
            Fork.ForkFailed failed = assertThrows(Fork.ForkFailed.class, () -> fork.run(WORKLOAD, 1));
            assertTrue(
                    failed.getMessage().startsWith("the JVM of dies ended (exit code 3) before it answered"),
                    failed.getMessage());
        }
    }

    @Test
    void aChildThatHangsIsStoppedAndSaidToHaveHung() {
        Fork fork = Fork.start("hangs", row("hangs"), Duration.ofSeconds(2));
        Fork.ForkFailed failed = assertThrows(Fork.ForkFailed.class, () -> fork.run(WORKLOAD, 1));
        assertEquals("the JVM of hangs gave no answer within 2 s and was stopped", failed.getMessage());
        fork.close();
    }

    @Test
    void aChildWhoseStrategyThrowsNamesTheFailure() {
        try (Fork fork = Fork.start("throws", row("throws"), LIMIT)) {
            Fork.ForkFailed failed = assertThrows(Fork.ForkFailed.class, () -> fork.run(WORKLOAD, 1));
            assertEquals(
                    "the JVM of throws failed: IllegalStateException: a worker failed in the child",
                    failed.getMessage());
            assertEquals(Map.of(), fork.settings(), "the child is still there and answers");
        }
    }

    @Test
    void aStrategyThatCannotBeBuiltFailsTheStart() {
        Fork.ForkFailed failed =
                assertThrows(Fork.ForkFailed.class, () -> Fork.start("broken", row("breaks while built"), LIMIT));
        assertEquals("the JVM of broken failed: IllegalArgumentException: no such knob", failed.getMessage());
    }

    @Test
    void aChildRebuildsALabRowWithTheLabsOwnOptions() {
        try (Fork fork = Fork.start("off", row("off by the offset", "--offset", "7"), LIMIT)) {
            assertEquals(Oracle.sum(WORKLOAD) + 7, fork.run(WORKLOAD, 1).sum());
        }
    }

    @Test
    void aSumThatChangesFromCallToCallIsRefusedInTheChild() {
        try (Fork fork = Fork.start("changes", row("changes its mind"), LIMIT)) {
            Fork.ForkFailed failed = assertThrows(Fork.ForkFailed.class, () -> fork.run(WORKLOAD, 2));
            assertTrue(failed.getMessage().contains("the strategy is not deterministic"), failed.getMessage());
        }
    }

    @Test
    void aSumThatDiffersBetweenTwoJvmsIsRefusedByTheParent() {
        // One warm-up call in each of two JVMs: each JVM's first sum is right, the second JVM's rounds add one.
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> Forks.measure(
                        List.of(contender("changes its mind")),
                        WORKLOAD,
                        new Forks.Plan(2, 1, 1, LIMIT),
                        Forks.Listener.NONE));
        assertTrue(refused.getMessage().contains("the strategy is not deterministic"), refused.getMessage());
    }

    @Test
    void interleavedRoundsInSeveralSetsOfJvmsGiveEveryRunAndEachJvmsMedian() {
        int[] forksStarted = {0};
        int[] rounds = {0};
        List<Forks.Result> results = Forks.measure(
                List.of(contender("right"), contender("off by the offset", "--offset", "2")),
                WORKLOAD,
                new Forks.Plan(2, 1, 3, LIMIT),
                new Forks.Listener() {
                    @Override
                    public void forkStarted(int fork, int forks) {
                        forksStarted[0]++;
                    }

                    @Override
                    public void roundFinished(int fork, int round, int roundCount) {
                        rounds[0]++;
                    }
                });
        assertEquals(2, forksStarted[0]);
        assertEquals(6, rounds[0], "three rounds in each of two sets of JVMs");
        assertEquals(2, results.size());
        Forks.Result right = results.get(0);
        assertEquals(Oracle.sum(WORKLOAD), right.all().sum());
        assertEquals(6, right.all().runs(), "every run of every JVM");
        assertEquals(2, right.perFork().size());
        right.perFork().forEach(fork -> assertEquals(3, fork.runs()));
        assertEquals(Oracle.sum(WORKLOAD) + 2, results.get(1).all().sum(), "the second row's own options");
        assertEquals("off by the offset", results.get(1).all().strategy());
    }

    @Test
    void aFailureInOneJvmEndsTheMeasurementAndStopsEveryJvm() {
        Fork.ForkFailed failed = assertThrows(
                Fork.ForkFailed.class,
                () -> Forks.measure(
                        List.of(contender("right"), contender("dies")),
                        WORKLOAD,
                        new Forks.Plan(1, 0, 2, LIMIT),
                        Forks.Listener.NONE));
        assertTrue(failed.getMessage().startsWith("the JVM of 09-fixture/dies ended"), failed.getMessage());
        assertFalse(
                ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive),
                "no JVM of the measurement is left running");
    }

    @Test
    void jvmsThatDisagreeByMoreThanTenPercentSaySoWithBothFigures() {
        Measurement fast = measurement(100, 100, 100);
        Measurement slow = measurement(141, 141, 141);
        Forks.Result result = new Forks.Result(
                contender("right"), measurement(100, 100, 100, 141, 141, 141), List.of(fast, slow), Map.of());
        assertTrue(result.forksDisagree());
        assertEquals(1.41, result.spread(), 1e-9);
        assertEquals("the medians of its 2 JVMs: 100 ns and 141 ns, 41 % apart", result.perForkText());
        Forks.Result close =
                new Forks.Result(contender("right"), fast, List.of(fast, measurement(109, 109, 109)), Map.of());
        assertFalse(close.forksDisagree(), "9 % apart is within the spread that is not worth a word");
    }

    @Test
    void settingsCrossThePipeWithTheirTypes() {
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("workers", 2);
        settings.put("threshold", 16_384L);
        settings.put("ratio", 0.5);
        settings.put("vector_check", "ok");
        settings.put("exact", true);
        assertEquals(
                Map.of("workers", 2L, "threshold", 16_384L, "ratio", 0.5, "vector_check", "ok", "exact", true),
                Fork.decode(Fork.encode(settings)));
        assertEquals(
                List.of("workers", "threshold", "ratio", "vector_check", "exact"),
                List.copyOf(Fork.decode(Fork.encode(settings)).keySet()),
                "in the strategy's order");
    }

    @Test
    void aChildThatWouldBuildAnotherRowThanTheParentNamedRefusesToStart() {
        System.setProperty(ForkFixtureLab.EXTRA_ROW, "true");
        Fork.Recipe recipe;
        try {
            recipe = row("right"); // row 1 here: the property puts a row before it, in this JVM only
        } finally {
            System.clearProperty(ForkFixtureLab.EXTRA_ROW);
        }
        Fork.ForkFailed failed = assertThrows(Fork.ForkFailed.class, () -> Fork.start("right", recipe, LIMIT));
        assertEquals(
                "the JVM of right failed: IllegalStateException: row 1 of ForkFixtureLab is 'dies' in this JVM,"
                        + " 'right' in the parent's: a lab's rows must depend on its options alone",
                failed.getMessage());
    }

    @Test
    void aChildFindsTheServicesItsParentFindsThroughItsContextClassLoader(@TempDir Path services) throws Exception {
        try (Fork fork = Fork.start("counts", row("counts the lessons it finds"), LIMIT)) {
            assertEquals(0, fork.run(WORKLOAD, 1).sum(), "the harness registers no lesson of its own");
        }
        long found = Services.with(
                services, Map.of(Lesson.class, List.of(FixtureLesson.class, OtherFixtureLesson.class)), () -> {
                    try (Fork fork = Fork.start("counts", row("counts the lessons it finds"), LIMIT)) {
                        return fork.run(WORKLOAD, 1).sum();
                    }
                });
        assertEquals(2, found, "the two lessons registered for this test, found in the child too");
    }

    @Test
    void aStrategyWhoseSumVariesByDesignGivesEveryCallsOwnSum() {
        long sum = Oracle.sum(WORKLOAD);
        try (Fork fork = Fork.start("changes", row("changes its mind"), LIMIT)) {
            Fork.Calls calls = fork.runEach(WORKLOAD, 3);
            assertEquals(
                    List.of(sum, sum + 1, sum + 2),
                    LongStream.of(calls.sums()).boxed().toList());
            assertEquals(3, calls.nanos().length);
            assertEquals(0, fork.runEach(WORKLOAD, 0).sums().length, "no call, no answer to wait for");
        }
        // Two sets of JVMs, one warm-up call in each: every JVM's rounds give the second and third sums.
        Forks.Result result = Forks.measure(
                        List.of(varying("changes its mind")),
                        WORKLOAD,
                        new Forks.Plan(2, 1, 2, LIMIT),
                        Forks.Listener.NONE)
                .getFirst();
        assertEquals(List.of(sum + 1, sum + 2, sum + 1, sum + 2), result.sums());
        assertEquals(sum + 1, result.all().sum(), "the first measured run's sum");
        assertEquals(4, result.all().runs());
    }

    @Test
    void aContenderWhoseSumMustNotVaryKeepsItsOneSumForEveryRun() {
        Forks.Result result = Forks.measure(
                        List.of(contender("right")), WORKLOAD, new Forks.Plan(1, 0, 3, LIMIT), Forks.Listener.NONE)
                .getFirst();
        assertEquals(List.of(Oracle.sum(WORKLOAD), Oracle.sum(WORKLOAD), Oracle.sum(WORKLOAD)), result.sums());
    }

    @Test
    void aJvmThatCannotStartStopsTheOthersThatStartedBesideIt() {
        Fork.ForkFailed failed = assertThrows(
                Fork.ForkFailed.class,
                () -> Forks.measure(
                        List.of(contender("right"), contender("breaks while built"), contender("chatty")),
                        WORKLOAD,
                        new Forks.Plan(1, 0, 1, LIMIT),
                        Forks.Listener.NONE));
        assertEquals(
                "the JVM of 09-fixture/breaks while built failed: IllegalArgumentException: no such knob",
                failed.getMessage());
        assertFalse(
                ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive),
                "no JVM of the measurement is left running");
    }

    @Test
    void theSpreadIsACellOfItsOwnAndADisagreementANoteThatNamesTheRow() {
        Forks.Result two = new Forks.Result(
                contender("right"),
                measurement(100, 141),
                List.of(measurement(100, 100), measurement(141, 141)),
                Map.of());
        assertEquals("41 %", two.apart());
        Forks.Result one = new Forks.Result(contender("right"), measurement(100), List.of(measurement(100)), Map.of());
        assertEquals(
                Optional.of("Note: JVMs that disagree by more than 10 %, each row's median folding them together:"
                        + " threshold 100, 100 ns and 141 ns (41 % apart); threshold 300, 100 ns and 141 ns (41 %"
                        + " apart)."),
                Forks.disagreements(List.of(two, one, two), List.of("threshold 100", "threshold 200", "threshold 300")),
                "one note for the table, naming each row whose JVMs disagree, and only those");
        assertEquals(Optional.empty(), Forks.disagreements(List.of(one), List.of("threshold 100")));
        assertEquals("-", one.apart(), "one JVM has no other to be apart from");
        Forks.Result barely = new Forks.Result(
                contender("right"), measurement(1000, 1104), List.of(measurement(1000), measurement(1104)), Map.of());
        assertEquals("10.4 %", barely.apart(), "more than 10 % never reads as 10 %");
        assertTrue(barely.perForkText().endsWith(", 10.4 % apart"), barely.perForkText());
        assertFalse(one.forksDisagree());
        assertEquals(List.of(100.0, 141.0), two.forkMedians());
    }

    @Test
    void aPlanSaysInWordsHowItMeasures() {
        assertEquals(
                "each row in a JVM of its own, 2 warm-up then the median of 5 interleaved rounds, in 3 sets of JVMs",
                new Forks.Plan(3, 2, 5, LIMIT).inWords("row"));
        assertEquals(
                "each strategy in a JVM of its own, 0 warm-up then the median of 1 interleaved round, in 1 set of"
                        + " JVMs",
                new Forks.Plan(1, 0, 1, LIMIT).inWords("strategy"));
    }

    private static Measurement measurement(double... nanos) {
        return new Measurement("09-fixture", "right", WORKLOAD, 1, 0, 0, nanos);
    }
}
