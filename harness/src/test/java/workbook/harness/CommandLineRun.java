package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of a lesson's command line with what it printed, and the check every lesson makes of
 * bad input. A lesson's test runs it through the lesson's {@code commandLine(out, err, args)}:
 *
 * <pre>{@code
 * CommandLineRun.of(ThreadsAndQueue::commandLine, "--workers", "0").assertRefused("--workers must be at least 1, was 0");
 * }</pre>
 */
public record CommandLineRun(int exitCode, String out, String err) {

    /** A lesson's command line, writing to the given streams and returning the exit code. */
    @FunctionalInterface
    public interface Front {
        int run(PrintWriter out, PrintWriter err, String... args);
    }

    public static CommandLineRun of(Front front, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = front.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandLineRun(exitCode, out.toString(), err.toString());
    }

    /**
     * Bad input, handled as every lesson must: exit code 2, nothing on standard output, and one
     * line on standard error that names the problem ({@code expectedMessage}), points to --help
     * and carries no stack trace.
     */
    public void assertRefused(String expectedMessage) {
        assertEquals(LessonCli.BAD_INPUT, exitCode, err);
        assertEquals(1, err.lines().count(), () -> "expected one line, got:\n" + err);
        assertTrue(err.contains(expectedMessage), () -> "expected '" + expectedMessage + "' in: " + err);
        assertTrue(err.contains("--help"), () -> "the line should point to --help: " + err);
        assertFalse(err.contains("\tat "), "no stack trace");
        assertEquals("", out, "nothing on standard output");
    }
}
