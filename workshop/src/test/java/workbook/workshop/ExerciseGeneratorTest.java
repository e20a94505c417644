package workbook.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbook.workshop.ExerciseGenerator.GeneratedFile;
import workbook.workshop.ExerciseGenerator.MarkerException;
import workbook.workshop.ExerciseGenerator.Sources;

class ExerciseGeneratorTest {
    private static final String HINT = "docs/09-example.md#hints";

    private static GeneratedFile generate(String source) {
        return ExerciseGenerator.exerciseOf(
                "09-example/src/main/java/demo/Demo.java", "demo/Demo.java", source, "09", HINT);
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** A solution whose region is a whole method body. */
    private static final String SUM_TO_N = lines(
            "package demo;",
            "",
            "public class Demo {",
            "    public static long sum(int n) {",
            "        // BEGIN SOLUTION: add the numbers from 1 to n",
            "        long total = 0;",
            "        for (int i = 1; i <= n; i++) {",
            "            total += i;",
            "        }",
            "        return total;",
            "        // END SOLUTION",
            "    }",
            "}");

    @Test
    void aRegionBecomesATodoAndAThrowWithItsIndentationAndEverythingElseStaysIdentical() {
        GeneratedFile exercise = generate(SUM_TO_N);
        assertEquals(
                lines(
                        "package demo;",
                        "",
                        "public class Demo {",
                        "    public static long sum(int n) {",
                        "        // TODO Lesson 09: add the numbers from 1 to n",
                        "        throw new UnsupportedOperationException(\"Lesson 09: add the numbers from 1 to n. Your code goes"
                                + " at the TODO, Demo.java:5. Hint: docs/09-example.md#hints\");",
                        "    }",
                        "}"),
                exercise.text());
        assertEquals(1, exercise.regions().size());
        assertEquals(5, exercise.regions().getFirst().beginLine());
        assertEquals(11, exercise.regions().getFirst().endLine());
        // Lines after the region point back at the solution's lines.
        assertEquals(12, exercise.solutionLineOf(7));
    }

    @Test
    void withoutADescriptionTheStubSaysSomethingGenericAndQuotesAreEscaped() {
        String generic = generate(lines(
                        "class A {",
                        "  void a() {",
                        "    // BEGIN SOLUTION",
                        "    a();",
                        "    // END SOLUTION",
                        "  }",
                        "}"))
                .text();
        assertTrue(generic.contains("  // TODO Lesson 09: " + ExerciseGenerator.GENERIC_TASK + "\n"), generic);
        assertTrue(
                generic.contains("  throw new UnsupportedOperationException(\"Lesson 09: "
                        + ExerciseGenerator.GENERIC_TASK + ". Your code goes at the TODO, Demo.java:3. Hint: "),
                generic);
        String quoted = generate(lines(
                        "class A {",
                        "  void a() {",
                        "    // BEGIN SOLUTION: print \"hi\" with a \\n",
                        "    a();",
                        "    // END SOLUTION",
                        "  }",
                        "}"))
                .text();
        assertTrue(quoted.contains("(\"Lesson 09: print \\\"hi\\\" with a \\\\n. Your code goes at the TODO,"), quoted);
    }

    @Test
    void theRegionsCommentsStayInTheStubMovedLeftToTheRegionAndOnlyCodeLeaves() {
        String solution = lines(
                "class A {",
                "    long a(long n) {",
                "        // BEGIN SOLUTION: add them up",
                "        long total = 0; // a trailing comment goes with its code",
                "        if (n > 0) {",
                "            // Deeper: moved left to the region's indentation.",
                "            total += n;",
                "        }",
                "        /*",
                "         * A block comment, kept whole:",
                "         *     with its own indentation inside.",
                "         */",
                "        return total; /* this one too",
                "                         goes with its code */",
                "        // END SOLUTION",
                "    }",
                "}");
        GeneratedFile exercise = generate(solution);
        assertEquals(
                lines(
                        "class A {",
                        "    long a(long n) {",
                        "        // TODO Lesson 09: add them up",
                        "",
                        "        // Deeper: moved left to the region's indentation.",
                        "",
                        "        /*",
                        "         * A block comment, kept whole:",
                        "         *     with its own indentation inside.",
                        "         */",
                        "        throw new UnsupportedOperationException(\"Lesson 09: add them up. Your code goes at the TODO,"
                                + " Demo.java:3. Hint: docs/09-example.md#hints\");",
                        "    }",
                        "}"),
                exercise.text());
        // Each stub line points back at the solution's line: the TODO at BEGIN, comments at themselves, the throw at
        // END.
        assertEquals(3, exercise.solutionLineOf(3));
        assertEquals(6, exercise.solutionLineOf(5));
        assertEquals(10, exercise.solutionLineOf(8));
        assertEquals(15, exercise.solutionLineOf(11));
        assertEquals(16, exercise.solutionLineOf(12));
        assertEquals(List.of(), ExerciseShape.missingComments("exercise", exercise.text(), "solution", solution));
    }

    @Test
    void aCommentThatOnlyLooksLikeOneInAStringIsCode() {
        String text = generate(lines(
                        "class A {",
                        "  String a() {",
                        "    // BEGIN SOLUTION",
                        "    return \"// not a comment\" + \"/* nor this */\";",
                        "    // END SOLUTION",
                        "  }",
                        "}"))
                .text();
        assertFalse(text.contains("not a comment"), text);
    }

    @Test
    void aSourcesLineReachesTheSolutionsFilesThatAreNotExercises() {
        Sources sources = new Sources(
                Set.of(
                        "workbook/demo/Main.java",
                        "workbook/demo/Helper.java",
                        "workbook/demo/Other.java",
                        "workbook/demo/lab/One.java",
                        "workbook/demo/lab/Two.java"),
                Set.of("workbook/demo/Main.java", "workbook/demo/Other.java", "workbook/demo/lab/Two.java"));
        String path = "workbook/demo/Main.java";
        assertEquals(
                "../../../../../../harness/src/main/java/workbook/harness/*.java",
                ExerciseGenerator.rewriteSources(
                        path, "../../../../../../harness/src/main/java/workbook/harness/*.java", sources));
        assertEquals(
                "../../../../main/java/workbook/demo/Helper.java",
                ExerciseGenerator.rewriteSources(path, "Helper.java", sources));
        assertEquals("Other.java", ExerciseGenerator.rewriteSources(path, "Other.java", sources));
        assertEquals(
                "../../../../main/java/workbook/demo/Helper.java Other.java",
                ExerciseGenerator.rewriteSources(path, "Helper.java Other.java", sources));
        // A glob whose files are partly exercises is spelt out, each file where it is.
        assertEquals(
                "../../../../main/java/workbook/demo/lab/One.java lab/Two.java",
                ExerciseGenerator.rewriteSources(path, "lab/*.java", sources));
        assertEquals(
                "../../../../main/java/workbook/demo/H*.java",
                ExerciseGenerator.rewriteSources(path, "H*.java", sources));
    }

    /** A lesson folder under {@code root} whose Demo.java names {@code sourcesEntry} and has one region; built enough to check. */
    private static LessonModule tinyLesson(Path root, String sourcesEntry) throws java.io.IOException {
        Path lesson = root.resolve("09-example");
        Path sources = lesson.resolve("src/main/java/workbook/demo");
        Files.createDirectories(sources);
        Files.writeString(
                sources.resolve("Demo.java"),
                lines(
                        "///usr/bin/env jbang \"$0\" \"$@\" ; exit $?",
                        "//SOURCES " + sourcesEntry,
                        "package workbook.demo;",
                        "public class Demo {",
                        "    public static long sum(int n) {",
                        "        // BEGIN SOLUTION: add the numbers from 1 to n",
                        "        return Helper.triangle(n);",
                        "        // END SOLUTION",
                        "    }",
                        "}"));
        Files.createDirectories(lesson.resolve("target/test-classes"));
        Files.writeString(lesson.resolve("target/test-classpath.txt"), "");
        return new LessonModule(root, new StubLesson("09-example"));
    }

    @Test
    void onlyFilesWithARegionBecomeExercisesAndTheirSourcesLinesAreRewritten(@TempDir Path root) throws Exception {
        LessonModule module = tinyLesson(root, "Helper.java");
        Path lesson = module.dir();
        Files.writeString(
                module.solutionSources().resolve("workbook/demo/Helper.java"),
                lines(
                        "package workbook.demo;",
                        "class Helper {",
                        "    static long triangle(long n) {",
                        "        return n * (n + 1) / 2;",
                        "    }",
                        "}"));
        Map<String, GeneratedFile> generated = ExerciseGenerator.generate(module);
        assertEquals(Set.of("workbook/demo/Demo.java"), generated.keySet());
        String exercise = generated.get("workbook/demo/Demo.java").text();
        assertTrue(exercise.contains("//SOURCES ../../../../main/java/workbook/demo/Helper.java\n"), exercise);

        // Written to disk, an exercise file whose solution lost its region goes away.
        Path stale = lesson.resolve("src/exercise/java/workbook/demo/Helper.java");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "package workbook.demo;\nclass Helper {}\n");
        assertEquals(
                List.of(
                        "09-example/src/exercise/java/workbook/demo/Demo.java: missing",
                        "09-example/src/exercise/java/workbook/demo/Helper.java: not an exercise file (no solution file with a region generates it)"),
                Exercises.differences(module, generated));
        Exercises.write(module, generated);
        assertFalse(Files.exists(stale));
        assertEquals(List.of(), Exercises.differences(module, generated));

        // Laid over the solution, the exercise compiles and runs its stub; jbang's rules find the helper.
        assertEquals(List.of(), JbangSources.problems(module, generated, root.resolve("jbang-classes")));
        List<String> errors = ExerciseCheck.compile(
                Exercises.withGenerated(module, generated), List.of(), root.resolve("classes"), (p, l) -> p + ":" + l);
        assertEquals(List.of(), errors);
    }

    @Test
    void aSourcesLineThatFindsNothingIsReported(@TempDir Path root) throws Exception {
        LessonModule module = tinyLesson(root, "Missing.java");
        List<String> problems =
                JbangSources.problems(module, ExerciseGenerator.generate(module), root.resolve("jbang-classes"));
        // The stub no longer calls Helper, so javac is content; the entry that finds nothing is named.
        assertEquals(
                List.of("09-example/src/exercise/java/workbook/demo/Demo.java: //SOURCES"
                        + " ../../../../main/java/workbook/demo/Missing.java (in Demo.java) names no file"),
                problems);
    }

    @Test
    void aFileWithoutMarkersIsCopiedUnchanged() {
        String plain = lines("package demo;", "", "/* no exercise here */", "class Plain {}");
        GeneratedFile copy = generate(plain);
        assertEquals(plain, copy.text());
        assertEquals(List.of(), copy.regions());
    }

    @Test
    void aRegionThatDoesNotEndItsBlockIsRefusedWithFileAndLine() {
        MarkerException refused = assertThrows(
                MarkerException.class,
                () -> generate(lines(
                        "class A {",
                        "  long a() {",
                        "    long total = 0;",
                        "    // BEGIN SOLUTION",
                        "    total = 42;",
                        "    // END SOLUTION",
                        "",
                        "    // comments and blank lines do not count",
                        "    return total;",
                        "  }",
                        "}")));
        assertTrue(
                refused.getMessage()
                        .startsWith(
                                "09-example/src/main/java/demo/Demo.java:6: the region must end its block, but 'return total;'"),
                refused.getMessage());
    }

    @Test
    void commentsBetweenTheRegionAndTheClosingBraceAreFine() {
        String text = generate(lines(
                        "class A {",
                        "  long a() {",
                        "    // BEGIN SOLUTION",
                        "    return 1;",
                        "    // END SOLUTION",
                        "    /*",
                        "     * why",
                        "     */",
                        "    // more",
                        "",
                        "  }",
                        "}"))
                .text();
        assertTrue(text.contains("throw new UnsupportedOperationException"), text);
    }

    @Test
    void brokenMarkersAreRefusedWithFileAndLine() {
        assertMarkerProblem(
                "Demo.java:3: BEGIN SOLUTION is never closed",
                "class A {",
                "  void a() {",
                "    // BEGIN SOLUTION",
                "    a();",
                "  }",
                "}");
        assertMarkerProblem(
                "Demo.java:4: END SOLUTION without a BEGIN SOLUTION",
                "class A {",
                "  void a() {",
                "    a();",
                "    // END SOLUTION",
                "  }",
                "}");
        assertMarkerProblem(
                "Demo.java:4: BEGIN SOLUTION inside the region opened at line 3",
                "class A {",
                "  void a() {",
                "    // BEGIN SOLUTION",
                "    // BEGIN SOLUTION",
                "    a();",
                "    // END SOLUTION",
                "  }",
                "}");
        assertMarkerProblem(
                "Demo.java:5: END SOLUTION is not indented like its BEGIN SOLUTION at line 3",
                "class A {",
                "  void a() {",
                "    // BEGIN SOLUTION",
                "    a();",
                "  // END SOLUTION",
                "  }",
                "}");
        assertMarkerProblem(
                "Demo.java:3: the region holds no code",
                "class A {",
                "  void a() {",
                "    // BEGIN SOLUTION",
                "    // just a comment",
                "    // END SOLUTION",
                "  }",
                "}");
        assertMarkerProblem(
                "Demo.java:3: this looks like a marker but is not one",
                "class A {",
                "  void a() {",
                "    //BEGIN SOLUTION",
                "    a();",
                "    // END SOLUTION",
                "  }",
                "}");
    }

    private static void assertMarkerProblem(String expected, String... source) {
        MarkerException refused = assertThrows(MarkerException.class, () -> generate(lines(source)));
        assertTrue(
                refused.getMessage().contains(expected),
                () -> "expected '" + expected + "' in: " + refused.getMessage());
    }

    @Test
    void theGeneratedStubCompilesAndThrowsTheLessonsMessage(@TempDir Path classes) throws Exception {
        GeneratedFile exercise = generate(SUM_TO_N);
        List<String> errors = compiledAlone(exercise, classes);
        assertEquals(List.of(), errors);
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            InvocationTargetException thrown =
                    assertThrows(InvocationTargetException.class, () -> loader.loadClass("demo.Demo")
                            .getMethod("sum", int.class)
                            .invoke(null, 10));
            assertEquals(UnsupportedOperationException.class, thrown.getCause().getClass());
            assertEquals(
                    "Lesson 09: add the numbers from 1 to n. Your code goes at the TODO, Demo.java:5. Hint: " + HINT,
                    thrown.getCause().getMessage());
        }
    }

    /** javac's errors for the exercise as demo/Demo.java, located at the solution's lines. */
    private static List<String> compiledAlone(GeneratedFile exercise, Path classes) {
        return ExerciseCheck.compile(
                Map.of("demo/Demo.java", exercise.text()),
                List.of(),
                classes,
                (path, line) -> path + ":" + exercise.solutionLineOf(line));
    }

    @Test
    void whatTheTextRuleCannotSeeTheCompilerReportsAtTheSolutionsLine(@TempDir Path classes) {
        // The region ends the try block, but with the catch rethrowing, the statement after the
        // whole try statement becomes unreachable once the region is a throw.
        GeneratedFile exercise = generate(lines(
                "package demo;",
                "public class Demo {",
                "    static long sum() {",
                "        long total = 0;",
                "        try {",
                "            // BEGIN SOLUTION",
                "            total = Long.parseLong(\"1\");",
                "            // END SOLUTION",
                "        } catch (NumberFormatException e) {",
                "            throw new IllegalStateException(e);",
                "        }",
                "        return total;",
                "    }",
                "}"));
        List<String> errors = compiledAlone(exercise, classes);
        assertEquals(List.of("demo/Demo.java:12: unreachable statement"), errors);
    }
}
