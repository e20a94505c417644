package workbook.virtual;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/*
 * The same job on one new platform thread per chunk: the control that tells concurrency apart from
 * virtualness.
 *
 * A fixed pool of 2 threads lets 2 chunks wait at a time; virtual threads let every chunk wait at
 * once. So a waiting job on virtual threads differs from it in two ways: how many chunks can wait
 * together, and what kind of thread waits. This executor keeps the first (every chunk has a thread
 * of its own, so all can wait together) and changes the second back to platform threads. The
 * waiting lab shows that it needs nearly the same time as virtual threads: the gain is that all
 * chunks wait at once (Little's law), and what virtual threads add is that such threads are cheap
 * to start and to keep (lab thread-cost), not that they wait faster.
 */
public record PlatformThreadPerTask(VirtualThreads job) implements SumStrategy {

    @Override
    public long sum(Workload workload) throws InterruptedException {
        try (ExecutorService threadPerChunk = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("chunk-", 0).factory())) {
            return job.sumChunksOn(threadPerChunk, workload);
        }
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("executor", "one platform thread per task");
        used.putAll(job.settings());
        return used;
    }
}
