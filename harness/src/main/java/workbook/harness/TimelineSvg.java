package workbook.harness;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import workbook.harness.Timeline.Piece;

/**
 * Draws one call of a recording as a Gantt chart in plain SVG 1.1: one row per thread, one bar
 * per piece from its start to its end, empty space where the thread was idle, the call's start
 * and end as dashed lines, and a time axis with round ticks. About 1000 pixels wide; a browser
 * shows each bar's exact range and times when the pointer rests on it.
 *
 * <p>Thousands of pieces still draw: pieces narrower than a pixel that follow each other on one
 * row are merged into one bar (its tooltip says how many), since no screen could show them apart.
 */
public final class TimelineSvg {
    private TimelineSvg() {}

    private static final int WIDTH = 1000;
    private static final int LEFT = 190;
    private static final int PLOT_WIDTH = WIDTH - LEFT - 30;
    private static final int PLOT_TOP = 80;
    private static final double MAX_ROW = 26;
    /** Below this a row label would not fit: only every k-th row is named. */
    private static final double LABEL_ROW = 11;

    private static final String PLAIN_COLOR = "#4c78a8";
    private static final List<String> MARK_COLORS = List.of("#f58518", "#e45756", "#54a24b", "#b279a2", "#9d755d");
    private static final String MARKER_COLOR = "#b00020";

    public static String render(TimelineCall call, TimelineWriter.Title title) {
        List<String> rows = call.rows();
        TimelineScale scale = TimelineScale.of(call.fromNanos(), call.toNanos(), 10);
        double rowHeight = Math.max(2, Math.min(MAX_ROW, 600.0 / Math.max(1, rows.size())));
        double plotBottom = PLOT_TOP + rowHeight * rows.size();
        int height = (int) Math.ceil(plotBottom + 120);
        Map<String, String> colors = colors(call.kinds());

        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\">%n",
                WIDTH,
                height,
                WIDTH,
                height));
        String subtitle = "Shown: " + call.description() + ", made by thread " + call.caller() + "; one row per thread"
                + " that summed a piece (" + rows.size() + (rows.size() == 1 ? " thread)" : " threads)");
        svg.append("<title>").append(escape(title.heading(" · "))).append("</title>\n");
        svg.append("<desc>")
                .append(escape("Timeline: " + subtitle + ". Each bar is a piece of work from its start to its end;"
                        + " empty space is time the thread was idle."))
                .append("</desc>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(svg, 20, 28, 17, "start", "bold", title.heading(" · "));
        text(svg, 20, 50, 12, "start", null, subtitle);

        drawLanesAndGrid(svg, rows, scale, rowHeight, plotBottom);
        Map<String, List<Piece>> byRow = call.piecesByRow();
        for (int row = 0; row < rows.size(); row++) {
            double top = PLOT_TOP + row * rowHeight;
            svg.append("<g class=\"row\">\n");
            if (row % (int) Math.ceil(LABEL_ROW / rowHeight) == 0) {
                text(
                        svg,
                        LEFT - 8,
                        top + rowHeight / 2 + 4,
                        Math.min(12, Math.max(9, rowHeight - 2)),
                        "end",
                        null,
                        shorten(rows.get(row), 28));
            }
            for (Bar bar : bars(byRow.get(rows.get(row)), scale)) {
                drawBar(svg, bar, top, rowHeight, colors, scale);
            }
            svg.append("</g>\n");
        }
        drawCallMarks(svg, call, scale, plotBottom);
        drawAxis(svg, scale, plotBottom);
        drawLegend(svg, colors, title, plotBottom + 66);
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Alternate shaded lanes so a row can be followed across the chart, and faint lines at each tick. */
    private static void drawLanesAndGrid(
            StringBuilder svg, List<String> rows, TimelineScale scale, double rowHeight, double plotBottom) {
        for (int row = 0; row < rows.size(); row++) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect class=\"lane\" x=\"%d\" y=\"%.2f\" width=\"%d\" height=\"%.2f\" fill=\"%s\"/>%n",
                    LEFT,
                    PLOT_TOP + row * rowHeight,
                    PLOT_WIDTH,
                    rowHeight,
                    row % 2 == 0 ? "#f3f3f3" : "#fafafa"));
        }
        for (long tick : scale.ticks()) {
            double x = x(scale, tick);
            line(svg, null, x, PLOT_TOP, x, plotBottom, "#dddddd", false);
        }
    }

    /** One bar to draw: a piece, or a run of pieces too thin to draw one by one. */
    private static final class Bar {
        final String kind;
        final Piece first;
        final double x0;
        double x1;
        int count = 1;
        long from;
        long to;
        long endNanos;

        Bar(Piece piece, String kind, double x0, double x1) {
            this.kind = kind;
            this.first = piece;
            this.x0 = x0;
            this.x1 = x1;
            this.from = piece.from();
            this.to = piece.to();
            this.endNanos = piece.endNanos();
        }

        void absorb(Piece piece, double pieceX1) {
            count++;
            x1 = Math.max(x1, pieceX1);
            from = Math.min(from, piece.from());
            to = Math.max(to, piece.to());
            endNanos = Math.max(endNanos, piece.endNanos());
        }
    }

    /*
     * A piece narrower than a pixel joins the run before it when the run is of the same kind and
     * the gap between them is under a pixel too; a wider piece is always a bar of its own.
     */
    private static List<Bar> bars(List<Piece> pieces, TimelineScale scale) {
        List<Bar> bars = new ArrayList<>();
        Bar run = null;
        for (Piece piece : pieces) {
            String kind = TimelineCall.kind(piece);
            double x0 = x(scale, piece.startNanos());
            double x1 = x(scale, piece.endNanos());
            boolean thin = x1 - x0 < 1;
            if (thin && run != null && run.kind.equals(kind) && x0 - run.x1 < 1) {
                run.absorb(piece, x1);
                continue;
            }
            if (run != null) {
                bars.add(run);
                run = null;
            }
            if (thin) {
                run = new Bar(piece, kind, x0, x1);
            } else {
                bars.add(new Bar(piece, kind, x0, x1));
            }
        }
        if (run != null) {
            bars.add(run);
        }
        return bars;
    }

    private static void drawBar(
            StringBuilder svg,
            Bar bar,
            double rowTop,
            double rowHeight,
            Map<String, String> colors,
            TimelineScale scale) {
        double width = Math.max(1, bar.x1 - bar.x0);
        double barHeight = Math.max(1, rowHeight * 0.72);
        double y = rowTop + (rowHeight - barHeight) / 2;
        svg.append(String.format(
                Locale.ROOT,
                "<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"%s>",
                bar.x0,
                y,
                width,
                barHeight,
                colors.get(bar.kind),
                width >= 3 ? " stroke=\"#ffffff\" stroke-width=\"0.75\"" : ""));
        svg.append("<title>").append(escape(tooltip(bar, scale))).append("</title></rect>\n");
        String label = "[" + compact(bar.from) + ", " + compact(bar.to) + ")";
        if (bar.count == 1 && rowHeight >= 14 && width > label.length() * 6.2 + 8) {
            text(svg, bar.x0 + width / 2, y + barHeight / 2 + 3.5, 10, "middle", null, label, "#ffffff");
        }
    }

    private static String tooltip(Bar bar, TimelineScale scale) {
        Piece piece = bar.first;
        String times = time(scale, piece.startNanos()) + " to " + time(scale, bar.endNanos) + " " + scale.unit();
        if (bar.count > 1) {
            return bar.count + " pieces, each thinner than a pixel, drawn as one bar: indexes from "
                    + Report.grouped(bar.from) + " to " + Report.grouped(bar.to) + ", " + times;
        }
        StringBuilder text = new StringBuilder(piece.thread())
                .append(": [")
                .append(Report.grouped(piece.from()))
                .append(", ")
                .append(Report.grouped(piece.to()))
                .append("), ")
                .append(times);
        new TreeMap<>(piece.extra())
                .forEach((key, value) ->
                        text.append(", ").append(key).append(" = ").append(value));
        return text.toString();
    }

    /** The call's start and end as dashed lines over all rows. */
    private static void drawCallMarks(StringBuilder svg, TimelineCall call, TimelineScale scale, double plotBottom) {
        double start = x(scale, 0);
        double end = x(scale, call.durationNanos());
        for (double x : new double[] {start, end}) {
            line(svg, "call-mark", x, PLOT_TOP - 10, x, plotBottom + 4, MARKER_COLOR, true);
        }
        text(svg, start, PLOT_TOP - 14, 11, "start", null, "call starts", MARKER_COLOR);
        text(
                svg,
                end,
                PLOT_TOP - 14,
                11,
                "end",
                null,
                "call ends: " + Report.duration(call.durationNanos()),
                MARKER_COLOR);
    }

    private static void drawAxis(StringBuilder svg, TimelineScale scale, double plotBottom) {
        line(svg, null, LEFT, plotBottom, LEFT + PLOT_WIDTH, plotBottom, "#333333", false);
        for (long tick : scale.ticks()) {
            double x = x(scale, tick);
            line(svg, null, x, plotBottom, x, plotBottom + 5, "#333333", false);
            text(svg, x, plotBottom + 18, 11, "middle", null, scale.label(tick));
        }
        text(
                svg,
                LEFT + PLOT_WIDTH / 2.0,
                plotBottom + 38,
                12,
                "middle",
                null,
                "time since the call started (" + scale.unit() + ")");
    }

    /** A swatch per kind of piece, one for idle time, one for the call marks; wraps before the right edge. */
    private static void drawLegend(
            StringBuilder svg, Map<String, String> colors, TimelineWriter.Title title, double top) {
        List<String[]> entries = new ArrayList<>();
        colors.forEach((kind, color) -> entries.add(new String[] {
            color, "#ffffff", (kind.equals(TimelineCall.PLAIN) ? "bar: " : kind + ": ") + title.meaning(kind)
        }));
        entries.add(new String[] {"#f3f3f3", "#999999", "empty: the thread was idle"});
        entries.add(new String[] {null, null, "dashed: the call's start and end"});
        double x = LEFT;
        double y = top;
        for (String[] entry : entries) {
            double width = 19 + entry[2].length() * 6.0 + 18;
            if (x > LEFT && x + width > WIDTH - 10) {
                x = LEFT;
                y += 18;
            }
            if (entry[0] == null) {
                line(svg, null, x + 7, y - 10, x + 7, y + 3, MARKER_COLOR, true);
            } else {
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.2f\" y=\"%.2f\" width=\"14\" height=\"10\" fill=\"%s\" stroke=\"%s\""
                                + " stroke-width=\"0.75\"/>%n",
                        x,
                        y - 9,
                        entry[0],
                        entry[1]));
            }
            text(svg, x + 19, y, 11, "start", null, entry[2]);
            x += width;
        }
    }

    private static Map<String, String> colors(List<String> kinds) {
        Map<String, String> colors = new LinkedHashMap<>();
        int next = 0;
        for (String kind : kinds) {
            colors.put(
                    kind, kind.equals(TimelineCall.PLAIN) ? PLAIN_COLOR : MARK_COLORS.get(next++ % MARK_COLORS.size()));
        }
        return colors;
    }

    /** A straight line; a dashed one is one of the call's marks (or their sample in the legend). */
    private static void line(
            StringBuilder svg,
            String cssClass,
            double x1,
            double y1,
            double x2,
            double y2,
            String color,
            boolean dashed) {
        svg.append(String.format(
                Locale.ROOT,
                "<line%s x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"%s\"%s/>%n",
                cssClass == null ? "" : " class=\"" + cssClass + "\"",
                x1,
                y1,
                x2,
                y2,
                color,
                dashed ? "1.5" : "1",
                dashed ? " stroke-dasharray=\"5,3\"" : ""));
    }

    private static double x(TimelineScale scale, long nanos) {
        return LEFT + scale.fraction(nanos) * PLOT_WIDTH;
    }

    private static String time(TimelineScale scale, long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / scale.nanosPerUnit());
    }

    private static void text(
            StringBuilder svg, double x, double y, double size, String anchor, String weight, String content) {
        text(svg, x, y, size, anchor, weight, content, "#222222");
    }

    private static void text(
            StringBuilder svg,
            double x,
            double y,
            double size,
            String anchor,
            String weight,
            String content,
            String color) {
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.1f\" text-anchor=\"%s\" fill=\"%s\"%s>%s</text>%n",
                x,
                y,
                size,
                anchor,
                color,
                weight == null ? "" : " font-weight=\"" + weight + "\"",
                escape(content)));
    }

    /** 1048576 as "1.05M": a bar's label must be short; its tooltip has the exact value. */
    static String compact(long value) {
        if (value > -10_000 && value < 10_000) { // not Math.abs, which keeps Long.MIN_VALUE negative
            return Long.toString(value);
        }
        String[] suffixes = {"k", "M", "G", "T", "P", "E"};
        BigDecimal scaled = BigDecimal.valueOf(value);
        int power = -1;
        // A long is below 1000^7, so six suffixes are enough.
        while (scaled.abs().compareTo(THOUSAND) >= 0) {
            // Rounded before the next comparison, so 999,999 becomes "1M", not "1000k".
            scaled = scaled.divide(THOUSAND).round(new MathContext(3));
            power++;
        }
        return scaled.stripTrailingZeros().toPlainString() + suffixes[power];
    }

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private static String shorten(String name, int length) {
        return name.length() <= length ? name : name.substring(0, length - 3) + "...";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' ? '?' : c);
            }
        }
        return out.toString();
    }
}
