package workbook.workshop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a lesson's exercise version from its solution, the nbgrader way: the solution is the
 * only source of truth, and the part a participant writes is marked in it.
 *
 * <pre>
 *         // BEGIN SOLUTION: start one thread per chunk, take one result per worker, join them
 *         ... the solution's code ...
 *         // END SOLUTION
 *     }
 * </pre>
 *
 * becomes, in {@code src/exercise/java} (same package path, every other line identical):
 *
 * <pre>
 *         // TODO Lesson 02: start one thread per chunk, take one result per worker, join them
 *         throw new UnsupportedOperationException("Lesson 02: start one thread ... Hint: docs/02-threads-queue.md#hints");
 *     }
 * </pre>
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
 *   <li>every lesson has at least one region.
 * </ul>
 * What text cannot see (a region that ends a {@code try} block with code after the whole
 * statement, say) the compiler does: {@code ./workbook exercises} and the CI compile every
 * generated exercise and report javac's complaint at the solution's line.
 *
 * <p>Files without markers are copied unchanged, so {@code src/exercise/java} is a complete
 * source set that replaces {@code src/main/java} as a whole.
 */
public final class ExerciseGenerator {

    public static final String GENERIC_TASK = "write the code this lesson is about";

    private static final Pattern BEGIN = Pattern.compile("^([ \\t]*)// BEGIN SOLUTION(?::[ \\t]*(.*?))?[ \\t]*\\r?$");
    private static final Pattern END = Pattern.compile("^([ \\t]*)// END SOLUTION[ \\t]*\\r?$");
    private static final Pattern ANY_MARKER = Pattern.compile("(BEGIN|END)[ _]SOLUTION");

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

    /** A marker that breaks the rules; the message holds one "file:line: what is wrong" per problem. */
    public static final class MarkerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MarkerException(List<String> problems) {
            super(String.join(System.lineSeparator(), problems));
        }
    }

    /** The message the stub throws; it names the lesson, the task and where the hints are. */
    public static String stubMessage(String lessonId, String task, String hintLink) {
        return "Lesson " + lessonId + ": " + sentence(task) + " Hint: " + hintLink;
    }

    /**
     * Every file of the lesson's exercise version, by path relative to {@code src/main/java}
     * ("workbook/threads/ThreadsAndQueue.java"), generated in memory.
     */
    public static Map<String, GeneratedFile> generate(LessonModule lesson) {
        Map<String, GeneratedFile> files = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Path sources = lesson.solutionSources();
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String path = sources.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                String text = Files.readString(file, StandardCharsets.UTF_8);
                String shown = lesson.shown(file);
                try {
                    files.put(
                            path,
                            path.endsWith(".java")
                                    ? exerciseOf(shown, path, text, lesson.id(), lesson.hintLink())
                                    : new GeneratedFile(path, text, List.of(), new int[0]));
                } catch (MarkerException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sources, e);
        }
        if (problems.isEmpty()
                && files.values().stream().allMatch(file -> file.regions().isEmpty())) {
            problems.add(lesson.shown(sources) + ": no // BEGIN SOLUTION region in lesson " + lesson.id()
                    + ": every lesson marks the part a participant writes");
        }
        if (!problems.isEmpty()) {
            throw new MarkerException(problems);
        }
        return files;
    }

    /**
     * The exercise version of one solution file. {@code shownName} is how messages name the file
     * (for example "02-threads-queue/src/main/java/workbook/threads/ThreadsAndQueue.java").
     */
    public static GeneratedFile exerciseOf(
            String shownName, String path, String source, String lessonId, String hintLink) {
        String[] lines = source.split("\n", -1);
        List<String> out = new ArrayList<>();
        List<Integer> solutionLines = new ArrayList<>();
        List<Region> regions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int begin = -1;
        String indent = "";
        String task = null;
        boolean regionHasCode = false;
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index];
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
                regionHasCode = false;
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
                if (!regionHasCode) {
                    problems.add(shownName + ":" + begin
                            + ": the region holds no code: there is nothing for a participant to write");
                }
                String after = firstCodeAfter(lines, index + 1);
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
                out.add(indent + "throw new UnsupportedOperationException(\""
                        + javaString(stubMessage(lessonId, task, hintLink)) + "\");" + carriageReturn);
                solutionLines.add(lineNumber);
                regions.add(new Region(shownName, begin, lineNumber, task));
                begin = -1;
            } else if (ANY_MARKER.matcher(line).find() && line.strip().startsWith("//")) {
                problems.add(
                        shownName + ":" + lineNumber + ": this looks like a marker but is not one: write exactly"
                                + " '// BEGIN SOLUTION', '// BEGIN SOLUTION: what to write' or '// END SOLUTION', alone on the line");
            } else if (begin >= 0) {
                regionHasCode |= isCode(line);
            } else {
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
        return new GeneratedFile(
                path,
                String.join("\n", out),
                List.copyOf(regions),
                solutionLines.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The first line after {@code from} that is neither blank nor a comment, or null. */
    private static String firstCodeAfter(String[] lines, int from) {
        boolean inBlockComment = false;
        for (int index = from; index < lines.length; index++) {
            String text = lines[index].strip();
            if (inBlockComment) {
                if (text.contains("*/")) {
                    inBlockComment = false;
                    text = text.substring(text.indexOf("*/") + 2).strip();
                } else {
                    continue;
                }
            }
            if (text.startsWith("/*")) {
                inBlockComment = !text.contains("*/");
                continue;
            }
            if (text.isEmpty() || text.startsWith("//")) {
                continue;
            }
            return lines[index];
        }
        return null;
    }

    private static boolean isCode(String line) {
        String text = line.strip();
        return !text.isEmpty() && !text.startsWith("//") && !text.startsWith("/*") && !text.startsWith("*");
    }

    private static String sentence(String task) {
        return task.endsWith(".") || task.endsWith("!") || task.endsWith("?") ? task : task + ".";
    }

    private static String javaString(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
