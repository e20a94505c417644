package workbook.limits.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import workbook.harness.Chunk;
import workbook.harness.Workload;

/*
 * The labs' own copies of the shapes lessons 02 to 04 teach, cut down to what a lab needs: each
 * sums a range [from, to) of a workload with a loop it is given (a Workload.RangeKernel), every
 * piece through Workload.sumRange, so the range is checked and a timeline records each piece.
 * Lessons never import one another, and a lab's rows are its lesson's, so lesson 08 keeps these
 * here rather than reach into 02, 03 or 04:
 *   - equalChunks: one platform thread per chunk, each chunk an equal share (lesson 02);
 *   - manyTasks: a fixed pool of `workers` threads fed `tasks` chunks (lesson 03);
 *   - forkJoin: halves, and halves of halves, down to `leaf` numbers, on a ForkJoinPool (lesson 04).
 * A worker's failure reaches the caller as an IllegalStateException; none of them stops early on
 * an interrupt (a lab's rows are never cancelled).
 */
final class Shapes {
    private Shapes() {}

    /** Lesson 02's shape: {@code workers} threads, one equal chunk of [from, to) each, joined. */
    static long equalChunks(Workload workload, long from, long to, int workers, Workload.RangeKernel kernel)
            throws InterruptedException {
        return equalChunks(workload, from, to, workers, worker -> kernel);
    }

    /** The same, with a loop for each worker: {@code kernelOf.apply(k)} sums chunk k. */
    static long equalChunks(
            Workload workload, long from, long to, int workers, IntFunction<Workload.RangeKernel> kernelOf)
            throws InterruptedException {
        List<Chunk> chunks = Chunk.split(to - from, workers);
        long[] sums = new long[chunks.size()];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (Chunk chunk : chunks) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    sums[chunk.index()] =
                            workload.sumRange(from + chunk.from(), from + chunk.to(), kernelOf.apply(chunk.index()));
                } catch (Throwable failed) {
                    failure.compareAndSet(null, failed);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a chunk failed", failure.get());
        }
        long total = 0;
        for (long sum : sums) {
            total += sum;
        }
        return total;
    }

    /** Lesson 03's shape: a fixed pool of {@code workers} threads, {@code tasks} chunks of [0, n). */
    static long manyTasks(Workload workload, int workers, int tasks, Workload.RangeKernel kernel)
            throws InterruptedException {
        List<Callable<Long>> jobs = Chunk.split(workload.n(), tasks).stream()
                .map(chunk -> (Callable<Long>) () -> workload.sumRange(chunk.from(), chunk.to(), kernel))
                .toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            long total = 0;
            for (Future<Long> job : pool.invokeAll(jobs)) {
                total += answer(job);
            }
            return total;
        }
    }

    private static long answer(Future<Long> job) throws InterruptedException {
        try {
            return job.get();
        } catch (ExecutionException failed) {
            throw new IllegalStateException("a task failed", failed.getCause());
        }
    }

    /** Lesson 04's shape: split [0, n) in halves down to {@code leaf} numbers, on a pool of {@code workers}. */
    static long forkJoin(Workload workload, int workers, long leaf, Workload.RangeKernel kernel) {
        try (ForkJoinPool pool = new ForkJoinPool(workers)) {
            return pool.invoke(new Halves(workload, 0, workload.n(), leaf, kernel));
        }
    }

    private static final class Halves extends RecursiveTask<Long> {
        private final transient Workload workload;
        private final long from;
        private final long to;
        private final long leaf;
        private final transient Workload.RangeKernel kernel;

        Halves(Workload workload, long from, long to, long leaf, Workload.RangeKernel kernel) {
            this.workload = workload;
            this.from = from;
            this.to = to;
            this.leaf = leaf;
            this.kernel = kernel;
        }

        @Override
        protected Long compute() {
            if (to - from <= leaf) {
                return workload.sumRange(from, to, kernel);
            }
            long middle = from + (to - from) / 2;
            Halves left = new Halves(workload, from, middle, leaf, kernel);
            left.fork();
            long right = new Halves(workload, middle, to, leaf, kernel).compute();
            return right + left.join();
        }
    }
}
