package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbook.harness.Timeline.Piece;

class TimelineRecordingTest {

    @ParameterizedTest
    @CsvSource({
        "100003, 4, 1000, -5, 17",
        "7, 3, 2, 0, 10",
        "2, 5, 1, 0, 10",
        "50000, 2, 50000, -2147483648, 2147483647"
    })
    void recordingNeverChangesASum(long n, int workers, long slice, int lo, int hi) throws InterruptedException {
        Workload workload = new Workload(n, 20261126, lo, hi);
        long unrecorded = TimelineRecordings.parallelSum(workload, workers, slice, Thread.ofPlatform());
        Timeline timeline = Timeline.start();
        long recorded;
        try {
            recorded = TimelineRecordings.recordedCall(timeline, 0, workload, workers, slice, Thread.ofPlatform());
        } finally {
            timeline.stop();
        }
        long oracle = Oracle.sum(workload);
        assertEquals(oracle, unrecorded);
        assertEquals(oracle, recorded, "the same sum with a recording on");
        List<Piece> pieces = timeline.pieces(0);
        assertEquals(Optional.empty(), TimelineCheck.tiles(pieces, n));
        long slices = Chunk.split(n, workers).stream()
                .mapToLong(chunk -> (chunk.size() + slice - 1) / slice)
                .sum();
        assertEquals(slices, pieces.size(), "one piece per sumRange call, never one per number");
    }

    @Test
    void theRowsOfTheChartAreTheThreadsThatSummed() throws InterruptedException {
        Timeline timeline = TimelineRecordings.recording(1, Workload.of(30_000, 5), 3, 4_096, "row-test-");
        TimelineCall call = TimelineCall.median(timeline);
        assertEquals(Set.of("row-test-0", "row-test-1", "row-test-2"), Set.copyOf(call.rows()));
        assertEquals(TimelineCheck.threads(call.pieces()), Set.copyOf(call.rows()));
        assertEquals(Thread.currentThread().getName(), call.caller());
        assertFalse(call.rows().contains(call.caller()), "the caller only waited: no row of its own");
    }

    @Test
    void piecesSummedOnVirtualThreadsNameTheirCarrier() throws InterruptedException {
        Workload workload = Workload.of(20_000, 9);
        Timeline timeline = Timeline.start();
        long sum;
        try {
            sum = TimelineRecordings.recordedCall(timeline, 0, workload, 8, 1_000, Thread.ofVirtual());
        } finally {
            timeline.stop();
        }
        assertEquals(Oracle.sum(workload), sum);
        List<Piece> pieces = timeline.pieces(0);
        assertEquals(Optional.empty(), TimelineCheck.tiles(pieces, workload.n()));
        for (Piece piece : pieces) {
            assertTrue(piece.thread().startsWith("virtual#"), "an unnamed virtual thread is named by its id: " + piece);
            assertTrue(
                    piece.extra().get("carrier") instanceof String carrier && !carrier.isBlank(),
                    "a piece summed on a virtual thread names its carrier: " + piece);
            assertTrue(TimelineWriter.jsonLine(piece).contains("\"carrier\":\""), TimelineWriter.jsonLine(piece));
        }
    }

    @Test
    void aCallThatRecordedNoPieceIsOneBarOnTheCaller() {
        Timeline timeline = Timeline.start();
        try {
            timeline.beginCall(0);
            timeline.endCall(1_000);
        } finally {
            timeline.stop();
        }
        TimelineCall call = TimelineCall.median(timeline);
        assertEquals(List.of(Thread.currentThread().getName()), call.rows());
        assertEquals(Optional.empty(), TimelineCheck.tiles(call.pieces(), 1_000));
    }

    @Test
    void theMedianCallIsARealCallOfMiddleDuration() {
        List<Timeline.Call> calls = List.of(
                new Timeline.Call(0, "main", 900),
                new Timeline.Call(1, "main", 100),
                new Timeline.Call(2, "main", 500),
                new Timeline.Call(3, "main", 300));
        assertEquals(3, TimelineCall.medianOf(calls).number(), "the lower of the two middle ones");
        assertEquals(2, TimelineCall.medianOf(calls.subList(0, 3)).number());
    }
}
