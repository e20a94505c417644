package workbook.workshop;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import workbook.harness.ExitCode;
import workbook.harness.Lesson;
import workbook.workshop.ExerciseCheck.Failure;
import workbook.workshop.ExerciseCheck.Result;
import workbook.workshop.ExerciseGenerator.GeneratedFile;
import workbook.workshop.ExerciseGenerator.MarkerException;

/**
 * What the workshop's commands do (their command lines are {@link WorkshopCommands}): generate the
 * exercises, check a learner's code and give the verdict, the advice and the speed debrief after
 * a DONE, show progress, reset an exercise, check the setup. Exit codes are the workbook's
 * ({@link ExitCode}): 0 done, 1 not done or a problem found.
 */
public final class Workshop {
    static final int FAILURES_SHOWN = 8;
    private static final Duration DEBRIEF_LIMIT = Duration.ofMinutes(3);

    private final Path root;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * How check and watch run: list every failing case, time a DONE, the per-case limit, after how
     * many failing cases the run stops (0: never; --all), which test classes run (a regex; null:
     * every one but the labs'), the whole run's backstop, and about how long one run of the
     * baseline takes in the speed debrief (the debrief's n is chosen for it; see {@link SpeedDebrief}).
     */
    record CheckSettings(
            boolean all,
            boolean timing,
            Duration caseTimeout,
            int maxFailures,
            String classes,
            Duration timeLimit,
            Duration debriefRun) {
        static CheckSettings defaults() {
            return new CheckSettings(
                    false,
                    true,
                    ExerciseCheck.DEFAULT_CASE_TIMEOUT,
                    FAILURES_SHOWN,
                    null,
                    ExerciseCheck.DEFAULT_TIME_LIMIT,
                    SpeedDebrief.TARGET_BASELINE_RUN);
        }

        /** As --all: every case runs, and every failure is listed. */
        CheckSettings everyCase() {
            return new CheckSettings(true, timing, caseTimeout, 0, classes, timeLimit, debriefRun);
        }

        CheckSettings withTiming(boolean on) {
            return new CheckSettings(all, on, caseTimeout, maxFailures, classes, timeLimit, debriefRun);
        }

        CheckSettings withCaseTimeout(Duration limit) {
            return new CheckSettings(all, timing, limit, maxFailures, classes, timeLimit, debriefRun);
        }

        CheckSettings withMaxFailures(int count) {
            return new CheckSettings(all, timing, caseTimeout, count, classes, timeLimit, debriefRun);
        }

        CheckSettings withClasses(String pattern) {
            return new CheckSettings(all, timing, caseTimeout, maxFailures, pattern, timeLimit, debriefRun);
        }

        CheckSettings withTimeLimit(Duration limit) {
            return new CheckSettings(all, timing, caseTimeout, maxFailures, classes, limit, debriefRun);
        }

        CheckSettings withDebriefRun(Duration run) {
            return new CheckSettings(all, timing, caseTimeout, maxFailures, classes, timeLimit, run);
        }
    }

    Workshop(Path root, PrintWriter out, PrintWriter err) {
        this.root = root;
        this.out = out;
        this.err = err;
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
                        Exercises.withGenerated(lesson, files),
                        lesson.testClasspath(),
                        lesson.workDir().resolve("generated/classes"),
                        Exercises.atSolution(lesson, files),
                        lesson.javacOptions());
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
            List<String> shape = new ArrayList<>(ExerciseShape.problems(lesson, files));
            shape.addAll(JbangSources.problems(lesson, files, lesson.workDir().resolve("generated/jbang")));
            if (!shape.isEmpty()) {
                out.println("    written, but the lesson's ExerciseTest (the build) refuses it as it is:");
                shape.forEach(problem -> out.println("      " + problem));
            }
        }
        if (!problems.isEmpty()) {
            out.flush();
            err.println("./workbook exercises: some exercises cannot be generated:");
            problems.forEach(problem -> problem.lines().forEach(line -> err.println("  " + line)));
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }

    int check(LessonModule lesson, CheckSettings settings) {
        if (!Files.isDirectory(lesson.exerciseSources())) {
            throw new IllegalStateException("lesson " + lesson.id() + " has no exercise yet ("
                    + lesson.shown(lesson.exerciseSources()) + "): run ./workbook exercises");
        }
        out.println("Checking lesson " + lesson.id() + " (" + lesson.name() + ") with your code in "
                + lesson.shown(lesson.exerciseSources()) + " ...");
        Result result = checkExercise(lesson, settings, lesson.workDir().resolve("check"));
        printVerdict(lesson, result, settings);
        if (result.done()) {
            // Advice, after the verdict and never changing it: first whether the work ran at once
            // (not a timing, so --no-timing keeps it), then the clock.
            boolean causeNamed = ParallelismAdvice.give(
                    lesson,
                    result,
                    ParallelismAdvice.learnerFiles(lesson),
                    settings.caseTimeout(),
                    SpeedAdvice.pitfallsLink(root.resolve("docs"), lesson.name()),
                    out);
            if (settings.timing()) {
                speedDebrief(lesson, result, causeNamed, settings);
            }
        }
        return result.done() ? ExitCode.OK : ExitCode.FAILED;
    }

    /** The participant's exercise files laid over the solution, checked. */
    static Result checkExercise(LessonModule lesson, CheckSettings settings, Path workDir) {
        Map<String, String> exercise = ExerciseCheck.read(lesson.exerciseSources());
        Map<String, String> learnerFiles = ParallelismAdvice.learnerFiles(lesson);
        ExerciseCheck.Options options = ExerciseCheck.Options.defaults()
                .withTimeLimit(settings.timeLimit())
                .withCaseTimeout(settings.caseTimeout())
                .withMaxFailures(settings.maxFailures())
                .withClasses(settings.classes());
        return ExerciseCheck.check(
                lesson,
                Exercises.overlay(ExerciseCheck.read(lesson.solutionSources()), exercise),
                Exercises.atExercise(lesson),
                workDir,
                options,
                learnerFiles);
    }

    /** The verdict a learner reads: what to do next, in a few lines. */
    void printVerdict(LessonModule lesson, Result result, CheckSettings settings) {
        boolean showAll = settings.all();
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
            case HUNG -> {
                ExerciseCheck.Hang hang = result.hang();
                out.println(name + ": not done: a case hangs.");
                out.println("  " + hang.test());
                out.printf(
                        Locale.ROOT,
                        "  was still running after %d s (the limit is %d s; --case-timeout changes it), so the check"
                                + " stopped there and looked at its threads:%n",
                        hang.millis() / 1000,
                        settings.caseTimeout().toSeconds());
                hang.diagnosis().forEach(line -> out.println("  " + line));
                out.println("  The full thread dump is in " + lesson.shown(result.log()) + ".");
                printFailures(out, lesson, result, showAll, "  Before it, ");
            }
            case TIMED_OUT ->
                out.println(name + ": not done: the tests were still running after " + spoken(settings.timeLimit())
                        + ", so they were stopped. Test output: " + lesson.shown(result.log()));
            case AT_TODO, NOT_DONE -> {
                if (result.stoppedEarly()) {
                    out.println(name + ": not done: " + cases(result.failures().size())
                            + ", and the check stopped there (./workbook check " + lesson.id()
                            + " --all runs every case).");
                } else {
                    out.println(name + ": not done: " + result.failures().size() + " of " + result.tests()
                            + (result.failures().size() == 1 ? " cases fails." : " cases fail."));
                }
                printFailures(out, lesson, result, showAll, "  ");
            }
        }
        out.println(Hints.offer(lesson));
    }

    private static void printFailures(
            PrintWriter out, LessonModule lesson, Result result, boolean showAll, String lead) {
        List<Failure> atTodo =
                result.failures().stream().filter(Failure::causedByStub).toList();
        List<Failure> others = result.failures().stream()
                .filter(failure -> !failure.causedByStub())
                .toList();
        if (result.state() == ExerciseCheck.State.HUNG && !result.failures().isEmpty()) {
            out.println(lead + result.failures().size() + " case"
                    + (result.failures().size() == 1 ? "" : "s") + " failed:");
        }
        if (!atTodo.isEmpty()) {
            out.println("  " + (atTodo.size() == result.failures().size() ? "All" : atTodo.size())
                    + " of them stop at a TODO that still throws:");
            todos(lesson).forEach(todo -> out.println("    " + todo));
        }
        List<Failure> shown =
                others.stream().limit(showAll ? Long.MAX_VALUE : FAILURES_SHOWN).toList();
        if (!atTodo.isEmpty() && !others.isEmpty()) {
            out.println("  Other failures:");
        }
        for (Failure failure : shown) {
            out.println("  FAIL " + failure.test());
            out.println("       " + abbreviated(failure.message()));
        }
        int hidden = others.size() - shown.size();
        if (hidden > 0) {
            out.println("  ... and " + hidden + " more (./workbook check " + lesson.id() + " --all lists them)");
        }
    }

    /** Where the exercise still throws: "file:line  what to write". */
    private static List<String> todos(LessonModule lesson) {
        List<String> todos = new ArrayList<>();
        String stub = "throw new UnsupportedOperationException(\"Lesson " + lesson.id() + ":";
        ExerciseCheck.read(lesson.exerciseSources()).forEach((path, text) -> {
            List<String> lines = text.lines().toList();
            int todoLine = -1;
            for (int index = 0; index < lines.size(); index++) {
                if (lines.get(index).contains("// TODO Lesson " + lesson.id() + ":")) {
                    todoLine = index;
                }
                if (lines.get(index).contains(stub)) {
                    String task = todoLine < 0
                            ? ""
                            : lines.get(todoLine).strip().replaceFirst("^// TODO Lesson [0-9]+: ", "");
                    int lineNumber = todoLine < 0 ? index + 1 : todoLine + 1;
                    todos.add("TODO " + lesson.shown(lesson.exerciseSources().resolve(path)) + ":" + lineNumber + "  "
                            + task);
                    todoLine = -1;
                }
            }
        });
        return todos;
    }

    /**
     * After DONE: the learner's strategy timed against the solution and the baseline in a JVM of its
     * own (see {@link SpeedDebrief}). Whatever happens here, the verdict stands.
     */
    void speedDebrief(LessonModule lesson, Result result, boolean causeNamed, CheckSettings settings) {
        Optional<String> notTimed = lesson.lesson().advice().untimedBecause();
        if (notTimed.isPresent()) {
            out.println("No speed debrief for lesson " + lesson.id() + ": " + notTimed.get() + ".");
            return;
        }
        Path solutionClasses = lesson.dir().resolve("target/classes");
        if (result.classes() == null || !Files.isDirectory(solutionClasses)) {
            out.println(
                    "No speed debrief: the solution's classes are not built (" + lesson.shown(solutionClasses) + ").");
            return;
        }
        out.println(
                "Timing your code against the solution and the baseline (a few seconds; --no-timing skips this) ...");
        List<String> lines = runDebrief(
                lesson,
                result.classes(),
                solutionClasses,
                lesson.workDir().resolve("speed"),
                causeNamed,
                settings.debriefRun());
        lines.forEach(out::println);
    }

    /** Runs the debrief JVM and returns the lines it printed, or one line saying why there are none. */
    List<String> runDebrief(
            LessonModule lesson,
            Path learnerClasses,
            Path solutionClasses,
            Path workDir,
            boolean causeNamed,
            Duration baselineRun) {
        String baseline = Lesson.baseline(Lesson.discover()).stream()
                .map(candidate -> new LessonModule(root, candidate).dir().resolve("target/classes"))
                .filter(Files::isDirectory)
                .map(Path::toString)
                .findFirst()
                .orElse("-");
        List<Path> classpath = new ArrayList<>();
        classpath.add(ExerciseCheck.codeSourceOf(SpeedDebrief.class));
        classpath.addAll(lesson.testClasspath());
        Path resources = lesson.dir().resolve("src/main/resources");
        String learner = learnerClasses + (Files.isDirectory(resources) ? java.io.File.pathSeparator + resources : "");
        List<String> learnerFiles = ExerciseCheck.read(lesson.exerciseSources()).keySet().stream()
                .filter(path -> path.endsWith(".java"))
                .toList();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ExerciseCheck.compilerTier());
        command.addAll(lesson.jvmOptions());
        command.addAll(List.of(
                "-cp",
                String.join(
                        java.io.File.pathSeparator,
                        classpath.stream().map(Path::toString).toList()),
                SpeedDebrief.class.getName(),
                lesson.id(),
                learner,
                solutionClasses.toString(),
                baseline,
                String.join(",", learnerFiles),
                SpeedAdvice.pitfallsLink(root.resolve("docs"), lesson.name())));
        command.addAll(List.of("--run-nanos", Long.toString(baselineRun.toNanos())));
        if (causeNamed) {
            command.add("--cause-named");
        }
        Path output = workDir.resolve("speed.txt");
        Path log = workDir.resolve("speed.log");
        try {
            Files.createDirectories(workDir);
            Process process = new ProcessBuilder(command)
                    .directory(lesson.dir().toFile())
                    .redirectOutput(output.toFile())
                    .redirectError(log.toFile())
                    .start();
            if (!process.waitFor(DEBRIEF_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return List.of("No speed debrief: the timing was still running after " + DEBRIEF_LIMIT.toMinutes()
                        + " minutes (see " + lesson.shown(log) + ").");
            }
            if (process.exitValue() != 0) {
                List<String> errors = Files.readAllLines(log, StandardCharsets.UTF_8);
                String first = errors.stream()
                        .filter(line -> !line.isBlank())
                        .findFirst()
                        .orElse("no message");
                return List.of("No speed debrief: " + first + " (see " + lesson.shown(log) + ").");
            }
            return Files.readAllLines(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("No speed debrief: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("No speed debrief: interrupted");
        }
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
                Result result = checkExercise(
                        lesson, CheckSettings.defaults(), lesson.workDir().resolve("check"));
                status = switch (result.state()) {
                    case DONE -> "done";
                    case DOES_NOT_COMPILE -> "started, does not compile yet";
                    case HUNG -> "started, a case hangs";
                    case TIMED_OUT -> "started, its tests run too long";
                    case AT_TODO, NOT_DONE ->
                        result.stoppedEarly()
                                ? "started, " + result.failures().size() + " or more cases fail"
                                : "started, " + result.failures().size() + " of " + result.tests() + " cases fail";
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
        return ExitCode.OK;
    }

    int reset(LessonModule lesson) {
        Map<String, GeneratedFile> generated = ExerciseGenerator.generate(lesson);
        if (Exercises.differences(lesson, generated).isEmpty()) {
            out.println("Lesson " + lesson.id() + ": the exercise is already as generated; nothing to reset.");
            return ExitCode.OK;
        }
        Optional<Path> backup = Exercises.write(lesson, generated);
        out.println("Lesson " + lesson.id() + ": " + lesson.shown(lesson.exerciseSources())
                + " is back to its generated state.");
        backup.ifPresent(copy -> out.println("Your previous version is saved in " + lesson.shown(copy)));
        return ExitCode.OK;
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
                    ExerciseCheck.Options.defaults().withTimeLimit(Duration.ofMinutes(3)),
                    Map.of());
            if (result.done()) {
                out.println("         all " + result.tests() + " cases pass");
            } else {
                problems.add("the checker does not pass lesson " + first.id() + "'s own solution (" + result.state()
                        + ")" + (result.log() == null ? "" : "; see " + first.shown(result.log())));
            }
        }
        if (problems.isEmpty()) {
            String first = lessons.getFirst().id();
            out.println("Everything is in place. Start with: ./workbook check " + first + " (or ./workbook watch "
                    + first + ")");
            return ExitCode.OK;
        }
        out.println("Not ready:");
        problems.forEach(problem -> out.println("  - " + problem));
        return ExitCode.FAILED;
    }

    /** "6 minutes", "1 minute", "45 s". */
    static String spoken(Duration duration) {
        long seconds = Math.max(1, Math.round(duration.toMillis() / 1000.0));
        if (seconds % 60 == 0) {
            long minutes = seconds / 60;
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        return seconds + " s";
    }

    private static String cases(int count) {
        return count == 1 ? "1 case fails" : count + " cases fail";
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String abbreviated(String message) {
        return message.length() <= 400 ? message : message.substring(0, 397) + "...";
    }
}
