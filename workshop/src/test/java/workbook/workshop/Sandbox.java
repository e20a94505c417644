package workbook.workshop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A project root of its own, for tests that play the learner: each lesson in it sees the real
 * lesson's solution, built classes, tests and docs (through links), and has an exercise folder of
 * its own, freshly generated, that the test may overwrite. The real exercise folders are never
 * touched, so these tests can run while the CI proof reads them.
 */
final class Sandbox {
    private final Path root;

    private Sandbox(Path root) {
        this.root = root;
    }

    /** A sandbox under {@code folder} holding the given lessons (by id) of the real project. */
    static Sandbox of(Path folder, String... lessonIds) {
        Path real = ExercisesAreRealTest.ROOT;
        try {
            Files.createDirectories(folder);
            link(folder.resolve("docs"), real.resolve("docs"));
            for (String id : lessonIds) {
                LessonModule lesson = LessonModule.find(real, id);
                Path dir = folder.resolve(lesson.name());
                Files.createDirectories(dir.resolve("src"));
                Files.createDirectories(dir.resolve("target"));
                link(dir.resolve("src/main"), lesson.dir().resolve("src/main"));
                link(dir.resolve("target/test-classes"), lesson.testClasses());
                link(dir.resolve("target/classes"), lesson.dir().resolve("target/classes"));
                Files.copy(lesson.testClasspathFile(), dir.resolve("target/test-classpath.txt"));
                if (Files.isRegularFile(lesson.dir().resolve("jvm.options"))) {
                    Files.copy(lesson.dir().resolve("jvm.options"), dir.resolve("jvm.options"));
                }
                LessonModule copy = new LessonModule(folder, dir);
                Exercises.write(copy, ExerciseGenerator.generate(copy));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Sandbox(folder);
    }

    Path root() {
        return root;
    }

    LessonModule lesson(String id) {
        return LessonModule.find(root, id);
    }

    /** Writes {@code text} as the learner's version of {@code path} (relative to src/exercise/java). */
    void writeExercise(String id, String path, String text) {
        Path file = lesson(id).exerciseSources().resolve(path);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The solution file's text. */
    String solution(String id, String path) {
        try {
            return Files.readString(lesson(id).solutionSources().resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exercise files as generated. */
    Map<String, String> generated(String id) {
        return Exercises.texts(ExerciseGenerator.generate(lesson(id)));
    }

    private static void link(Path link, Path target) throws IOException {
        Files.createSymbolicLink(link, target.toAbsolutePath());
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }
}
