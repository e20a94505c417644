package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workbook.harness.TimelineRecordings.TITLE;
import static workbook.harness.TimelineRecordings.call;
import static workbook.harness.TimelineRecordings.piece;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import workbook.harness.Timeline.Piece;

/**
 * The SVG chart, read back as XML and measured: the plot runs from x = 190 to 970 (780 pixels of
 * time) and from y = 80 down, one lane per thread, 26 pixels high while they fit in 600; every bar
 * must start and end where its piece does, inside its lane, in the color of its kind.
 */
class TimelineSvgTest {

    private static final double LEFT = 190;
    private static final double PLOT_WIDTH = 780;
    private static final double PLOT_TOP = 80;
    private static final double DELTA = 0.006; // coordinates are written with two decimals

    /** Three threads, the caller among them; a re-run on another member; idle time between pieces. */
    private static final TimelineCall CALL = call(
            "main",
            1_000,
            List.of(
                    piece("main", 0, 20, 600, 900),
                    piece("worker-1", 20, 50, 100, 400),
                    piece("worker-1", 50, 60, 450, 520),
                    piece("worker-2", 60, 100, 50, 700, Map.of("rerun", true, "member", "m2"))));

    private static double x(long nanos, double fromNanos, double toNanos) {
        return LEFT + (nanos - fromNanos) / (toNanos - fromNanos) * PLOT_WIDTH;
    }

    private static double x(long micros) {
        return x(micros * 1_000, 0, 1_000_000);
    }

    @Test
    void theDocumentIsSizedToItsRowsAndNamedAfterTheRun() throws Exception {
        Document svg = render(CALL);
        Element root = svg.getDocumentElement();
        // 3 rows of 26 px below y = 80 end at 158; 120 px more for the axis and the legend.
        assertEquals("1000", root.getAttribute("width"));
        assertEquals("278", root.getAttribute("height"));
        assertEquals("0 0 1000 278", root.getAttribute("viewBox"));
        assertEquals(
                "02-threads-queue · threads-and-queue · n = 100 · 3 workers · 2 cores",
                first(svg, "title").getTextContent());
        assertEquals(
                "Timeline: Shown: call #0, the only one (1.0 ms), made by thread main; one row per thread that summed"
                        + " a piece (3 threads). Each bar is a piece of work from its start to its end; empty space is"
                        + " time the thread was idle.",
                first(svg, "desc").getTextContent());
        List<Element> texts = all(svg, "text");
        assertText(
                texts.get(0),
                20,
                28,
                "17.0",
                "start",
                "02-threads-queue · threads-and-queue · n = 100 · 3 workers · 2 cores");
        assertEquals("bold", texts.get(0).getAttribute("font-weight"));
        assertText(
                texts.get(1),
                20,
                50,
                "12.0",
                "start",
                "Shown: call #0, the only one (1.0 ms), made by thread main; one row per thread that summed a piece (3"
                        + " threads)");
        assertEquals("", texts.get(1).getAttribute("font-weight"));
    }

    @Test
    void lanesTileThePlotAndAlternateTheirShade() throws Exception {
        List<Element> lanes = withClass(render(CALL), "rect", "lane");
        assertEquals(3, lanes.size());
        for (int row = 0; row < 3; row++) {
            Element lane = lanes.get(row);
            assertEquals(LEFT, number(lane, "x"));
            assertEquals(PLOT_WIDTH, number(lane, "width"));
            assertEquals(PLOT_TOP + 26 * row, number(lane, "y"), DELTA);
            assertEquals(26, number(lane, "height"), DELTA);
            assertEquals(row % 2 == 0 ? "#f3f3f3" : "#fafafa", lane.getAttribute("fill"));
        }
    }

    @Test
    void everyBarSpansItsPieceInsideItsLaneWithItsRangeAndTimesOnHover() throws Exception {
        Document svg = render(CALL);
        List<Element> rows = withClass(svg, "g", "row");
        assertEquals(List.of("main", "worker-2", "worker-1"), CALL.rows());
        // row, from, to, start µs, end µs
        long[][] expected = {{0, 0, 20, 600, 900}, {1, 60, 100, 50, 700}, {2, 20, 50, 100, 400}, {2, 50, 60, 450, 520}};
        List<Element> bars = new ArrayList<>();
        rows.forEach(row -> bars.addAll(children(row, "rect", "bar")));
        assertEquals(4, bars.size());
        for (int i = 0; i < expected.length; i++) {
            long[] piece = expected[i];
            Element bar = bars.get(i);
            double laneTop = PLOT_TOP + 26 * piece[0];
            assertEquals(x(piece[3]), number(bar, "x"), DELTA, "bar " + i);
            assertEquals(x(piece[4]) - x(piece[3]), number(bar, "width"), DELTA, "bar " + i);
            assertEquals(26 * 0.72, number(bar, "height"), DELTA);
            assertEquals(laneTop + 26 * 0.14, number(bar, "y"), DELTA, "centred in its lane");
            assertEquals(children(rows.get((int) piece[0]), "rect", "bar").contains(bar), true);
        }
        assertEquals("#4c78a8", bars.get(0).getAttribute("fill"), "plain work");
        assertEquals("#f58518", bars.get(1).getAttribute("fill"), "the first marked kind");
        assertEquals("#ffffff", bars.get(0).getAttribute("stroke"), "a wide bar is outlined");
        assertEquals(
                "worker-2: [60, 100), 50.000 to 700.000 µs, member = m2, rerun = true",
                first(bars.get(1), "title").getTextContent());
        assertEquals(
                "main: [0, 20), 600.000 to 900.000 µs",
                first(bars.get(0), "title").getTextContent());
    }

    @Test
    void aWideEnoughBarIsLabelledWithItsRangeInTheMiddle() throws Exception {
        Document svg = render(CALL);
        List<Element> rows = withClass(svg, "g", "row");
        List<Element> mainTexts = children(rows.get(0), "text", "");
        // The row's name, then the label of its one bar.
        assertEquals(2, mainTexts.size());
        Element label = mainTexts.get(1);
        Element bar = children(rows.get(0), "rect", "bar").getFirst();
        double barMiddle = number(bar, "x") + number(bar, "width") / 2;
        assertText(label, barMiddle, number(bar, "y") + number(bar, "height") / 2 + 3.5, "10.0", "middle", "[0, 20)");
        assertEquals("#ffffff", label.getAttribute("fill"));
        // [50, 60) is 54.6 px wide: its label would need 8 * 6.2 + 8 = 57.6.
        List<Element> workerTexts = children(rows.get(2), "text", "");
        assertEquals(
                List.of("worker-1", "[20, 50)"),
                workerTexts.stream().map(Node::getTextContent).toList());
    }

    @Test
    void eachRowIsNamedAtTheLeftInTheMiddleOfItsLane() throws Exception {
        List<Element> rows = withClass(render(CALL), "g", "row");
        for (int row = 0; row < 3; row++) {
            Element name = children(rows.get(row), "text", "").getFirst();
            assertText(
                    name,
                    LEFT - 8,
                    PLOT_TOP + 26 * row + 13 + 4,
                    "12.0",
                    "end",
                    CALL.rows().get(row));
        }
    }

    @Test
    void theCallsStartAndEndAreDashedLinesAcrossEveryRow() throws Exception {
        Document svg = render(call("main", 800, List.of(piece("w", 0, 1, -200, 1_000))));
        // The axis runs from -200 µs to 1000 µs: the call starts a sixth of the way in.
        List<Element> marks = withClass(svg, "line", "call-mark");
        assertEquals(2, marks.size());
        double start = x(0, -200_000, 1_000_000);
        double end = x(800_000, -200_000, 1_000_000);
        double plotBottom = PLOT_TOP + 26;
        for (int i = 0; i < 2; i++) {
            Element mark = marks.get(i);
            double at = i == 0 ? start : end;
            assertEquals(at, number(mark, "x1"), DELTA);
            assertEquals(at, number(mark, "x2"), DELTA);
            assertEquals(PLOT_TOP - 10, number(mark, "y1"));
            assertEquals(plotBottom + 4, number(mark, "y2"), DELTA);
            assertEquals("#b00020", mark.getAttribute("stroke"));
            assertEquals("1.5", mark.getAttribute("stroke-width"));
            assertEquals("5,3", mark.getAttribute("stroke-dasharray"));
        }
        List<Element> texts = all(svg, "text");
        Element starts = byText(texts, "call starts");
        assertText(starts, start, PLOT_TOP - 14, "11.0", "start", "call starts");
        assertEquals("#b00020", starts.getAttribute("fill"));
        assertText(byText(texts, "call ends: 800.0 µs"), end, PLOT_TOP - 14, "11.0", "end", "call ends: 800.0 µs");
        Element bar = withClass(svg, "rect", "bar").getFirst();
        assertEquals(LEFT, number(bar, "x"), DELTA, "the early piece starts the axis");
        assertEquals(PLOT_WIDTH, number(bar, "width"), DELTA);
    }

    @Test
    void theAxisHasATickAndALabelEveryStepAndFaintLinesUpThePlot() throws Exception {
        Document svg = render(CALL);
        double plotBottom = PLOT_TOP + 78;
        List<Element> lines = all(svg, "line");
        List<Element> grid = lines.stream()
                .filter(line -> line.getAttribute("stroke").equals("#dddddd"))
                .toList();
        List<Element> ticks = lines.stream()
                .filter(line -> line.getAttribute("stroke").equals("#333333")
                        && number(line, "y1") == plotBottom
                        && number(line, "y2") == plotBottom + 5)
                .toList();
        assertEquals(11, grid.size(), "0, 100, ..., 1000 µs");
        assertEquals(11, ticks.size());
        List<Element> texts = all(svg, "text");
        for (int tick = 0; tick <= 10; tick++) {
            double at = x(tick * 100L);
            assertEquals(at, number(grid.get(tick), "x1"), DELTA);
            assertEquals(at, number(grid.get(tick), "x2"), DELTA);
            assertEquals(PLOT_TOP, number(grid.get(tick), "y1"));
            assertEquals(plotBottom, number(grid.get(tick), "y2"), DELTA);
            assertEquals(at, number(ticks.get(tick), "x1"), DELTA);
            assertText(byText(texts, String.valueOf(tick * 100)), at, plotBottom + 18, "11.0", "middle", null);
        }
        Element axis = lines.stream()
                .filter(line -> number(line, "x1") == LEFT && number(line, "x2") == LEFT + PLOT_WIDTH)
                .findFirst()
                .orElseThrow();
        assertEquals(plotBottom, number(axis, "y1"), DELTA);
        assertEquals(plotBottom, number(axis, "y2"), DELTA);
        assertEquals("1", axis.getAttribute("stroke-width"));
        assertText(
                byText(texts, "time since the call started (µs)"),
                LEFT + PLOT_WIDTH / 2,
                plotBottom + 38,
                "12.0",
                "middle",
                null);
    }

    @Test
    void theLegendNamesEveryKindInItsColorThenIdleTimeAndTheCallMarks() throws Exception {
        Document svg = render(CALL);
        double top = PLOT_TOP + 78 + 66;
        List<Element> texts = all(svg, "text");
        String[] legend = {
            "bar: one piece [from, to) summed by one thread",
            "rerun: a piece summed again (its first run was lost)",
            "empty: the thread was idle",
            "dashed: the call's start and end"
        };
        // Entries follow each other from x = 190, each 19 + 6 per character + 18 wide, wrapping before 990.
        double x = LEFT;
        double y = top;
        List<double[]> places = new ArrayList<>();
        for (String entry : legend) {
            double width = 19 + entry.length() * 6.0 + 18;
            if (x > LEFT && x + width > 990) {
                x = LEFT;
                y += 18;
            }
            places.add(new double[] {x, y});
            assertText(byText(texts, entry), x + 19, y, "11.0", "start", entry);
            x += width;
        }
        List<Element> swatches = all(svg, "rect").stream()
                .filter(rect -> rect.getAttribute("width").equals("14"))
                .toList();
        assertEquals(3, swatches.size(), "plain, rerun and idle; the call marks get a dashed line");
        String[][] colors = {{"#4c78a8", "#ffffff"}, {"#f58518", "#ffffff"}, {"#f3f3f3", "#999999"}};
        for (int i = 0; i < 3; i++) {
            assertEquals(places.get(i)[0], number(swatches.get(i), "x"), DELTA);
            assertEquals(places.get(i)[1] - 9, number(swatches.get(i), "y"), DELTA);
            assertEquals("10", swatches.get(i).getAttribute("height"));
            assertEquals(colors[i][0], swatches.get(i).getAttribute("fill"));
            assertEquals(colors[i][1], swatches.get(i).getAttribute("stroke"));
        }
        Element dashed = all(svg, "line").getLast();
        assertEquals(places.get(3)[0] + 7, number(dashed, "x1"), DELTA);
        assertEquals(places.get(3)[0] + 7, number(dashed, "x2"), DELTA);
        assertEquals(places.get(3)[1] - 10, number(dashed, "y1"), DELTA);
        assertEquals(places.get(3)[1] + 3, number(dashed, "y2"), DELTA);
        assertEquals("5,3", dashed.getAttribute("stroke-dasharray"));
        assertTrue(places.get(3)[1] > top, "four entries do not fit one line of 800 px: " + places.get(3)[1]);
    }

    @Test
    void kindsGetTheirColorsInTurnAndUnknownOnesAreNamedAsTheyAre() throws Exception {
        List<Piece> pieces = new ArrayList<>();
        String[] kinds = {"a1", "a2", "a3", "a4", "a5", "a6", "lost"};
        for (int i = 0; i < kinds.length; i++) {
            pieces.add(piece("t" + i, i, i + 1, 0, 100, Map.of("kind", kinds[i])));
        }
        Document svg = render(call("main", 100, pieces));
        List<Element> bars = withClass(svg, "rect", "bar");
        List<String> fills = bars.stream().map(bar -> bar.getAttribute("fill")).toList();
        assertEquals(List.of("#f58518", "#e45756", "#54a24b", "#b279a2", "#9d755d", "#f58518", "#e45756"), fills);
        String text = svg.getDocumentElement().getTextContent();
        assertTrue(text.contains("a1: a piece marked a1"), text);
        assertTrue(text.contains("lost: a piece whose result never arrived"), text);
        assertTrue(!text.contains("bar: one piece"), "no plain piece, no plain entry");
    }

    @Test
    void piecesThinnerThanAPixelMergeWithTheirNeighboursOfTheSameKind() throws Exception {
        // A call of 10 ms: a pixel is 12.8 µs. Pieces of 1 µs, 1 µs apart, in three runs.
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            pieces.add(piece("t", i, i + 1, 2L * i, 2L * i + 1)); // plain, merged
        }
        for (int i = 10; i < 13; i++) {
            pieces.add(piece("t", i, i + 1, 2L * i, 2L * i + 1, Map.of("rerun", true))); // another kind
        }
        pieces.add(piece("t", 13, 14, 30, 1_000)); // a wide piece of its own
        pieces.add(piece("t", 14, 15, 1_001, 1_002)); // thin, but right after a wide one: a run of its own
        pieces.add(piece("t", 15, 16, 2_000, 2_001)); // thin, far from the last: another run
        Document svg = render(call("main", 10_000, pieces));
        List<Element> bars = withClass(svg, "rect", "bar");
        assertEquals(5, bars.size(), "[0, 10) as one, [10, 13) as one, [13, 14), [14, 15), [15, 16)");
        double pixelsPerMicro = PLOT_WIDTH / 10_000;
        assertEquals(LEFT, number(bars.get(0), "x"), DELTA);
        assertEquals(Math.max(1, 19 * pixelsPerMicro), number(bars.get(0), "width"), DELTA);
        assertEquals(
                "10 pieces, each thinner than a pixel, drawn as one bar: indexes from 0 to 10, 0.000 to 0.019 ms",
                first(bars.get(0), "title").getTextContent());
        assertEquals(
                "3 pieces, each thinner than a pixel, drawn as one bar: indexes from 10 to 13, 0.020 to 0.025 ms",
                first(bars.get(1), "title").getTextContent());
        assertEquals(x(30_000, 0, 10_000_000), number(bars.get(2), "x"), DELTA);
        assertEquals(
                "t: [14, 15), 1.001 to 1.002 ms", first(bars.get(3), "title").getTextContent());
        assertEquals(1.0, number(bars.get(4), "width"), "a thin bar is still a pixel wide");
        assertEquals("", bars.get(4).getAttribute("stroke"), "and not outlined");
    }

    @Test
    void manyRowsGetThinnerAndOnlyEveryFewIsNamed() throws Exception {
        List<Piece> pieces = new ArrayList<>();
        for (int thread = 0; thread < 100; thread++) {
            pieces.add(piece(String.format("thread-%03d", thread), thread, thread + 1, thread, thread + 5));
        }
        Document svg = render(call("main", 200, pieces));
        // 600 px for 100 rows: 6 px each; a name needs 11, so every second row is named, in 9 px type.
        assertEquals(
                String.valueOf((int) Math.ceil(PLOT_TOP + 600 + 120)),
                svg.getDocumentElement().getAttribute("height"));
        List<Element> rows = withClass(svg, "g", "row");
        assertEquals(100, rows.size());
        for (int row = 0; row < 4; row++) {
            List<Element> names = children(rows.get(row), "text", "");
            assertEquals(row % 2 == 0 ? 1 : 0, names.size(), "row " + row);
        }
        Element name = children(rows.get(2), "text", "").getFirst();
        assertEquals("9.0", name.getAttribute("font-size"));
        assertEquals(PLOT_TOP + 12 + 3 + 4, number(name, "y"), DELTA);
        Element bar = children(rows.get(2), "rect", "bar").getFirst();
        assertEquals(6 * 0.72, number(bar, "height"), DELTA);
        List<Element> one = withClass(render(call("main", 10, List.of(piece("only", 0, 1, 0, 10)))), "g", "row");
        assertEquals("12.0", children(one.getFirst(), "text", "").getFirst().getAttribute("font-size"));
    }

    @Test
    void aThousandRowsAreTwoPixelsEachAndOneThreadIsOneThread() throws Exception {
        List<Piece> pieces = new ArrayList<>();
        for (int thread = 0; thread < 1_000; thread++) {
            pieces.add(piece("t" + thread, thread, thread + 1, 0, 5));
        }
        Document svg = render(call("main", 10, pieces));
        assertEquals(String.valueOf(80 + 2_000 + 120), svg.getDocumentElement().getAttribute("height"));
        Element bar = withClass(svg, "rect", "bar").get(5);
        assertEquals(1.44, number(bar, "height"), DELTA, "a 2 px lane");
        Document single = render(call("main", 10, List.of(piece("main", 0, 1, 0, 10))));
        assertTrue(first(single, "desc").getTextContent().contains("(1 thread)."));
    }

    @Test
    void longNamesAreShortenedAndTextIsEscaped() throws Exception {
        String longName = "a-very-long-thread-name-that-goes-on-and-on";
        TimelineCall call =
                call("<caller & \"co\">", 100, List.of(piece(longName, 0, 1, 0, 100), piece("x\u0001y", 1, 2, 0, 100)));
        String svg = TimelineSvg.render(call, TITLE);
        assertTrue(svg.contains(">a-very-long-thread-name-t...</text>"), svg);
        assertTrue(svg.contains("made by thread &lt;caller &amp; &quot;co&quot;&gt;;"), svg);
        assertTrue(svg.contains(">x?y</text>"), svg);
        assertEquals("tab\tand\nline", TimelineSvg.escape("tab\tand\nline"));
        assertEquals("a?b", TimelineSvg.escape("a\u001fb"));
        assertEquals("a b", TimelineSvg.escape("a b"));
    }

    /* ---- reading the SVG back ---- */

    private static Document render(TimelineCall call) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(TimelineSvg.render(call, TITLE).getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> all(Node parent, String tag) {
        NodeList nodes = parent instanceof Document document
                ? document.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag)
                : ((Element) parent).getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static Element first(Node parent, String tag) {
        return all(parent, tag).getFirst();
    }

    private static List<Element> withClass(Document svg, String tag, String cssClass) {
        return all(svg, tag).stream()
                .filter(element -> element.getAttribute("class").equals(cssClass))
                .toList();
    }

    private static List<Element> children(Element parent, String tag, String cssClass) {
        return all(parent, tag).stream()
                .filter(element -> element.getAttribute("class").equals(cssClass))
                .toList();
    }

    private static Element byText(List<Element> texts, String content) {
        return texts.stream()
                .filter(text -> text.getTextContent().equals(content))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no text " + content));
    }

    private static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }

    private static void assertText(Element text, double x, double y, String size, String anchor, String content) {
        assertEquals(x, number(text, "x"), DELTA, text.getTextContent());
        assertEquals(y, number(text, "y"), DELTA, text.getTextContent());
        assertEquals(size, text.getAttribute("font-size"), text.getTextContent());
        assertEquals(anchor, text.getAttribute("text-anchor"), text.getTextContent());
        if (content != null) {
            assertEquals(content, text.getTextContent());
        }
    }

    /*
     * On a call of 780 ns the plot's 780 pixels are one per nanosecond, so these pieces are exactly
     * as wide as the rules' thresholds: a bar of a pixel is no longer thin, a gap of a pixel keeps
     * two runs apart, a bar of 3 pixels is outlined, and a label needs more room than its width.
     */
    @Test
    void theRulesForThinBarsOutlinesAndLabelsHoldAtTheirExactThresholds() throws Exception {
        List<Element> onePixel = withClass(
                render(call780(List.of(nanoPiece("a", 0, 1, 10, 10), nanoPiece("a", 1, 2, 10, 11)))), "rect", "bar");
        assertEquals(2, onePixel.size(), "a bar of exactly one pixel is drawn on its own");
        List<Element> gap = withClass(
                render(call780(List.of(nanoPiece("a", 0, 1, 10, 10), nanoPiece("a", 1, 2, 11, 11)))), "rect", "bar");
        assertEquals(2, gap.size(), "thin pieces a pixel apart are two runs");
        Element three = withClass(render(call780(List.of(nanoPiece("a", 0, 1, 10, 13)))), "rect", "bar")
                .getFirst();
        assertEquals(3.0, number(three, "width"));
        assertEquals("#ffffff", three.getAttribute("stroke"), "3 pixels are outlined");
        // "[100, 200)" is 10 characters: 10 * 6.2 + 8 = 70 pixels.
        Document exact = render(call780(List.of(nanoPiece("a", 100, 200, 0, 70))));
        assertEquals(
                List.of("a"),
                all(exact, "text").stream()
                        .map(Node::getTextContent)
                        .filter(text -> text.equals("a") || text.startsWith("["))
                        .toList(),
                "70 pixels are not more than the 70 a label needs");
        Document wider = render(call780(List.of(nanoPiece("a", 100, 200, 0, 71))));
        assertTrue(all(wider, "text").stream()
                .anyMatch(text -> text.getTextContent().equals("[100, 200)")));
    }

    private static TimelineCall call780(List<Piece> pieces) {
        return new TimelineCall(new Timeline.Call(0, "main", 780), 1, pieces);
    }

    private static Piece nanoPiece(String thread, long from, long to, long startNanos, long endNanos) {
        return new Piece(0, thread, from, to, startNanos, endNanos, Map.of());
    }

    @Test
    void aLegendEntryWrapsOnlyWhenItWouldPassTheRightEdgeAndNeverFirst() throws Exception {
        // The plain entry is 313 px wide from x = 190; a kind of 29 letters makes an entry of 487 px,
        // which ends exactly at 990, the last x allowed.
        String kind = "k".repeat(29);
        Document fits = render(
                call("main", 10, List.of(piece("t", 0, 1, 0, 5), piece("t", 1, 2, 5, 10, Map.of("kind", kind)))));
        Element entry = byText(all(fits, "text"), kind + ": a piece marked " + kind);
        assertEquals(503 + 19, number(entry, "x"), DELTA, "on the first line");
        assertEquals(PLOT_TOP + 26 + 66, number(entry, "y"), DELTA);
        String huge = "h".repeat(140);
        Document first = render(call("main", 10, List.of(piece("t", 0, 1, 0, 10, Map.of("kind", huge)))));
        Element wide = byText(all(first, "text"), huge + ": a piece marked " + huge);
        assertEquals(LEFT + 19, number(wide, "x"), DELTA);
        assertEquals(PLOT_TOP + 26 + 66, number(wide, "y"), DELTA, "the first entry stays on the first line");
    }

    @Test
    void namesInThinRowsAreSetInTypeThatFitsTheRow() throws Exception {
        List<Piece> pieces = new ArrayList<>();
        for (int thread = 0; thread < 75; thread++) {
            pieces.add(piece("t" + thread, thread, thread + 1, 0, 5));
        }
        // 600 px / 75 rows = 8 px: every second row is named, in 9 px type (8 - 2 is too small to read).
        Element name = children(
                        withClass(render(call("main", 10, pieces)), "g", "row").get(0), "text", "")
                .getFirst();
        assertEquals("9.0", name.getAttribute("font-size"));
    }

    @Test
    void aNameOfTwentyEightCharactersIsKeptWhole() throws Exception {
        String name = "n".repeat(28);
        Document svg = render(call("main", 10, List.of(piece(name, 0, 1, 0, 10), piece(name + "x", 1, 2, 0, 10))));
        List<String> texts = all(svg, "text").stream().map(Node::getTextContent).toList();
        assertTrue(texts.contains(name), "28 characters fit");
        assertTrue(texts.contains("n".repeat(25) + "..."), "29 do not");
    }

    @Test
    void compactNumbersStartAtTenThousandAndGoUpToTheLargestLong() {
        assertEquals("10k", TimelineSvg.compact(10_000));
        assertEquals("-10k", TimelineSvg.compact(-10_000));
        assertEquals("9.22E", TimelineSvg.compact(Long.MAX_VALUE));
        assertEquals("-9.22E", TimelineSvg.compact(Long.MIN_VALUE));
        assertEquals("1P", TimelineSvg.compact(1_000_000_000_000_000L));
    }
}
