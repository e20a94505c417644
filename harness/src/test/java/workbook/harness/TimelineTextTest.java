package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workbook.harness.TimelineRecordings.TITLE;
import static workbook.harness.TimelineRecordings.call;
import static workbook.harness.TimelineRecordings.piece;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import workbook.harness.Timeline.Piece;

/**
 * The text chart, checked character by character on calls whose every column can be worked out
 * by hand: names of 9 characters leave 72 - 9 - 3 = 60 columns, and a call of 600 µs makes each
 * column 10 µs wide, with a tick every 100 µs (ten columns).
 */
class TimelineTextTest {

    private static List<String> chart(TimelineCall call) {
        return TimelineText.render(call, TITLE).lines().toList();
    }

    @Test
    void everyColumnShowsWhetherItsThreadWasBusyPartlyBusyIdleOrRerunning() {
        TimelineCall call = call(
                "main",
                600,
                List.of(
                        piece("worker-01", 0, 50, 0, 300),
                        piece("worker-02", 50, 60, 100, 104), // 4 µs of column 10: partly busy
                        piece("worker-02", 60, 70, 115, 125), // half of column 11 and half of 12: busy both
                        piece("worker-02", 70, 100, 200, 260, Map.of("rerun", true))));
        assertEquals(
                List.of(
                        "02-threads-queue, threads-and-queue, n = 100, 3 workers, 2 cores",
                        "call #0, the only one (600.0 us), made by main",
                        "# busy, + partly busy, . idle, R rerun; | the call's start and end",
                        "worker-01 |" + "#".repeat(30) + ".".repeat(30) + "|",
                        "worker-02 |" + ".".repeat(10) + "+##" + ".".repeat(7) + "R".repeat(6) + ".".repeat(34) + "|",
                        "           +---------+---------+---------+---------+---------+--------+",
                        "           0         100       200       300       400       500      600 us"),
                chart(call));
    }

    @Test
    void anAxisThatStartsBeforeTheCallShiftsEveryPieceAlongWithIt() {
        // A member's clock put this piece 100 µs before the call began: the axis runs from -100 to 500 µs.
        TimelineCall call =
                call("main", 500, List.of(piece("remote-01", 0, 10, -100, 0), piece("remote-02", 10, 20, 400, 500)));
        List<String> lines = chart(call);
        assertEquals("remote-01 |" + "#".repeat(10) + ".".repeat(50) + "|", lines.get(3));
        assertEquals("remote-02 |" + ".".repeat(50) + "#".repeat(10) + "|", lines.get(4));
        assertEquals("           -100      0         100       200       300       400      500 us", lines.get(6));
    }

    @Test
    void theKindThatFilledMostOfAColumnIsShownAndATinyPieceStillLeavesAMark() {
        TimelineCall call = call(
                "main",
                600,
                List.of(
                        piece("worker-01", 0, 1, 0, 4, Map.of("rerun", true)), // 4 µs rerun ...
                        piece("worker-01", 1, 2, 4, 10), // ... then 6 µs plain: plain wins column 0
                        new Piece(0, "worker-01", 2, 3, 20_000, 20_000, Map.of()))); // no time at all in column 2
        assertEquals("worker-01 |#.+" + ".".repeat(57) + "|", chart(call).get(3));
    }

    @Test
    void halfAColumnIsBusyAndLessIsPartlyBusy() {
        TimelineCall call = call(
                "main",
                600,
                List.of(piece("worker-01", 0, 1, 0, 5), new Piece(0, "worker-01", 1, 2, 10_000, 14_999, Map.of())));
        assertEquals("worker-01 |#+" + ".".repeat(58) + "|", chart(call).get(3));
    }

    @Test
    void aLongNameIsCutAndAShortOneKeepsTheNameColumnFourWide() {
        TimelineCall call =
                call("main", 100, List.of(piece("a-thread-with-a-long-name", 0, 1, 0, 100), piece("t", 1, 2, 0, 1)));
        List<String> lines = chart(call);
        assertEquals("a-thread-with-..", lines.get(3).substring(0, 16));
        assertEquals(72, lines.get(3).length(), "16 for the name, the bars, 72 in all");
        assertEquals("t                |", lines.get(4).substring(0, 18));
        List<String> short_ = chart(call("main", 100, List.of(piece("t", 0, 1, 0, 100))));
        assertEquals("t    |" + "#".repeat(65) + "|", short_.get(3));
    }

    @Test
    void beyondFortyEightThreadsTheRestAreCounted() {
        List<Piece> pieces = new ArrayList<>();
        for (int thread = 0; thread < 49; thread++) {
            pieces.add(piece("t" + thread, thread, thread + 1, 0, 10));
        }
        List<String> lines = chart(call("main", 10, pieces));
        assertEquals(3 + 48 + 1 + 2, lines.size());
        assertEquals(
                "... and 1 more threads (write the timeline to a .svg or .jsonl file to see every one)",
                lines.get(3 + 48));
        List<String> exactly = chart(call("main", 10, pieces.subList(0, 48)));
        assertEquals(3 + 48 + 2, exactly.size(), "48 threads all have their line");
    }

    @Test
    void everyKindHasItsLetterAndATerminalGetsOnlyAscii() {
        TimelineCall call = call(
                "mäin·µ",
                600,
                List.of(
                        piece("wörker", 0, 1, 0, 600, Map.of("kind", "lost")),
                        piece("w2", 1, 2, 0, 600, Map.of("kind", "2nd try")),
                        piece("w3", 2, 3, 0, 600, Map.of("kind", "ëxtra")),
                        piece("w4", 3, 4, 0, 600, Map.of("kind", "~odd"))));
        List<String> lines = chart(call);
        assertEquals(
                "# busy, + partly busy, . idle, 2 2nd try, L lost, * ~odd, * ?xtra; | the call's start and end",
                lines.get(2));
        assertTrue(lines.get(1).endsWith(", made by m?in-u"), lines.get(1));
        assertTrue(lines.get(3).startsWith("w?rker |LLL"), lines.get(3));
        assertTrue(lines.get(4).startsWith("w2     |222"), lines.get(4));
        assertTrue(lines.get(5).startsWith("w3     |***"), lines.get(5));
        assertTrue(lines.get(6).startsWith("w4     |***"), lines.get(6));
        assertEquals(" ~???", TimelineText.ascii(" ~\t\u007f\u0000"));
    }

    @Test
    void aLabelIsLeftOutWhereItWouldTouchThePreviousOne() {
        // A call of 19 years (6e17 ns): a tick every 1e8 s, ten columns apart, labels of nine digits.
        TimelineCall call =
                call("main", 600_000_000_000_000L, List.of(piece("worker-01", 0, 1, 0, 600_000_000_000_000L)));
        assertEquals(
                "           0         100000000 200000000 300000000 400000000 500000000 s",
                chart(call).getLast(),
                "600000000 would start right after 500000000 ends, so it is left out");
    }

    @Test
    void aPieceAtTheVeryEndMarksTheLastColumnAndOneJustOverAColumnMarksTheNext() {
        TimelineCall call = call(
                "main",
                600,
                List.of(
                        new Piece(0, "worker-01", 0, 1, 600_000, 600_000, Map.of()),
                        piece("worker-02", 1, 2, 5, 11))); // 5 µs of column 0, 1 µs of column 1
        List<String> lines = chart(call);
        assertEquals("worker-02 |#+" + ".".repeat(58) + "|", lines.get(3), "rows by first start");
        assertEquals("worker-01 |" + ".".repeat(59) + "+|", lines.get(4));
    }

    @Test
    void aKindIsMarkedByItsFirstLetterUpperCasedIfThatIsAnAsciiLetterOrDigit() {
        TimelineCall call = call(
                "main",
                600,
                List.of(
                        piece("w1", 0, 1, 0, 600, Map.of("kind", "zeta")),
                        piece("w2", 1, 2, 0, 600, Map.of("kind", "ßeta")),
                        piece("w3", 2, 3, 0, 600, Map.of("kind", "9th")),
                        piece("w4", 3, 4, 0, 600, Map.of("kind", "[x]"))));
        List<String> lines = chart(call);
        assertTrue(lines.get(3).startsWith("w1   |ZZZ"), lines.get(3));
        assertTrue(lines.get(4).startsWith("w2   |***"), lines.get(4));
        assertTrue(lines.get(5).startsWith("w3   |999"), lines.get(5));
        assertTrue(lines.get(6).startsWith("w4   |***"), lines.get(6));
    }
}
