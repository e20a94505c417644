package workbook.virtual;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/*
 * The same job on a fixed pool of platform threads: wrong next to right, for work that waits.
 *
 * Nothing changes but the executor. The chunks, their remote calls and the adding up are lesson
 * 05's own (`job`, a VirtualThreads, and its sumChunksOn); its tasks go to a pool of `poolThreads`
 * platform threads instead of one new virtual thread each.
 *
 * For the plain sum (a job of `poolThreads` tasks without a remote call) this is the yardstick of the
 * cpu-bound lab: one platform thread per core, each summing one chunk, the shape of lesson 03.
 * Virtual threads can at best tie with it, since both keep the same cores busy.
 *
 * For chunks that wait it is the pitfall. A platform thread that sleeps keeps its operating-system
 * thread asleep with it, and the pool's queue holds every other chunk until a thread is free. So
 * at most `poolThreads` chunks wait at a time, and the job takes about ceil(tasks / poolThreads)
 * latencies: 10,000 chunks of 100 ms on 2 threads take 500 s, where virtual threads take little
 * more than 0.1 s. The cure is not the kind of thread but their number: a pool as large as the
 * job (PlatformThreadPerTask) is nearly as quick, and what it costs is an operating-system thread
 * per chunk, each reserving a stack of its own (1 MB by default on Linux x64), where virtual
 * threads need a few carriers and a kilobyte or two of heap each. To limit how many
 * requests a remote service gets at once, keep a virtual thread per task and guard the call with
 * a Semaphore: a limit on the calls, not on the threads.
 */
public record FixedPool(int poolThreads, VirtualThreads job) implements SumStrategy {

    public FixedPool {
        if (poolThreads < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, was " + poolThreads);
        }
    }

    @Override
    public long sum(Workload workload) throws InterruptedException {
        try (ExecutorService pool = Executors.newFixedThreadPool(poolThreads)) {
            return job.sumChunksOn(pool, workload);
        }
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("workers", poolThreads);
        used.putAll(job.settings());
        return used;
    }
}
