package workbook.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import workbook.harness.Commands;
import workbook.harness.Lesson;

/** {@code ./workbook lesson NN ...}: one lesson's own command line, every argument after NN its own. */
@Command(
        name = "lesson",
        mixinStandardHelpOptions = true,
        header = "run one lesson with its own options (./workbook lesson 02 --help lists them)",
        description =
                "Runs one lesson's command line, as its main file does with jbang: ./workbook lesson 02 --n 1e9 --workers 4.")
final class OneLesson implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NN", description = "the lesson: 4, 04 or 04-forkjoin")
    String name;

    @Parameters(index = "1..*", paramLabel = "OPTIONS", description = "passed to the lesson (try --help)")
    List<String> lessonArgs = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Lesson lesson = Commands.input(spec, () -> Lesson.find(Lesson.discover(), name));
        return lesson.commandLine(lessonArgs.toArray(String[]::new));
    }
}
