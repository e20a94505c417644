package workbook.workshop;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import workbook.harness.Commands;
import workbook.harness.ExitCode;
import workbook.workshop.ExerciseGenerator.MarkerException;

/**
 * The workshop's commands, as subcommands of {@code ./workbook} (docs/workshop.md): doctor, check,
 * watch, hint, progress, reset and exercises. Each parses its own options with picocli and hands
 * the work to {@link Workshop}, {@link Watch} or {@link Hints}. A problem the workshop finds (a
 * lesson not built yet, an exercise whose markers break the rules) is its one-line message and
 * exit code 1; a lesson that is not there is bad input, exit code 2.
 */
public final class WorkshopCommands {
    private WorkshopCommands() {}

    /** Every workshop command, for the project whose root folder is {@code root}. */
    public static List<Object> all(Path root) {
        return List.of(
                new Doctor(root),
                new Check(root),
                new WatchCommand(root),
                new Hint(root),
                new Progress(root),
                new Reset(root),
                new ExercisesCommand(root));
    }

    /** What every workshop command has: the project's root, its streams, and one way to report a problem. */
    abstract static class WorkshopCommand implements Callable<Integer> {
        final Path root;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        WorkshopCommand(Path root) {
            this.root = root;
        }

        @Override
        public final Integer call() throws Exception {
            StopChildrenOnExit.install();
            try {
                return run(new Workshop(root, out(), spec.commandLine().getErr()));
            } catch (MarkerException | IllegalStateException | UncheckedIOException problem) {
                out().flush();
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + problem.getMessage());
                return ExitCode.FAILED;
            }
        }

        abstract int run(Workshop workshop) throws Exception;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** The lesson named on the command line; one that is not there is bad input. */
        LessonModule lesson(String name) {
            return Commands.input(spec, () -> LessonModule.find(root, name));
        }
    }

    /*
     * Ctrl-C during a check or a watch: the lesson's test JVM (and its cluster members) end too,
     * instead of running on without anyone to read them.
     */
    private static final class StopChildrenOnExit {
        private static boolean installed;

        static synchronized void install() {
            if (!installed) {
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(
                                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
                installed = true;
            }
        }
    }

    /** The options check and watch share: how the verdict is reached and what follows it. */
    static final class CheckOptions {
        @Option(names = "--no-timing", description = "after DONE, skip the timing of your code against the solution")
        boolean noTiming;

        @Option(
                names = "--case-timeout",
                paramLabel = "SECONDS",
                description = "a case running longer than this is looked at as a hang: where your threads wait, and in"
                        + " what (default: ${DEFAULT-VALUE}; 1 to 600)")
        double caseTimeoutSeconds = ExerciseCheck.DEFAULT_CASE_TIMEOUT.toSeconds();

        Workshop.CheckSettings settings(CommandLine.Model.CommandSpec spec, boolean all) {
            if (caseTimeoutSeconds < 1 || caseTimeoutSeconds > 600) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--case-timeout must be from 1 to 600 seconds, was " + caseTimeoutSeconds);
            }
            Workshop.CheckSettings settings = Workshop.CheckSettings.defaults()
                    .withTiming(!noTiming)
                    .withCaseTimeout(Duration.ofMillis(Math.round(caseTimeoutSeconds * 1000)));
            return all ? settings.everyCase() : settings;
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            header = "run lesson NN's tests on your code: DONE, or what fails, and what to do next",
            description = {
                "Compiles your exercise (NN-*/src/exercise/java laid over the solution) and runs the lesson's tests on"
                        + " it. The check stops after " + Workshop.FAILURES_SHOWN + " failing cases (--all runs"
                        + " every one). After DONE it runs the cases that check that the work runs on several"
                        + " threads at once (advice, not part of the verdict) and times your code against the"
                        + " solution and the baseline lesson (--no-timing skips the timing)."
            })
    static final class Check extends WorkshopCommand {
        @Parameters(paramLabel = "NN", description = "the lesson: 2, 02 or 02-threads-queue")
        String lesson;

        @Option(names = "--all", description = "run and list every failing case")
        boolean all;

        @CommandLine.Mixin
        CheckOptions options = new CheckOptions();

        Check(Path root) {
            super(root);
        }

        @Override
        int run(Workshop workshop) {
            Workshop.CheckSettings settings = options.settings(spec, all);
            return workshop.check(lesson(lesson), settings);
        }
    }

    @Command(
            name = "watch",
            mixinStandardHelpOptions = true,
            header = "check lesson NN now and again every time you save one of its exercise files",
            description = "Ctrl-C ends it.")
    static final class WatchCommand extends WorkshopCommand {
        @Parameters(paramLabel = "NN", description = "the lesson: 2, 02 or 02-threads-queue")
        String lesson;

        @CommandLine.Mixin
        CheckOptions options = new CheckOptions();

        WatchCommand(Path root) {
            super(root);
        }

        @Override
        int run(Workshop workshop) {
            LessonModule module = lesson(lesson);
            Workshop.CheckSettings settings = options.settings(spec, false);
            return Watch.run(module, () -> workshop.check(module, settings), out());
        }
    }

    @Command(
            name = "hint",
            mixinStandardHelpOptions = true,
            header = "the next hint for lesson NN, one more each time you ask")
    static final class Hint extends WorkshopCommand {
        @Parameters(paramLabel = "NN", description = "the lesson: 2, 02 or 02-threads-queue")
        String lesson;

        @Option(names = "--reset", description = "start the hints over")
        boolean reset;

        Hint(Path root) {
            super(root);
        }

        @Override
        int run(Workshop workshop) {
            return Hints.show(lesson(lesson), reset, out());
        }
    }

    @Command(
            name = "progress",
            mixinStandardHelpOptions = true,
            header = "every lesson: done, not started, or what is left")
    static final class Progress extends WorkshopCommand {
        Progress(Path root) {
            super(root);
        }

        @Override
        int run(Workshop workshop) {
            return workshop.progress();
        }
    }

    @Command(
            name = "reset",
            mixinStandardHelpOptions = true,
            header = "put lesson NN's exercise back as generated (your version is kept under target/)")
    static final class Reset extends WorkshopCommand {
        @Parameters(paramLabel = "NN", description = "the lesson: 2, 02 or 02-threads-queue")
        String lesson;

        Reset(Path root) {
            super(root);
        }

        @Override
        int run(Workshop workshop) {
            return workshop.reset(lesson(lesson));
        }
    }

    @Command(
            name = "doctor",
            mixinStandardHelpOptions = true,
            header = "the setup check: JDK 25, the build, the lessons, one trial check")
    static final class Doctor extends WorkshopCommand {
        Doctor(Path root) {
            super(root);
        }

        @Override
        int run(Workshop workshop) {
            return workshop.doctor();
        }
    }

    @Command(
            name = "exercises",
            mixinStandardHelpOptions = true,
            header = "regenerate every exercise from its solution (for maintainers)")
    static final class ExercisesCommand extends WorkshopCommand {
        ExercisesCommand(Path root) {
            super(root);
        }

        @Override
        int run(Workshop workshop) {
            return workshop.exercises();
        }
    }
}
