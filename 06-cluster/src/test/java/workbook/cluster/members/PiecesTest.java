package workbook.cluster.members;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import workbook.harness.Timeline;

/*
 * How the answers of a call become pieces of the timeline, without a cluster: made-up answers from
 * this JVM and from another one whose clock runs a known distance away.
 */
class PiecesTest {
    /* The other JVM's clock reads this much less than this JVM's at the same moment. */
    private static final long OTHER_CLOCK_BEHIND = 7_000_000_000L;

    private static List<Timeline.Piece> recorded(Consumer<Long> record) {
        Timeline timeline = Timeline.start();
        try {
            long base = System.nanoTime();
            timeline.beginCall(0);
            record.accept(base);
            timeline.endCall(1000);
        } finally {
            timeline.stop();
        }
        return timeline.pieces(0);
    }

    /* An answer for chunk `chunk` that ran from `start` to `end` on this JVM's clock, told in `jvm`'s. */
    private static PartialSum answer(int chunk, long from, long to, String jvm, long start, long end) {
        long behind = jvm.equals(ChunkRuns.THIS_JVM) ? 0 : OTHER_CLOCK_BEHIND;
        return new PartialSum(
                chunk, from, to, 0, "127.0.0.1:1", "hz.member-1.thread", jvm, start - behind, end - behind);
    }

    @Test
    void anotherJvmsClockIsSetWithinTheBoundsItsChunksGiveAndTheErrorIsRecorded() {
        List<Timeline.Piece> pieces = recorded(base -> Pieces.record(List.of(
                // Sent at 100, ran 150-250, answered at 300; sent at 120, ran 260-400, answered at 420.
                new Pieces.Arrival(
                        answer(0, 0, 500, "1@elsewhere", base + 150, base + 250), base + 100, base + 300, false),
                new Pieces.Arrival(
                        answer(1, 500, 1000, "1@elsewhere", base + 260, base + 400), base + 120, base + 420, true),
                // The same moments, timed in this JVM: exact, the yardstick.
                new Pieces.Arrival(
                        answer(9, 0, 0, ChunkRuns.THIS_JVM, base + 150, base + 250), base + 100, base + 300, false))));
        Timeline.Piece first = pieces.stream()
                .filter(p -> p.from() == 0 && p.to() == 500)
                .findFirst()
                .orElseThrow();
        Timeline.Piece second =
                pieces.stream().filter(p -> p.from() == 500).findFirst().orElseThrow();
        Timeline.Piece exact =
                pieces.stream().filter(p -> p.size() == 0).findFirst().orElseThrow();
        // The bounds: offset in [behind - 50, behind + 20], so the middle, 15 ns early, at most 35 ns off.
        assertEquals(35L, first.extra().get("clock_error_ns"));
        assertEquals(-15, first.startNanos() - exact.startNanos());
        assertEquals(100, first.endNanos() - first.startNanos(), "a piece keeps its length");
        assertEquals(110, second.startNanos() - first.startNanos(), "one offset for every piece of a JVM");
        assertNull(exact.extra().get("clock_error_ns"), "this JVM's pieces are exact");
        assertEquals(false, first.extra().get("rerun"));
        assertEquals(true, second.extra().get("rerun"), "a chunk sent again is marked");
        assertEquals("127.0.0.1:1", first.extra().get("member"));
        assertEquals("hz.member-1.thread", first.thread());
    }

    @Test
    void aChunkThatCameBackTwiceIsDrawnTwiceTheEarlierRunLost() {
        List<Timeline.Piece> pieces = recorded(base -> Pieces.record(List.of(
                new Pieces.Arrival(
                        answer(0, 0, 500, ChunkRuns.THIS_JVM, base + 10, base + 20), base, base + 900, false),
                new Pieces.Arrival(
                        answer(0, 0, 500, ChunkRuns.THIS_JVM, base + 400, base + 450), base, base + 900, false),
                new Pieces.Arrival(
                        answer(1, 500, 1000, ChunkRuns.THIS_JVM, base + 30, base + 60), base, base + 900, false))));
        assertEquals(3, pieces.size());
        Timeline.Piece lost = pieces.stream()
                .filter(p -> Boolean.TRUE.equals(p.extra().get("lost")))
                .findFirst()
                .orElseThrow();
        assertEquals(0, lost.from());
        assertFalse(Boolean.TRUE.equals(lost.extra().get("rerun")));
        List<Timeline.Piece> reruns = pieces.stream()
                .filter(p -> Boolean.TRUE.equals(p.extra().get("rerun")))
                .toList();
        assertEquals(1, reruns.size());
        assertTrue(reruns.getFirst().startNanos() > lost.startNanos(), "the later run is the one that counts");
        assertEquals(
                false,
                pieces.stream()
                        .filter(p -> p.from() == 500)
                        .findFirst()
                        .orElseThrow()
                        .extra()
                        .get("rerun"));
    }
}
