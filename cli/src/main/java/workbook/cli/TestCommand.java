package workbook.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./workbook test}: Maven's {@code verify} over every module, which builds everything, checks
 * the format and runs every test. The script runs Maven itself for this command (the build would
 * otherwise run twice); this class gives the command its place in the usage, and runs the same
 * Maven call when it is reached from Java.
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        header = "build everything and run the whole test suite",
        description = {
            "Runs ./mvnw verify: every module is built, its format checked and its tests run.",
            "Further arguments go to Maven, for example: ./workbook test -pl harness,02-threads-queue"
        })
final class TestCommand implements Callable<Integer> {
    /** What ./workbook test hands Maven before the learner's own arguments: the modules one per core where the order allows. */
    static final List<String> GOALS = List.of("verify", "-T", "1C");

    private final Path root;

    @Parameters(paramLabel = "MAVEN_ARGS", arity = "0..*", description = "passed to Maven")
    List<String> mavenArgs = new ArrayList<>();

    TestCommand(Path root) {
        this.root = root;
    }

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(GOALS);
        args.addAll(mavenArgs);
        return Maven.inherit(root, args);
    }
}
