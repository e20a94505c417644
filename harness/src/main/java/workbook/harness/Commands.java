package workbook.harness;

import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How every command line of the workbook answers, whether it is {@code ./workbook}, one of its
 * subcommands, a lesson run with jbang or a lab: bad input is one line that names the value and
 * points to {@code --help}, with exit code 2; a failure while working is one line too, with exit
 * code 1; no stack trace unless {@code WORKBOOK_DEBUG} is set (see {@link ExitCode}).
 */
public final class Commands {
    private Commands() {}

    /**
     * Wires {@code commandLine} (and the subcommands it has or gets later) to answer that way. A
     * command that finds bad input after parsing (a lesson that is not there, a value it cannot
     * use) says so with {@link #input}; anything else it throws is a failure.
     */
    public static CommandLine wire(CommandLine commandLine) {
        commandLine.setParameterExceptionHandler((badInput, args) -> {
            CommandLine where = badInput.getCommandLine();
            // A subcommand's help is asked for by its whole name; a command run on its own has --help.
            String help = where.getParent() == null ? "--help" : name(where) + " --help";
            where.getErr().println(name(where) + ": " + badInput.getMessage() + " (see " + help + ")");
            return ExitCode.BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((failure, where, parsed) -> {
            PrintWriter err = where.getErr();
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // for whoever called execute()
                err.println(name(where) + ": interrupted before it finished");
                return ExitCode.FAILED;
            }
            err.println(name(where) + ": failed: " + describe(failure));
            if (debugging()) {
                failure.printStackTrace(err);
            }
            return ExitCode.FAILED;
        });
        return commandLine;
    }

    /** Reads input that only the command can check: its IllegalArgumentException is bad input (exit 2). */
    public static <T> T input(CommandSpec spec, Supplier<T> reading) {
        try {
            return reading.get();
        } catch (IllegalArgumentException badInput) {
            throw new CommandLine.ParameterException(spec.commandLine(), badInput.getMessage(), badInput);
        }
    }

    /** Runs {@code commandLine} and flushes its streams, so nothing is lost when the program exits. */
    public static int execute(CommandLine commandLine, String... args) {
        try {
            return commandLine.execute(args);
        } finally {
            commandLine.getOut().flush();
            commandLine.getErr().flush();
        }
    }

    /** How the command is typed: "./workbook check", "02-threads-queue". */
    static String name(CommandLine where) {
        return where.getCommandSpec().qualifiedName();
    }

    /** A failure's stack trace is printed too when WORKBOOK_DEBUG is set (or -Dworkbook.debug=true). */
    public static boolean debugging() {
        return System.getenv("WORKBOOK_DEBUG") != null || Boolean.getBoolean("workbook.debug");
    }

    /** One line for an exception and its causes: "IllegalStateException: chunk 3 failed <- injected fault at index 7". */
    public static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }
}
