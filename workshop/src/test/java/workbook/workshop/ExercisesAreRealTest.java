package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import workbook.workshop.ExerciseCheck.Result;
import workbook.workshop.ExerciseCheck.State;
import workbook.workshop.ExerciseGenerator.GeneratedFile;

/**
 * CI's proof that the workshop's exercises are real, for every lesson folder that exists (found
 * by the pattern NN-name, so a new lesson is covered without touching this class):
 *
 * <ul>
 *   <li>the committed {@code src/exercise/java} is exactly what the solution generates now: only
 *       the files with a region, each with its regions turned into stubs (a changed solution
 *       without {@code ./workbook exercises} fails the build);
 *   <li>no exercise file is a copy of its solution file, every one keeps its solution's comment
 *       lines, and none shares a run of six or more code lines with it (the duplicates rule);
 *   <li>every exercise file that is a jbang script compiles under jbang's rules (its //SOURCES);
 *   <li>the generated exercise, laid over the solution, compiles, and the lesson's own tests fail
 *       against it at the stub: the check a participant runs first says "not done";
 *   <li>the solution passes the very same check (compiled and run the same way), so "not done"
 *       above is the stub's doing, not the checker's; and its cases tagged
 *       {@value LessonTests#PARALLELISM}, which the verdict leaves out, pass too (no advice for the
 *       solution);
 *   <li>the hint link every stub prints leads to a page with a {@code ## Hints} section.
 * </ul>
 *
 * It uses the lessons' built test classes, so the workshop module is the parent pom's last module.
 */
class ExercisesAreRealTest {
    static final Path ROOT =
            Path.of(System.getProperty("workbook.root", "..")).toAbsolutePath().normalize();

    @TestFactory
    Stream<DynamicNode> everyLesson() {
        List<LessonModule> lessons = LessonModule.findAll(ROOT);
        assertFalse(lessons.isEmpty(), "no lesson folders under " + ROOT);
        return lessons.stream()
                .map(lesson -> dynamicContainer(
                        lesson.name(),
                        Stream.of(
                                dynamicTest("its exercise is what its solution generates now", () -> upToDate(lesson)),
                                dynamicTest(
                                        "its exercise files are no copies, keep every comment line and share no run"
                                                + " of 6 code lines with their solution files",
                                        () -> shapedRight(lesson)),
                                dynamicTest(
                                        "its exercise files compile under jbang's rules", () -> jbangCompiles(lesson)),
                                dynamicTest(
                                        "its generated exercise compiles and its tests fail at the stub",
                                        () -> stubFails(lesson)),
                                dynamicTest(
                                        "its solution passes the same check, and its parallelism cases",
                                        () -> solutionPasses(lesson)),
                                dynamicTest(
                                        "its hints page exists, with a ## Hints section", () -> hintsExist(lesson)))));
    }

    private static void upToDate(LessonModule lesson) {
        List<String> differences = Exercises.differences(lesson, ExerciseGenerator.generate(lesson));
        if (!differences.isEmpty()) {
            fail("lesson " + lesson.id() + "'s exercise is not what its solution generates:\n  "
                    + String.join("\n  ", differences)
                    + "\nAfter changing a solution, run ./workbook exercises and commit src/exercise/java with it."
                    + " (Working through the workshop yourself? Your own edits show here too; ./workbook reset "
                    + lesson.id() + " restores the generated version, keeping a copy of yours.)");
        }
    }

    private static void shapedRight(LessonModule lesson) {
        List<String> problems = ExerciseShape.problems(lesson, ExerciseGenerator.generate(lesson));
        if (!problems.isEmpty()) {
            fail("lesson " + lesson.id() + "'s exercise files:\n  " + String.join("\n  ", problems));
        }
    }

    private static void jbangCompiles(LessonModule lesson) {
        List<String> problems = JbangSources.problems(
                lesson, ExerciseGenerator.generate(lesson), lesson.workDir().resolve("ci-jbang"));
        if (!problems.isEmpty()) {
            fail("lesson " + lesson.id() + "'s exercise would not run with ./jbang:\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static void stubFails(LessonModule lesson) {
        Map<String, GeneratedFile> generated = ExerciseGenerator.generate(lesson);
        Map<String, String> learnerFiles = new LinkedHashMap<>();
        generated
                .keySet()
                .forEach(path -> learnerFiles.put(
                        path, lesson.shown(lesson.exerciseSources().resolve(path))));
        Result result = ExerciseCheck.check(
                lesson,
                Exercises.withGenerated(lesson, generated),
                Exercises.atSolution(lesson, generated),
                lesson.workDir().resolve("ci-stub"),
                ExerciseCheck.Options.defaults().stoppingAtTodo(),
                learnerFiles);
        assertEquals(List.of(), result.compileErrors(), "the generated exercise must compile");
        assertFalse(
                result.failures().isEmpty(),
                "lesson " + lesson.id() + "'s stub passes all " + result.tests()
                        + " of its tests: the exercise would be 'done' before anyone wrote a line. Mark a region the tests exercise.");
        assertEquals(
                State.AT_TODO,
                result.state(),
                () -> "lesson " + lesson.id() + "'s stub fails its tests, but no failure"
                        + " comes from the stub's throw, so filling in the TODO could not fix them:\n  "
                        + describe(result));
    }

    private static void solutionPasses(LessonModule lesson) {
        Result result = ExerciseCheck.check(
                lesson,
                ExerciseCheck.read(lesson.solutionSources()),
                (path, line) -> lesson.shown(lesson.solutionSources().resolve(path)) + ":" + line,
                lesson.workDir().resolve("ci-solution"),
                ExerciseCheck.Options.defaults(),
                Map.of());
        assertEquals(List.of(), result.compileErrors());
        assertEquals(
                State.DONE,
                result.state(),
                () -> "the checker does not pass lesson " + lesson.id() + "'s solution:\n  " + describe(result)
                        + (result.log() == null ? "" : "\nTest output: " + result.log()));
        // The parallelism cases the verdict leaves out give the solution no advice either.
        if (lesson.mayHaveTestsTagged(LessonTests.PARALLELISM)) {
            Result parallelism = ExerciseCheck.rerun(
                    lesson,
                    result.classes(),
                    lesson.workDir().resolve("ci-solution-parallelism"),
                    ExerciseCheck.Options.defaults().parallelismOnly(),
                    Map.of());
            assertEquals(
                    State.DONE,
                    parallelism.state(),
                    () -> "lesson " + lesson.id() + "'s solution fails its own parallelism cases:\n  "
                            + describe(parallelism));
            assertTrue(parallelism.tests() > 0, "the tag is in lesson " + lesson.id() + "'s tests, yet none ran");
        }
    }

    private static void hintsExist(LessonModule lesson) throws IOException {
        Path page = lesson.docsPage();
        assertTrue(
                Files.isRegularFile(page),
                () -> "every stub points at " + lesson.hintLink() + ", but " + lesson.shown(page) + " does not exist");
        assertTrue(
                Files.readAllLines(page).stream().anyMatch(line -> line.strip().equals("## Hints")),
                () -> lesson.shown(page)
                        + " has no '## Hints' section (graded hints, from a nudge to nearly the answer)");
        assertFalse(Hints.read(lesson).hints().isEmpty(), () -> lesson.shown(page) + "'s '## Hints' section is empty");
    }

    @Test
    void harnessAndTestsAreNeverExercises() throws IOException {
        List<Path> folders = Stream.concat(
                        Stream.of(ROOT.resolve("harness/src")),
                        LessonModule.findAll(ROOT).stream()
                                .map(lesson -> lesson.dir().resolve("src/test")))
                .filter(Files::isDirectory)
                .toList();
        for (Path folder : folders) {
            try (Stream<Path> files = Files.walk(folder)) {
                List<String> marked = files.filter(file -> file.toString().endsWith(".java"))
                        .filter(file -> {
                            try {
                                return Files.readAllLines(file).stream()
                                        .anyMatch(line -> line.strip().startsWith("// BEGIN SOLUTION"));
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        })
                        .map(file -> ROOT.relativize(file).toString())
                        .toList();
                assertEquals(List.of(), marked, "only a lesson's src/main/java holds exercise regions");
            }
        }
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
}
