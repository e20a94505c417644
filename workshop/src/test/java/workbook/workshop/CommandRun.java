package workbook.workshop;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import workbook.harness.Commands;
import workbook.harness.ExitCode;

/**
 * One run of the workshop's commands as {@code ./workbook} runs them: picocli subcommands of one
 * program, wired by {@link Commands#wire}, for the project at {@code root}; what they printed, and
 * the exit code.
 */
record CommandRun(int exitCode, String out, String err) {

    /** The program's root command, as {@code workbook.cli.Workbook} is: the subcommands do the work. */
    @Command(name = "./workbook", mixinStandardHelpOptions = true)
    static final class Root implements Callable<Integer> {
        @Override
        public Integer call() {
            return ExitCode.OK;
        }
    }

    static CommandRun of(Path root, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = execute(root, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandRun(exit, normalized(out.toString()), normalized(err.toString()));
    }

    /** The same, printing to {@code out} and {@code err} as it goes (a watch, read line by line); the exit code. */
    static int execute(Path root, PrintWriter out, PrintWriter err, String... args) {
        CommandLine workbook = new CommandLine(new Root());
        WorkshopCommands.all(root).forEach(workbook::addSubcommand);
        workbook.setOut(out);
        workbook.setErr(err);
        Commands.wire(workbook);
        return Commands.execute(workbook, args);
    }

    private static String normalized(String text) {
        return text.replace(System.lineSeparator(), "\n");
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
