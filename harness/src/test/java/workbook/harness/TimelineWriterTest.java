package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workbook.harness.TimelineRecordings.TITLE;
import static workbook.harness.TimelineRecordings.call;
import static workbook.harness.TimelineRecordings.piece;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import workbook.harness.Timeline.Piece;

class TimelineWriterTest {

    @TempDir
    Path folder;

    /** Three threads, one of them the caller; a re-run; idle time between pieces. */
    private static final List<Piece> PIECES = List.of(
            piece("main", 0, 20, 600, 900),
            piece("worker-1", 20, 50, 100, 400),
            piece("worker-1", 50, 60, 450, 520),
            piece("worker-2", 60, 100, 50, 700, Map.of("rerun", true, "member", "m2")));

    @Test
    void jsonLinesCarryEveryFieldOfEveryPiece() throws Exception {
        Workload workload = Workload.of(12_345, 1);
        Timeline timeline = Timeline.start();
        try {
            for (int call = 0; call < 2; call++) {
                TimelineRecordings.recordedCall(
                        timeline, call, workload, 2, 1_000, Thread.ofPlatform().name("j-", 0));
            }
            timeline.beginCall(2);
            long now = System.nanoTime();
            Timeline.record("member-7", 0, 1, now, now + 1, Map.of("rerun", true, "thread", "not-a-thread"));
            timeline.endCall(1);
        } finally {
            timeline.stop();
        }
        Path file = folder.resolve("t.jsonl");
        StringWriter note = new StringWriter();
        TimelineWriter.write(timeline, file.toString(), TITLE, new PrintWriter(note));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(timeline.pieces().size(), lines.size(), "one line per piece");
        assertEquals(29, lines.size(), "two calls of 7 + 7 slices of up to 1,000 numbers, and one piece of a third");
        for (int i = 0; i < lines.size(); i++) {
            Map<String, String> fields = parse(lines.get(i));
            Piece piece = timeline.pieces().get(i);
            assertEquals(String.valueOf(piece.call()), fields.get("call"));
            assertEquals('"' + piece.thread() + '"', fields.get("thread"));
            assertEquals(String.valueOf(piece.from()), fields.get("from"));
            assertEquals(String.valueOf(piece.to()), fields.get("to"));
            assertEquals(String.valueOf(piece.startNanos()), fields.get("start_ns"));
            assertEquals(String.valueOf(piece.endNanos()), fields.get("end_ns"));
            assertTrue(Long.parseLong(fields.get("end_ns")) >= Long.parseLong(fields.get("start_ns")), lines.get(i));
        }
        Map<String, String> last = parse(lines.getLast());
        assertEquals("\"member-7\"", last.get("thread"), "a lesson's field never hides the thread");
        assertEquals("true", last.get("rerun"));
        assertTrue(note.toString().contains("29 pieces of 3 calls"), note.toString());
    }

    @Test
    void aLessonsOwnFieldsFollowAndNeverHideTheSixEveryPieceHas() {
        Map<String, String> fields = parse(TimelineWriter.jsonLine(
                piece("w", 1, 2, 3, 4, Map.of("rerun", true, "member", "m\"2", "thread", "other"))));
        assertEquals(
                List.of("call", "thread", "from", "to", "start_ns", "end_ns", "member", "rerun"),
                List.copyOf(fields.keySet()));
        assertEquals("\"w\"", fields.get("thread"));
        assertEquals("\"m\\\"2\"", fields.get("member"));
        assertEquals("true", fields.get("rerun"));
        assertEquals("3000", fields.get("start_ns"));
    }

    @Test
    void theChartHasOneRowPerThreadAndOneBarPerPiece() throws Exception {
        TimelineCall call = call("main", 1_000, PIECES);
        Document svg = parseXml(TimelineSvg.render(call, TITLE));
        List<Element> rows = elements(svg, "g", "row");
        assertEquals(List.of("main", "worker-2", "worker-1"), call.rows(), "the caller first, then by first start");
        assertEquals(3, rows.size());
        int[] barsPerRow = {1, 1, 2};
        for (int row = 0; row < rows.size(); row++) {
            assertEquals(
                    barsPerRow[row],
                    children(rows.get(row), "rect", "bar").size(),
                    "row " + call.rows().get(row));
        }
        assertEquals(2, elements(svg, "line", "call-mark").size(), "the call's start and end are marked");
        String rerunFill = children(rows.get(1), "rect", "bar").getFirst().getAttribute("fill");
        String plainFill = children(rows.get(0), "rect", "bar").getFirst().getAttribute("fill");
        assertNotEquals(plainFill, rerunFill, "a re-run is colored apart");
        String text = svg.getDocumentElement().getTextContent();
        for (String expected : List.of(
                "02-threads-queue", "threads-and-queue", "n = 100", "3 workers", "2 cores", "idle", "rerun", "µs")) {
            assertTrue(text.contains(expected), "the chart names " + expected);
        }
    }

    @Test
    void thousandsOfThinPiecesStillDrawAndAreMerged() throws Exception {
        List<Piece> pieces = new ArrayList<>();
        int perThread = 5_000;
        for (int thread = 0; thread < 2; thread++) {
            for (int i = 0; i < perThread; i++) {
                long index = (long) thread * perThread + i;
                pieces.add(piece("t" + thread, index, index + 1, i * 2L, i * 2L + 2));
            }
        }
        Document svg = parseXml(TimelineSvg.render(call("main", 10_000, pieces), TITLE));
        List<Element> rows = elements(svg, "g", "row");
        assertEquals(2, rows.size());
        for (Element row : rows) {
            int bars = children(row, "rect", "bar").size();
            assertTrue(bars >= 1 && bars < 100, "5,000 pieces of 0.16 px each are merged, drew " + bars + " bars");
        }
    }

    @Test
    void aThousandThreadsStillDraw() throws Exception {
        List<Piece> pieces = new ArrayList<>();
        for (int thread = 0; thread < 1_000; thread++) {
            pieces.add(piece("virtual#" + thread, thread, thread + 1, thread, thread + 5, Map.of("carrier", "c")));
        }
        TimelineCall call = call("main", 1_100, pieces);
        Document svg = parseXml(TimelineSvg.render(call, TITLE));
        assertEquals(1_000, elements(svg, "g", "row").size());
        assertEquals(1_000, elements(svg, "rect", "bar").size());
        List<String> text = TimelineText.render(call, TITLE).lines().toList();
        assertEquals(
                TimelineText.MAX_ROWS,
                text.stream().filter(line -> line.startsWith("virtual#")).count(),
                "a terminal gets the first rows");
        assertTrue(
                text.stream().anyMatch(line -> line.startsWith("... and 952 more threads")), String.join("\n", text));
    }

    @Test
    void theTextChartHasOneLinePerThreadInAscii() {
        String chart = TimelineText.render(call("main", 1_000, PIECES), TITLE);
        List<String> lines = chart.lines().toList();
        List<String> rows = lines.stream()
                .filter(line -> line.matches("\\S.* \\|[#+.A-Z*]+\\|"))
                .toList();
        assertEquals(3, rows.size(), chart);
        assertTrue(rows.get(0).startsWith("main "), chart);
        assertTrue(rows.get(1).startsWith("worker-2 "), chart);
        for (String line : lines) {
            assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "ASCII only: " + line);
            assertTrue(line.length() <= 80, "fits a terminal: " + line);
        }
        String main = rows.get(0);
        String cells = main.substring(main.indexOf('|') + 1, main.lastIndexOf('|'));
        assertTrue(cells.startsWith("....") && cells.endsWith("..") && cells.contains("####"), main);
        assertTrue(rows.get(1).contains("RRRR"), "the re-run is drawn as R: " + rows.get(1));
        assertTrue(lines.getLast().endsWith(" us"), "a scale line in microseconds: " + lines.getLast());
    }

    @Test
    void theSvgFileIsTheMedianCall() throws Exception {
        Timeline timeline = TimelineRecordings.recording(3, Workload.of(5_000, 2), 2, 500, "s-");
        Path file = folder.resolve("t.svg");
        StringWriter note = new StringWriter();
        TimelineWriter.write(timeline, file.toString(), TITLE, new PrintWriter(note));
        Document svg = parseXml(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(2, elements(svg, "g", "row").size());
        int median = TimelineCall.medianOf(timeline.calls()).number();
        assertTrue(svg.getDocumentElement().getTextContent().contains("call #" + median + " of 3"));
        assertTrue(note.toString().contains("call #" + median + " of 3"), note.toString());

        StringWriter terminal = new StringWriter();
        TimelineWriter.write(timeline, "-", TITLE, new PrintWriter(terminal));
        assertTrue(terminal.toString().contains("call #" + median + " of 3"), terminal.toString());
    }

    @Test
    void otherTargetsAreRefusedWithOneLineNamingThem() {
        for (String target : List.of(
                "t.txt", "t", "t.json", "", folder.resolve("missing/t.svg").toString())) {
            IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> TimelineWriter.checkTarget(target), target);
            assertTrue(refused.getMessage().contains("'" + target + "'"), refused.getMessage());
            assertTrue(refused.getMessage().lines().count() == 1, refused.getMessage());
        }
        for (String target :
                List.of("-", "t.jsonl", "T.SVG", folder.resolve("t.svg").toString())) {
            TimelineWriter.checkTarget(target);
        }
    }

    @Test
    void compactLabelsRoundToThreeDigits() {
        assertEquals("9999", TimelineSvg.compact(9_999));
        assertEquals("12.3k", TimelineSvg.compact(12_345));
        assertEquals("1.05M", TimelineSvg.compact(1_048_576));
        assertEquals("1M", TimelineSvg.compact(999_999));
        assertEquals("1G", TimelineSvg.compact(1_000_000_000));
    }

    /** A flat JSON object into its fields, each value as written (strings keep their quotes). */
    private static Map<String, String> parse(String line) {
        Pattern field = Pattern.compile(
                "\"((?:[^\"\\\\]|\\\\.)*)\":(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|true|false|null)(,|})");
        assertTrue(line.startsWith("{") && line.endsWith("}"), line);
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = field.matcher(line);
        int at = 1;
        while (at < line.length()) {
            assertTrue(matcher.find(at) && matcher.start() == at, "a field at " + at + " of " + line);
            assertEquals(null, fields.put(matcher.group(1), matcher.group(2)), "no key twice: " + line);
            at = matcher.end();
        }
        return fields;
    }

    private static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document document, String tag, String cssClass) {
        return matching(document.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag), cssClass);
    }

    private static List<Element> children(Element parent, String tag, String cssClass) {
        return matching(parent.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag), cssClass);
    }

    private static List<Element> matching(NodeList nodes, String cssClass) {
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (element.getAttribute("class").equals(cssClass)) {
                found.add(element);
            }
        }
        return found;
    }

    @Test
    void aWrongTargetIsRefusedBeforeAnythingIsWritten() throws Exception {
        Timeline timeline = TimelineRecordings.recording(1, Workload.of(100, 2), 1, 100, "w-");
        Path wrong = folder.resolve("t.txt");
        assertThrows(
                IllegalArgumentException.class,
                () -> TimelineWriter.write(timeline, wrong.toString(), TITLE, new PrintWriter(new StringWriter())));
        assertTrue(!Files.exists(wrong), "nothing written");
    }

    @Test
    void whatItSaysOnTheTerminalIsFlushedBeforeItReturns() throws Exception {
        Timeline timeline = TimelineRecordings.recording(1, Workload.of(100, 2), 1, 100, "w-");
        for (String target : List.of(
                "-",
                folder.resolve("t.svg").toString(),
                folder.resolve("t.jsonl").toString())) {
            StringWriter terminal = new StringWriter();
            TimelineWriter.write(timeline, target, TITLE, CommandLineRun.buffered(terminal));
            assertTrue(!terminal.toString().isEmpty(), target);
        }
    }
}
