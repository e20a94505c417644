package workbook.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import workbook.harness.ExitCode;
import workbook.harness.Lesson;
import workbook.harness.Table;

/** {@code ./workbook list}: every lesson on the class path, with its strategies. */
@Command(name = "list", mixinStandardHelpOptions = true, header = "name the lessons and their strategies")
final class ListLessons implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Table table = Table.of("lesson", "what it teaches", "strategies");
        for (Lesson lesson : Lesson.discover()) {
            table.row(
                    lesson.module(),
                    lesson.title(),
                    String.join(
                            ", ",
                            lesson.strategies().stream()
                                    .map(Lesson.Strategy::name)
                                    .toList()));
        }
        table.align(1, Table.Align.LEFT).align(2, Table.Align.LEFT);
        spec.commandLine().getOut().print(table.text());
        return ExitCode.OK;
    }
}
