package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import workbook.harness.ExitCode;

/**
 * The workshop's commands on the command line, as {@code ./workbook} wires them: bad input is one
 * line that names the problem, with exit code 2; --help is the command's usage, exit code 0; a
 * problem the workshop finds is one line, exit code 1. None of these runs a check.
 */
@ExtendWith(Fixture.Lessons.class)
class WorkshopCommandsTest {
    @TempDir
    static Path folder;

    private static Sandbox sandbox;

    @BeforeAll
    static void sandbox() {
        sandbox = Fixture.get().sandbox(folder.resolve("project"));
    }

    @ParameterizedTest(name = "./workbook {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "hint                          | ./workbook hint: Missing required parameter: 'NN'",
                "watch                         | ./workbook watch: Missing required parameter: 'NN'",
                "check 91 --bogus              | ./workbook check: Unknown option: '--bogus'",
                "check 91 --case-timeout soon  | ./workbook check: Invalid value for option '--case-timeout'",
                "check 91 --case-timeout 0     | ./workbook check: --case-timeout must be from 1 to 600 seconds, was 0.0",
                "watch 91 --case-timeout 601   | ./workbook watch: --case-timeout must be from 1 to 600 seconds, was 601.0",
                "check 99                      | ./workbook check: no lesson '99'; there are 90, 91",
                "reset 99                      | ./workbook reset: no lesson '99'; there are 90, 91",
                "hint 9x                       | ./workbook hint: no lesson '9x'; there are 90, 91",
                "progress 91                   | ./workbook progress: Unmatched argument at index 1: '91'",
                "doctor --all                  | ./workbook doctor: Unknown option: '--all'",
                "exercises 91                  | ./workbook exercises: Unmatched argument at index 1: '91'"
            })
    void badInputIsOneLineAndExitCode2(String args, String says) {
        CommandRun run = CommandRun.of(sandbox.root(), args.strip().split("\\s+"));
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        assertEquals(1, run.err().lines().count(), () -> "one line: " + run);
        assertTrue(run.err().startsWith(says), run::toString);
        assertEquals("", run.out(), run::toString);
    }

    @ParameterizedTest(name = "./workbook {0} --help")
    @ValueSource(strings = {"doctor", "check", "watch", "hint", "progress", "reset", "exercises"})
    void everyCommandHasItsUsage(String command) {
        CommandRun run = CommandRun.of(sandbox.root(), command, "--help");
        assertEquals(ExitCode.OK, run.exitCode(), run::toString);
        // Its header (what it does, in one line), then its usage.
        assertTrue(run.out().lines().toList().get(1).startsWith("Usage: ./workbook " + command), run::toString);
        assertEquals("", run.err());
    }

    @Test
    void checkSaysWhatItsOptionsDo() {
        String usage = CommandRun.of(sandbox.root(), "check", "--help").out();
        for (String option : List.of("--case-timeout", "--no-timing", "--all")) {
            assertTrue(usage.contains(option), usage);
        }
    }

    /** A lesson whose exercise is missing is a problem the workshop finds: one line, exit code 1. */
    @Test
    void aMissingExerciseIsOneLineAndExitCode1(@TempDir Path other) throws Exception {
        Sandbox bare = Fixture.get().sandbox(other.resolve("project"));
        ExerciseCheck.deleteRecursively(bare.lesson("91").exerciseSources());
        for (String command : List.of("check", "watch")) {
            CommandRun run = CommandRun.of(bare.root(), command, "91");
            assertEquals(ExitCode.FAILED, run.exitCode(), run::toString);
            assertEquals(
                    "./workbook " + command + ": lesson 91 has no exercise yet (91-fixture-halves/src/exercise/java):"
                            + " run ./workbook exercises\n",
                    run.err());
        }
    }
}
