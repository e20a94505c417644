package workbook.workshop;

import static org.junit.platform.engine.discovery.ClassNameFilter.excludeClassNamePatterns;
import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import workbook.workshop.HangDiagnosis.LearnerFiles;

/**
 * Runs one lesson's tests and writes what happened to a small text file. The checker starts it in
 * a JVM of its own, with the exercise's classes where the solution's would be, so that a
 * participant's runaway threads, the lesson's JVM options and its libraries stay out of the
 * checker's way.
 *
 * <p>Arguments: the lesson's test classes folder, the results file, the text every stub's
 * message ends with (so a failure the stub caused can be told from any other), then options:
 * <ul>
 *   <li>{@code --stop-at-todo}: end at the first failure the stub caused (CI only needs one, and a
 *       cluster lesson's full run takes a minute);
 *   <li>{@code --max-failures N}: end after N failures the stub did not cause (0: never);
 *   <li>{@code --case-timeout-ms N}: the per-case limit of the hang watch (0: no watch);
 *   <li>{@code --learner-files FILE}: the learner's files, one "path TAB shown path" a line, whose
 *       frames the hang diagnosis looks for;
 *   <li>{@code --classes REGEX}: run only the test classes whose name matches (default: what
 *       surefire runs, less the test classes of the lesson's labs, package {@code *.lab});
 *   <li>{@code --parallelism}: run only the tests tagged {@value #PARALLELISM} (without it, they
 *       are left out: they decide advice, never the verdict).
 * </ul>
 * The tests tagged {@value #EXERCISE_PROOF} never run here, whatever the options: they are the
 * lesson's proof of its own exercise, which runs this very checker.
 * Results file: {@code TESTS n}, then one {@code FAIL<tab>stub|other<tab>test path<tab>message}
 * line per failure, then {@code STOPPED} when the run ended at its failure limit, or
 * {@code HUNG<tab>test path<tab>millis}, {@code DUMP<tab>file} and {@code DIAG<tab>line} lines when
 * a case hung.
 */
public final class LessonTests {
    /** The classes surefire runs by default: Test*, *Test, *Tests, *TestCase. */
    static final String SUREFIRE_CLASSES = "^(.*\\.)?(Test[^.]*|[^.]*Tests?|[^.]*TestCase)$";
    /** The tests of a lesson's labs (package workbook.PKG.lab) check measurements, not the learner's code. */
    static final String LAB_CLASSES = "^(.*\\.)?lab\\.[^.]*$";

    static final String SEPARATE_JVMS = "separate-jvms";

    /**
     * Tests that check that work runs at the same time on several threads (lesson 04's halves on
     * two threads at once, say): a property of speed, not of the answer. A check's verdict leaves
     * them out; after a DONE they run again on their own, and a failure is advice (the build runs
     * them like any other test).
     */
    public static final String PARALLELISM = "parallelism";

    /**
     * The lesson's proof of its own exercise (its {@code ExerciseTest}: the stub fails at its TODO,
     * the slips get their verdicts), which checks exercises with this very checker. A check leaves
     * it out, or every check would start checks of its own.
     */
    public static final String EXERCISE_PROOF = "exercise-proof";

    /** Set (to "true") in the JVM this class runs the lesson's tests in, for the code that must know. */
    public static final String CHECKING = "workbook.workshop.checking";
    /** When no learner code is on any stack, a case may wait this long before it counts as hung. */
    static final Duration HARD_LIMIT = Duration.ofSeconds(90);

    private LessonTests() {}

    /** What ExerciseCheck passes to this JVM (parsed by picocli, as every command line here). */
    @Command(name = "lesson-tests")
    static final class Arguments {
        @Parameters(index = "0", description = "the lesson's test classes")
        Path testClasses;

        @Parameters(index = "1", description = "the file the results are written to")
        Path results;

        @Parameters(index = "2", description = "the line a failure at a TODO ends with")
        String stubMark;

        @Option(names = "--stop-at-todo")
        boolean stopAtTodo;

        @Option(names = "--max-failures")
        int maxFailures;

        @Option(names = "--case-timeout-ms")
        long caseTimeoutMillis;

        @Option(names = "--learner-files", description = "the learner's files: one path, a tab, how to show it")
        Path learnerFiles;

        @Option(names = "--classes")
        String classes;

        @Option(names = "--parallelism")
        boolean parallelism;
    }

    public static void main(String[] args) throws IOException {
        System.setProperty(CHECKING, "true");
        Arguments arguments = CommandLine.populateCommand(new Arguments(), args);
        Map<String, String> learnerFiles = new LinkedHashMap<>();
        if (arguments.learnerFiles != null) {
            for (String line : Files.readAllLines(arguments.learnerFiles, StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t", 2);
                if (fields.length == 2) {
                    learnerFiles.put(fields[0], fields[1]);
                }
            }
        }
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClasspathRoots(Set.of(arguments.testClasses)));
        if (arguments.classes != null) {
            request.filters(includeClassNamePatterns(arguments.classes));
        } else {
            // Labs measure; tests tagged separate-jvms start member JVMs of their own (lesson 06's stock
            // member and hosts): both are the build's business, not a learner's check.
            request.filters(
                    includeClassNamePatterns(SUREFIRE_CLASSES),
                    excludeClassNamePatterns(LAB_CLASSES),
                    TagFilter.excludeTags(SEPARATE_JVMS));
        }
        // The verdict is about the answer; whether the work ran at once is advice, asked for separately.
        request.filters(
                arguments.parallelism ? TagFilter.includeTags(PARALLELISM) : TagFilter.excludeTags(PARALLELISM));
        request.filters(TagFilter.excludeTags(EXERCISE_PROOF));
        LauncherDiscoveryRequest discovery = request.build();
        Recorder recorder =
                new Recorder(arguments.stubMark, arguments.stopAtTodo, arguments.maxFailures, arguments.results);
        if (arguments.caseTimeoutMillis > 0) {
            recorder.watch = new HangWatch(
                    Duration.ofMillis(arguments.caseTimeoutMillis),
                    HARD_LIMIT,
                    new LearnerFiles(Map.copyOf(learnerFiles)),
                    arguments.results.getParent(),
                    recorder::hung);
            recorder.watch.start();
        }
        Launcher launcher = LauncherFactory.create();
        launcher.execute(discovery, recorder);
        recorder.finish(List.of());
    }

    /**
     * How a case is shown: its display path, with a method name JUnit shows as is
     * ("theSumIsExact()") written as words ("the sum is exact").
     */
    static String words(String displayName) {
        if (!displayName.matches("[a-z][A-Za-z0-9]*\\(.*\\)")) {
            return displayName;
        }
        String name = displayName.substring(0, displayName.indexOf('('));
        // Words: an acronym (two or more capitals not followed by a small letter), a word, a number.
        Matcher word =
                Pattern.compile("[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|[A-Z]|[0-9]+").matcher(name);
        List<String> words = new ArrayList<>();
        while (word.find()) {
            String found = word.group();
            boolean acronym = found.length() > 1 && found.chars().allMatch(Character::isUpperCase);
            words.add(acronym ? found : found.toLowerCase(java.util.Locale.ROOT));
        }
        return String.join(" ", words);
    }

    private static final class Recorder implements TestExecutionListener {
        private final String stubMark;
        private final boolean stopAtTodo;
        private final int maxFailures;
        private final Path results;
        private HangWatch watch;
        private TestPlan plan;
        private int tests;
        private int otherFailures;
        private final List<String> failures = new ArrayList<>();
        private boolean finished;

        Recorder(String stubMark, boolean stopAtTodo, int maxFailures, Path results) {
            this.stubMark = stubMark;
            this.stopAtTodo = stopAtTodo;
            this.maxFailures = maxFailures;
            this.results = results;
        }

        /** Writes the results and ends the JVM, and whatever the tests left running with it. */
        synchronized void finish(List<String> extra) {
            if (finished) {
                return;
            }
            finished = true;
            List<String> lines = new ArrayList<>();
            lines.add("TESTS " + tests);
            lines.addAll(failures);
            lines.addAll(extra);
            try {
                Files.write(results, lines, StandardCharsets.UTF_8);
            } catch (IOException e) {
                e.printStackTrace();
                Runtime.getRuntime().halt(3);
            }
            System.out.flush();
            // A participant's thread that never ends must not keep this JVM alive, nor a member
            // process a test started outlive it.
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            Runtime.getRuntime().halt(0);
        }

        /** Called by the hang watch: puts the full dump in the log, the reading in the results, and ends. */
        void hung(HangWatch.Hang hang) {
            System.out.println();
            System.out.println("=== A case hung: " + hang.test() + " was still running after " + hang.millis()
                    + " ms. What the check makes of it:");
            hang.lines().forEach(System.out::println);
            System.out.println("=== The full thread dump of this JVM at that moment"
                    + (hang.jsonDump() == null ? "" : " (also in " + hang.jsonDump() + ")") + ":");
            if (hang.textDump() != null) {
                try {
                    System.out.print(Files.readString(hang.textDump(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    System.out.println("(cannot read " + hang.textDump() + ": " + e + ")");
                }
            }
            List<String> extra = new ArrayList<>();
            extra.add("HUNG\t" + oneLine(hang.test()) + "\t" + hang.millis());
            if (hang.jsonDump() != null) {
                extra.add("DUMP\t" + hang.jsonDump());
            }
            hang.lines().forEach(line -> extra.add("DIAG\t" + line.replaceAll("[\\t\\r\\n]+", " ")));
            finish(extra);
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionStarted(TestIdentifier identifier) {
            if (watch != null) {
                watch.started(path(identifier), identifier.isTest(), ownTimeout(identifier));
            }
        }

        @Override
        public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            if (watch != null) {
                watch.finished();
            }
            if (finished) {
                return;
            }
            if (identifier.isTest()) {
                tests++;
            }
            // A failed container (a @BeforeAll, a @TestFactory that threw) counts as a failed case.
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                Throwable thrown = result.getThrowable().orElse(null);
                String message = describe(thrown);
                boolean atTodo = allText(thrown).contains(stubMark);
                failures.add("FAIL\t" + (atTodo ? "stub" : "other") + "\t" + oneLine(path(identifier)) + "\t"
                        + oneLine(message));
                if (atTodo && stopAtTodo) {
                    finish(List.of());
                }
                if (!atTodo && ++otherFailures == maxFailures) {
                    finish(List.of("STOPPED"));
                }
            }
        }

        /** "ThreadsAndQueueTest > contract > 1 worker > n=0 in [0, 10] seed 20261126: exact sum". */
        private String path(TestIdentifier identifier) {
            List<String> names = new ArrayList<>();
            for (TestIdentifier at = identifier;
                    at != null;
                    at = plan.getParent(at).orElse(null)) {
                if (plan.getParent(at).isPresent()) { // the engine itself is not worth naming
                    names.addFirst(words(at.getDisplayName()));
                }
            }
            return String.join(" > ", names);
        }

        /** The JUnit @Timeout on the case's method, or its class, or those of the containers above it. */
        private Duration ownTimeout(TestIdentifier identifier) {
            for (TestIdentifier at = identifier;
                    at != null;
                    at = plan.getParent(at).orElse(null)) {
                Duration found = timeoutOf(at.getSource().orElse(null));
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        private static Duration timeoutOf(TestSource source) {
            try {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                if (source instanceof MethodSource method) {
                    Class<?> type = Class.forName(method.getClassName(), false, loader);
                    for (Method candidate : type.getDeclaredMethods()) {
                        if (candidate.getName().equals(method.getMethodName())) {
                            Duration found = timeoutAnnotation(candidate);
                            if (found != null) {
                                return found;
                            }
                        }
                    }
                    return timeoutAnnotation(type);
                }
                if (source instanceof ClassSource type) {
                    return timeoutAnnotation(Class.forName(type.getClassName(), false, loader));
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
            return null;
        }

        /** JUnit's org.junit.jupiter.api.Timeout, read by name: the checker does not compile against Jupiter. */
        private static Duration timeoutAnnotation(AnnotatedElement element) throws ReflectiveOperationException {
            for (Annotation annotation : element.getAnnotations()) {
                if (annotation.annotationType().getName().equals("org.junit.jupiter.api.Timeout")) {
                    long value = (long)
                            annotation.annotationType().getMethod("value").invoke(annotation);
                    TimeUnit unit = (TimeUnit)
                            annotation.annotationType().getMethod("unit").invoke(annotation);
                    return Duration.ofNanos(unit.toNanos(value));
                }
            }
            return null;
        }

        private static String describe(Throwable thrown) {
            if (thrown == null) {
                return "failed";
            }
            String message = thrown.getMessage();
            return message == null || message.isBlank() ? thrown.getClass().getName() : message;
        }

        private static String allText(Throwable thrown) {
            StringBuilder text = new StringBuilder();
            for (Throwable t = thrown;
                    t != null && text.length() < 100_000;
                    t = t.getCause() == t ? null : t.getCause()) {
                text.append(t).append('\n');
                for (Throwable suppressed : t.getSuppressed()) {
                    text.append(allText(suppressed));
                }
            }
            return text.toString();
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\t\\r\\n]+", " ").strip();
    }
}
