package workbook.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A grid of figures, shown one of two ways: as Markdown, for the pages and every measured table in
 * them, or as aligned columns, for a terminal. The first column (what a row is) reads from the
 * left; the figures read from the right, so that their digits line up.
 */
public final class Table {
    /** How a column's cells line up. */
    public enum Align {
        LEFT("---"),
        RIGHT("---:"),
        CENTER(":---:");

        private final String markdownRule;

        Align(String markdownRule) {
            this.markdownRule = markdownRule;
        }
    }

    private final List<String> columns;
    private final Align[] aligns;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> columns) {
        this.columns = List.copyOf(columns);
        this.aligns = new Align[columns.size()];
        Arrays.fill(aligns, Align.RIGHT);
        if (aligns.length > 0) {
            aligns[0] = Align.LEFT;
        }
    }

    /** A table with these column headers: the first left-aligned, the others right-aligned. */
    public static Table of(String... columns) {
        return new Table(List.of(columns));
    }

    /** The same with a list of headers. */
    public static Table of(List<String> columns) {
        return new Table(columns);
    }

    /** Lines up column {@code column} (from 0) another way. */
    public Table align(int column, Align align) {
        aligns[column] = align;
        return this;
    }

    /** One row; its cells are shown with {@code String.valueOf}. */
    public Table row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalStateException(
                    "a row of " + cells.length + " cells in a table of " + columns.size() + " columns: " + columns);
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    public List<String> columns() {
        return columns;
    }

    public int size() {
        return rows.size();
    }

    /** The table in Markdown: a header, its rule, a line per row. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", columns)).append(" |\n|");
        for (Align align : aligns) {
            out.append(align.markdownRule).append('|');
        }
        out.append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    /** The table as aligned columns, two spaces apart, with a rule under the header. */
    public String text() {
        int[] widths = new int[columns.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = columns.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, columns, widths);
        int ruleLength = Arrays.stream(widths).sum() + 2 * (widths.length - 1);
        out.append("-".repeat(ruleLength)).append('\n');
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            if (column > 0) {
                line.append("  ");
            }
            String cell = cells.get(column);
            String padding = " ".repeat(widths[column] - cell.length());
            switch (aligns[column]) {
                case LEFT -> line.append(cell).append(padding);
                case RIGHT -> line.append(padding).append(cell);
                case CENTER -> {
                    int before = padding.length() / 2;
                    line.append(" ".repeat(before)).append(cell).append(" ".repeat(padding.length() - before));
                }
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
