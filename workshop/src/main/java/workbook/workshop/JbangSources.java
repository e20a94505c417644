package workbook.workshop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import workbook.workshop.ExerciseGenerator.GeneratedFile;

/**
 * Proves that an exercise file still runs with {@code ./jbang} without running jbang: the file's
 * {@code //SOURCES} lines are followed as jbang follows them (relative to the file, globs in the
 * last part, and again in every file they bring in), every entry must name a file and no class may
 * come twice, and the lesson's own files among them are compiled with javac against the lesson's
 * libraries and the harness's classes. The harness's sources are not compiled again: the build
 * compiles exactly those files, and compiling them once per exercise would cost more than the
 * rest of the check.
 */
public final class JbangSources {
    private static final Pattern SOURCES = Pattern.compile("^//SOURCES[ \\t]+(.*?)[ \\t]*\\r?$", Pattern.MULTILINE);
    private static final Pattern COMPILE_OPTIONS =
            Pattern.compile("^//COMPILE_OPTIONS[ \\t]+(.*?)[ \\t]*\\r?$", Pattern.MULTILINE);

    private JbangSources() {}

    /** True for a file that starts with the jbang header. */
    static boolean isScript(String text) {
        return text.startsWith("///usr/bin/env jbang");
    }

    /**
     * The problems of every generated exercise file that is a jbang script: a {@code //SOURCES}
     * entry that names no file, a class defined twice, or javac's errors.
     */
    public static List<String> problems(LessonModule lesson, Map<String, GeneratedFile> generated, Path classes) {
        Map<Path, String> exerciseFiles = new LinkedHashMap<>();
        generated.forEach((path, file) -> exerciseFiles.put(
                lesson.exerciseSources().resolve(path).toAbsolutePath().normalize(), file.text()));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Path, String> script : exerciseFiles.entrySet()) {
            if (!isScript(script.getValue())) {
                continue;
            }
            String shown = lesson.shown(script.getKey());
            Map<Path, String> sources = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            collect(script.getKey(), script.getValue(), exerciseFiles, sources, missing);
            missing.forEach(entry -> problems.add(shown + ": " + entry));
            Map<String, Path> byName = new LinkedHashMap<>();
            Map<String, String> units = new LinkedHashMap<>();
            for (Map.Entry<Path, String> source : sources.entrySet()) {
                String typeName = typeName(source.getKey(), source.getValue());
                Path other = byName.putIfAbsent(typeName, source.getKey());
                if (other != null) {
                    problems.add(shown + ": jbang would compile " + typeName + " twice, from " + lesson.shown(other)
                            + " and from " + lesson.shown(source.getKey())
                            + " (a file it brings in names the solution's twin of an exercise file)");
                } else if (source.getKey()
                        .startsWith(lesson.dir().toAbsolutePath().normalize())) {
                    units.put(typeName.replace('.', '/') + ".java", source.getValue());
                }
            }
            Map<String, Path> where = new LinkedHashMap<>();
            byName.forEach((name, path) -> where.put(name.replace('.', '/') + ".java", path));
            List<String> options = new ArrayList<>();
            Matcher compileOptions = COMPILE_OPTIONS.matcher(script.getValue());
            while (compileOptions.find()) {
                options.addAll(List.of(compileOptions.group(1).split("[ \\t]+")));
            }
            List<String> errors = ExerciseCheck.compile(
                    units,
                    lesson.testClasspath(),
                    classes.resolve(script.getKey().getFileName().toString()),
                    (path, line) -> lesson.shown(where.getOrDefault(path, Path.of(path))) + ":" + line,
                    options);
            errors.forEach(error -> problems.add(shown + " under jbang's rules: " + error));
        }
        return problems;
    }

    /** Adds {@code file} and, depth first, what its //SOURCES lines bring in; names entries that find nothing. */
    static void collect(
            Path file, String text, Map<Path, String> exerciseFiles, Map<Path, String> sources, List<String> missing) {
        Deque<Map.Entry<Path, String>> pending = new ArrayDeque<>();
        pending.add(Map.entry(file, text));
        while (!pending.isEmpty()) {
            Map.Entry<Path, String> next = pending.poll();
            if (sources.containsKey(next.getKey())) {
                continue;
            }
            sources.put(next.getKey(), next.getValue());
            Matcher lines = SOURCES.matcher(next.getValue());
            while (lines.find()) {
                for (String entry : lines.group(1).split("[ \\t]+")) {
                    List<Path> found = resolve(next.getKey().getParent(), entry, exerciseFiles);
                    if (found.isEmpty()) {
                        missing.add(
                                "//SOURCES " + entry + " (in " + next.getKey().getFileName() + ") names no file");
                    }
                    for (Path path : found) {
                        pending.add(Map.entry(path, exerciseFiles.getOrDefault(path, read(path))));
                    }
                }
            }
        }
    }

    /** The files an entry names, from {@code folder}: one path, or a glob in its last part. */
    static List<Path> resolve(Path folder, String entry, Map<Path, String> exerciseFiles) {
        int slash = entry.lastIndexOf('/');
        Path directory = (slash < 0 ? folder : folder.resolve(entry.substring(0, slash))).normalize();
        String name = entry.substring(slash + 1);
        if (!name.contains("*") && !name.contains("?") && !name.contains("[") && !name.contains("{")) {
            Path path = directory.resolve(name).normalize();
            return exerciseFiles.containsKey(path) || Files.isRegularFile(path) ? List.of(path) : List.of();
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + name);
        TreeSet<Path> found = new TreeSet<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                files.filter(Files::isRegularFile)
                        .filter(path -> glob.matches(path.getFileName()))
                        .forEach(path -> found.add(path.toAbsolutePath().normalize()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        exerciseFiles.keySet().stream()
                .filter(path -> directory.equals(path.getParent()) && glob.matches(path.getFileName()))
                .forEach(found::add);
        return List.copyOf(found);
    }

    private static String typeName(Path file, String text) {
        Matcher packageLine =
                Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE).matcher(text);
        String simple = file.getFileName().toString().replaceFirst("\\.java$", "");
        return packageLine.find() ? packageLine.group(1) + "." + simple : simple;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
