package workbook.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import workbook.bench.MutationScore;
import workbook.harness.ExitCode;
import workbook.harness.Lesson;
import workbook.workshop.ExerciseCheck;

/**
 * {@code ./workbook mutants}: mutation testing with PIT (the profile {@code mutants} in pom.xml) on
 * the harness and every lesson, then one score over all of them, leaving out the mutants that
 * docs/equivalent-mutants.md lists (docs/mutation-testing.md).
 */
@Command(
        name = "mutants",
        mixinStandardHelpOptions = true,
        header =
                "mutation testing (PIT) on the harness and every lesson; its last line is the mutation score (K of M killed)",
        description = {
            "PIT changes the compiled code one small step at a time and runs the tests on each change; a change no"
                    + " test notices survives. An hour or more on 2 cores without PIT's history of an earlier run.",
            "Maven's whole output goes to target/mutants.log; the reports to MODULE/target/pit-reports/."
        })
final class Mutants implements Callable<Integer> {
    /* The lines of Maven's output worth showing while PIT works: a module starts, its mutants are made, a failure. */
    private static final Pattern PROGRESS =
            Pattern.compile("^\\[INFO\\] Building [0-9a-z]|>> Generated [0-9]+ mutations|BUILD FAILURE");

    private final Path root;

    @Option(
            names = "--min",
            paramLabel = "PCT",
            description = "exit with 1 when the score is below PCT percent (default: ${DEFAULT-VALUE})")
    int minimum = 85;

    @Option(
            names = "--classes",
            paramLabel = "GLOB",
            description = "mutate only these classes, a PIT glob such as 'workbook.threads.*' (default: all)")
    String classes;

    @Parameters(paramLabel = "MAVEN_ARGS", arity = "0..*", description = "further arguments for Maven")
    List<String> mavenArgs = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Mutants(Path root) {
        this.root = root;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (minimum < 0 || minimum > 100) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--min must be a percentage from 0 to 100, was " + minimum);
        }
        PrintWriter err = spec.commandLine().getErr();
        List<String> modules = new ArrayList<>(List.of("harness"));
        Lesson.discover().forEach(lesson -> modules.add(lesson.module()));
        modules.forEach(
                module -> ExerciseCheck.deleteRecursively(root.resolve(module).resolve("target/pit-reports")));
        Path log = root.resolve("target/mutants.log");
        err.println(
                "mutants: PIT on " + String.join(" ", modules) + "; Maven's whole output in " + root.relativize(log));
        err.flush();
        List<String> args = new ArrayList<>(List.of("-Pmutants", "-pl", String.join(",", modules), "verify"));
        if (classes != null) {
            args.add("-Dmutants.classes=" + classes);
        }
        args.addAll(mavenArgs);
        long started = System.nanoTime();
        if (Maven.logged(root, args, log, line -> PROGRESS.matcher(line).find(), err) != 0) {
            err.println("mutants: the Maven run failed; see " + root.relativize(log));
            return ExitCode.FAILED;
        }
        err.printf(
                "mutants: PIT took %d min; reports in MODULE/target/pit-reports/index.html%n",
                (System.nanoTime() - started) / 60_000_000_000L);
        return MutationScore.report(
                modules.stream()
                        .map(module -> root.resolve(module).resolve("target/pit-reports/mutations.xml"))
                        .filter(Files::isRegularFile)
                        .toList(),
                MutationScore.readEquivalents(root.resolve("docs/equivalent-mutants.md")),
                minimum,
                spec.commandLine().getOut());
    }
}
