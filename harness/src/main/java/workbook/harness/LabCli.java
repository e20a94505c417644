package workbook.harness;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs one {@link Lab} from its command line, the same way for every lab: picocli parses the lab's
 * options, {@code --help} prints them, bad input is one line with exit code 2, an interrupt stops
 * the lab with exit code 1, and the lab's tables go to standard output as Markdown. A table whose
 * sums disagree with the oracle still prints, and the exit code is 1.
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
        try {
            return parseAndRun(lab, out, err, args);
        } finally {
            err.flush();
        }
    }

    private static int parseAndRun(Lab lab, PrintWriter out, PrintWriter err, String... args) {
        String shownName = "lab " + lab.lesson() + " " + lab.name();
        CommandLine commandLine = new CommandLine(lab);
        CommandSpec spec = commandLine.getCommandSpec();
        spec.name("./workbook lab " + lab.lesson() + " " + lab.name());
        spec.mixinStandardHelpOptions(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        CommandLine.ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException badInput) {
            err.println(shownName + ": " + badInput.getMessage() + " (see --help)");
            return LessonCli.BAD_INPUT;
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return LessonCli.OK;
        }
        LabReport report = new LabReport(shownName, err);
        try {
            lab.run(report);
        } catch (IllegalArgumentException badInput) {
            err.println(shownName + ": " + badInput.getMessage() + " (see --help)");
            return LessonCli.BAD_INPUT;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            err.println(shownName + ": interrupted; no table");
            return LessonCli.FAILED;
        } catch (RuntimeException failure) {
            err.println(shownName + ": failed: " + LessonCli.describe(failure));
            if (LessonCli.debugging()) {
                failure.printStackTrace(err);
            }
            return LessonCli.FAILED;
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
            return LessonCli.FAILED;
        }
        return LessonCli.OK;
    }
}
