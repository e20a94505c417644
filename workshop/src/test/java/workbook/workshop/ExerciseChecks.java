package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.commons.support.AnnotationSupport;
import workbook.harness.Lesson;
import workbook.harness.Oracle;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;
import workbook.workshop.ExerciseCheck.Result;
import workbook.workshop.ExerciseCheck.State;
import workbook.workshop.ExerciseGenerator.GeneratedFile;

/**
 * The proof every lesson gives of its own exercise, in its own module, for its
 * {@code ExerciseTest}:
 *
 * <pre>{@code
 * @TestFactory
 * @Tag(ExerciseChecks.TAG)
 * Stream<DynamicNode> exercise() {
 *     return ExerciseChecks.of(new ThreadsAndQueueLesson()).slip(Slip.hangs(...)).tests();
 * }
 * }</pre>
 *
 * <ul>
 *   <li>the committed {@code src/exercise/java} is exactly what the solution generates now: only
 *       the files with a region, each with its regions turned into stubs (a changed solution
 *       without {@code ./workbook exercises} fails the build);
 *   <li>no exercise file is a copy of its solution file, every one keeps its solution's comment
 *       lines, and none shares a run of six or more code lines with it (the duplicates rule);
 *   <li>every exercise file that is a jbang script compiles under jbang's rules (its //SOURCES);
 *   <li>the generated exercise, laid over the solution, compiles, and the lesson's own tests fail
 *       against it at the stub, through the real checker: the check a participant runs first says
 *       "not done" (the run stops at the first failure the stub causes);
 *   <li>the hint link every stub prints leads to a page with a {@code ## Hints} section;
 *   <li>the lesson's tests hold no exercise region (only its src/main/java does);
 *   <li>the causes its advice names are ones the learner can read about where the advice points
 *       (the page's pitfalls, or the exercise's comments), and a lesson names none unless it says
 *       so here; the strategy the debrief times instead, if any, sums exactly;
 *   <li>every slip the lesson lists ({@link Slip}) gets, through {@code ./workbook check} in a
 *       sandbox of its own, the verdict and the words a learner needs.
 * </ul>
 *
 * That the checker passes a solution is not proved here, lesson by lesson: the build runs each
 * lesson's tests on its solution, and the workshop's own tests run the checker to DONE on a
 * fixture. The checks that start a JVM (the stub's and the slips') start when {@link #tests()} is
 * called, {@value #AT_ONCE} at a time, longest first, each in a folder of its own under the
 * lesson's {@code target/exercise-slips}; each dynamic test waits for its own.
 *
 * <p>The factory must carry {@code @Tag(ExerciseChecks.TAG)}: a check leaves the tests so tagged
 * out ({@link LessonTests#EXERCISE_PROOF}), or every check of the lesson would run these checks
 * again.
 */
public final class ExerciseChecks {
    /** The tag the lesson's factory carries, so that no check runs it. */
    public static final String TAG = LessonTests.EXERCISE_PROOF;

    /** How many checks run at once (each a JVM of the lesson's tests). */
    static final int AT_ONCE = 2;

    private final Lesson lesson;
    private final Path moduleDir;
    private final LessonModule module;
    private final List<Slip> slips = new ArrayList<>();
    private String slowCauseWords;
    private String serialCauseStart;
    private Future<Result> stubCheck;

    private ExerciseChecks(Lesson lesson, Path moduleDir) {
        this.lesson = lesson;
        this.moduleDir = moduleDir;
        this.module = new LessonModule(moduleDir.getParent(), lesson);
    }

    /** The checks of {@code lesson}, whose module is the folder its descriptor was built in. */
    public static ExerciseChecks of(Lesson lesson) {
        return new ExerciseChecks(lesson, moduleOf(lesson));
    }

    /** A slip the lesson's learners make, and what the check must tell them. */
    public ExerciseChecks slip(Slip slip) {
        slips.add(slip);
        return this;
    }

    /**
     * The lesson's advice names a likely cause when the learner's code is slow; {@code keyWords}
     * (lower case) are in it, and in the lesson page's pitfalls or the exercise's comments.
     */
    public ExerciseChecks slowCause(String keyWords) {
        this.slowCauseWords = keyWords;
        return this;
    }

    /** The lesson's advice names a cause for work that ran one piece at a time, starting with {@code start}. */
    public ExerciseChecks serialCause(String start) {
        this.serialCauseStart = start;
        return this;
    }

    public Stream<DynamicNode> tests() {
        if (Boolean.getBoolean(LessonTests.CHECKING)) {
            throw new IllegalStateException("ExerciseChecks run inside a check of lesson " + lesson.id()
                    + ": its @TestFactory must carry @Tag(ExerciseChecks.TAG), which a check leaves out");
        }
        requireTagOnCaller();
        Map<Slip, Future<Outcome>> running = start();
        List<DynamicNode> slipTests = new ArrayList<>();
        running.forEach((slip, outcome) ->
                slipTests.add(dynamicTest("slip: " + slip.name(), () -> assertSaid(slip, await(outcome)))));
        return Stream.of(
                dynamicTest("its exercise is what its solution generates now", this::upToDate),
                dynamicTest(
                        "its exercise files are no copies, keep every comment line and share no run of 6 code lines"
                                + " with their solution files",
                        this::shapedRight),
                dynamicTest("its exercise files compile under jbang's rules", this::jbangCompiles),
                dynamicTest(
                        "its generated exercise compiles and its tests fail at the stub",
                        () -> stubFails(await(stubCheck))),
                dynamicTest("its hints page exists, with a ## Hints section", this::hintsExist),
                dynamicTest("its tests hold no exercise region", this::testsHoldNoRegion),
                dynamicTest("its advice names causes the learner can read about", this::adviceIsExplained),
                dynamicContainer("its slips get the verdict and the words a learner needs", slipTests.stream()));
    }

    /* ---------------------------------------------------------------- the checks that start JVMs */

    /** A slip's check: its exit code, what it printed, the learner's file as shown and as written. */
    record Outcome(int exit, String output, String shownFile, String learnersText) {}

    /** Starts every check: the slips' (longest first, each in its own folder) and the stub's; by slip, in order. */
    private Map<Slip, Future<Outcome>> start() {
        ExecutorService pool = Executors.newFixedThreadPool(
                AT_ONCE, Thread.ofPlatform().name("exercise-check-", 1).daemon().factory());
        ClassLoader lessons = Thread.currentThread().getContextClassLoader();
        Map<Slip, Future<Outcome>> started = new IdentityHashMap<>();
        slips.stream().sorted(Comparator.comparingLong(Slip::weight).reversed()).forEach(slip -> {
            int number = slips.indexOf(slip) + 1;
            started.put(slip, pool.submit(() -> inContext(lessons, () -> check(slip, number))));
        });
        stubCheck = pool.submit(() -> inContext(lessons, this::checkStub));
        pool.shutdown(); // the queued checks still run; the threads end with the last
        Map<Slip, Future<Outcome>> inOrder = new LinkedHashMap<>();
        slips.forEach(slip -> inOrder.put(slip, started.get(slip)));
        return inOrder;
    }

    /* The lessons a check discovers (the baseline of the speed debrief) are the ones the factory saw. */
    private static <T> T inContext(ClassLoader lessons, Callable<T> body) throws Exception {
        Thread.currentThread().setContextClassLoader(lessons);
        return body.call();
    }

    private Result checkStub() {
        Map<String, GeneratedFile> generated = ExerciseGenerator.generate(module);
        Map<String, String> learnerFiles = new LinkedHashMap<>();
        generated
                .keySet()
                .forEach(path -> learnerFiles.put(
                        path, module.shown(module.exerciseSources().resolve(path))));
        return ExerciseCheck.check(
                module,
                Exercises.withGenerated(module, generated),
                Exercises.atSolution(module, generated),
                module.workDir().resolve("ci-stub"),
                ExerciseCheck.Options.defaults().stoppingAtTodo(),
                learnerFiles);
    }

    /** The slip through ./workbook check, in a sandbox of its own: the generated exercise with its file filled in. */
    Outcome check(Slip slip, int number) {
        Path folder = moduleDir.resolve("target/exercise-slips").resolve(String.format(Locale.ROOT, "%02d", number));
        Sandbox sandbox = Sandbox.of(folder, module.root(), List.of(lesson));
        LessonModule learners = sandbox.lesson(lesson.id());
        String wrong = slip.apply(sandbox.solution(lesson.id(), slip.file()));
        sandbox.fillIn(lesson.id(), slip.file(), wrong);
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        int exit = new Workshop(sandbox.root(), out, out).check(learners, slip.settings());
        out.flush();
        return new Outcome(
                exit, text.toString(), learners.shown(learners.exerciseSources().resolve(slip.file())), wrong);
    }

    static void assertSaid(Slip slip, Outcome outcome) {
        String output = outcome.output();
        assertEquals(
                slip.exitCode(),
                outcome.exit(),
                () -> "the slip '" + slip.name() + "': unexpected exit code; the check said:\n" + output);
        for (String expected : slip.expected()) {
            String wanted = Slip.fill(expected, outcome.shownFile(), outcome.learnersText());
            assertTrue(
                    output.contains(wanted),
                    () -> "the slip '" + slip.name() + "': the check should say\n  " + wanted + "\nbut said:\n"
                            + output);
        }
    }

    private static <T> T await(Future<T> future) throws Throwable {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    private void stubFails(Result result) {
        assertEquals(List.of(), result.compileErrors(), "the generated exercise must compile");
        assertFalse(
                result.failures().isEmpty(),
                "lesson " + lesson.id() + "'s stub passes all " + result.tests()
                        + " of its tests: the exercise would be 'done' before anyone wrote a line. Mark a region the"
                        + " tests exercise.");
        assertEquals(
                State.AT_TODO,
                result.state(),
                () -> "lesson " + lesson.id() + "'s stub fails its tests, but no failure"
                        + " comes from the stub's throw, so filling in the TODO could not fix them:\n  "
                        + describe(result));
    }

    /* ------------------------------------------------------------- the checks that read and compile */

    private void upToDate() {
        List<String> differences = Exercises.differences(module, ExerciseGenerator.generate(module));
        if (!differences.isEmpty()) {
            fail("lesson " + lesson.id() + "'s exercise is not what its solution generates:\n  "
                    + String.join("\n  ", differences)
                    + "\nAfter changing a solution, run ./workbook exercises and commit src/exercise/java with it."
                    + " (Working through the workshop yourself? Your own edits show here too; ./workbook reset "
                    + lesson.id() + " restores the generated version, keeping a copy of yours.)");
        }
    }

    private void shapedRight() {
        List<String> problems = ExerciseShape.problems(module, ExerciseGenerator.generate(module));
        if (!problems.isEmpty()) {
            fail("lesson " + lesson.id() + "'s exercise files:\n  " + String.join("\n  ", problems));
        }
    }

    private void jbangCompiles() {
        List<String> problems = JbangSources.problems(
                module, ExerciseGenerator.generate(module), module.workDir().resolve("ci-jbang"));
        if (!problems.isEmpty()) {
            fail("lesson " + lesson.id() + "'s exercise would not run with ./jbang:\n  "
                    + String.join("\n  ", problems));
        }
    }

    private void hintsExist() throws IOException {
        Path page = module.docsPage();
        assertTrue(
                Files.isRegularFile(page),
                () -> "every stub points at " + module.hintLink() + ", but " + module.shown(page) + " does not exist");
        assertTrue(
                Files.readAllLines(page).stream().anyMatch(line -> line.strip().equals("## Hints")),
                () -> module.shown(page)
                        + " has no '## Hints' section (graded hints, from a nudge to nearly the answer)");
        assertFalse(Hints.read(module).hints().isEmpty(), () -> module.shown(page) + "'s '## Hints' section is empty");
    }

    private void testsHoldNoRegion() {
        assertEquals(
                List.of(),
                regionsIn(module.root(), moduleDir.resolve("src/test")),
                "only a lesson's src/main/java holds exercise regions");
    }

    /** The .java files under {@code folder} with a BEGIN SOLUTION line, shown relative to {@code root}. */
    static List<String> regionsIn(Path root, Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> Sandbox.read(file).lines().anyMatch(line -> line.strip()
                            .startsWith("// BEGIN SOLUTION")))
                    .map(file -> root.relativize(file).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /*
     * A named cause is one the learner can read about where the advice points: the lesson page's
     * pitfalls, or the comments of the exercise file the learner is editing. A lesson whose tests
     * refuse every slip that would slow it down names none.
     */
    private void adviceIsExplained() throws InterruptedException {
        Lesson.Advice advice = lesson.advice();
        if (slowCauseWords == null) {
            assertEquals(
                    Optional.empty(),
                    advice.slowCause(),
                    "lesson " + lesson.id() + " names a slow cause: say its key words in its ExerciseTest"
                            + " (.slowCause(...)), so that this check finds them where the learner looks");
        } else {
            String cause = advice.slowCause().orElse("");
            assertTrue(cause.toLowerCase(Locale.ROOT).contains(slowCauseWords), () -> "the slow cause: " + cause);
            String where = (pitfalls() + "\n"
                            + String.join(
                                    "\n",
                                    Exercises.texts(ExerciseGenerator.generate(module))
                                            .values()))
                    .toLowerCase(Locale.ROOT);
            assertTrue(
                    where.contains(slowCauseWords),
                    () -> "lesson " + lesson.id() + ": neither its pitfalls nor its exercise speak of '"
                            + slowCauseWords + "'");
        }
        if (serialCauseStart == null) {
            assertEquals(
                    Optional.empty(),
                    advice.serialCause(),
                    "lesson " + lesson.id() + " names a serial cause: say how it starts in its ExerciseTest"
                            + " (.serialCause(...))");
        } else {
            String cause = advice.serialCause().orElse("");
            assertTrue(cause.startsWith(serialCauseStart), () -> "the serial cause: " + cause);
        }
        if (advice.timed().isPresent()) {
            Lesson.Timed timed = advice.timed().get();
            assertFalse(timed.description().isBlank(), "the debrief's first line says how it times the lesson");
            assertFalse(timed.description().contains("\n"), timed.description());
            Workload workload = new Workload(10_007, 20261126, -3, 17);
            for (int workers = 1; workers <= 3; workers++) {
                try (SumStrategy strategy = timed.withWorkers().apply(workers)) {
                    assertEquals(
                            Oracle.sum(workload),
                            strategy.sum(workload),
                            "the strategy the debrief times, with " + workers + " workers");
                }
            }
        }
    }

    private String pitfalls() {
        Path page = module.docsPage();
        if (!Files.isRegularFile(page)) {
            return "";
        }
        String text = Sandbox.read(page);
        int start = text.indexOf("\n## Pitfalls");
        int end = text.indexOf("\n## ", start + 1);
        return start < 0 ? "" : text.substring(start, end < 0 ? text.length() : end);
    }

    static String describe(Result result) {
        if (result.hang() != null) {
            return "a case hung: " + result.hang().test() + "\n  "
                    + String.join("\n  ", result.hang().diagnosis());
        }
        return result.failures().stream()
                .limit(10)
                .map(failure -> failure.test() + ": " + failure.message())
                .collect(Collectors.joining("\n  "));
    }

    /* ---------------------------------------------------------------------------- where it stands */

    /** The module folder the descriptor was built in: MODULE/target/classes (or a jar under MODULE/target). */
    static Path moduleOf(Lesson lesson) {
        Path built;
        try {
            built = Path.of(lesson.getClass()
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path target = built;
        while (target != null && !String.valueOf(target.getFileName()).equals("target")) {
            target = target.getParent();
        }
        if (target == null || !target.getParent().getFileName().toString().equals(lesson.module())) {
            throw new IllegalStateException("lesson " + lesson.id() + "'s descriptor is not built in its module's"
                    + " target folder (" + lesson.module() + "/target): " + built);
        }
        return target.getParent();
    }

    /* The factory that called tests() must carry the tag that keeps a check from running it. */
    private static void requireTagOnCaller() {
        StackWalker.StackFrame caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.filter(frame -> frame.getDeclaringClass() != ExerciseChecks.class)
                        .findFirst())
                .orElseThrow();
        boolean tagged = false;
        for (Class<?> type = caller.getDeclaringClass(); type != null && !tagged; type = type.getEnclosingClass()) {
            tagged = tagged(type);
        }
        for (Method method : caller.getDeclaringClass().getDeclaredMethods()) {
            if (method.getName().equals(caller.getMethodName())
                    && AnnotationSupport.isAnnotated(method, TestFactory.class)) {
                tagged |= tagged(method);
            }
        }
        if (!tagged) {
            throw new IllegalStateException(caller.getClassName() + "." + caller.getMethodName()
                    + " calls ExerciseChecks.tests() without @Tag(ExerciseChecks.TAG): a check would run it (and"
                    + " its checks) again");
        }
    }

    private static boolean tagged(java.lang.reflect.AnnotatedElement element) {
        return AnnotationSupport.findRepeatableAnnotations(element, Tag.class).stream()
                .anyMatch(tag -> tag.value().equals(TAG));
    }
}
