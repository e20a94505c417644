///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.apache.commons:commons-math3:3.6.1
//SOURCES ../../../../../../harness/src/main/java/workbook/harness/*.java
//SOURCES ../../../../main/java/workbook/limits/Total.java
//SOURCES ../../../../main/java/workbook/limits/LimitsLesson.java
//RUNTIME_OPTIONS --add-modules=jdk.incubator.vector
package workbook.limits;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import workbook.harness.Chunk;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;
import workbook.limits.Total.Share;

/*
 * Lesson 08: what stops the speedup.
 *
 * The tutorial's first tip: some programs gain more from many cores than others, and work whose
 * pieces are independent gains the most. Lessons 02 to 07 were all the happy case: numbers that
 * are independent, equally cheap and never stored, each worker adding into a sum of its own. This
 * lesson takes that independence away, one way at a time, and measures what each one costs. Here,
 * in the main file, the first way: the workers add into one total they share.
 *
 * The frame is lesson 03's: one chunk per worker, each chunk a task on a fixed pool. What changes
 * is where a number goes once it is made:
 *   --share local   each worker adds into a local variable and returns it (lessons 02 to 07);
 *   --share adder   every number into one LongAdder;
 *   --share atomic  every number into one AtomicLong;
 *   --share lock    every number into one long behind a lock;
 *   --share slots   every number into the worker's own slot of one long[], side by side.
 * Total.java holds the four shared totals and says what each costs. All five are exact; only the
 * time differs, and by more than a factor of ten.
 *
 * A core does not read or write memory one long at a time but a cache line at a time: 64 bytes,
 * copied into its own cache. A line that one core writes must leave every other core's cache
 * first, so when two cores keep writing the same line, it travels between them, and each trip
 * costs as much as dozens of additions. A shared total is such a line. So are slots that are
 * merely neighbours: the workers never touch each other's slot, yet their slots share a line
 * (false sharing). ./workbook lab 08 false-sharing moves the slots apart.
 */
public record SharedTotal(int workers, Share share) implements SumStrategy {

    /*
     * A fresh pool per call, closed by try-with-resources, so no worker outlives the call (lesson
     * 03 says why each line is there). With a shared total, the workers' tasks return nothing of
     * use: the answer is in the total, read once every task has ended.
     */
    @Override
    public long sum(Workload workload) throws InterruptedException {
        // TODO Lesson 08: one task per chunk on a fixed pool; add up their sums, or read the shared total

        // A shared total comes from Total.of(share, workers); LOCAL has none. A task's failure reaches
        // the caller as an IllegalStateException around the task's own exception.
        throw new UnsupportedOperationException("Lesson 08: one task per chunk on a fixed pool; add up their sums, or read the shared total. Your code goes at the TODO, SharedTotal.java:57. Hint: docs/08-limits.md#hints");
    }

    /*
     * One worker's chunk, a slice at a time, looking at its interrupt flag between slices (lesson
     * 03: invokeAll cancels the tasks of a caller that is interrupted). Each slice goes through
     * Workload.sumRange with one of the two loops below, so the range is checked, a test's
     * injected fault is thrown and the timeline records the slice, whatever the loop.
     */
    private long sumChunk(Workload workload, Chunk chunk, Total total) throws InterruptedException {
        long sum = 0;
        for (long from = chunk.from(); from < chunk.to(); from += Chunk.SLICE_SIZE) {
            // TODO Lesson 08: stop if interrupted; else sum the slice with ownSum, or addEach into the total

            // With no shared total, sumRange(from, to, SharedTotal::ownSum); with one, a kernel that
            // calls addEach with the chunk's index as the worker's number.
            throw new UnsupportedOperationException("Lesson 08: stop if interrupted; else sum the slice with ownSum, or addEach into the total. Your code goes at the TODO, SharedTotal.java:73. Hint: docs/08-limits.md#hints");
        }
        return sum;
    }

    /*
     * The contended way: every number goes into the shared total the moment it is made. Right
     * for every Total, and slow for every one but the adder: the total's cache line is written by
     * both cores, number after number. It returns 0: its numbers are in the total.
     */
    static long addEach(Workload workload, long from, long to, Total total, int worker) {
        // TODO Lesson 08: add every number of [from, to) to the shared total as worker `worker`; return 0

        // The number at index i is workload.valueAt(i).
        throw new UnsupportedOperationException("Lesson 08: add every number of [from, to) to the shared total as worker `worker`; return 0. Your code goes at the TODO, SharedTotal.java:88. Hint: docs/08-limits.md#hints");
    }

    /*
     * The fast way: addEach's loop, the same numbers, but added into a local variable, which the
     * JIT keeps in a register of the worker's own core. Nothing is shared while the workers run;
     * each hands its sum over once, as its task's return value.
     */
    static long ownSum(Workload workload, long from, long to) {
        // TODO Lesson 08: add every number of [from, to) into a local sum and return it: no shared line
        throw new UnsupportedOperationException("Lesson 08: add every number of [from, to) into a local sum and return it: no shared line. Your code goes at the TODO, SharedTotal.java:100. Hint: docs/08-limits.md#hints");
    }

    /* The command line (the shared options and --share) lives in the descriptor. */
    public static void main(String[] args) {
        System.exit(new LimitsLesson().commandLine(args));
    }
}

/*
 * How to run this lesson
 *
 *   ./jbang 08-limits/src/main/java/workbook/limits/SharedTotal.java --n 1e7 --share atomic
 *   ./workbook lesson 08 --n 1e9 --share local
 *   ./workbook lesson 08 --n 1e8 --share slots --workers 2
 *   ./workbook lesson 08 --n 1000003 --seed 20261126 --lo -3 --hi 17 --share lock --json --verify
 *
 * Its labs, which make the tables of docs/08-limits.md:
 *   ./workbook lab 08 shared-total     every share side by side, and the racy `total += x`
 *   ./workbook lab 08 false-sharing    slots side by side, a cache line apart, padded
 *   ./workbook lab 08 memory           numbers stored first, then summed: the memory's speed
 *   ./workbook lab 08 uneven-work      costly numbers in one part of the range; --timeline
 *   ./workbook lab 08 serial-part      Amdahl's and Gustafson's laws, measured
 *
 * Things to try:
 *   - --share atomic with --workers 1, then 2: the same additions, with and without a second core.
 *   - --share adder against local: how close the JDK's striped total comes to no sharing at all.
 *   - --share lock with --workers 4 on 2 cores: what a lock costs when its holder is not running.
 */
