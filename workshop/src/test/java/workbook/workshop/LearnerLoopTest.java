package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import workbook.harness.ExitCode;

/**
 * The loop a learner lives in, played through on the fixture project (each test in a sandbox of
 * its own, so the built fixture's exercise folders stay as they are): the solution pasted in is
 * DONE, with the parallelism advice and the speed debrief against the baseline; watch checks the
 * stub (AT_TODO, as printed), then, on save, code that is right but takes turns (DONE, and the
 * advice that names the lesson's cause), with --no-timing; the hints one at a time; progress;
 * reset; doctor; exercises. The other verdicts are {@link FixtureVerdictsTest}'s.
 */
@ExtendWith(Fixture.Lessons.class)
class LearnerLoopTest {
    private static final String HALVES = Fixture.HALVES;
    private static final String FILE = Fixture.HALVES_FILE;
    /** Not a timing limit: how long the test waits for a line before it gives up on a broken watch. */
    private static final Duration SAFETY = Duration.ofMinutes(5);

    @TempDir
    Path folder;

    private Sandbox sandbox() {
        return Fixture.get().sandbox(folder.resolve("project"));
    }

    private static CommandRun run(Sandbox sandbox, int expectedExit, String... arguments) {
        CommandRun run = CommandRun.of(sandbox.root(), arguments);
        assertEquals(expectedExit, run.exitCode(), () -> String.join(" ", arguments) + " said:\n" + run);
        return run;
    }

    @Test
    void theSolutionPastedInIsDoneWithTheParallelismAdviceAndTimedAgainstTheBaselineOnTheseCores() {
        Sandbox sandbox = sandbox();
        sandbox.fillIn(HALVES, FILE, sandbox.solution(HALVES, FILE));
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        int exit = new Workshop(sandbox.root(), out, out)
                .check(sandbox.lesson(HALVES), Workshop.CheckSettings.defaults().withDebriefRun(Slip.SHORT_DEBRIEF));
        String output = text.toString();
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(ExitCode.OK, exit, output);
        assertTrue(
                output.startsWith("Checking lesson 91 (91-fixture-halves) with your code in"
                        + " 91-fixture-halves/src/exercise/java ..."),
                output);
        assertTrue(output.contains("Lesson 91 (91-fixture-halves): DONE. All 6 cases pass."), output);
        assertTrue(
                output.contains("Parallelism (not part of the verdict): the case that checks that the work runs on"
                        + " several threads at once passes."),
                output);
        assertTrue(output.contains("Timing your code against the solution and the baseline"), output);
        assertTrue(output.contains("Speed (not part of the verdict): n = "), output);
        assertTrue(output.contains(cores + " cores"), output);
        assertTrue(output.contains("  lesson 90 "), output);
        assertTrue(
                output.matches("(?s).*Your code is [0-9.]+x faster than lesson 90 on " + cores + " cores.*"), output);
        assertFalse(output.contains("No speed debrief"), output);
    }

    /*
     * Through the command line, as a learner types it: ./workbook watch 91 --no-timing. The first
     * verdict is the stub's; then the learner saves code that is right but takes turns: DONE, and
     * the advice that the halves never ran at once, with the lesson's cause; and no timing.
     */
    @Test
    void watchChecksAgainWhenTheLearnerSavesAndSaysHowToAskForAHint() throws Exception {
        Sandbox sandbox = sandbox();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        PrintWriter out = new PrintWriter(new LineSink(lines), true, StandardCharsets.UTF_8);
        AtomicInteger exit = new AtomicInteger(-1);
        ClassLoader lessons = Thread.currentThread().getContextClassLoader();
        Thread watcher = Thread.ofPlatform().name("test-watch").start(() -> {
            Thread.currentThread().setContextClassLoader(lessons);
            exit.set(CommandRun.execute(sandbox.root(), out, out, "watch", "91", "--no-timing"));
        });
        try {
            String first = String.join("\n", untilWaiting(lines));
            int todo = Slip.lineOf(sandbox.exercise(HALVES, FILE), "// TODO Lesson 91:");
            assertTrue(first.contains("Lesson 91 (91-fixture-halves): not done: 6 of 6 cases fail."), first);
            assertTrue(first.contains("  All of them stop at a TODO that still throws:"), first);
            assertTrue(
                    first.contains("    TODO 91-fixture-halves/src/exercise/java/fixture/halves/Halves.java:" + todo
                            + "  sum the left half on a thread of its own while this thread sums the right half"),
                    first);
            assertTrue(
                    first.contains("Stuck? ./workbook hint 91 shows hint 1 of 3, from a nudge to nearly the answer"
                            + " (all of them: docs/91-fixture-halves.md#hints)."),
                    first);
            assertTrue(
                    first.endsWith("Watching 91-fixture-halves/src/exercise/java: save a file there to check again."
                            + " Ctrl-C ends the watch."),
                    first);

            String turns = Slip.doneUntimed("the helper joined before the right half is summed", FILE, """
                            long right = workload.sumRange(middle, workload.n());
                            helper.join();
                            """, """
                            helper.join();
                            long right = workload.sumRange(middle, workload.n());
                            """)
                    .apply(sandbox.solution(HALVES, FILE));
            sandbox.writeExercise(HALVES, FILE, turns);
            String second = String.join("\n", untilWaiting(lines));
            assertTrue(second.contains("Lesson 91 (91-fixture-halves): DONE. All 6 cases pass."), second);
            assertTrue(
                    second.contains("Parallelism (not part of the verdict): 1 of 1 case that checks that the work"
                            + " runs on several threads at once fails:\n"
                            + "  FAIL HalvesTest > the two halves run at once\n"
                            + "       the two halves ran one after the other, not at once (is the helper joined"
                            + " before the right half is summed?)"),
                    second);
            assertTrue(
                    second.contains("Your sum is right; the work did not run at the same time on several threads, as"
                            + " it should.\n"
                            + "Likely cause in lesson 91: the halves took turns: helper.join() comes before this"
                            + " thread sums the right half (join before compute). See"
                            + " docs/91-fixture-halves.md#pitfalls"),
                    second);
            // --no-timing: the verdict and the advice that is not the clock's, and no debrief.
            assertFalse(second.contains("Timing") || second.contains("Speed"), second);
        } finally {
            watcher.interrupt();
            watcher.join(SAFETY.toMillis());
        }
        assertFalse(watcher.isAlive(), "Ctrl-C's stand-in, an interrupt, ends the watch");
        assertEquals(ExitCode.OK, exit.get());
    }

    /** The lines up to and with the watch's "Watching ..." line, which it prints after every verdict. */
    private static List<String> untilWaiting(BlockingQueue<String> lines) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        while (true) {
            String line = lines.poll(SAFETY.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(line, () -> "the watch printed no verdict; so far:\n" + String.join("\n", seen));
            seen.add(line);
            if (line.contains(Watch.WAITING)) {
                return seen;
            }
        }
    }

    @Test
    void hintsComeOneLevelAtATimeAndStartOverOnReset() {
        Sandbox sandbox = sandbox();
        assertTrue(run(sandbox, 0, "hint", "91", "--reset")
                .out()
                .equals("Lesson 91: hints start over. ./workbook hint 91 shows hint 1 of 3.\n"));
        String first = run(sandbox, 0, "hint", "91").out();
        assertTrue(first.startsWith("Lesson 91, hint 1 of 3 (docs/91-fixture-halves.md#hints):\n\n"), first);
        assertTrue(first.contains("Two halves, two threads, one of them the caller.\n\n**A nudge.**"), first);
        assertTrue(first.contains("Still stuck? ./workbook hint 91 shows hint 2 of 3."), first);
        String second = run(sandbox, 0, "hint", "91").out();
        assertTrue(second.contains("hint 2 of 3") && second.contains("**The shape.**"), second);
        assertFalse(second.contains("Two halves, two threads"), "the opening paragraph comes with hint 1 only");
        assertTrue(
                Hints.offer(sandbox.lesson(HALVES)).startsWith("Stuck? ./workbook hint 91 shows hint 3 of 3"),
                "the verdict offers the next hint");
        String last = run(sandbox, 0, "hint", "91").out();
        assertTrue(last.contains("hint 3 of 3") && last.contains("**Nearly the answer.**"), last);
        assertTrue(last.contains("That was the last hint"), last);
        String again = run(sandbox, 0, "hint", "91").out();
        assertTrue(again.contains("hint 3 of 3") && again.contains("There is no further hint"), again);
        assertTrue(again.contains("The solution's files are in 91-fixture-halves/src/main/java"), again);
        run(sandbox, 0, "hint", "91", "--reset");
        assertTrue(run(sandbox, 0, "hint", "91").out().contains("hint 1 of 3"));
        // A section without a numbered list is one hint.
        String only = run(sandbox, 0, "hint", "90").out();
        assertTrue(only.startsWith("Lesson 90, hint 1 of 1 (docs/90-fixture-loop.md#hints):"), only);
        assertTrue(only.contains("Workload.sumRange(from, to)") && only.contains("That was the last hint"), only);
    }

    @Test
    void progressSaysForEveryLessonWhatIsLeft() throws Exception {
        Sandbox sandbox = sandbox();
        sandbox.fillIn(HALVES, FILE, sandbox.solution(HALVES, FILE));
        String first = run(sandbox, 0, "progress").out();
        assertEquals(
                List.of(
                        "90  90-fixture-loop      not started (docs/90-fixture-loop.md#hints)",
                        "91  91-fixture-halves    done",
                        "1 of 2 lessons done."),
                first.lines().toList());
        sandbox.writeExercise(Fixture.LOOP, Fixture.LOOP_FILE, "package fixture.loop;\nclass Loop {\n");
        ExerciseCheck.deleteRecursively(sandbox.lesson(HALVES).exerciseSources());
        String second = run(sandbox, 0, "progress").out();
        assertEquals(
                List.of(
                        "90  90-fixture-loop      started, does not compile yet (./workbook check 90)",
                        "91  91-fixture-halves    no exercise yet (./workbook exercises)",
                        "0 of 2 lessons done."),
                second.lines().toList());
    }

    @Test
    void resetPutsTheExerciseBackAndKeepsTheLearnersVersion() throws Exception {
        Sandbox sandbox = sandbox();
        String mine = sandbox.exercise(HALVES, FILE).replace("throw new", "// my try\n        throw new");
        sandbox.writeExercise(HALVES, FILE, mine);
        String said = run(sandbox, 0, "reset", "91").out();
        assertTrue(
                said.startsWith("Lesson 91: 91-fixture-halves/src/exercise/java is back to its generated state.\n"
                        + "Your previous version is saved in 91-fixture-halves/target/exercise-backup/"),
                said);
        Path backup = sandbox.root().resolve(said.lines().toList().get(1).replaceFirst(".* saved in ", ""));
        assertEquals(mine, Files.readString(backup.resolve(FILE)));
        assertEquals(sandbox.generated(HALVES).get(FILE), sandbox.exercise(HALVES, FILE));
        assertEquals(
                "Lesson 91: the exercise is already as generated; nothing to reset.\n",
                run(sandbox, 0, "reset", "91").out());
    }

    @Test
    void doctorChecksTheSetupWithOneRealCheckAndSaysWhatIsMissing() throws Exception {
        Sandbox sandbox = sandbox();
        String ready = run(sandbox, 0, "doctor").out();
        assertTrue(ready.startsWith("Java:    " + Runtime.version()), ready);
        assertTrue(ready.contains("Cores:   " + Runtime.getRuntime().availableProcessors() + "\n"), ready);
        assertTrue(ready.contains("Lesson 90  90-fixture-loop      exercise ready\n"), ready);
        assertTrue(ready.contains("Lesson 91  91-fixture-halves    exercise ready\n"), ready);
        assertTrue(
                ready.contains("Checking lesson 90's solution the way ./workbook check checks your code ...\n"
                        + "         all 3 cases pass\n"),
                ready);
        assertTrue(
                ready.endsWith("Everything is in place. Start with: ./workbook check 90 (or ./workbook watch 90)\n"),
                ready);

        sandbox.writeExercise(Fixture.LOOP, Fixture.LOOP_FILE, "// mine\n");
        ExerciseCheck.deleteRecursively(sandbox.lesson(HALVES).exerciseSources());
        String missing = run(sandbox, 1, "doctor").out();
        assertTrue(
                missing.contains("Lesson 90  90-fixture-loop      exercise ready, with your changes in 1 file(s)"),
                missing);
        assertTrue(missing.contains("Lesson 91  91-fixture-halves    exercise missing"), missing);
        assertFalse(missing.contains("Checking lesson"), "no trial check while something is missing: " + missing);
        assertTrue(missing.endsWith("Not ready:\n  - lesson 91 has no exercise: run ./workbook exercises\n"), missing);
    }

    @Test
    void exercisesRegeneratesEveryExerciseAndRefusesBrokenMarkers() throws Exception {
        Sandbox sandbox = Fixture.get().sandboxWithOwnSources(folder.resolve("project"));
        Path stale = sandbox.lesson(Fixture.LOOP).exerciseSources().resolve("fixture/loop/Stale.java");
        Sandbox.write(stale, "package fixture.loop;\nclass Stale {}\n");
        ExerciseCheck.deleteRecursively(sandbox.lesson(HALVES).exerciseSources());
        int loopRegion = Slip.lineOf(sandbox.solution(Fixture.LOOP, Fixture.LOOP_FILE), "// BEGIN SOLUTION");
        int halvesRegion = Slip.lineOf(sandbox.solution(HALVES, FILE), "// BEGIN SOLUTION");

        List<String> written = run(sandbox, 0, "exercises").out().lines().toList();
        assertEquals(
                "90  90-fixture-loop      1 region (Loop.java:" + loopRegion
                        + ") -> 90-fixture-loop/src/exercise/java, 1 file written",
                written.get(0));
        assertTrue(
                written.get(1)
                        .startsWith("    the previous version is saved in 90-fixture-loop/target/exercise-backup/"),
                written.toString());
        assertEquals(
                "91  91-fixture-halves    1 region (Halves.java:" + halvesRegion
                        + ") -> 91-fixture-halves/src/exercise/java, 1 file written",
                written.get(2));
        assertEquals(3, written.size(), written.toString());
        assertFalse(Files.exists(stale), "a file no solution generates is removed");
        assertEquals(sandbox.generated(HALVES).get(FILE), sandbox.exercise(HALVES, FILE));

        String again = run(sandbox, 0, "exercises").out();
        assertEquals(
                2, again.lines().filter(line -> line.endsWith(", up to date")).count(), again);

        Path solution = sandbox.lesson(HALVES).solutionSources().resolve(FILE);
        Sandbox.write(solution, Sandbox.read(solution).replace("        // END SOLUTION\n", ""));
        CommandRun broken = run(sandbox, 1, "exercises");
        assertTrue(
                broken.out().contains("91  91-fixture-halves    NOT written: its markers break the rules (below)"),
                broken.toString());
        assertTrue(
                broken.err()
                        .startsWith("./workbook exercises: some exercises cannot be generated:\n"
                                + "  91-fixture-halves/src/main/java/fixture/halves/Halves.java:" + halvesRegion
                                + ": BEGIN SOLUTION is never closed by // END SOLUTION"),
                broken.toString());
        assertTrue(broken.out().contains("90  90-fixture-loop "), "the other lessons are written: " + broken);
        try (Stream<Path> files =
                Files.list(sandbox.lesson(HALVES).exerciseSources().resolve("fixture/halves"))) {
            assertEquals(1, files.count(), "the broken lesson's exercise stays as it was");
        }
    }

    /** Hands every printed line to a queue, as it is printed. */
    private static final class LineSink extends OutputStream {
        private final BlockingQueue<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineSink(BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
