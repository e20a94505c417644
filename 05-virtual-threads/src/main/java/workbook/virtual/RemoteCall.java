package workbook.virtual;

import java.util.OptionalInt;
import workbook.harness.Chunk;

/*
 * What a chunk waits for before it sums: in a real program an HTTP request, a database query, a
 * file read; here a sleep of a fixed latency, so that the waiting is all there is to see. Tests
 * pass calls of their own (a latch, a barrier, a counter) to see which chunks wait when.
 */
@FunctionalInterface
public interface RemoteCall {

    /** Blocks until the chunk's reply has come. */
    void await(Chunk chunk) throws InterruptedException;

    /** The reply's latency in milliseconds, for the report; a test's own call has none to tell. */
    default OptionalInt latencyMs() {
        return OptionalInt.empty();
    }

    /** No waiting at all: the plain sum. */
    RemoteCall NONE = sleeping(0);

    /** A reply that takes {@code latencyMs} milliseconds. */
    static RemoteCall sleeping(int latencyMs) {
        if (latencyMs < 0) {
            throw new IllegalArgumentException("--latency-ms must not be negative, was " + latencyMs);
        }
        return new Sleep(latencyMs);
    }

    record Sleep(int millis) implements RemoteCall {
        @Override
        public void await(Chunk chunk) throws InterruptedException {
            if (millis > 0) {
                Thread.sleep(millis);
            }
        }

        @Override
        public OptionalInt latencyMs() {
            return OptionalInt.of(millis);
        }
    }
}
