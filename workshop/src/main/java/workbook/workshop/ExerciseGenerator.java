package workbook.workshop;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import workbook.workshop.JavaLines.Kind;

/**
 * Writes a lesson's exercise files from its solution, the nbgrader way: the solution is the only
 * source of truth, and the part a participant writes is marked in it.
 *
 * <pre>
 *         // BEGIN SOLUTION: start one thread per chunk, take one result per worker, join them
 *         // Why the workers go first ...
 *         ... the solution's code ...
 *         // END SOLUTION
 *     }
 * </pre>
 *
 * becomes, in {@code src/exercise/java} (same package path, every line outside the region identical):
 *
 * <pre>
 *         // TODO Lesson 02: start one thread per chunk, take one result per worker, join them
 *
 *         // Why the workers go first ...
 *         throw new UnsupportedOperationException("Lesson 02: start one thread ... Your code goes at the TODO,
 *                 ThreadsAndQueue.java:71. Hint: docs/02-threads-queue.md#hints");
 *     }
 * </pre>
 *
 * Only code leaves the region: its comments (line and block comments, in order) stay in the stub,
 * each block moved left so that its shallowest line sits at the region's indentation. A comment at
 * the end of a code line goes with its code.
 *
 * <p>Only files with a region become exercise files; {@code src/exercise/java} holds nothing else,
 * and a check lays it over {@code src/main/java} file by file. An exercise file still runs with
 * {@code ./jbang}: a {@code //SOURCES} line that names a file of the lesson which is not itself an
 * exercise is rewritten to reach that file in {@code src/main/java}
 * ({@code //SOURCES ../../../../main/java/workbook/threads/Sibling.java}); paths that leave the
 * lesson's sources (the harness) are the same from both folders and stay as they are.
 *
 * <p>The rules for a region, checked here with the solution's file and line when broken:
 * <ul>
 *   <li>each marker is alone on its line; BEGIN and END have the same indentation; regions do not
 *       nest; the text after {@code BEGIN SOLUTION:} says what to write (without it the stub
 *       says {@value #GENERIC_TASK});
 *   <li><b>a region ends its block</b>: after {@code // END SOLUTION} only blank lines and
 *       comments come before the block's closing brace. The stub is a plain {@code throw}, and
 *       javac rejects any statement after a {@code throw} as unreachable, so a statement that
 *       uses the region's result belongs inside the region (mark the whole method body, or move
 *       the part into a method of its own);
 *   <li>a region holds code, and every lesson has at least one region.
 * </ul>
 * What text cannot see (a region that ends a {@code try} block with code after the whole
 * statement, say) the compiler does: {@code ./workbook exercises} and the CI compile every
 * generated exercise and report javac's complaint at the solution's line.
 */
public final class ExerciseGenerator {

    public static final String GENERIC_TASK = "write the code this lesson is about";

    private static final Pattern BEGIN = Pattern.compile("^([ \\t]*)// BEGIN SOLUTION(?::[ \\t]*(.*?))?[ \\t]*\\r?$");
    private static final Pattern END = Pattern.compile("^([ \\t]*)// END SOLUTION[ \\t]*\\r?$");
    private static final Pattern ANY_MARKER = Pattern.compile("(BEGIN|END)[ _]SOLUTION");
    private static final Pattern SOURCES = Pattern.compile("^//SOURCES[ \\t]+(.*?)[ \\t]*(\\r?)$");

    private ExerciseGenerator() {}

    /** A marked region of a solution file (lines are 1-based, the markers' own lines). */
    public record Region(String file, int beginLine, int endLine, String task) {}

    /**
     * One generated exercise file. {@code solutionLine[i]} is the solution's line number for the
     * exercise's line i + 1, so a compiler message about the exercise can point at the solution.
     */
    public record GeneratedFile(String path, String text, List<Region> regions, int[] solutionLine) {
        public int solutionLineOf(long exerciseLine) {
            if (exerciseLine < 1 || exerciseLine > solutionLine.length) {
                return (int) exerciseLine;
            }
            return solutionLine[(int) exerciseLine - 1];
        }
    }

    /**
     * What a file's {@code //SOURCES} lines are resolved against: every path of the lesson's
     * {@code src/main/java} and which of them are exercises (paths relative to that folder).
     */
    public record Sources(Set<String> solutionPaths, Set<String> exercisePaths) {
        /** No sibling is known: every {@code //SOURCES} line stays as it is. */
        public static final Sources NONE = new Sources(Set.of(), Set.of());

        public Sources {
            solutionPaths = Set.copyOf(solutionPaths);
            exercisePaths = Set.copyOf(exercisePaths);
        }
    }

    /** A marker that breaks the rules; the message holds one "file:line: what is wrong" per problem. */
    public static final class MarkerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MarkerException(List<String> problems) {
            super(String.join(System.lineSeparator(), problems));
        }
    }

    /** The message the stub throws; it names the lesson, the task and where the hints are. */
    public static String stubMessage(String lessonId, String task, String todo, String hintLink) {
        return "Lesson " + lessonId + ": " + sentence(task) + " Your code goes at the TODO, " + todo + ". Hint: "
                + hintLink;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** True when the text holds a BEGIN SOLUTION marker line: the file becomes an exercise. */
    public static boolean hasRegion(String text) {
        return text.lines().anyMatch(line -> BEGIN.matcher(line).matches());
    }

    /**
     * The lesson's exercise files, by path relative to {@code src/main/java}
     * ("workbook/threads/ThreadsAndQueue.java"), generated in memory: one for each solution file
     * with a region, and nothing for the others.
     */
    public static Map<String, GeneratedFile> generate(LessonModule lesson) {
        Map<String, String> solution = ExerciseCheck.read(lesson.solutionSources());
        Set<String> exercisePaths = new TreeSet<>();
        solution.forEach((path, text) -> {
            if (path.endsWith(".java") && hasRegion(text)) {
                exercisePaths.add(path);
            }
        });
        Sources sources = new Sources(solution.keySet(), exercisePaths);
        Map<String, GeneratedFile> files = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> file : solution.entrySet()) {
            String path = file.getKey();
            if (!path.endsWith(".java")) {
                continue;
            }
            try {
                GeneratedFile exercise = exerciseOf(
                        lesson.shown(lesson.solutionSources().resolve(path)),
                        path,
                        file.getValue(),
                        lesson.id(),
                        lesson.hintLink(),
                        sources);
                if (!exercise.regions().isEmpty()) {
                    files.put(path, exercise);
                }
            } catch (MarkerException e) {
                problems.add(e.getMessage());
            }
        }
        if (problems.isEmpty() && files.isEmpty()) {
            problems.add(lesson.shown(lesson.solutionSources()) + ": no // BEGIN SOLUTION region in lesson "
                    + lesson.id() + ": every lesson marks the part a participant writes");
        }
        if (!problems.isEmpty()) {
            throw new MarkerException(problems);
        }
        return files;
    }

    /** {@link #exerciseOf(String, String, String, String, String, Sources)} with no sibling known. */
    public static GeneratedFile exerciseOf(
            String shownName, String path, String source, String lessonId, String hintLink) {
        return exerciseOf(shownName, path, source, lessonId, hintLink, Sources.NONE);
    }

    /**
     * The exercise version of one solution file. {@code shownName} is how messages name the file
     * (for example "02-threads-queue/src/main/java/workbook/threads/ThreadsAndQueue.java"); a file
     * without a region comes back unchanged, with no regions.
     */
    public static GeneratedFile exerciseOf(
            String shownName, String path, String source, String lessonId, String hintLink, Sources sources) {
        List<String> lines = List.of(source.split("\n", -1));
        Kind[] kinds = JavaLines.kinds(lines);
        List<String> out = new ArrayList<>();
        List<Integer> solutionLines = new ArrayList<>();
        List<Region> regions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int begin = -1;
        String indent = "";
        String task = null;
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            int lineNumber = index + 1;
            Matcher beginMatch = BEGIN.matcher(line);
            Matcher endMatch = END.matcher(line);
            if (beginMatch.matches()) {
                if (begin >= 0) {
                    problems.add(shownName + ":" + lineNumber + ": BEGIN SOLUTION inside the region opened at line "
                            + begin + ": regions do not nest; close the first with // END SOLUTION");
                    continue;
                }
                begin = lineNumber;
                indent = beginMatch.group(1);
                task = beginMatch.group(2) == null || beginMatch.group(2).isBlank()
                        ? GENERIC_TASK
                        : beginMatch.group(2).strip();
            } else if (endMatch.matches()) {
                if (begin < 0) {
                    problems.add(shownName + ":" + lineNumber + ": END SOLUTION without a BEGIN SOLUTION before it");
                    continue;
                }
                if (!endMatch.group(1).equals(indent)) {
                    problems.add(shownName + ":" + lineNumber
                            + ": END SOLUTION is not indented like its BEGIN SOLUTION at line " + begin
                            + ": indent both like the code they enclose");
                }
                boolean hasCode = false;
                for (int inside = begin; inside < index; inside++) {
                    hasCode |= kinds[inside] == Kind.CODE;
                }
                if (!hasCode) {
                    problems.add(shownName + ":" + begin
                            + ": the region holds no code: there is nothing for a participant to write");
                }
                String after = firstCodeAfter(lines, kinds, index + 1);
                if (after == null || !after.strip().startsWith("}")) {
                    problems.add(shownName + ":" + lineNumber + ": the region must end its block, but "
                            + (after == null ? "the file ends" : "'" + after.strip() + "' follows it")
                            + ": the generated throw would make that unreachable (a javac error). Move END SOLUTION down to the"
                            + " block's closing brace (the statements that use the region's result belong in the region),"
                            + " or move the region into a method of its own");
                }
                String carriageReturn = line.endsWith("\r") ? "\r" : "";
                out.add(indent + "// TODO Lesson " + lessonId + ": " + task + carriageReturn);
                solutionLines.add(begin);
                // Where the TODO stands in the exercise, for the stub's message: a stack trace cut short
                // (Maven's, an IDE's) still says which line to write.
                String todo = fileName(path) + ":" + out.size();
                for (List<Integer> block : commentBlocks(kinds, begin, index)) {
                    out.add(carriageReturn);
                    solutionLines.add(block.getFirst());
                    int shallowest = block.stream()
                            .map(at -> lines.get(at - 1))
                            .filter(text -> !text.isBlank())
                            .mapToInt(ExerciseGenerator::indentation)
                            .min()
                            .orElse(0);
                    for (int at : block) {
                        String text = lines.get(at - 1);
                        out.add(
                                text.isBlank()
                                        ? text.strip() + (text.endsWith("\r") ? "\r" : "")
                                        : indent + text.substring(Math.min(shallowest, indentation(text))));
                        solutionLines.add(at);
                    }
                }
                out.add(indent + "throw new UnsupportedOperationException(\""
                        + javaString(stubMessage(lessonId, task, todo, hintLink)) + "\");" + carriageReturn);
                solutionLines.add(lineNumber);
                regions.add(new Region(shownName, begin, lineNumber, task));
                begin = -1;
            } else if (ANY_MARKER.matcher(line).find() && line.strip().startsWith("//")) {
                problems.add(
                        shownName + ":" + lineNumber + ": this looks like a marker but is not one: write exactly"
                                + " '// BEGIN SOLUTION', '// BEGIN SOLUTION: what to write' or '// END SOLUTION', alone on the line");
            } else if (begin < 0) {
                out.add(line);
                solutionLines.add(lineNumber);
            }
        }
        if (begin >= 0) {
            problems.add(shownName + ":" + begin + ": BEGIN SOLUTION is never closed by // END SOLUTION");
        }
        if (!problems.isEmpty()) {
            throw new MarkerException(problems);
        }
        if (regions.isEmpty()) {
            return new GeneratedFile(path, source, List.of(), lineNumbers(lines.size()));
        }
        for (int index = 0; index < out.size(); index++) {
            Matcher sourcesLine = SOURCES.matcher(out.get(index));
            if (sourcesLine.matches()) {
                out.set(
                        index,
                        "//SOURCES " + rewriteSources(path, sourcesLine.group(1), sources) + sourcesLine.group(2));
            }
        }
        return new GeneratedFile(
                path,
                String.join("\n", out),
                List.copyOf(regions),
                solutionLines.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The comment blocks inside a region, as lists of 1-based line numbers: runs of comment lines,
     * split at blank and code lines. {@code first} and {@code end} are 0-based: the first line
     * after BEGIN and the END marker's line.
     */
    private static List<List<Integer>> commentBlocks(Kind[] kinds, int first, int end) {
        List<List<Integer>> blocks = new ArrayList<>();
        List<Integer> current = null;
        for (int index = first; index < end; index++) {
            if (kinds[index] == Kind.COMMENT) {
                if (current == null) {
                    current = new ArrayList<>();
                    blocks.add(current);
                }
                current.add(index + 1);
            } else {
                current = null;
            }
        }
        return blocks;
    }

    /**
     * The {@code //SOURCES} entries of an exercise file, each reaching the same file as from the
     * solution: a lesson file that is not an exercise is named by its path in src/main/java.
     */
    static String rewriteSources(String path, String entries, Sources sources) {
        Path folder = parentOf(path);
        List<String> rewritten = new ArrayList<>();
        for (String entry : entries.split("[ \\t]+")) {
            Path target = folder.resolve(entry).normalize();
            if (target.startsWith("..") || target.toString().isEmpty()) {
                rewritten.add(entry); // outside the lesson's sources (the harness): the same from both folders
                continue;
            }
            String wanted = slashes(target);
            if (!entry.contains("*") && !entry.contains("?") && !entry.contains("[") && !entry.contains("{")) {
                rewritten.add(sources.exercisePaths().contains(wanted) ? entry : toSolution(folder, wanted));
                continue;
            }
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + wanted);
            List<String> matched = new TreeSet<>(sources.solutionPaths())
                    .stream()
                            .filter(candidate -> glob.matches(Path.of(candidate)))
                            .toList();
            List<String> exercises =
                    matched.stream().filter(sources.exercisePaths()::contains).toList();
            if (exercises.isEmpty()) {
                rewritten.add(toSolution(folder, wanted));
            } else if (exercises.size() == matched.size()) {
                rewritten.add(entry);
            } else {
                // Some matches are exercises, some are not: name each one where it is.
                for (String one : matched) {
                    rewritten.add(
                            sources.exercisePaths().contains(one)
                                    ? slashes(folder.relativize(Path.of(one)))
                                    : toSolution(folder, one));
                }
            }
        }
        return String.join(" ", rewritten);
    }

    /** From src/exercise/java/FOLDER to src/main/java/TARGET, relative, with forward slashes. */
    private static String toSolution(Path folder, String target) {
        Path from = Path.of("src", "exercise", "java").resolve(folder);
        Path to = Path.of("src", "main", "java").resolve(target);
        return slashes(from.relativize(to));
    }

    private static Path parentOf(String path) {
        Path parent = Path.of(path).getParent();
        return parent == null ? Path.of("") : parent;
    }

    private static String slashes(Path path) {
        return path.toString().replace(java.io.File.separatorChar, '/');
    }

    /** The first code line after {@code from} (0-based), or null. */
    private static String firstCodeAfter(List<String> lines, Kind[] kinds, int from) {
        for (int index = from; index < lines.size(); index++) {
            if (kinds[index] == Kind.CODE) {
                return lines.get(index);
            }
        }
        return null;
    }

    private static int indentation(String line) {
        int at = 0;
        while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }

    private static int[] lineNumbers(int count) {
        int[] numbers = new int[count];
        for (int index = 0; index < count; index++) {
            numbers[index] = index + 1;
        }
        return numbers;
    }

    /** The comment lines of a source, by 1-based line number (marker lines included). */
    static Map<Integer, String> commentLines(String source) {
        List<String> lines = List.of(source.split("\n", -1));
        Kind[] kinds = JavaLines.kinds(lines);
        Map<Integer, String> comments = new LinkedHashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            if (kinds[index] == Kind.COMMENT) {
                comments.put(index + 1, lines.get(index));
            }
        }
        return comments;
    }

    /** True for a BEGIN or END marker line. */
    static boolean isMarker(String line) {
        return BEGIN.matcher(line).matches() || END.matcher(line).matches();
    }

    private static String sentence(String task) {
        return task.endsWith(".") || task.endsWith("!") || task.endsWith("?") ? task : task + ".";
    }

    private static String javaString(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
