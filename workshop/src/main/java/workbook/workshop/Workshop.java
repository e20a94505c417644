package workbook.workshop;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import workbook.workshop.ExerciseCheck.Failure;
import workbook.workshop.ExerciseCheck.Result;
import workbook.workshop.ExerciseGenerator.GeneratedFile;
import workbook.workshop.ExerciseGenerator.MarkerException;

/**
 * The workshop commands behind {@code ./workbook}:
 *
 * <pre>
 *   exercises        regenerate every lesson's src/exercise/java from its solution (maintainers)
 *   check NN [--all] run lesson NN's tests against the participant's exercise; say done or what fails
 *   progress         every lesson: done, not started, or what is left
 *   reset NN         put lesson NN's exercise back as generated (a copy of the old one is kept)
 *   doctor           the setup check participants run first
 * </pre>
 *
 * Exit codes: 0 done (or success), 1 not done (or a problem found), 2 bad input.
 */
public final class Workshop {
    static final int OK = 0;
    static final int NOT_DONE = 1;
    static final int BAD_INPUT = 2;
    private static final int FAILURES_SHOWN = 8;

    private final Path root;
    private final PrintStream out;

    Workshop(Path root, PrintStream out) {
        this.root = root;
        this.out = out;
    }

    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        Path root = Path.of("").toAbsolutePath();
        if (arguments.size() >= 2 && arguments.getFirst().equals("--root")) {
            root = Path.of(arguments.get(1)).toAbsolutePath().normalize();
            arguments = new ArrayList<>(arguments.subList(2, arguments.size()));
        }
        System.exit(new Workshop(root, System.out).run(arguments));
    }

    int run(List<String> arguments) {
        String command = arguments.isEmpty() ? "help" : arguments.getFirst();
        List<String> rest = arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size());
        try {
            return switch (command) {
                case "exercises" -> exercises();
                case "check" -> check(lessonArgument(command, rest), rest.contains("--all"));
                case "progress" -> progress();
                case "reset" -> reset(lessonArgument(command, rest));
                case "doctor" -> doctor();
                default -> {
                    System.err.println("workshop: unknown command '" + command
                            + "' (exercises, check NN, progress, reset NN, doctor)");
                    yield BAD_INPUT;
                }
            };
        } catch (IllegalArgumentException badInput) {
            System.err.println("workbook: " + badInput.getMessage());
            return BAD_INPUT;
        } catch (MarkerException | IllegalStateException | UncheckedIOException problem) {
            System.err.println("workbook: " + problem.getMessage());
            return NOT_DONE;
        }
    }

    private LessonModule lessonArgument(String command, List<String> rest) {
        List<String> positional =
                rest.stream().filter(argument -> !argument.startsWith("--")).toList();
        if (positional.size() != 1) {
            throw new IllegalArgumentException(
                    command + " needs one lesson number, for example: ./workbook " + command + " 02");
        }
        return LessonModule.find(root, positional.getFirst());
    }

    /**
     * Regenerates every lesson's exercise. A lesson is written only when its markers follow the
     * rules and its generated exercise compiles; the others are reported (file:line) and left as
     * they are, and the exit code says so.
     */
    int exercises() {
        List<String> problems = new ArrayList<>();
        for (LessonModule lesson : LessonModule.findAll(root)) {
            Map<String, GeneratedFile> files;
            try {
                files = ExerciseGenerator.generate(lesson);
                List<String> errors = ExerciseCheck.compile(
                        Exercises.texts(files),
                        lesson.testClasspath(),
                        lesson.workDir().resolve("generated/classes"),
                        Exercises.atSolution(lesson, files));
                if (!errors.isEmpty()) {
                    errors.forEach(error ->
                            problems.add(error + " (in the generated exercise, where the stub replaced the region)"));
                    out.printf(
                            Locale.ROOT,
                            "%s  %-20s NOT written: its generated exercise does not compile (below)%n",
                            lesson.id(),
                            lesson.name());
                    continue;
                }
            } catch (MarkerException e) {
                problems.add(e.getMessage());
                out.printf(
                        Locale.ROOT,
                        "%s  %-20s NOT written: its markers break the rules (below)%n",
                        lesson.id(),
                        lesson.name());
                continue;
            }
            int changed = Exercises.differences(lesson, files).size();
            Optional<Path> backup = Exercises.write(lesson, files);
            List<String> regions = files.values().stream()
                    .flatMap(file -> file.regions().stream())
                    .map(region -> fileName(region.file()) + ":" + region.beginLine())
                    .toList();
            out.printf(
                    Locale.ROOT,
                    "%s  %-20s %d region%s (%s) -> %s, %s%n",
                    lesson.id(),
                    lesson.name(),
                    regions.size(),
                    regions.size() == 1 ? "" : "s",
                    String.join(", ", regions),
                    lesson.shown(lesson.exerciseSources()),
                    changed == 0 ? "up to date" : changed + " file" + (changed == 1 ? "" : "s") + " written");
            backup.ifPresent(copy -> out.println("    the previous version is saved in " + lesson.shown(copy)));
        }
        if (!problems.isEmpty()) {
            System.err.println("workbook: some exercises cannot be generated:");
            problems.forEach(problem -> problem.lines().forEach(line -> System.err.println("  " + line)));
            return NOT_DONE;
        }
        return OK;
    }

    int check(LessonModule lesson, boolean showAll) {
        if (!Files.isDirectory(lesson.exerciseSources())) {
            throw new IllegalStateException("lesson " + lesson.id() + " has no exercise yet ("
                    + lesson.shown(lesson.exerciseSources()) + "): run ./workbook exercises");
        }
        out.println("Checking lesson " + lesson.id() + " (" + lesson.name() + ") with your code in "
                + lesson.shown(lesson.exerciseSources()) + " ...");
        Result result = ExerciseCheck.check(
                lesson,
                ExerciseCheck.read(lesson.exerciseSources()),
                Exercises.atExercise(lesson),
                lesson.workDir().resolve("check"),
                ExerciseCheck.DEFAULT_TIME_LIMIT);
        printVerdict(lesson, result, showAll);
        return result.done() ? OK : NOT_DONE;
    }

    private void printVerdict(LessonModule lesson, Result result, boolean showAll) {
        String name = "Lesson " + lesson.id() + " (" + lesson.name() + ")";
        switch (result.state()) {
            case DONE -> {
                out.println(name + ": DONE. All " + result.tests() + " cases pass.");
                return;
            }
            case DOES_NOT_COMPILE -> {
                out.println(name + ": not done: your code does not compile.");
                result.compileErrors().stream()
                        .limit(showAll ? Long.MAX_VALUE : FAILURES_SHOWN)
                        .forEach(error -> out.println("  " + error));
            }
            case TIMED_OUT ->
                out.println(name + ": not done: the tests were still running after "
                        + ExerciseCheck.DEFAULT_TIME_LIMIT.toMinutes()
                        + " minutes, so they were stopped. A thread is probably waiting"
                        + " for something that never comes (a take() nobody puts for, a join() on a thread that never ends)."
                        + " Test output: " + lesson.shown(result.log()));
            case AT_TODO, NOT_DONE -> {
                out.println(
                        name + ": not done: " + result.failures().size() + " of " + result.tests() + " cases fail.");
                List<Failure> atTodo =
                        result.failures().stream().filter(Failure::causedByStub).toList();
                if (!atTodo.isEmpty()) {
                    out.println("  " + (atTodo.size() == result.failures().size() ? "All" : atTodo.size())
                            + " of them stop at a TODO" + " that still throws:");
                    todos(lesson).forEach(todo -> out.println("    " + todo));
                }
                List<Failure> others = result.failures().stream()
                        .filter(failure -> !failure.causedByStub())
                        .toList();
                List<Failure> shown = others.stream()
                        .limit(showAll ? Long.MAX_VALUE : FAILURES_SHOWN)
                        .toList();
                if (!atTodo.isEmpty() && !others.isEmpty()) {
                    out.println("  Other failures:");
                }
                for (Failure failure : shown) {
                    out.println("  FAIL " + failure.test());
                    out.println("       " + abbreviated(failure.message()));
                }
                int hidden = others.size() - shown.size();
                if (hidden > 0) {
                    out.println(
                            "  ... and " + hidden + " more (./workbook check " + lesson.id() + " --all lists them)");
                }
            }
        }
        out.println("Hints, from a nudge to nearly the answer: " + lesson.hintLink());
    }

    /** Where the exercise still throws: "file:line  what to write". */
    private List<String> todos(LessonModule lesson) {
        List<String> todos = new ArrayList<>();
        String stub = "throw new UnsupportedOperationException(\"Lesson " + lesson.id() + ":";
        ExerciseCheck.read(lesson.exerciseSources()).forEach((path, text) -> {
            List<String> lines = text.lines().toList();
            for (int index = 0; index < lines.size(); index++) {
                if (lines.get(index).contains(stub)) {
                    boolean commented = index > 0 && lines.get(index - 1).contains("// TODO");
                    String task =
                            commented ? lines.get(index - 1).strip().replaceFirst("^// TODO Lesson [0-9]+: ", "") : "";
                    int lineNumber = commented ? index : index + 1;
                    todos.add("TODO " + lesson.shown(lesson.exerciseSources().resolve(path)) + ":" + lineNumber + "  "
                            + task);
                }
            }
        });
        return todos;
    }

    int progress() {
        int done = 0;
        List<LessonModule> lessons = LessonModule.findAll(root);
        for (LessonModule lesson : lessons) {
            String status;
            Map<String, GeneratedFile> generated;
            try {
                generated = ExerciseGenerator.generate(lesson);
            } catch (MarkerException e) {
                out.printf(
                        Locale.ROOT,
                        "%s  %-20s no exercise (its solution's markers are broken: ./workbook exercises says why)%n",
                        lesson.id(),
                        lesson.name());
                continue;
            }
            if (!Files.isDirectory(lesson.exerciseSources())) {
                status = "no exercise yet (./workbook exercises)";
            } else if (Exercises.differences(lesson, generated).isEmpty()) {
                status = "not started (" + lesson.hintLink() + ")";
            } else {
                Result result = ExerciseCheck.check(
                        lesson,
                        ExerciseCheck.read(lesson.exerciseSources()),
                        Exercises.atExercise(lesson),
                        lesson.workDir().resolve("check"),
                        ExerciseCheck.DEFAULT_TIME_LIMIT);
                status = switch (result.state()) {
                    case DONE -> "done";
                    case DOES_NOT_COMPILE -> "started, does not compile yet";
                    case TIMED_OUT -> "started, its tests hang";
                    case AT_TODO, NOT_DONE ->
                        "started, " + result.failures().size() + " of " + result.tests() + " cases fail";
                };
                if (result.done()) {
                    done++;
                } else {
                    status += " (./workbook check " + lesson.id() + ")";
                }
            }
            out.printf(Locale.ROOT, "%s  %-20s %s%n", lesson.id(), lesson.name(), status);
        }
        out.println(done + " of " + lessons.size() + " lessons done.");
        return OK;
    }

    int reset(LessonModule lesson) {
        Map<String, GeneratedFile> generated = ExerciseGenerator.generate(lesson);
        if (Exercises.differences(lesson, generated).isEmpty()) {
            out.println("Lesson " + lesson.id() + ": the exercise is already as generated; nothing to reset.");
            return OK;
        }
        Optional<Path> backup = Exercises.write(lesson, generated);
        out.println("Lesson " + lesson.id() + ": " + lesson.shown(lesson.exerciseSources())
                + " is back to its generated state.");
        backup.ifPresent(copy -> out.println("Your previous version is saved in " + lesson.shown(copy)));
        return OK;
    }

    /** The setup check: JDK 25 with javac, the lessons and their exercises, and one real check of a solution. */
    int doctor() {
        List<String> problems = new ArrayList<>();
        Runtime.Version version = Runtime.version();
        out.println("Java:    " + version + " (" + System.getProperty("java.vendor") + ") in "
                + System.getProperty("java.home"));
        if (version.feature() < 25) {
            problems.add("Java " + version.feature() + " is too old: install a JDK 25 (Temurin 25, for example)");
        }
        if (javax.tools.ToolProvider.getSystemJavaCompiler() == null) {
            problems.add("no javac: install a full JDK 25, not a JRE");
        }
        out.println("Cores:   " + Runtime.getRuntime().availableProcessors());
        List<LessonModule> lessons = LessonModule.findAll(root);
        for (LessonModule lesson : lessons) {
            String status;
            try {
                List<String> differences = Exercises.differences(lesson, ExerciseGenerator.generate(lesson));
                status = !Files.isDirectory(lesson.exerciseSources())
                        ? "exercise missing"
                        : differences.isEmpty()
                                ? "exercise ready"
                                : "exercise ready, with your changes in " + differences.size() + " file(s)";
                if (!Files.isDirectory(lesson.exerciseSources())) {
                    problems.add("lesson " + lesson.id() + " has no exercise: run ./workbook exercises");
                }
                lesson.testClasspath();
            } catch (MarkerException | IllegalStateException e) {
                status = "problem";
                problems.add(e.getMessage());
            }
            out.printf(Locale.ROOT, "Lesson %s  %-20s %s%n", lesson.id(), lesson.name(), status);
        }
        if (lessons.isEmpty()) {
            problems.add("no lesson folders (NN-name with src/main/java) under " + root);
        } else if (problems.isEmpty()) {
            // One real run of the checker, on a solution: proves compiler, test run and verdict work here.
            LessonModule first = lessons.getFirst();
            out.println("Checking lesson " + first.id() + "'s solution the way ./workbook check checks your code ...");
            Result result = ExerciseCheck.check(
                    first,
                    ExerciseCheck.read(first.solutionSources()),
                    (path, line) -> first.shown(first.solutionSources().resolve(path)) + ":" + line,
                    first.workDir().resolve("doctor"),
                    Duration.ofMinutes(3));
            if (result.done()) {
                out.println("         all " + result.tests() + " cases pass");
            } else {
                problems.add("the checker does not pass lesson " + first.id() + "'s own solution (" + result.state()
                        + ")" + (result.log() == null ? "" : "; see " + first.shown(result.log())));
            }
        }
        if (problems.isEmpty()) {
            out.println("Everything is in place. Start with: ./workbook check 01");
            return OK;
        }
        out.println("Not ready:");
        problems.forEach(problem -> out.println("  - " + problem));
        return NOT_DONE;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String abbreviated(String message) {
        return message.length() <= 400 ? message : message.substring(0, 397) + "...";
    }
}
