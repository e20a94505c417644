package workbook.pool;

import java.util.concurrent.ForkJoinPool;
import java.util.function.LongSupplier;

/*
 * The JVM's common pool, sized for one call of the parallel stream.
 *
 * ForkJoinPool.commonPool() is one pool per JVM, shared by every parallel stream in it, and it
 * starts with one thread fewer than the machine has cores (the thread that calls the stream's
 * terminal operation works too). Since JDK 19, setParallelism(n) changes a pool's size while it
 * runs, the common pool's included, and returns the size it had. Its limits (the JDK 25 javadoc
 * and source): n must be at least 1, so one worker beside the caller is the least there is; and
 * when the system property java.util.concurrent.ForkJoinPool.common.parallelism fixed the size at
 * start-up, it throws UnsupportedOperationException, and that size stays.
 */
final class CommonPool {
    static final String SIZE_PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private CommonPool() {}

    /*
     * Runs `stream` with the common pool at threadsFor(workers) threads, and puts back the size it
     * had however the stream ends: every other parallel stream in this JVM shares the pool. One
     * call at a time, so that two calls cannot put back each other's sizes.
     */
    static synchronized long sizedFor(int workers, LongSupplier stream) {
        ForkJoinPool common = ForkJoinPool.commonPool();
        int before = common.getParallelism();
        try {
            common.setParallelism(threadsFor(workers));
        } catch (UnsupportedOperationException sizedByTheProperty) {
            return stream.getAsLong();
        }
        try {
            return stream.getAsLong();
        } finally {
            common.setParallelism(before);
        }
    }

    /* The pool's threads for `workers`: the caller is one worker, and the pool keeps at least 1 thread. */
    static int threadsFor(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, was " + workers);
        }
        if (System.getProperty(SIZE_PROPERTY) != null) {
            return ForkJoinPool.getCommonPoolParallelism();
        }
        return Math.max(1, workers - 1);
    }
}
