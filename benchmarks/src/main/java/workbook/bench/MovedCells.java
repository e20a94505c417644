package workbook.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ./workbook measure-docs --check} reports: the figures of a measured table that moved
 * by more than a limit between the committed page and a new run of its command. Tables are
 * compared cell by cell, in the order they appear; a cell holds a figure when it starts with a
 * number ("1.35 s", "1.94x", "12 %", "1,000,000"), and durations are compared in the same unit
 * whatever unit each side was written in. A table whose shape changed (rows, columns) is named as a
 * whole.
 */
final class MovedCells {
    private MovedCells() {}

    private static final Pattern FIGURE = Pattern.compile("^(-?[0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(ns|µs|us|ms|s|x|×|%)?");

    private static final Map<String, Double> NANOS_PER = Map.of("ns", 1.0, "µs", 1e3, "us", 1e3, "ms", 1e6, "s", 1e9);

    /**
     * The cells of {@code after}'s tables whose figure differs from the same cell in
     * {@code before} by more than {@code limit} (0.10 for 10 %), each as one line: the table's
     * header, the row's first cell, the column, both figures and the change.
     */
    static List<String> moved(List<String> before, List<String> after, double limit) {
        List<List<List<String>>> old = tables(before);
        List<List<List<String>>> fresh = tables(after);
        List<String> moved = new ArrayList<>();
        if (old.size() != fresh.size()) {
            moved.add("the block now has " + fresh.size() + " tables, it had " + old.size());
            return moved;
        }
        for (int t = 0; t < fresh.size(); t++) {
            List<List<String>> was = old.get(t);
            List<List<String>> now = fresh.get(t);
            List<String> header = now.getFirst();
            if (was.size() != now.size() || !was.getFirst().equals(header)) {
                moved.add("table " + (t + 1) + " (" + String.join(" | ", header) + ") changed its shape");
                continue;
            }
            for (int row = 1; row < now.size(); row++) {
                for (int column = 0;
                        column < Math.min(now.get(row).size(), was.get(row).size());
                        column++) {
                    String wasCell = was.get(row).get(column);
                    String nowCell = now.get(row).get(column);
                    Optional<Double> change = change(wasCell, nowCell);
                    if (change.isPresent() && Math.abs(change.get()) > limit) {
                        moved.add(String.format(
                                Locale.ROOT,
                                "table %d, row '%s', column '%s': %s, now %s (%+.0f %%)",
                                t + 1,
                                now.get(row).getFirst(),
                                header.get(column),
                                wasCell,
                                nowCell,
                                change.get() * 100));
                    }
                }
            }
        }
        return moved;
    }

    /** The relative change from one cell's figure to the other's, when both hold one of the same kind. */
    static Optional<Double> change(String before, String after) {
        Optional<double[]> was = figure(before);
        Optional<double[]> now = figure(after);
        if (was.isEmpty() || now.isEmpty() || was.get()[1] != now.get()[1] || was.get()[0] == 0) {
            return Optional.empty();
        }
        return Optional.of(now.get()[0] / was.get()[0] - 1);
    }

    /* A cell's figure and its kind (0: a plain number, 1: a duration in ns, 2: a ratio, 3: a percentage). */
    private static Optional<double[]> figure(String cell) {
        Matcher match = FIGURE.matcher(cell.strip().replace("**", ""));
        if (!match.find()) {
            return Optional.empty();
        }
        double value = Double.parseDouble(match.group(1).replace(",", ""));
        String unit = match.group(2);
        if (unit == null) {
            return Optional.of(new double[] {value, 0});
        }
        return switch (unit) {
            case "x", "×" -> Optional.of(new double[] {value, 2});
            case "%" -> Optional.of(new double[] {value, 3});
            default -> Optional.of(new double[] {value * NANOS_PER.get(unit), 1});
        };
    }

    /* Every Markdown table of the lines, as rows of cells; the rule under the header is left out. */
    private static List<List<List<String>>> tables(List<String> lines) {
        List<List<List<String>>> tables = new ArrayList<>();
        List<List<String>> current = null;
        for (String line : lines) {
            String stripped = line.strip();
            if (!stripped.startsWith("|")) {
                current = null;
                continue;
            }
            if (current == null) {
                current = new ArrayList<>();
                tables.add(current);
            }
            List<String> cells = cells(stripped);
            if (cells.stream().allMatch(cell -> cell.matches(":?-+:?"))) {
                continue;
            }
            current.add(cells);
        }
        return tables;
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }
}
