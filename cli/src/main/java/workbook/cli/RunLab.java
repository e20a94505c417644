package workbook.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import workbook.harness.Commands;
import workbook.harness.ExitCode;
import workbook.harness.Lab;
import workbook.harness.LabCli;
import workbook.harness.Lesson;
import workbook.harness.Table;

/** {@code ./workbook lab [NN NAME ...]}: the labs, or one of them with its own options. */
@Command(
        name = "lab",
        mixinStandardHelpOptions = true,
        header = "list the labs (the experiments behind the pages' tables), or run one: lab 04 threshold-sweep",
        description = {
            "Without arguments: every lab, with what it measures.",
            "With NN NAME: that lab, with its own options (./workbook lab 04 threshold-sweep --help lists them)."
        })
final class RunLab implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NN", description = "the lesson: 4, 04 or 04-forkjoin")
    String lessonName;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "the lab's name")
    String name;

    @Parameters(index = "2..*", paramLabel = "OPTIONS", description = "passed to the lab (try --help)")
    List<String> labArgs = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Lab> labs = Lab.discover();
        if (lessonName == null) {
            out.println("Labs: the experiments behind the measured tables of the lesson pages.");
            out.println("Run one with ./workbook lab NN NAME [options]; add --help for its options.");
            out.println();
            Table table = Table.of("lesson", "lab", "what it measures");
            labs.forEach(lab -> table.row(lab.lesson(), lab.name(), lab.summary()));
            table.align(1, Table.Align.LEFT).align(2, Table.Align.LEFT);
            out.print(table.text());
            return ExitCode.OK;
        }
        String lesson = Commands.input(spec, () -> Lesson.find(Lesson.discover(), lessonName))
                .id();
        List<Lab> ofLesson =
                labs.stream().filter(lab -> lab.lesson().equals(lesson)).toList();
        String there = ofLesson.isEmpty()
                ? "none"
                : String.join(", ", ofLesson.stream().map(Lab::name).toList());
        Lab lab = ofLesson.stream()
                .filter(candidate -> candidate.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(),
                        name == null
                                ? "which lab of lesson " + lesson + "? There are: " + there
                                : "no lab '" + name + "' in lesson " + lesson + "; there are: " + there));
        return LabCli.run(lab, out, spec.commandLine().getErr(), labArgs.toArray(String[]::new));
    }
}
