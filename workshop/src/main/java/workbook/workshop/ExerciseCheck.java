package workbook.workshop;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Checks a version of a lesson's sources (the solution with the participant's exercise files laid
 * over it, with a freshly generated stub laid over it, or the solution alone) against the lesson's
 * own tests, the same way every time:
 *
 * <ol>
 *   <li>compile the sources with javac (javax.tools) against the lesson's test class path, into a
 *       folder of their own, so the solution's target/classes is never touched;
 *   <li>run the lesson's compiled tests in a fresh JVM (the lesson's jvm.options, a time limit)
 *       whose class path has those classes where the solution's would be, plus the lesson's
 *       resources (its META-INF/services registration); a watch in that JVM gives every case a
 *       limit and explains the first one that hangs (see {@link HangWatch});
 *   <li>read back every case that failed, whether the stub's own exception caused it, and the
 *       hang, if there was one.
 * </ol>
 *
 * <p>The verdict's run leaves out the tests tagged {@value LessonTests#PARALLELISM} (whether work
 * ran at the same time is speed, not the answer); {@link #rerun} runs only those, on the classes
 * the verdict's run compiled, for the advice after a DONE ({@link ParallelismAdvice}).
 *
 * No Maven run, no installed harness: {@code ./workbook check} and the CI test use this same
 * code, so what CI proves about the exercises is what participants see.
 */
public final class ExerciseCheck {

    /** The whole run's backstop; a hang is caught much sooner, case by case (see {@link #DEFAULT_CASE_TIMEOUT}). */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofMinutes(6);

    /** How long one case may run before the check looks for a hang in the learner's code. */
    public static final Duration DEFAULT_CASE_TIMEOUT = Duration.ofSeconds(10);

    private ExerciseCheck() {}

    /**
     * DONE: every case passes. AT_TODO: some case still reaches a stub's throw. NOT_DONE: cases
     * fail, none of them at a stub. HUNG: a case ran past its limit with the learner's code on a
     * thread's stack (or past the hard limit); the run ended there. TIMED_OUT: the whole run passed
     * the backstop.
     */
    public enum State {
        DONE,
        AT_TODO,
        NOT_DONE,
        DOES_NOT_COMPILE,
        HUNG,
        TIMED_OUT
    }

    /** One failed case: its display path ("FooTest > contract > 2 workers > n=1 ...") and first message. */
    public record Failure(String test, String message, boolean causedByStub) {}

    /** The case that hung, how long it had run, what the thread dump says, and the dump itself. */
    public record Hang(String test, long millis, List<String> diagnosis, Path dump) {}

    /**
     * What a check found. {@code stoppedEarly}: the run ended at its failure limit, so not every
     * case ran. {@code classes}: where the checked sources were compiled (null when they were not).
     */
    public record Result(
            State state,
            int tests,
            List<Failure> failures,
            List<String> compileErrors,
            Path log,
            boolean stoppedEarly,
            Hang hang,
            Path classes) {
        public boolean done() {
            return state == State.DONE;
        }
    }

    /**
     * How a check runs: the whole run's backstop, the per-case limit of the hang watch (zero: no
     * watch), whether to end at the first failure a stub caused (CI), after how many other
     * failures to end (0: never), which test classes to run (a regex; null: all but the labs'),
     * and which tests: the verdict's (every test but those tagged {@value LessonTests#PARALLELISM})
     * or, with {@code parallelism}, only those tagged so (the advice after a DONE).
     */
    public record Options(
            Duration timeLimit,
            Duration caseTimeout,
            boolean stopAtTodo,
            int maxFailures,
            String classes,
            boolean parallelism) {
        public static Options defaults() {
            return new Options(DEFAULT_TIME_LIMIT, DEFAULT_CASE_TIMEOUT, false, 0, null, false);
        }

        public Options withCaseTimeout(Duration limit) {
            return new Options(timeLimit, limit, stopAtTodo, maxFailures, classes, parallelism);
        }

        public Options withTimeLimit(Duration limit) {
            return new Options(limit, caseTimeout, stopAtTodo, maxFailures, classes, parallelism);
        }

        public Options stoppingAtTodo() {
            return new Options(timeLimit, caseTimeout, true, maxFailures, classes, parallelism);
        }

        public Options withMaxFailures(int count) {
            return new Options(timeLimit, caseTimeout, stopAtTodo, count, classes, parallelism);
        }

        public Options withClasses(String pattern) {
            return new Options(timeLimit, caseTimeout, stopAtTodo, maxFailures, pattern, parallelism);
        }

        /** Only the tests tagged {@value LessonTests#PARALLELISM}, every one of them. */
        public Options parallelismOnly() {
            return new Options(timeLimit, caseTimeout, false, 0, classes, true);
        }
    }

    /** Says where a compiler message belongs: (path relative to the source root, line) to "file:line". */
    @FunctionalInterface
    public interface Locator {
        String locate(String path, long line);
    }

    /**
     * Compiles {@code sources} (path relative to the source root, text: the lesson's whole source
     * set) and runs the lesson's tests against them; {@code workDir} receives the classes, the
     * results and the test log. {@code learnerFiles} (path to how it is shown) are the files whose
     * frames a hang diagnosis looks for.
     */
    public static Result check(
            LessonModule lesson,
            Map<String, String> sources,
            Locator locator,
            Path workDir,
            Options options,
            Map<String, String> learnerFiles) {
        List<Path> classpath = lesson.testClasspath();
        Path classes = workDir.resolve("classes");
        List<String> errors = compile(sources, classpath, classes, locator, lesson.javacOptions());
        if (!errors.isEmpty()) {
            return new Result(State.DOES_NOT_COMPILE, 0, List.of(), errors, null, false, null, null);
        }
        return runTests(lesson, classes, classpath, workDir, options, learnerFiles);
    }

    /**
     * Runs the lesson's tests again on classes an earlier {@link #check} compiled (its
     * {@link Result#classes()}): how the parallelism tests run after a DONE, without compiling twice.
     */
    public static Result rerun(
            LessonModule lesson, Path classes, Path workDir, Options options, Map<String, String> learnerFiles) {
        return runTests(lesson, classes, lesson.testClasspath(), workDir, options, learnerFiles);
    }

    /** The files of a source folder, by path relative to it, as {@link #check} takes them. */
    public static Map<String, String> read(Path sourceRoot) {
        Map<String, String> sources = new TreeMap<>();
        if (!Files.isDirectory(sourceRoot)) {
            return sources;
        }
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                sources.put(
                        sourceRoot.relativize(file).toString().replace(File.separatorChar, '/'),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sourceRoot, e);
        }
        return sources;
    }

    /** Compiles the .java files among {@code sources} into {@code classes}; returns javac's errors, located. */
    public static List<String> compile(
            Map<String, String> sources, List<Path> classpath, Path classes, Locator locator) {
        return compile(sources, classpath, classes, locator, List.of());
    }

    /** The same, with options for javac beyond the usual ones (a lesson's --add-modules, say). */
    public static List<String> compile(
            Map<String, String> sources, List<Path> classpath, Path classes, Locator locator, List<String> extra) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home")
                    + ": the workshop needs a JDK 25, not a JRE");
        }
        deleteRecursively(classes);
        try {
            Files.createDirectories(classes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((path, text) -> {
            if (path.endsWith(".java")) {
                units.add(new InMemorySource(path, text));
            }
        });
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = new ArrayList<>(List.of(
                "-d",
                classes.toString(),
                "-classpath",
                joined(classpath),
                "-proc:none",
                "-encoding",
                "UTF-8",
                "-g",
                "-nowarn",
                "-Xlint:none"));
        options.addAll(extra);
        try (StandardJavaFileManager files =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean compiled = javac.getTask(null, files, diagnostics, options, null, units)
                    .call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
                if (diagnostic.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                String where = diagnostic.getSource() instanceof InMemorySource source
                        ? locator.locate(source.path, diagnostic.getLineNumber())
                        : "javac";
                errors.add(where + ": "
                        + diagnostic.getMessage(Locale.ROOT).lines().findFirst().orElse(""));
            }
            if (!compiled && errors.isEmpty()) {
                errors.add("javac failed without saying why");
            }
            return errors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result runTests(
            LessonModule lesson,
            Path classes,
            List<Path> lessonClasspath,
            Path workDir,
            Options options,
            Map<String, String> learnerFiles) {
        Path results = workDir.resolve("results.txt");
        Path log = workDir.resolve("test-output.log");
        Path learnerList = workDir.resolve("learner-files.txt");
        List<Path> classpath = new ArrayList<>();
        classpath.add(classes);
        Path resources = lesson.dir().resolve("src/main/resources");
        if (Files.isDirectory(resources)) {
            classpath.add(resources);
        }
        classpath.add(lesson.testClasses());
        classpath.addAll(lessonClasspath);
        // The checker's own code and what it needs in that JVM: the JUnit launcher, and the JSON
        // reader of the hang diagnosis, picocli for its arguments (a lesson's class path need not have them).
        classpath.add(codeSourceOf(LessonTests.class));
        classpath.add(codeSourceOf(LauncherFactory.class));
        classpath.add(codeSourceOf(JSON.class));
        classpath.add(codeSourceOf(JsonFactory.class));
        classpath.add(codeSourceOf(picocli.CommandLine.class));

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xss1m"); // as the parent pom's surefire argLine
        command.addAll(compilerTier());
        command.addAll(lesson.jvmOptions());
        command.addAll(List.of(
                "-cp",
                joined(classpath),
                LessonTests.class.getName(),
                realPath(lesson.testClasses()).toString(), // JUnit's class path scan does not enter a link
                results.toString(),
                "Hint: " + lesson.hintLink()));
        if (options.stopAtTodo()) {
            command.add("--stop-at-todo");
        }
        if (options.maxFailures() > 0) {
            command.addAll(List.of("--max-failures", Integer.toString(options.maxFailures())));
        }
        if (!options.caseTimeout().isZero()) {
            command.addAll(List.of(
                    "--case-timeout-ms", Long.toString(options.caseTimeout().toMillis())));
        }
        if (options.classes() != null) {
            command.addAll(List.of("--classes", options.classes()));
        }
        if (options.parallelism()) {
            command.add("--parallelism");
        }
        try {
            Files.createDirectories(workDir);
            List<String> learnerLines = new ArrayList<>();
            learnerFiles.forEach((path, shown) -> learnerLines.add(path + "\t" + shown));
            Files.write(learnerList, learnerLines, StandardCharsets.UTF_8);
            command.addAll(List.of("--learner-files", learnerList.toString()));
            Files.deleteIfExists(results);
            Process process = new ProcessBuilder(command)
                    .directory(lesson.dir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(options.timeLimit().toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Result(State.TIMED_OUT, 0, List.of(), List.of(), log, false, null, classes);
            }
            if (!Files.isRegularFile(results)) {
                throw new IllegalStateException("the test run of lesson " + lesson.id()
                        + " ended without results (exit " + process.exitValue() + "); see " + lesson.shown(log));
            }
            return parse(Files.readAllLines(results, StandardCharsets.UTF_8), log, classes, options.parallelism());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while lesson " + lesson.id() + "'s tests ran", e);
        }
    }

    /** {@code mayBeEmpty}: a run that found no test is a pass (a lesson without parallelism tests). */
    private static Result parse(List<String> lines, Path log, Path classes, boolean mayBeEmpty) {
        int tests = 0;
        List<Failure> failures = new ArrayList<>();
        boolean stopped = false;
        String hungTest = null;
        long hungMillis = 0;
        Path dump = null;
        List<String> diagnosis = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("TESTS ")) {
                tests = Integer.parseInt(line.substring("TESTS ".length()).strip());
            } else if (line.startsWith("FAIL\t")) {
                String[] fields = line.split("\t", 4);
                failures.add(new Failure(fields[2], fields.length > 3 ? fields[3] : "", fields[1].equals("stub")));
            } else if (line.equals("STOPPED")) {
                stopped = true;
            } else if (line.startsWith("HUNG\t")) {
                String[] fields = line.split("\t", 3);
                hungTest = fields[1];
                hungMillis = Long.parseLong(fields[2].strip());
            } else if (line.startsWith("DUMP\t")) {
                dump = Path.of(line.substring("DUMP\t".length()));
            } else if (line.startsWith("DIAG\t")) {
                diagnosis.add(line.substring("DIAG\t".length()));
            }
        }
        Hang hang = hungTest == null ? null : new Hang(hungTest, hungMillis, List.copyOf(diagnosis), dump);
        State state;
        if (hang != null) {
            state = State.HUNG;
        } else if (tests == 0 && failures.isEmpty() && !mayBeEmpty) {
            throw new IllegalStateException("no tests found: is the lesson built? (see " + log + ")");
        } else if (failures.isEmpty()) {
            state = State.DONE;
        } else if (failures.stream().anyMatch(Failure::causedByStub)) {
            state = State.AT_TODO;
        } else {
            state = State.NOT_DONE;
        }
        return new Result(state, tests, List.copyOf(failures), List.of(), log, stopped, hang, classes);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    /**
     * The JIT compiler tier this JVM was limited to, if it was, for the JVMs a check starts: a
     * test JVM that runs on the quick compiler alone (the build's tests do) checks exercises on
     * it too; {@code ./workbook check} runs with the full JIT, and so do its checks.
     */
    static List<String> compilerTier() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-XX:TieredStopAtLevel="))
                .toList();
    }

    static Path codeSourceOf(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String joined(List<Path> paths) {
        return String.join(
                File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    /** Deletes {@code folder} and everything in it; nothing when it does not exist. */
    public static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }

    /** A source file held as text; its path is what a compiler message is located by. */
    private static final class InMemorySource extends SimpleJavaFileObject {
        private final String path;
        private final String text;

        InMemorySource(String path, String text) {
            super(URI.create("string:///" + path), Kind.SOURCE);
            this.path = path;
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
