package workbook.workshop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the code two files share, by the rule of the project's {@code duplicates} tool: blank
 * lines, comment lines, lone punctuation, package and import lines are passed over, white space
 * is folded, and a run of six or more identical remaining lines, in the same order in both files,
 * is shared code.
 *
 * <p>The workshop uses it between an exercise file and its solution: what the two share is
 * written twice in the repository, and belongs either outside the learner's file or inside a
 * region.
 */
public final class SharedLines {

    /** The duplicates tool's default: six shared lines make a pair. */
    public static final int MIN_LINES = 6;

    private static final int LINE_MAX = 2_000;
    private static final Pattern NO_SUBSTANCE = Pattern.compile("[\\s{}()\\[\\];,:.]*");
    private static final Pattern HEADER = Pattern.compile("^(import\\b|package [\\w.]+;?$)");

    private SharedLines() {}

    /**
     * One run of shared code: lines {@code first..last} of the first file stand again at
     * {@code otherFirst..otherLast} of the second (1-based, inclusive); {@code codeLines} is how
     * many code lines the run holds.
     */
    public record Run(int first, int last, int otherFirst, int otherLast, int codeLines) {}

    /** A code line as the rule compares it, or null when the rule passes over it. */
    static String normalized(String line) {
        String folded = String.join(" ", line.strip().split("\\s+"));
        if (folded.length() < 3
                || folded.length() > LINE_MAX
                || NO_SUBSTANCE.matcher(folded).matches()) {
            return null;
        }
        boolean comment = (folded.startsWith("/*") || folded.startsWith("*") || folded.startsWith("//"))
                && !folded.startsWith("*/");
        if (comment || folded.startsWith("'''") || folded.startsWith("\"\"\"")) {
            return null;
        }
        return HEADER.matcher(folded).find() ? null : folded;
    }

    /** Every run of at least {@code minLines} identical code lines the two texts share, in order. */
    public static List<Run> between(String text, String other, int minLines) {
        List<Row> rows = rows(text);
        List<Row> otherRows = rows(other);
        // length[i][j]: how many rows end at rows[i - 1] and otherRows[j - 1] that are alike, one after the other.
        int[][] length = new int[rows.size() + 1][otherRows.size() + 1];
        for (int i = 1; i <= rows.size(); i++) {
            for (int j = 1; j <= otherRows.size(); j++) {
                if (rows.get(i - 1).text().equals(otherRows.get(j - 1).text())) {
                    length[i][j] = length[i - 1][j - 1] + 1;
                }
            }
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 1; i <= rows.size(); i++) {
            for (int j = 1; j <= otherRows.size(); j++) {
                int run = length[i][j];
                boolean continues = i < rows.size() && j < otherRows.size() && length[i + 1][j + 1] > run;
                if (run >= minLines && !continues) {
                    runs.add(new Run(
                            rows.get(i - run).line(),
                            rows.get(i - 1).line(),
                            otherRows.get(j - run).line(),
                            otherRows.get(j - 1).line(),
                            run));
                }
            }
        }
        runs.sort(Comparator.comparingInt(Run::first).thenComparingInt(Run::otherFirst));
        return runs;
    }

    private record Row(int line, String text) {}

    private static List<Row> rows(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int index = 0; index < lines.size(); index++) {
            String normalized = normalized(lines.get(index));
            if (normalized != null) {
                rows.add(new Row(index + 1, normalized));
            }
        }
        return rows;
    }
}
