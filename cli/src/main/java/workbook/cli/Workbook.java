package workbook.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import workbook.bench.Bench;
import workbook.bench.MeasureDocs;
import workbook.bench.TimelineCost;
import workbook.bench.jmh.Jmh;
import workbook.harness.Commands;
import workbook.harness.ExitCode;
import workbook.workshop.WorkshopCommands;

/**
 * The one program behind {@code ./workbook}: every command is a subcommand of this picocli
 * command, so there is one usage text (generated), one set of exit codes ({@link ExitCode}) and
 * one way to answer a wrong command or option (one line, exit code 2: {@link Commands}). The script in front of it
 * only finds a JDK 25, builds when a source changed, and starts this class with the project's root
 * in the system property {@code workbook.root}.
 */
@Command(
        name = "./workbook",
        mixinStandardHelpOptions = true,
        versionProvider = Workbook.Version.class,
        header = "Many Cores, One Sum: a Java workbook on multi-core and distributed programming.",
        description = {
            "Every lesson sums the same n random integers another way, exactly, and is timed the same way.",
            "Run `./workbook COMMAND --help` for a command's options."
        })
public final class Workbook implements Callable<Integer> {

    /** The commands in the order the usage shows them, under a heading per group. */
    private static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("Lessons and measurements:", List.of("run", "lesson", "list", "lab", "bench", "jmh"));
        GROUPS.put("Workshop (docs/workshop.md):", List.of("doctor", "check", "watch", "hint", "progress", "reset"));
        GROUPS.put(
                "For maintainers:", List.of("test", "exercises", "measure-docs", "timeline-cost", "mutants", "help"));
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("workbook.root", ""))
                .toAbsolutePath()
                .normalize();
        System.exit(Commands.execute(commandLine(root), args));
    }

    /** The whole command line, for a project whose root folder is {@code root}. */
    public static CommandLine commandLine(Path root) {
        CommandLine workbook = new CommandLine(new Workbook());
        workbook.addSubcommand(new RunAll());
        workbook.addSubcommand(new OneLesson());
        workbook.addSubcommand(new ListLessons());
        workbook.addSubcommand(new RunLab());
        workbook.addSubcommand(new Bench(root));
        workbook.addSubcommand(new Jmh());
        workbook.addSubcommand(new TimelineCost());
        workbook.addSubcommand(new MeasureDocs(root));
        workbook.addSubcommand(new TestCommand(root));
        workbook.addSubcommand(new Mutants(root));
        WorkshopCommands.all(root).forEach(workbook::addSubcommand);
        workbook.addSubcommand(new CommandLine.HelpCommand());
        // Everything after "lesson NN" and "lab NN NAME" belongs to the lesson or the lab, options included.
        workbook.getSubcommands().get("lesson").setStopAtPositional(true);
        workbook.getSubcommands().get("lab").setStopAtPositional(true);
        // Their arguments belong to another tool (JMH, Maven), whose options this program does not know.
        for (String passesOn : List.of("jmh", "test", "mutants")) {
            workbook.getSubcommands().get(passesOn).setUnmatchedOptionsArePositionalParams(true);
        }
        workbook.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Workbook::commandList);
        return Commands.wire(workbook);
    }

    @CommandLine.Spec
    CommandSpec spec;

    /** Without a command: the usage, as {@code help} prints it. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    /* The subcommands, grouped under headings, each with the first line of its description. */
    private static String commandList(Help help) {
        Map<String, CommandLine> commands = help.commandSpec().subcommands();
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        StringBuilder text = new StringBuilder();
        List<String> listed = new ArrayList<>();
        GROUPS.forEach((heading, names) -> {
            text.append('\n').append(heading).append('\n');
            for (String name : names) {
                CommandLine command = commands.get(name);
                if (command != null) {
                    text.append(line(name, command, width));
                    listed.add(name);
                }
            }
        });
        commands.forEach((name, command) -> {
            if (!listed.contains(name)) {
                text.append(line(name, command, width));
            }
        });
        return text.toString();
    }

    private static String line(String name, CommandLine command, int width) {
        UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        String[] summary = usage.header().length > 0 ? usage.header() : usage.description();
        return String.format(Locale.ROOT, "  %-" + width + "s%s%n", name, summary.length > 0 ? summary[0] : "");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "Many Cores, One Sum workbook, on "
                        + workbook.harness.Machine.current().summary()
            };
        }
    }
}
