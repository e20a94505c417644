package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
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

    /**
     * Runs {@code front} on buffered writers that flush only when told to, and keeps what reached
     * the other end: what the command wrote but did not flush before returning is not there, as it
     * would not be on a terminal when the program exits.
     */
    public static CommandLineRun of(Front front, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = front.run(buffered(out), buffered(err), args);
        return new CommandLineRun(exitCode, out.toString(), err.toString());
    }

    /** Runs a lab as {@code ./workbook lab NN NAME} does, on the same buffered writers. */
    public static CommandLineRun ofLab(Lab lab, String... args) {
        return of((out, err, arguments) -> LabCli.run(lab, out, err, arguments), args);
    }

    /** A writer like a terminal's: what is written waits in a buffer until it is flushed. */
    public static PrintWriter buffered(StringWriter target) {
        return new PrintWriter(new BufferedWriter(target), false);
    }

    /**
     * Bad input, handled as every lesson must: exit code 2, nothing on standard output, and one
     * line on standard error that names the problem ({@code expectedMessage}), points to --help
     * and carries no stack trace.
     */
    public void assertRefused(String expectedMessage) {
        assertEquals(ExitCode.BAD_INPUT, exitCode, err);
        assertEquals(1, err.lines().count(), () -> "expected one line, got:\n" + err);
        assertTrue(err.contains(expectedMessage), () -> "expected '" + expectedMessage + "' in: " + err);
        assertTrue(err.contains("--help"), () -> "the line should point to --help: " + err);
        assertFalse(err.contains("\tat "), "no stack trace");
        assertEquals("", out, "nothing on standard output");
    }
}
