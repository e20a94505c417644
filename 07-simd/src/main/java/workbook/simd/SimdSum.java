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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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
 * The strategy is lesson 02's shape with another loop in it. [0, n) is cut into one chunk per
 * worker, each worker sums its chunk on a platform thread of its own, and the caller joins them
 * and adds the partial sums. The loop each worker runs is the vector kernel in LaneKernel.java
 * (or one of UnrolledKernels.java), handed to Workload.sumRange, which checks the range, throws
 * the injected test fault and records the timeline as it does for every lesson. --workers 1 is
 * "the lanes of one core": the whole gain of the vectors, with no second thread.
 *
 * The Vector API is still an incubator module in JDK 25, not resolved unless the JVM is started
 * with --add-modules=jdk.incubator.vector (this file's //RUNTIME_OPTIONS, the module's
 * jvm.options, its Surefire argLine). The JVM then prints "WARNING: Using incubator modules:
 * jdk.incubator.vector" once: the API may still change between JDK releases, nothing else.
 */
public final class SimdSum implements SumStrategy {

    /* Measured best on a 2-core AMD EPYC with AVX-512, JDK 25 (the accumulators lab, docs/07-simd.md). */
    static final int DEFAULT_ACCUMULATORS = 2;

    /*
     * A worker looks at its interrupt flag between slices: a stop request (the caller interrupted,
     * or another chunk failed) is honoured within a slice, about a millisecond here, and the loop
     * inside a slice needs no check at all. A slice's tail costs a few scalar numbers in 4 million.
     */
    static final long SLICE_SIZE = 1 << 22;

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

    /** A worker's failure, rethrown on the caller's thread, naming the chunk it came from. */
    public static final class ChunkFailedException extends RuntimeException {
        ChunkFailedException(Chunk chunk, Throwable cause) {
            super(chunk + " failed", cause);
        }
    }

    /*
     * Lesson 02's frame, simpler: no queue, because each worker writes its own slot of an array
     * and join() makes those writes visible to the caller. The first failure is kept and stops the
     * other workers (they see the interrupt at their next slice). Whatever happens, even an
     * interrupt of the caller while it waits, no worker outlives this call.
     */
    @Override
    public long sum(Workload workload) throws InterruptedException {
        List<Chunk> chunks = Chunk.split(workload.n(), workers);
        long[] partialSums = new long[chunks.size()];
        long[] cpuTimes = new long[chunks.size()];
        AtomicReference<ChunkFailedException> firstFailure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>(chunks.size());
        for (Chunk chunk : chunks) {
            threads.add(Thread.ofPlatform().name("simd-worker-" + chunk.index()).unstarted(() -> {
                long cpuStart = threadCpuNanos();
                try {
                    partialSums[chunk.index()] = sumChunk(workload, chunk);
                } catch (Throwable failure) {
                    if (firstFailure.compareAndSet(null, new ChunkFailedException(chunk, failure))) {
                        threads.forEach(Thread::interrupt);
                    }
                }
                cpuTimes[chunk.index()] = threadCpuNanos() - cpuStart;
            }));
        }
        try {
            threads.forEach(Thread::start);
        } finally {
            joinAll(threads);
        }
        if (firstFailure.get() != null) {
            throw firstFailure.get();
        }
        long total = 0;
        long cpuTotal = 0;
        for (int i = 0; i < chunks.size(); i++) {
            total += partialSums[i];
            cpuTotal += cpuTimes[i];
        }
        double cpuPerNumber = cpuTotal / (double) Math.max(1, workload.n());
        vectorCheck = VectorCheck.afterRunning(
                LaneKernel.LANES, vectorBits(), vmInfo(), workload.n() / chunks.size(), cpuPerNumber);
        return total;
    }

    private long sumChunk(Workload workload, Chunk chunk) throws InterruptedException {
        long total = 0;
        for (long from = chunk.from(); from < chunk.to(); ) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped before finishing " + chunk);
            }
            long to = from + Math.min(SLICE_SIZE, chunk.to() - from);
            total += workload.sumRange(from, to, kernel);
            from = to;
        }
        return total;
    }

    /*
     * Wait until every worker has ended (a worker never started ends at once). An interrupt of
     * the caller does not cut this wait short, or a worker could outlive sum(): it is passed on
     * to the workers, who stop at their next slice, and rethrown when the last of them is gone.
     */
    private static void joinAll(List<Thread> threads) throws InterruptedException {
        InterruptedException interrupt = null;
        int joined = 0;
        while (joined < threads.size()) {
            try {
                threads.get(joined).join();
                joined++;
            } catch (InterruptedException stop) {
                interrupt = stop;
                threads.forEach(Thread::interrupt);
            }
        }
        if (interrupt != null) {
            throw interrupt;
        }
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

    /* The calling thread's CPU time (0 where the JVM cannot tell): time spent waiting for a core does not count. */
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
