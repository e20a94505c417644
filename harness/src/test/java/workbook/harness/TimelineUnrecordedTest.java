package workbook.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimelineUnrecordedTest {

    @Test
    void piecesSummedUnrecordedAreLeftToTheirCallerAndTheSwitchIsOffAfterwards() {
        Workload workload = Workload.of(10_000, 3);
        Timeline timeline = Timeline.start();
        try {
            timeline.beginCall(0);
            long unrecorded = Timeline.unrecorded(() -> workload.sumRange(0, 5_000));
            assertTrue(Timeline.isRecording(), "recording again once unrecorded() has returned");
            long recorded = workload.sumRange(5_000, 10_000);
            timeline.endCall(workload.n());
            assertEquals(workload.sumAll(), unrecorded + recorded);
            assertEquals(1, timeline.pieces(0).size(), () -> "only the recorded half: " + timeline.pieces(0));
            assertEquals(5_000, timeline.pieces(0).getFirst().from());
        } finally {
            timeline.stop();
        }
    }
}
