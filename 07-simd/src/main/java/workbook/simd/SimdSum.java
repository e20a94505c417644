///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.apache.commons:commons-math3:3.6.1
//SOURCES ../../../../../../harness/src/main/java/workbook/harness/*.java
//SOURCES LaneKernel.java
//SOURCES UnrolledKernels.java
//SOURCES VectorCheck.java
//SOURCES SimdLesson.java
//COMPILE_OPTIONS --add-modules=jdk.incubator.vector -Xlint:-incubating
//RUNTIME_OPTIONS --add-modules=jdk.incubator.vector
package workbook.simd;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import workbook.harness.Chunk;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/*
 * Lesson 07: the lanes inside every core.
 *
 * The tutorial's aim was all of the machine's power, and lessons 02 to 05 reached it as the
 * tutorial measures it: every core busy. Yet each of those cores adds one 64-bit number at a
 * time, while its vector unit could work on 8 of them per instruction (AVX-512; 4 with AVX2).
 * Lanes are a second kind of parallelism, inside one core, and it multiplies with the first:
 * 2 cores of 8 lanes each are 16 numbers under way at once.
 *
 * The strategy is lesson 03's pool with another loop in it. [0, n) is cut into one chunk per
 * worker, each chunk is a task on a fixed pool of `workers` threads, and the caller adds up what
 * the tasks return. The loop each task runs is the vector kernel in LaneKernel.java, where the
 * lanes are explained (or one of UnrolledKernels.java), handed to Workload.sumRange, which checks
 * the range, throws the injected test fault and records the timeline as it does for every lesson.
 * --workers 1 is "the lanes of one core", with no second thread. What they gain is not simply the
 * number of lanes: it is what a vector instruction costs against a scalar one on this CPU (lab 07
 * peak counts and times them).
 *
 * The Vector API is still an incubator module in JDK 25, not resolved unless the JVM is started
 * with --add-modules=jdk.incubator.vector (this file's //RUNTIME_OPTIONS, the module's
 * jvm.options, its Surefire argLine). The JVM then prints "WARNING: Using incubator modules:
 * jdk.incubator.vector" once: the API may still change between JDK releases, nothing else.
 */
public final class SimdSum implements SumStrategy {

    /* Measured best on a 2-core AMD EPYC with AVX-512, JDK 25 (the accumulators lab, docs/07-simd.md). */
    static final int DEFAULT_ACCUMULATORS = 2;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int workers;
    private final int accumulators;
    private final Workload.RangeKernel kernel;
    private volatile String vectorCheck;

    public SimdSum(int workers) {
        this(workers, DEFAULT_ACCUMULATORS);
    }

    public SimdSum(int workers, int accumulators) {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, was " + workers);
        }
        this.kernel = switch (accumulators) {
            case 1 -> LaneKernel::sum;
            case 2 -> UnrolledKernels::twoAccumulators;
            case 4 -> UnrolledKernels::fourAccumulators;
            default -> throw new IllegalArgumentException("--accumulators must be 1, 2 or 4, was " + accumulators);
        };
        this.workers = workers;
        this.accumulators = accumulators;
        this.vectorCheck = VectorCheck.beforeRunning(LaneKernel.LANES, vectorBits(), vmInfo());
    }

    /** The loop each task runs on its slices, for a lab that times it on a thread of its own choosing. */
    public Workload.RangeKernel kernel() {
        return kernel;
    }

    /** A task's failure, rethrown on the caller's thread, naming the chunk it came from. */
    public static final class ChunkFailedException extends RuntimeException {
        ChunkFailedException(Chunk chunk, Throwable cause) {
            super(chunk + " failed", cause);
        }
    }

    /* What a task returns: its chunk's sum, and the CPU time its thread spent on it (for VectorCheck). */
    private record Partial(long sum, long cpuNanos) {}

    /*
     * Lesson 03's frame (ExecutorPool.sum and sumOn say why each line is there): a fixed pool per
     * call, closed by try-with-resources so that no task outlives the call; one Callable per chunk,
     * handed over with invokeAll; the futures read in chunk order, a failed task's exception named
     * after its chunk. One thing more: invokeAll waits for every task, and a chunk can take
     * minutes, so a task that fails raises aChunkFailed and the others stop at their next slice.
     */
    @Override
    public long sum(Workload workload) throws InterruptedException {
        List<Chunk> chunks = Chunk.split(workload.n(), workers);
        AtomicBoolean aChunkFailed = new AtomicBoolean();
        List<Callable<Partial>> tasks = chunks.stream()
                .map(chunk -> (Callable<Partial>) () -> sumChunk(workload, chunk, aChunkFailed))
                .toList();
        long total = 0;
        long cpuNanos = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<Partial>> futures = pool.invokeAll(tasks);
            ChunkFailedException failure = null;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    Partial partial = futures.get(i).get();
                    total += partial.sum();
                    cpuNanos += partial.cpuNanos();
                } catch (ExecutionException failed) {
                    // The chunks a failure stopped end in InterruptedException: name the one that failed first-hand.
                    if (failure == null || failure.getCause() instanceof InterruptedException) {
                        failure = new ChunkFailedException(chunks.get(i), failed.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
        double cpuPerNumber = cpuNanos / (double) Math.max(1, workload.n());
        vectorCheck = VectorCheck.afterRunning(
                LaneKernel.LANES, vectorBits(), vmInfo(), workload.n() / chunks.size(), cpuPerNumber);
        return total;
    }

    /*
     * One task: its chunk, handed to the kernel a slice at a time. Between slices it looks whether
     * to stop: invokeAll cancelled it (the caller was interrupted), or another chunk failed. Its
     * CPU time is read here, on the thread that did the work, for VectorCheck.
     */
    private Partial sumChunk(Workload workload, Chunk chunk, AtomicBoolean aChunkFailed) throws InterruptedException {
        long cpuStart = threadCpuNanos();
        long total = 0;
        try {
            for (long from = chunk.from(); from < chunk.to(); from += Chunk.SLICE_SIZE) {
                if (Thread.currentThread().isInterrupted() || aChunkFailed.get()) {
                    throw new InterruptedException("stopped before finishing " + chunk);
                }
                total += workload.sumRange(from, Math.min(from + Chunk.SLICE_SIZE, chunk.to()), kernel);
            }
        } catch (Throwable failure) {
            // Whatever ended this chunk early, the sum is lost: the others can stop too.
            aChunkFailed.set(true);
            throw failure;
        }
        return new Partial(total, threadCpuNanos() - cpuStart);
    }

    /** What the last call used, for the report and --json: the vector shape and whether it ran as vectors. */
    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("lanes", LaneKernel.LANES);
        settings.put("vector_bits", vectorBits());
        settings.put("accumulators", accumulators);
        settings.put("workers", workers);
        settings.put("vector_check", vectorCheck);
        return settings;
    }

    /* The calling thread's CPU time, or 0 where the JVM cannot tell. */
    private static long threadCpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? Math.max(0, THREADS.getCurrentThreadCpuTime()) : 0;
    }

    private static int vectorBits() {
        return LaneKernel.SPECIES.vectorBitSize();
    }

    private static String vmInfo() {
        return System.getProperty("java.vm.info", "");
    }

    public static void main(String[] args) {
        System.exit(new SimdLesson().commandLine(args));
    }
}

/*
 * How to run this lesson
 *
 *   ./jbang 07-simd/src/main/java/workbook/simd/SimdSum.java --n 1e9 --workers 2
 *   ./workbook lesson 07 --n 1e9 --workers 1 --repeat 5
 *   ./workbook lesson 07 --n 1000003 --seed 20261126 --lo -3 --hi 17 --workers 2 --json --verify
 *   ./workbook lesson 07 --accumulators 4 --n 1e9
 *
 * Things to try:
 *   - `--workers 1` against lesson 01 at `--n 1e9`: the lanes of one core alone.
 *   - `--accumulators 1`, `2` and `4`; then `4` again with
 *     JDK_JAVA_OPTIONS="-XX:+UnlockDiagnosticVMOptions -XX:+PrintInlining" and look for
 *     NodeCountInliningCutoff in the output.
 *   - Narrow vectors on this very machine: JDK_JAVA_OPTIONS=-XX:MaxVectorSize=16 (2 lanes) or
 *     JDK_JAVA_OPTIONS=-XX:UseAVX=2 (4 lanes, and no 64-bit vector multiply instruction).
 *     Same sum, another speed, and the vector_check line says so.
 *   - The fallback: JDK_JAVA_OPTIONS=-XX:MaxVectorSize=8 (one lane) at --n 1e7, or
 *     JDK_JAVA_OPTIONS=-XX:TieredStopAtLevel=1.
 */
