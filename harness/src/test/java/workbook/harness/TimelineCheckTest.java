package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workbook.harness.TimelineRecordings.piece;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import workbook.harness.Timeline.Piece;

class TimelineCheckTest {

    @Test
    void piecesThatCoverEveryIndexOnceTile() {
        List<Piece> pieces = List.of(
                piece("b", 40, 100, 5, 30),
                piece("a", 0, 25, 0, 10),
                piece("a", 25, 40, 10, 20),
                piece("c", 100, 100, 1, 1));
        assertEquals(Optional.empty(), TimelineCheck.tiles(pieces, 100));
    }

    @Test
    void aGapIsFoundAndNamed() {
        List<Piece> pieces = List.of(piece("a", 0, 25, 0, 10), piece("b", 30, 100, 0, 10));
        Optional<String> fault = TimelineCheck.tiles(pieces, 100);
        assertTrue(fault.orElseThrow().startsWith("gap: [25, 30)"), fault.get());
    }

    @Test
    void aMissingEndIsAGap() {
        Optional<String> fault = TimelineCheck.tiles(List.of(piece("a", 0, 90, 0, 10)), 100);
        assertTrue(fault.orElseThrow().startsWith("gap: [90, 100)"), fault.get());
    }

    @Test
    void anOverlapIsFoundAndNamed() {
        List<Piece> pieces = List.of(piece("a", 0, 60, 0, 10), piece("b", 50, 100, 0, 10));
        Optional<String> fault = TimelineCheck.tiles(pieces, 100);
        assertTrue(fault.orElseThrow().startsWith("overlap: [50, 60)"), fault.get());
        assertTrue(fault.get().contains("on a") && fault.get().contains("on b"), fault.get());
    }

    @Test
    void aPieceSummedTwiceIsAnOverlap() {
        List<Piece> pieces = List.of(
                piece("a", 0, 50, 0, 10),
                piece("b", 50, 100, 0, 10),
                piece("c", 50, 100, 20, 30, Map.of("rerun", true)));
        assertTrue(TimelineCheck.tiles(pieces, 100).orElseThrow().startsWith("overlap: [50, 100)"));
    }

    @Test
    void piecesOutsideTheRangeAreRefused() {
        assertTrue(TimelineCheck.tiles(List.of(piece("a", 0, 101, 0, 1)), 100)
                .orElseThrow()
                .contains("not a range inside [0, 100)"));
        assertTrue(TimelineCheck.tiles(List.of(), 100).orElseThrow().startsWith("gap: [0, 100)"));
        assertEquals(Optional.empty(), TimelineCheck.tiles(List.of(), 0));
    }

    @Test
    void piecesOfSeveralCallsAreNotOneTiling() {
        Piece first = piece("a", 0, 100, 0, 1);
        Piece second = new Piece(1, "a", 0, 100, 0, 1, Map.of());
        assertTrue(
                TimelineCheck.tiles(List.of(first, second), 100).orElseThrow().contains("calls [0, 1]"));
    }

    @Test
    void everyCallOfARealRecordingTilesAndItsThreadsAreTheWorkers() throws InterruptedException {
        Workload workload = new Workload(10_007, 3, 0, 10);
        Timeline timeline = TimelineRecordings.recording(3, workload, 3, 1_000, "w-");
        assertEquals(Optional.empty(), TimelineCheck.everyCallTiles(timeline, workload.n()));
        assertTrue(TimelineCheck.everyCallTiles(timeline, workload.n() + 1)
                .orElseThrow()
                .startsWith("call 0: gap"));
        for (int call = 0; call < 3; call++) {
            assertEquals(
                    3,
                    TimelineCheck.threads(timeline.pieces(call)).size(),
                    "three workers, three threads: " + TimelineCheck.threads(timeline.pieces(call)));
        }
    }

    @Test
    void aGapAtTheStartIsNamedWithoutAPieceBeforeIt() {
        assertEquals(
                java.util.Optional.of("gap: [0, 5) is in no piece"),
                TimelineCheck.tiles(java.util.List.of(TimelineRecordings.piece("t", 5, 10, 0, 1)), 10));
    }
}
