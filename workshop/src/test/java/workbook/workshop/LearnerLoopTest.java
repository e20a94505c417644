package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop a learner lives in, played through: the speed debrief after DONE, watch re-checking on
 * save, and the hints one at a time (the hangs and the other slips are {@link WrongSolutionsTest}'s). Lessons 01 and 02 in a sandbox,
 * so the real exercise folders stay as they are.
 */
class LearnerLoopTest {
    private static final String FILE = "workbook/threads/ThreadsAndQueue.java";
    /** Not a timing limit: how long the test waits for a line before it gives up on a broken watch. */
    private static final Duration SAFETY = Duration.ofMinutes(5);

    @TempDir
    static Path folder;

    private static Sandbox sandbox;

    @BeforeAll
    static void sandbox() {
        sandbox = Sandbox.of(folder, "01", "02");
    }

    private static String run(int expectedExit, String... arguments) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = new Workshop(sandbox.root(), out).run(List.of(arguments));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, () -> String.join(" ", arguments) + " said:\n" + output);
        return output;
    }

    @Test
    void theSolutionPastedIntoLesson02IsDoneAndTimedAgainstLesson01OnTheseCores() {
        sandbox.writeExercise("02", FILE, sandbox.solution("02", FILE));
        String output = run(0, "check", "02");
        int cores = Runtime.getRuntime().availableProcessors();
        assertTrue(output.contains("Lesson 02 (02-threads-queue): DONE."), output);
        assertTrue(output.contains("Speed (not part of the verdict): n = "), output);
        assertTrue(output.contains(cores + " cores"), output);
        assertTrue(
                output.matches("(?s).*Your code is [0-9.]+x faster than lesson 01 on " + cores + " cores.*"), output);
    }

    @Test
    void noTimingSkipsTheDebrief() {
        sandbox.writeExercise(
                "01",
                "workbook/sequential/Sequential.java",
                sandbox.solution("01", "workbook/sequential/Sequential.java"));
        String output = run(0, "check", "01", "--no-timing");
        assertTrue(output.contains("DONE"), output);
        assertTrue(!output.contains("Speed"), output);
    }

    @Test
    void watchChecksAgainWhenTheLearnerSavesAndSaysHowToAskForAHint() throws Exception {
        sandbox.generated("02").forEach((path, text) -> sandbox.writeExercise("02", path, text));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        PrintStream out = new PrintStream(new LineSink(lines), true, StandardCharsets.UTF_8);
        LessonModule lesson = sandbox.lesson("02");
        Workshop workshop = new Workshop(sandbox.root(), out);
        Workshop.CheckSettings settings = new Workshop.CheckSettings(
                false, false, ExerciseCheck.DEFAULT_CASE_TIMEOUT, Workshop.FAILURES_SHOWN, null);
        Thread watcher = Thread.ofPlatform()
                .name("test-watch")
                .start(() -> Watch.run(lesson, () -> workshop.check(lesson, settings), out));
        try {
            String first = String.join("\n", untilWaiting(lines));
            assertTrue(first.contains("not done"), first);
            assertTrue(first.contains("stop at a TODO that still throws"), first);
            assertTrue(first.contains("Stuck? ./workbook hint 02 shows hint"), first);

            sandbox.writeExercise("02", FILE, sandbox.solution("02", FILE));
            String second = String.join("\n", untilWaiting(lines));
            assertTrue(second.contains("Lesson 02 (02-threads-queue): DONE."), second);
        } finally {
            watcher.interrupt();
            watcher.join(SAFETY.toMillis());
        }
        assertTrue(!watcher.isAlive(), "Ctrl-C's stand-in, an interrupt, ends the watch");
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
        run(0, "hint", "02", "--reset");
        String first = run(0, "hint", "02");
        assertTrue(first.startsWith("Lesson 02, hint 1 of 3 (docs/02-threads-queue.md#hints):"), first);
        assertTrue(first.contains("**A nudge.**"), first);
        assertTrue(first.contains("Still stuck? ./workbook hint 02 shows hint 2 of 3."), first);
        assertTrue(run(0, "hint", "02").contains("hint 2 of 3"));
        String last = run(0, "hint", "02");
        assertTrue(last.contains("hint 3 of 3") && last.contains("**Nearly the answer.**"), last);
        assertTrue(last.contains("That was the last hint"), last);
        String again = run(0, "hint", "02");
        assertTrue(again.contains("hint 3 of 3") && again.contains("There is no further hint"), again);
        run(0, "hint", "02", "--reset");
        assertTrue(run(0, "hint", "02").contains("hint 1 of 3"));
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        run(2, "hint");
        run(2, "check", "02", "--bogus");
        run(2, "check", "02", "--case-timeout", "soon");
        run(2, "check", "02", "--case-timeout", "0");
        run(2, "watch");
        run(2, "check", "99");
        assertTrue(run(0, "check", "--help").contains("--case-timeout"));
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
