package workbook.workshop;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs one lesson's tests and writes what happened to a small text file. The checker starts it in
 * a JVM of its own, with the exercise's classes where the solution's would be, so that a
 * participant's runaway threads, the lesson's JVM options and its libraries stay out of the
 * checker's way.
 *
 * <p>Arguments: the lesson's test classes folder, the results file, the text every stub's
 * message ends with (so a failure the stub caused can be told from any other), and optionally
 * {@code --stop-at-todo}: end at the first failure the stub caused (CI only needs one, and a
 * cluster lesson's full run takes a minute). Results file: {@code TESTS n}, then one
 * {@code FAIL<tab>stub|other<tab>test path<tab>message} line per failure.
 */
public final class LessonTests {

    private LessonTests() {}

    public static void main(String[] args) throws IOException {
        Path testClasses = Path.of(args[0]);
        Path results = Path.of(args[1]);
        String stubMark = args[2];
        boolean stopAtTodo = args.length > 3 && args[3].equals("--stop-at-todo");
        // The classes surefire would run by default: Test*, *Test, *Tests, *TestCase.
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClasspathRoots(Set.of(testClasses)))
                .filters(includeClassNamePatterns("^(.*\\.)?(Test[^.]*|[^.]*Tests?|[^.]*TestCase)$"))
                .build();
        Recorder recorder = new Recorder(stubMark, stopAtTodo, results);
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, recorder);
        recorder.finish();
    }

    private static final class Recorder implements TestExecutionListener {
        private final String stubMark;
        private final boolean stopAtTodo;
        private final Path results;
        private TestPlan plan;
        private int tests;
        private final List<String> failures = new ArrayList<>();

        Recorder(String stubMark, boolean stopAtTodo, Path results) {
            this.stubMark = stubMark;
            this.stopAtTodo = stopAtTodo;
            this.results = results;
        }

        /** Writes the results and ends the JVM, and whatever the tests left running with it. */
        void finish() {
            List<String> lines = new ArrayList<>();
            lines.add("TESTS " + tests);
            lines.addAll(failures);
            try {
                Files.write(results, lines, StandardCharsets.UTF_8);
            } catch (IOException e) {
                e.printStackTrace();
                Runtime.getRuntime().halt(3);
            }
            // A participant's thread that never ends must not keep this JVM alive, nor a member
            // process a test started outlive it.
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            Runtime.getRuntime().halt(0);
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
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
                    finish();
                }
            }
        }

        /** "SequentialTest > contract() > 1 worker > n=0 in [0, 10] seed 20261126: exact sum". */
        private String path(TestIdentifier identifier) {
            List<String> names = new ArrayList<>();
            for (TestIdentifier at = identifier;
                    at != null;
                    at = plan.getParent(at).orElse(null)) {
                if (plan.getParent(at).isPresent()) { // the engine itself is not worth naming
                    names.addFirst(at.getDisplayName());
                }
            }
            return String.join(" > ", names);
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

        private static String oneLine(String text) {
            return text.replaceAll("[\\t\\r\\n]+", " ").strip();
        }
    }
}
