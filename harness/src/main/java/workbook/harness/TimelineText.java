package workbook.harness;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import workbook.harness.Timeline.Piece;

/**
 * Draws one call of a recording in a terminal, in ASCII only: one line per thread, the thread's
 * name on the left, then one character per slice of time. {@code #} marks a slice the thread was
 * busy for at least half of, {@code +} one it was busy for less, {@code .} one it was idle for;
 * a marked piece ({@code rerun}) shows the first letter of its kind, upper-case. The {@code |} on
 * either side are the ends of the time axis: the call's start and end.
 */
public final class TimelineText {
    private TimelineText() {}

    /** About as wide as a terminal's default 80 columns, with room to spare. */
    public static final int WIDTH = 72;

    /** A terminal is not a chart: beyond this many threads the rest are counted, not drawn. */
    static final int MAX_ROWS = 48;

    private static final int MAX_NAME = 16;

    public static String render(TimelineCall call, TimelineWriter.Title title) {
        List<String> rows = call.rows();
        int nameWidth = Math.max(
                4,
                Math.min(MAX_NAME, rows.stream().mapToInt(String::length).max().orElse(0)));
        int columns = WIDTH - nameWidth - 3;
        TimelineScale scale = TimelineScale.of(call.fromNanos(), call.toNanos(), columns / 10);
        StringBuilder out = new StringBuilder();
        out.append(ascii(title.heading(", "))).append('\n');
        out.append(ascii(call.description()))
                .append(", made by ")
                .append(ascii(call.caller()))
                .append('\n');
        out.append(legend(call)).append('\n');
        Map<String, List<Piece>> byRow = call.piecesByRow();
        for (String row : rows.subList(0, Math.min(rows.size(), MAX_ROWS))) {
            out.append(pad(ascii(row), nameWidth))
                    .append(" |")
                    .append(cells(byRow.get(row), scale, columns))
                    .append("|\n");
        }
        if (rows.size() > MAX_ROWS) {
            out.append(String.format(
                    Locale.ROOT,
                    "... and %d more threads (write the timeline to a .svg or .jsonl file to see every one)%n",
                    rows.size() - MAX_ROWS));
        }
        axis(out, scale, nameWidth + 2, columns);
        return out.toString();
    }

    /*
     * Each column covers an equal slice of the axis. Every piece adds the time it overlaps each
     * column to that column's busy time, per kind; the column then shows the kind that filled most of it.
     */
    private static String cells(List<Piece> pieces, TimelineScale scale, int columns) {
        double span = Math.max(1, scale.toNanos() - scale.fromNanos());
        double columnNanos = span / columns;
        @SuppressWarnings("unchecked")
        Map<String, Double>[] busy = new Map[columns];
        for (Piece piece : pieces) {
            double start = piece.startNanos() - scale.fromNanos();
            double end = piece.endNanos() - scale.fromNanos();
            int first = Math.clamp((long) Math.floor(start / columnNanos), 0, columns - 1);
            int last = Math.clamp((long) Math.ceil(end / columnNanos) - 1, first, columns - 1);
            for (int column = first; column <= last; column++) {
                double overlap = Math.min(end, (column + 1) * columnNanos) - Math.max(start, column * columnNanos);
                // A piece shorter than a nanosecond still leaves a mark.
                overlap = Math.max(overlap, 1e-3);
                if (busy[column] == null) {
                    busy[column] = new TreeMap<>();
                }
                busy[column].merge(TimelineCall.kind(piece), overlap, Double::sum);
            }
        }
        StringBuilder cells = new StringBuilder(columns);
        for (int column = 0; column < columns; column++) {
            cells.append(symbol(busy[column], columnNanos));
        }
        return cells.toString();
    }

    private static char symbol(Map<String, Double> busy, double columnNanos) {
        if (busy == null) {
            return '.';
        }
        double total = busy.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total < columnNanos / 2) {
            return '+';
        }
        String kind = busy.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        return mark(kind);
    }

    private static char mark(String kind) {
        if (kind.equals(TimelineCall.PLAIN)) {
            return '#';
        }
        char first = Character.toUpperCase(kind.charAt(0));
        // Upper-cased, an ASCII letter or digit is at most 'Z'; anything else gets a star.
        return first <= 'Z' && Character.isLetterOrDigit(first) ? first : '*';
    }

    private static String legend(TimelineCall call) {
        StringBuilder legend = new StringBuilder("# busy, + partly busy, . idle");
        for (String kind : call.kinds()) {
            if (!kind.equals(TimelineCall.PLAIN)) {
                legend.append(", ").append(mark(kind)).append(' ').append(ascii(kind));
            }
        }
        return legend.append("; | the call's start and end").toString();
    }

    /** A line of tick marks under the columns, and under it the tick labels and the unit. */
    private static void axis(StringBuilder out, TimelineScale scale, int indent, int columns) {
        char[] marks = "-".repeat(columns).toCharArray();
        char[] labels = " ".repeat(columns + 12).toCharArray();
        int freeFrom = 0;
        for (long tick : scale.ticks()) {
            int column = Math.min(columns - 1, (int) Math.floor(scale.fraction(tick) * columns));
            marks[column] = '+';
            String label = scale.label(tick);
            // A label never runs past the line: it is at most 11 characters (a long's seconds and a
            // sign; from 20 s on the unit is the second and the step whole), and the line has 12 to spare.
            if (column >= freeFrom) {
                label.getChars(0, label.length(), labels, column);
                freeFrom = column + label.length() + 1;
            }
        }
        out.append(" ".repeat(indent)).append(marks).append('\n');
        String labelLine = new String(labels).stripTrailing();
        out.append(" ".repeat(indent))
                .append(labelLine)
                .append(' ')
                .append(scale.asciiUnit())
                .append('\n');
    }

    private static String pad(String name, int width) {
        if (name.length() > width) {
            return name.substring(0, width - 2) + "..";
        }
        return name + " ".repeat(width - name.length());
    }

    /** Thread names and lesson names may hold any character; a terminal gets ASCII. */
    static String ascii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(
                    switch (c) {
                        case '·' -> '-';
                        case 'µ' -> 'u';
                        default -> c >= 0x20 && c < 0x7f ? c : '?';
                    });
        }
        return out.toString();
    }
}
