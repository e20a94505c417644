package workbook.harness;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs one {@link Lab} from its command line, the same way for every lab: picocli parses the lab's
 * options, {@code --help} prints them, bad input is one line with exit code 2, a failure or an
 * interrupt is one line with exit code 1 ({@link Commands}), and the lab's tables go to standard
 * output as Markdown. A table whose sums disagree with the oracle still prints, and the exit code
 * is 1.
 */
public final class LabCli {
    private LabCli() {}

    public static int run(Lab lab, String... args) {
        return run(lab, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * The same, writing to the given streams. Standard output is flushed after the tables, and
     * standard error before it returns, so nothing is lost when the program exits right after.
     */
    public static int run(Lab lab, PrintWriter out, PrintWriter err, String... args) {
        String shownName = "lab " + lab.lesson() + " " + lab.name();
        CommandLine commandLine = Commands.wire(new CommandLine(lab));
        CommandSpec spec = commandLine.getCommandSpec();
        spec.name("./workbook lab " + lab.lesson() + " " + lab.name());
        spec.mixinStandardHelpOptions(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionStrategy(parsed -> {
            Integer helped = CommandLine.executeHelpRequest(parsed);
            return helped != null ? helped : runParsed(lab, List.of(args), commandLine, shownName, out, err);
        });
        return Commands.execute(commandLine, args);
    }

    private static int runParsed(
            Lab lab, List<String> args, CommandLine commandLine, String shownName, PrintWriter out, PrintWriter err) {
        LabReport report = new LabReport(shownName, err, lab, args);
        try {
            lab.run(report);
        } catch (IllegalArgumentException badInput) {
            throw new CommandLine.ParameterException(commandLine, badInput.getMessage(), badInput);
        } catch (InterruptedException | RuntimeException failure) {
            throw new CommandLine.ExecutionException(commandLine, failure.getMessage(), failure);
        }
        Machine machine = Machine.current();
        boolean allRight = true;
        boolean first = true;
        for (LabTable table : report.tables()) {
            if (!first) {
                out.println();
            }
            out.print(table.markdown(machine));
            first = false;
            allRight &= table.wrongSums().isEmpty();
        }
        out.flush(); // the tables before the line on stderr, on a terminal that shows both
        if (!allRight) {
            err.println(shownName + ": some sums differ from the oracle (see the table's last line)");
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }
}
