package workbook.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import workbook.harness.Chunk;
import workbook.harness.Lesson;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/**
 * A parallel lesson for this module's tests: one platform thread per chunk (a strategy with a
 * worker knob), and the common fork/join pool through a parallel stream (one without).
 */
public class TestThreadsLesson implements Lesson {
    @Override
    public String module() {
        return "02-test-threads";
    }

    @Override
    public String title() {
        return "test fixture: a thread per chunk";
    }

    @Override
    public List<Strategy> strategies() {
        return List.of(
                new Strategy("thread-per-chunk", true, ThreadPerChunk::new),
                new Strategy(
                        "parallel-stream",
                        false,
                        workers -> workload -> Chunk.split(workload.n(), 8).parallelStream()
                                .mapToLong(chunk -> chunk.sum(workload))
                                .sum()));
    }

    @Override
    public int commandLine(PrintWriter out, PrintWriter err, String... args) {
        return 2;
    }

    static final class ThreadPerChunk implements SumStrategy {
        private final int workers;

        ThreadPerChunk(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("--workers must be at least 1, was " + workers);
            }
            this.workers = workers;
        }

        @Override
        public long sum(Workload workload) throws InterruptedException {
            List<Chunk> chunks = Chunk.split(workload.n(), workers);
            long[] partialSums = new long[chunks.size()];
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            Thread[] threads = new Thread[chunks.size()];
            for (Chunk chunk : chunks) {
                threads[chunk.index()] = Thread.ofPlatform().start(() -> {
                    try {
                        partialSums[chunk.index()] = chunk.sum(workload);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            long total = 0;
            for (long partialSum : partialSums) {
                total += partialSum;
            }
            return total;
        }
    }
}
