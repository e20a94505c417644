package workbook.workshop;

import java.util.List;
import java.util.Objects;

/**
 * A realistic slip, written as the lesson's solution file with one snippet replaced: it lives as
 * long as the snippet does, whatever else changes in the file. The case says what the learner
 * must then read: the check's exit code and lines of its output.
 *
 * @param lesson the lesson's id, "02"
 * @param slip what the learner got wrong, in a few words (the test's name)
 * @param file the file, relative to src/main/java (and to src/exercise/java, where it is written)
 * @param snippet text that occurs exactly once in the solution file
 * @param replacement what the learner wrote instead
 * @param exitCode 0 for DONE, 1 for not done
 * @param expected texts the check's output must contain, each one
 */
record WrongSolution(
        String lesson,
        String slip,
        String file,
        String snippet,
        String replacement,
        int exitCode,
        List<String> expected) {

    WrongSolution {
        Objects.requireNonNull(snippet);
        expected = List.copyOf(expected);
    }

    /**
     * The solution file with the slip in it; refused when the snippet is gone or not unique. A
     * one-line snippet is replaced where it stands in its line; a snippet of several lines matches
     * whole lines whatever their indentation, and the replacement takes the indentation of the
     * first line it replaces (its own relative indentation kept).
     */
    String apply(String solution) {
        List<String> wanted = snippet.strip().lines().map(String::strip).toList();
        if (wanted.size() == 1) {
            int first = solution.indexOf(wanted.getFirst());
            if (first < 0 || solution.indexOf(wanted.getFirst(), first + 1) >= 0) {
                throw gone(first < 0);
            }
            return solution.substring(0, first)
                    + replacement.strip()
                    + solution.substring(first + wanted.getFirst().length());
        }
        List<String> lines = solution.lines().toList();
        int found = -1;
        for (int start = 0; start + wanted.size() <= lines.size(); start++) {
            boolean matches = true;
            for (int offset = 0; offset < wanted.size() && matches; offset++) {
                matches = lines.get(start + offset).strip().equals(wanted.get(offset));
            }
            if (matches) {
                if (found >= 0) {
                    throw gone(false);
                }
                found = start;
            }
        }
        if (found < 0) {
            throw gone(true);
        }
        String indent = lines.get(found).substring(0, lines.get(found).indexOf(wanted.getFirst()));
        List<String> result = new java.util.ArrayList<>(lines.subList(0, found));
        String firstIndent = replacement
                .stripIndent()
                .lines()
                .filter(line -> !line.isBlank())
                .findFirst()
                .map(line ->
                        line.substring(0, line.length() - line.stripLeading().length()))
                .orElse("");
        for (String line : replacement
                .stripIndent()
                .lines()
                .filter(line -> !line.isBlank())
                .toList()) {
            result.add(indent
                    + line.substring(Math.min(
                            firstIndent.length(),
                            line.length() - line.stripLeading().length())));
        }
        result.addAll(lines.subList(found + wanted.size(), lines.size()));
        return String.join("\n", result) + (solution.endsWith("\n") ? "\n" : "");
    }

    private AssertionError gone(boolean nowhere) {
        return new AssertionError("lesson " + lesson + "'s case '" + slip + "': the snippet occurs "
                + (nowhere ? "nowhere" : "more than once") + " in " + file
                + ", so the case no longer says what it meant. Point it at the lesson's current code:\n" + snippet);
    }

    /** The 1-based line of the first line of {@code text} that contains {@code wanted}. */
    static int lineOf(String text, String wanted) {
        List<String> lines = text.lines().toList();
        for (int index = 0; index < lines.size(); index++) {
            if (lines.get(index).contains(wanted)) {
                return index + 1;
            }
        }
        throw new AssertionError("'" + wanted + "' is not in the text");
    }

    @Override
    public String toString() {
        return "lesson " + lesson + ": " + slip;
    }
}
