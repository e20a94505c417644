package workbook.workshop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import workbook.workshop.ExerciseGenerator.GeneratedFile;

/**
 * A lesson's exercise folder ({@code src/exercise/java}) compared with, and brought back to, what
 * its solution generates; and the sources a check compiles: {@code src/main/java} with the
 * exercise files laid over it, file by file.
 */
public final class Exercises {

    private Exercises() {}

    /** The generated exercise, as plain text by path: what {@link ExerciseCheck#check} takes. */
    public static Map<String, String> texts(Map<String, GeneratedFile> generated) {
        Map<String, String> texts = new LinkedHashMap<>();
        generated.forEach((path, file) -> texts.put(path, file.text()));
        return texts;
    }

    /**
     * The sources a check compiles: the solution's files, each replaced by the exercise file with
     * the same path where there is one (a file only the exercise has is added).
     */
    public static Map<String, String> overlay(Map<String, String> solution, Map<String, String> exercise) {
        Map<String, String> sources = new java.util.TreeMap<>(solution);
        sources.putAll(exercise);
        return sources;
    }

    /** The lesson's solution with the exercise folder on disk laid over it. */
    public static Map<String, String> withExerciseOnDisk(LessonModule lesson) {
        return overlay(ExerciseCheck.read(lesson.solutionSources()), ExerciseCheck.read(lesson.exerciseSources()));
    }

    /** The lesson's solution with the generated exercise files laid over it. */
    public static Map<String, String> withGenerated(LessonModule lesson, Map<String, GeneratedFile> generated) {
        return overlay(ExerciseCheck.read(lesson.solutionSources()), texts(generated));
    }

    /** A compiler message about a generated file, located at the solution's file and line. */
    public static ExerciseCheck.Locator atSolution(LessonModule lesson, Map<String, GeneratedFile> generated) {
        return (path, line) -> {
            GeneratedFile file = generated.get(path);
            int solutionLine = file == null ? (int) line : file.solutionLineOf(line);
            return lesson.shown(lesson.solutionSources().resolve(path)) + ":" + solutionLine;
        };
    }

    /**
     * A compiler message about the participant's file, located there; one about a file the
     * exercise does not replace, located in src/main/java.
     */
    public static ExerciseCheck.Locator atExercise(LessonModule lesson) {
        return (path, line) -> {
            Path exercise = lesson.exerciseSources().resolve(path);
            Path file = Files.isRegularFile(exercise)
                    ? exercise
                    : lesson.solutionSources().resolve(path);
            return lesson.shown(file) + ":" + line;
        };
    }

    /**
     * How the files on disk differ from the generated ones, one line per file ("missing",
     * "differs from line 49", "not generated from any solution file"); empty when up to date.
     */
    public static List<String> differences(LessonModule lesson, Map<String, GeneratedFile> generated) {
        Map<String, String> onDisk = ExerciseCheck.read(lesson.exerciseSources());
        List<String> differences = new ArrayList<>();
        for (String path : new TreeSet<>(union(onDisk.keySet(), generated.keySet()))) {
            String shown = lesson.shown(lesson.exerciseSources().resolve(path));
            String disk = onDisk.get(path);
            GeneratedFile wanted = generated.get(path);
            if (disk == null) {
                differences.add(shown + ": missing");
            } else if (wanted == null) {
                differences.add(shown + ": not an exercise file (no solution file with a region generates it)");
            } else if (!disk.equals(wanted.text())) {
                differences.add(shown + ": differs from line " + firstDifferentLine(disk, wanted.text()));
            }
        }
        return differences;
    }

    /**
     * Writes the generated exercise over {@code src/exercise/java} (and removes files no solution
     * file generates). When the folder held something else, a copy of it goes to
     * {@code target/exercise-backup/<time>} first, and that folder is returned.
     */
    public static Optional<Path> write(LessonModule lesson, Map<String, GeneratedFile> generated) {
        Path folder = lesson.exerciseSources();
        Map<String, String> onDisk = ExerciseCheck.read(folder);
        Optional<Path> backup = Optional.empty();
        try {
            if (!differences(lesson, generated).isEmpty() && !onDisk.isEmpty()) {
                Path copy = lesson.dir()
                        .resolve("target/exercise-backup")
                        .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
                for (Map.Entry<String, String> file : onDisk.entrySet()) {
                    Path target = copy.resolve(file.getKey());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                }
                backup = Optional.of(copy);
            }
            for (String path : onDisk.keySet()) {
                if (!generated.containsKey(path)) {
                    Files.delete(folder.resolve(path));
                    deleteEmptyFolders(folder, folder.resolve(path).getParent());
                }
            }
            for (GeneratedFile file : generated.values()) {
                Path target = folder.resolve(file.path());
                if (!file.text().equals(onDisk.get(file.path()))) {
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.text(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder, e);
        }
        return backup;
    }

    /** Removes {@code from} and its parents up to (not including) {@code root} while they are empty. */
    private static void deleteEmptyFolders(Path root, Path from) throws IOException {
        for (Path folder = from;
                folder != null && folder.startsWith(root) && !folder.equals(root);
                folder = folder.getParent()) {
            try (java.util.stream.Stream<Path> children = Files.list(folder)) {
                if (children.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(folder);
        }
    }

    private static int firstDifferentLine(String left, String right) {
        List<String> leftLines = left.lines().toList();
        List<String> rightLines = right.lines().toList();
        int line = 0;
        while (line < leftLines.size()
                && line < rightLines.size()
                && leftLines.get(line).equals(rightLines.get(line))) {
            line++;
        }
        return line + 1;
    }

    private static <T> List<T> union(java.util.Collection<T> left, java.util.Collection<T> right) {
        List<T> all = new ArrayList<>(left);
        all.addAll(right);
        return all;
    }
}
