package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workbook.harness.TimelineRecordings.call;
import static workbook.harness.TimelineRecordings.piece;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbook.harness.Timeline.Piece;

/** The recording, one call of it as a chart sees it, the checks on it, and the time axis: each rule checked. */
class TimelineModelTest {

    @Test
    void onlyOneRecordingAtATimeAndStoppingAnotherDoesNotStopIt() {
        Timeline timeline = Timeline.start();
        try {
            assertTrue(Timeline.isRecording());
            assertThrows(IllegalStateException.class, Timeline::start);
        } finally {
            timeline.stop();
        }
        assertTrue(!Timeline.isRecording());
        Timeline second = Timeline.start();
        try {
            timeline.stop();
            assertTrue(Timeline.isRecording(), "stopping an old recording leaves the current one on");
        } finally {
            second.stop();
        }
    }

    @Test
    void piecesOutsideACallOrWithoutARecordingAreNotKept() {
        long now = System.nanoTime();
        Timeline.record(0, 1, now, now + 5); // no recording: nothing happens
        Timeline timeline = Timeline.start();
        try {
            Timeline.record(0, 1, now, now + 5); // before the first call
            timeline.beginCall(0);
            Timeline.record("member-1", 0, 10, System.nanoTime(), System.nanoTime(), Map.of("member", "m1"));
            timeline.endCall(10);
            Timeline.record(0, 1, now, now + 5); // between calls
        } finally {
            timeline.stop();
        }
        List<Piece> pieces = timeline.pieces();
        assertEquals(1, pieces.size(), pieces.toString());
        assertEquals("member-1", pieces.getFirst().thread());
        assertEquals(Map.of("member", "m1"), pieces.getFirst().extra());
    }

    @Test
    void aCallWithoutPiecesGetsOneOnTheCallerAsLongAsTheCall() {
        Timeline timeline = Timeline.start();
        try {
            timeline.beginCall(4);
            timeline.endCall(77);
        } finally {
            timeline.stop();
        }
        Timeline.Call call = timeline.calls().getFirst();
        Piece piece = timeline.pieces(4).getFirst();
        assertEquals(new Piece(4, Thread.currentThread().getName(), 0, 77, 0, call.durationNanos(), Map.of()), piece);
        assertEquals(77, piece.size());
    }

    @Test
    void theExtraFieldsOfAPieceAreItsOwnCopy() {
        Map<String, Object> extra = new java.util.HashMap<>(Map.of("rerun", true));
        Piece piece = new Piece(0, "t", 3, 8, 0, 1, extra);
        extra.put("member", "m2");
        assertEquals(Map.of("rerun", true), piece.extra());
        assertEquals(5, piece.size());
    }

    @Test
    void aThreadWithoutANameIsNamedByItsId() throws InterruptedException {
        Thread platform = Thread.ofPlatform().name("").unstarted(() -> {});
        assertEquals("#" + platform.threadId(), Timeline.threadName(platform));
        Thread virtual = Thread.ofVirtual().unstarted(() -> {});
        assertEquals("virtual#" + virtual.threadId(), Timeline.threadName(virtual));
        assertEquals(
                "named", Timeline.threadName(Thread.ofPlatform().name("named").unstarted(() -> {})));
    }

    @Test
    void aCarrierALessonNamesItselfIsKept() throws InterruptedException {
        Timeline timeline = Timeline.start();
        try {
            timeline.beginCall(0);
            Thread.ofVirtual()
                    .start(() -> {
                        long now = System.nanoTime();
                        Timeline.record(0, 1, now, now, Map.of("carrier", "told"));
                        Timeline.record(1, 2, now, now);
                    })
                    .join();
            timeline.endCall(2);
        } finally {
            timeline.stop();
        }
        List<Piece> pieces = timeline.pieces(0).stream()
                .sorted(java.util.Comparator.comparingLong(Piece::from))
                .toList();
        assertEquals("told", pieces.get(0).extra().get("carrier"));
        assertTrue(
                pieces.get(1).extra().get("carrier") instanceof String carrier
                        && !carrier.isBlank()
                        && !carrier.equals("told"),
                "the JDK's carrier: " + pieces.get(1));
    }

    @Test
    void aCallIsFoundByItsNumberAndNamesItsRecording() throws InterruptedException {
        Timeline timeline = TimelineRecordings.recording(3, Workload.of(3_000, 5), 2, 1_000, "by-number-");
        TimelineCall second = TimelineCall.of(timeline, 1);
        assertEquals(1, second.number());
        assertEquals(3, second.callCount());
        assertEquals(timeline.pieces(1), second.pieces());
        assertEquals(timeline.calls().get(1).durationNanos(), second.durationNanos());
        assertTrue(second.description().startsWith("call #1 of 3, the one of median duration ("));
        assertEquals(
                "the timeline holds no call 3",
                assertThrows(IllegalArgumentException.class, () -> TimelineCall.of(timeline, 3))
                        .getMessage());
        Timeline empty = Timeline.start();
        empty.stop();
        assertThrows(IllegalStateException.class, () -> TimelineCall.median(empty));
        assertEquals(Optional.of("the recording holds no call"), TimelineCheck.everyCallTiles(empty, 0));
    }

    @Test
    void theOnlyCallSaysSo() {
        TimelineCall only = call("main", 1_500, List.of(piece("main", 0, 10, 0, 1_500)));
        assertEquals("call #0, the only one (1.5 ms)", only.description());
    }

    @Test
    void theAxisStartsAtTheEarliestPieceAndEndsAtTheLatestOrTheCallsEnd() {
        TimelineCall early = call("main", 100, List.of(piece("m", 0, 1, -20, 50)));
        assertEquals(-20_000, early.fromNanos(), "a piece timed on another clock may start before the call");
        assertEquals(100_000, early.toNanos());
        TimelineCall late = call("main", 100, List.of(piece("m", 0, 1, 10, 130)));
        assertEquals(0, late.fromNanos());
        assertEquals(130_000, late.toNanos());
        TimelineCall instant = new TimelineCall(new Timeline.Call(0, "main", 0), 1, List.of());
        assertEquals(0, instant.fromNanos());
        assertEquals(1, instant.toNanos(), "an axis is never empty");
    }

    @Test
    void aPiecesKindIsWhatTheLessonSaysOrItsFirstTrueMarkOrPlain() {
        assertEquals("lost", TimelineCall.kind(piece("t", 0, 1, 0, 1, Map.of("kind", "lost", "rerun", true))));
        assertEquals("rerun", TimelineCall.kind(piece("t", 0, 1, 0, 1, Map.of("kind", " ", "rerun", true))));
        assertEquals("a", TimelineCall.kind(piece("t", 0, 1, 0, 1, Map.of("b", true, "a", true, "c", false))));
        assertEquals("piece", TimelineCall.kind(piece("t", 0, 1, 0, 1, Map.of("kind", 3, "member", "m"))));
        TimelineCall call = call(
                "main",
                10,
                List.of(
                        piece("t", 0, 1, 0, 1, Map.of("rerun", true)),
                        piece("t", 1, 2, 1, 2, Map.of("kind", "lost")),
                        piece("t", 2, 3, 2, 3)));
        assertEquals(List.of("piece", "lost", "rerun"), call.kinds(), "plain first, then by name");
        TimelineCall marked = call("main", 10, List.of(piece("t", 0, 1, 0, 1, Map.of("rerun", true))));
        assertEquals(List.of("rerun"), marked.kinds(), "no plain piece, no plain kind");
    }

    @Test
    void theCallerHasARowOnlyWhenItSummedAPiece() {
        TimelineCall call = call(
                "main",
                10,
                List.of(
                        piece("w2", 0, 1, 1, 2),
                        piece("w1", 1, 2, 0, 3),
                        piece("main", 2, 3, 5, 6),
                        piece("w2", 3, 4, 7, 8)));
        assertEquals(List.of("main", "w1", "w2"), call.rows());
        assertEquals(
                List.of("w1", "w2", "main"),
                List.copyOf(TimelineCheck.threads(call.pieces())),
                "the order the threads began in");
        Map<String, List<Piece>> byRow = call.piecesByRow();
        assertEquals(List.of("main", "w1", "w2"), List.copyOf(byRow.keySet()));
        assertEquals(List.of(0L, 3L), byRow.get("w2").stream().map(Piece::from).toList());
    }

    @Test
    void aPieceRunningBackwardsIsNotARange() {
        Piece backwards = new Piece(0, "t", 5, 3, 0, 1, Map.of());
        assertEquals(
                Optional.of("[5, 3) on t is not a range inside [0, 10)"), TimelineCheck.tiles(List.of(backwards), 10));
    }

    @ParameterizedTest(name = "[{0}, {1}] in about {2} ticks: every {3} ns, in {4}")
    @CsvSource({
        "0, 1000, 10, 100, µs",
        "0, 999, 10, 100, µs",
        "0, 1001, 10, 200, µs",
        "1000, 2000, 10, 100, µs",
        "0, 300, 10, 50, µs",
        "0, 150, 10, 20, µs",
        "0, 30, 10, 5, µs",
        "0, 70, 10, 10, µs",
        "0, 1000, 0, 1000, µs",
        "5, 5, 10, 1, µs",
        "0, 1999999, 10, 200000, µs",
        "0, 2000000, 10, 200000, ms",
        "0, 3000000, 10, 500000, ms",
        "0, 19999999999, 10, 2000000000, ms",
        "0, 20000000000, 10, 2000000000, s"
    })
    void theStepIsOneTwoOrFiveTimesAPowerOfTenInTheUnitThatSuitsTheSpan(
            long from, long to, int wantedTicks, long step, String unit) {
        TimelineScale scale = TimelineScale.of(from, to, wantedTicks);
        assertEquals(step, scale.stepNanos());
        assertEquals(unit, scale.unit());
        assertEquals(
                switch (unit) {
                    case "µs" -> 1e3;
                    case "ms" -> 1e6;
                    default -> 1e9;
                },
                scale.nanosPerUnit());
    }

    @Test
    void ticksAreTheMultiplesOfTheStepFromStartToEnd() {
        assertEquals(
                List.of(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L),
                TimelineScale.of(0, 1000, 10).ticks());
        assertEquals(
                List.of(-200L, 0L, 200L, 400L, 600L, 800L, 1000L),
                TimelineScale.of(-250, 1000, 10).ticks());
        assertEquals(
                List.of(200L, 400L, 600L, 800L, 1000L),
                TimelineScale.of(101, 1001, 5).ticks());
    }

    @Test
    void aTickIsLabelledInTheAxisUnitWithTheDecimalsTheStepNeeds() {
        TimelineScale tenths = TimelineScale.of(0, 1000, 10); // 0.1 µs steps
        assertEquals("0.5", tenths.label(500));
        assertEquals("1.0", tenths.label(1000));
        TimelineScale hundredths = TimelineScale.of(0, 300, 10); // 0.05 µs
        assertEquals("0.15", hundredths.label(150));
        TimelineScale whole = TimelineScale.of(0, 10_000, 10); // 1 µs
        assertEquals("7", whole.label(7_000));
        TimelineScale millis = TimelineScale.of(0, 30_000_000, 10); // 5 ms
        assertEquals("15", millis.label(15_000_000));
        assertEquals("ms", millis.asciiUnit());
        assertEquals("us", whole.asciiUnit());
        assertEquals("s", TimelineScale.of(0, 30_000_000_000L, 10).asciiUnit());
    }

    @Test
    void aTimeLiesOnTheAxisAsAFractionOfItsLength() {
        TimelineScale scale = TimelineScale.of(-250, 1000, 10);
        assertEquals(0.0, scale.fraction(-250));
        assertEquals(0.5, scale.fraction(375));
        assertEquals(1.0, scale.fraction(1000));
        assertEquals(0.0, TimelineScale.of(7, 7, 10).fraction(7), "an empty axis is not divided by zero");
    }
}
