package workbook.workshop;

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
 * Checks a version of a lesson's sources (the participant's exercise, a freshly generated stub,
 * or the solution itself) against the lesson's own tests, the same way every time:
 *
 * <ol>
 *   <li>compile the sources with javac (javax.tools) against the lesson's test class path, into a
 *       folder of their own, so the solution's target/classes is never touched;
 *   <li>run the lesson's compiled tests in a fresh JVM (the lesson's jvm.options, a time limit)
 *       whose class path has those classes where the solution's would be, plus the lesson's
 *       resources (its META-INF/services registration);
 *   <li>read back every case that failed, and whether the stub's own exception caused it.
 * </ol>
 *
 * No Maven run, no installed harness: {@code ./workbook check} and the CI test use this same
 * code, so what CI proves about the exercises is what participants see.
 */
public final class ExerciseCheck {

    /** Generous: a lesson's tests take seconds; a participant's deadlock must not take the afternoon. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofMinutes(6);

    private ExerciseCheck() {}

    /**
     * DONE: every case passes. AT_TODO: some case still reaches a stub's throw. NOT_DONE: cases
     * fail, none of them at a stub.
     */
    public enum State {
        DONE,
        AT_TODO,
        NOT_DONE,
        DOES_NOT_COMPILE,
        TIMED_OUT
    }

    /** One failed case: its display path ("FooTest > contract() > 2 workers > n=1 ...") and first message. */
    public record Failure(String test, String message, boolean causedByStub) {}

    public record Result(State state, int tests, List<Failure> failures, List<String> compileErrors, Path log) {
        public boolean done() {
            return state == State.DONE;
        }
    }

    /** Says where a compiler message belongs: (path relative to the source root, line) to "file:line". */
    @FunctionalInterface
    public interface Locator {
        String locate(String path, long line);
    }

    /**
     * Compiles {@code sources} (path relative to the source root, text) and runs the lesson's
     * tests against them; {@code workDir} receives the classes, the results and the test log.
     */
    public static Result check(
            LessonModule lesson, Map<String, String> sources, Locator locator, Path workDir, Duration timeLimit) {
        return check(lesson, sources, locator, workDir, timeLimit, false);
    }

    /**
     * As {@link #check(LessonModule, Map, Locator, Path, Duration)}; with {@code stopAtTodo} the
     * run ends at the first failure a stub caused (enough for CI to know the stub fails).
     */
    public static Result check(
            LessonModule lesson,
            Map<String, String> sources,
            Locator locator,
            Path workDir,
            Duration timeLimit,
            boolean stopAtTodo) {
        List<Path> classpath = lesson.testClasspath();
        Path classes = workDir.resolve("classes");
        List<String> errors = compile(sources, classpath, classes, locator);
        if (!errors.isEmpty()) {
            return new Result(State.DOES_NOT_COMPILE, 0, List.of(), errors, null);
        }
        return runTests(lesson, classes, classpath, workDir, timeLimit, stopAtTodo);
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
        List<String> options = List.of(
                "-d",
                classes.toString(),
                "-classpath",
                joined(classpath),
                "-proc:none",
                "-encoding",
                "UTF-8",
                "-g",
                "-nowarn",
                "-Xlint:none");
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
            Duration timeLimit,
            boolean stopAtTodo) {
        Path results = workDir.resolve("results.txt");
        Path log = workDir.resolve("test-output.log");
        List<Path> classpath = new ArrayList<>();
        classpath.add(classes);
        Path resources = lesson.dir().resolve("src/main/resources");
        if (Files.isDirectory(resources)) {
            classpath.add(resources);
        }
        classpath.add(lesson.testClasses());
        classpath.addAll(lessonClasspath);
        classpath.add(codeSource(LessonTests.class));
        classpath.add(codeSource(LauncherFactory.class));

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xss1m"); // as the parent pom's surefire argLine
        command.addAll(lesson.jvmOptions());
        command.addAll(List.of(
                "-cp",
                joined(classpath),
                LessonTests.class.getName(),
                lesson.testClasses().toString(),
                results.toString(),
                "Hint: " + lesson.hintLink()));
        if (stopAtTodo) {
            command.add("--stop-at-todo");
        }
        try {
            Files.deleteIfExists(results);
            Process process = new ProcessBuilder(command)
                    .directory(lesson.dir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Result(State.TIMED_OUT, 0, List.of(), List.of(), log);
            }
            if (!Files.isRegularFile(results)) {
                throw new IllegalStateException("the test run of lesson " + lesson.id()
                        + " ended without results (exit " + process.exitValue() + "); see " + lesson.shown(log));
            }
            return parse(Files.readAllLines(results, StandardCharsets.UTF_8), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while lesson " + lesson.id() + "'s tests ran", e);
        }
    }

    private static Result parse(List<String> lines, Path log) {
        int tests = 0;
        List<Failure> failures = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("TESTS ")) {
                tests = Integer.parseInt(line.substring("TESTS ".length()).strip());
            } else if (line.startsWith("FAIL\t")) {
                String[] fields = line.split("\t", 4);
                failures.add(new Failure(fields[2], fields.length > 3 ? fields[3] : "", fields[1].equals("stub")));
            }
        }
        State state;
        if (tests == 0 && failures.isEmpty()) {
            throw new IllegalStateException("no tests found: is the lesson built? (see " + log + ")");
        } else if (failures.isEmpty()) {
            state = State.DONE;
        } else if (failures.stream().anyMatch(Failure::causedByStub)) {
            state = State.AT_TODO;
        } else {
            state = State.NOT_DONE;
        }
        return new Result(state, tests, List.copyOf(failures), List.of(), log);
    }

    private static Path codeSource(Class<?> type) {
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

    static void deleteRecursively(Path folder) {
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
