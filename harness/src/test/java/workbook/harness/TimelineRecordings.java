package workbook.harness;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import workbook.harness.Timeline.Piece;

/**
 * Real recordings for the timeline tests: a parallel sum in the shape of lesson 02 (a chunk per
 * thread, each summed in slices through {@link Workload#sumRange}), and synthetic pieces where a
 * test needs exact times.
 */
final class TimelineRecordings {
    private TimelineRecordings() {}

    /**
     * Sums {@code workload} as one timed call of {@code timeline}: one thread from {@code threads}
     * per chunk, each summing its chunk in slices of {@code slice} numbers.
     */
    static long recordedCall(
            Timeline timeline, int call, Workload workload, int workers, long slice, Thread.Builder threads)
            throws InterruptedException {
        timeline.beginCall(call);
        long sum = parallelSum(workload, workers, slice, threads);
        timeline.endCall(workload.n());
        return sum;
    }

    /** A whole recording of {@code calls} such calls, each on threads named {@code prefix-0}, {@code prefix-1}... */
    static Timeline recording(int calls, Workload workload, int workers, long slice, String prefix)
            throws InterruptedException {
        Timeline timeline = Timeline.start();
        try {
            for (int call = 0; call < calls; call++) {
                recordedCall(
                        timeline,
                        call,
                        workload,
                        workers,
                        slice,
                        Thread.ofPlatform().name(prefix, 0));
            }
        } finally {
            timeline.stop();
        }
        return timeline;
    }

    static long parallelSum(Workload workload, int workers, long slice, Thread.Builder threads)
            throws InterruptedException {
        List<Callable<Long>> tasks = Chunk.split(workload.n(), workers).stream()
                .map(chunk -> (Callable<Long>) () -> inSlices(workload, chunk, slice))
                .toList();
        long sum = 0;
        try (ExecutorService threadPerChunk = Executors.newThreadPerTaskExecutor(threads.factory())) {
            for (Future<Long> partial : threadPerChunk.invokeAll(tasks)) {
                sum += partial.get();
            }
        } catch (ExecutionException failed) {
            throw new IllegalStateException("a worker failed", failed.getCause());
        }
        return sum;
    }

    private static long inSlices(Workload workload, Chunk chunk, long slice) {
        long total = 0;
        for (long from = chunk.from(); from < chunk.to(); from += slice) {
            total += workload.sumRange(from, Math.min(from + slice, chunk.to()));
        }
        return total;
    }

    /** A piece of call 0 with exact times, in microseconds since the call began. */
    static Piece piece(String thread, long from, long to, long startMicros, long endMicros) {
        return piece(thread, from, to, startMicros, endMicros, Map.of());
    }

    static Piece piece(String thread, long from, long to, long startMicros, long endMicros, Map<String, Object> extra) {
        return new Piece(0, thread, from, to, startMicros * 1_000, endMicros * 1_000, extra);
    }

    /** A call of {@code durationMicros} made by {@code caller}, holding {@code pieces}. */
    static TimelineCall call(String caller, long durationMicros, List<Piece> pieces) {
        return new TimelineCall(new Timeline.Call(0, caller, durationMicros * 1_000), 1, pieces);
    }

    /* A lesson's title, with the kinds of piece it marks and what they mean (as lesson 06 says them). */
    static final TimelineWriter.Title TITLE = new TimelineWriter.Title(
            "02-threads-queue",
            "threads-and-queue",
            100,
            3,
            2,
            Map.of(
                    "rerun", "a piece summed again (its first run was lost)",
                    "lost", "a piece whose result never arrived"));
}
