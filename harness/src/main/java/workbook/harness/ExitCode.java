package workbook.harness;

/**
 * The exit codes of every command the workbook has: {@code ./workbook} and its subcommands, a
 * lesson run on its own with jbang, a lab. A script can tell "not done" from "typed wrong".
 */
public final class ExitCode {
    /** Done: the command did what it was asked, and every sum agreed with the oracle. */
    public static final int OK = 0;

    /** Not done or failed: a sum was wrong, a check found a problem, a strategy threw. */
    public static final int FAILED = 1;

    /** Bad input: an unknown command or option, a value out of range; one line says which. */
    public static final int BAD_INPUT = 2;

    private ExitCode() {}
}
