package workbook.workshop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import workbook.harness.Lesson;

/**
 * A project root of its own, for a test that plays the learner: each lesson in it sees the real
 * lesson's solution, built classes, tests and docs (through links), and has an exercise folder of
 * its own, freshly generated, that the test may overwrite, and a target folder of its own (the
 * check's work folder, the hints seen, the backups). The real exercise folders are never touched,
 * and checks in two sandboxes can run at the same time.
 */
final class Sandbox {
    private final Path root;
    private final Map<String, LessonModule> lessons;

    private Sandbox(Path root, Map<String, LessonModule> lessons) {
        this.root = root;
        this.lessons = lessons;
    }

    /** A sandbox in {@code folder} (emptied first) holding {@code lessons} of the project at {@code realRoot}. */
    static Sandbox of(Path folder, Path realRoot, List<Lesson> lessons) {
        return of(folder, realRoot, lessons, false);
    }

    /**
     * The same; with {@code ownSources}, each lesson's src/main is a copy that the test may change
     * (a solution whose markers break the rules), not a link.
     */
    static Sandbox of(Path folder, Path realRoot, List<Lesson> lessons, boolean ownSources) {
        Map<String, LessonModule> modules = new LinkedHashMap<>();
        try {
            ExerciseCheck.deleteRecursively(folder);
            Files.createDirectories(folder);
            link(folder.resolve("docs"), realRoot.resolve("docs"));
            for (Lesson lesson : lessons) {
                LessonModule real = new LessonModule(realRoot, lesson);
                LessonModule copy = new LessonModule(folder, lesson);
                Path dir = copy.dir();
                Files.createDirectories(dir.resolve("src"));
                Files.createDirectories(dir.resolve("target"));
                if (ownSources) {
                    copyTree(real.dir().resolve("src/main"), dir.resolve("src/main"));
                } else {
                    link(dir.resolve("src/main"), real.dir().resolve("src/main"));
                }
                link(dir.resolve("target/test-classes"), real.testClasses());
                link(dir.resolve("target/classes"), real.dir().resolve("target/classes"));
                Files.copy(real.testClasspathFile(), copy.testClasspathFile());
                if (Files.isRegularFile(real.dir().resolve("jvm.options"))) {
                    Files.copy(real.dir().resolve("jvm.options"), dir.resolve("jvm.options"));
                }
                Exercises.write(copy, ExerciseGenerator.generate(copy));
                modules.put(lesson.id(), copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Sandbox(folder, modules);
    }

    Path root() {
        return root;
    }

    LessonModule lesson(String id) {
        LessonModule lesson = lessons.get(id);
        if (lesson == null) {
            throw new IllegalArgumentException("no lesson " + id + " in this sandbox: " + lessons.keySet());
        }
        return lesson;
    }

    /** Writes {@code text} as the learner's version of {@code path} (relative to src/exercise/java). */
    void writeExercise(String id, String path, String text) {
        write(lesson(id).exerciseSources().resolve(path), text);
    }

    /** The solution file's text. */
    String solution(String id, String path) {
        return read(lesson(id).solutionSources().resolve(path));
    }

    /** The learner's file's text. */
    String exercise(String id, String path) {
        return read(lesson(id).exerciseSources().resolve(path));
    }

    /** The exercise files as generated. */
    Map<String, String> generated(String id) {
        return Exercises.texts(ExerciseGenerator.generate(lesson(id)));
    }

    /** The learner's version: the generated exercise with {@code path} replaced by {@code text}. */
    void fillIn(String id, String path, String text) {
        generated(id).forEach((file, generated) -> writeExercise(id, file, generated));
        writeExercise(id, path, text);
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void link(Path link, Path target) throws IOException {
        Files.createSymbolicLink(link, target.toAbsolutePath());
    }
}
