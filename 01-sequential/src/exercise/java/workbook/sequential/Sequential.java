///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.apache.commons:commons-math3:3.6.1
//SOURCES ../../../../../../harness/src/main/java/workbook/harness/*.java
//SOURCES ../../../../main/java/workbook/sequential/SequentialLesson.java
package workbook.sequential;

import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/*
 * Lesson 01: the direct loop.
 *
 * The workbook asks one question in seven ways: make n random integers, each from 0 to 10, and
 * add them up. This first answer uses no concurrency at all. It is the yardstick: every later
 * lesson must return exactly the sum this one returns, and is timed against it.
 */
public final class Sequential implements SumStrategy {

    /*
     * The numbers are a function of their position, not of a generator's history.
     *
     * A classic program would create one Random and call nextInt() n times: number i would then
     * depend on the i numbers drawn before it, so nobody could compute number i without computing
     * all of its predecessors first. The workbook instead defines number i through a state,
     *
     *     state(i) = seed + (i + 1) * GAMMA        (one multiply: jump straight to position i)
     *     state(i + 1) = state(i) + GAMMA          (one addition: walk on to the next position)
     *
     * mixed into 64 random-looking bits by mix64 and scaled to [lo, hi] by workload.scale. Any
     * thread, in any order, can jump to any position and walk on from there. That is what lets
     * lessons 02 to 07 split the work however they like and still owe the reader the very same
     * sum, to the last digit. (This is SplitMix64; the JDK's SplittableRandom produces the same
     * raw sequence, so the tests use it as an independent oracle.)
     *
     * The whole job is one loop. It jumps once, to position 0, and then walks, state by state, to
     * the state one past the last number, state(n): the state itself counts the steps, so the loop
     * needs no index of its own. Each number costs a few multiplies, shifts and additions, the same
     * walk every parallel lesson makes on its own chunk (Workload.sumRange). Every number is lo plus an offset in [0, hi - lo], so the loop
     * adds up the offsets and adds lo once, n times over, at the end: one addition fewer per
     * number and the same total. The time grows in proportion to n, and no number is ever stored,
     * only added: the loop is limited by arithmetic, not by memory.
     *
     * The sums are longs. Ten numbers of at most 10 fit in an int, a billion do not; the workload
     * refuses any (n, lo, hi) whose sum could overflow a long. The offsets alone can pass
     * Long.MAX_VALUE on the widest ranges (lo = Integer.MIN_VALUE), but long addition wraps
     * modulo 2^64 and the true sum fits, so adding lo * n brings the total back to the exact value.
     */
    @Override
    public long sum(Workload workload) {
        // TODO Lesson 01: jump to position 0, add each number's offset above lo and walk on by GAMMA, then add lo * n
        throw new UnsupportedOperationException("Lesson 01: jump to position 0, add each number's offset above lo and walk on by GAMMA, then add lo * n. Your code goes at the TODO, Sequential.java:52. Hint: docs/01-sequential.md#hints");
    }

    /*
     * Why only one core works.
     *
     * A Java thread runs on one core at a time, and this program has one thread doing the work:
     * the main thread. On a machine with 4 cores a CPU meter shows about 25% while the loop runs
     * (on Linux, `top` shows the java process near 100%, that is one core's worth; press 1 to see
     * that the other cores are idle). The other cores could be adding numbers too, and nothing
     * here asks them to. Lesson 02 does.
     *
     * The shared command line (in the descriptor, SequentialLesson) times the loop honestly:
     * warm-up runs first, so that the JIT compiler has turned the loop into machine code, then
     * several measured runs, reported as a median with the fastest and slowest.
     */
    public static void main(String[] args) {
        System.exit(new SequentialLesson().commandLine(args));
    }
}

/*
 * How to run this lesson
 *
 *   ./jbang 01-sequential/src/main/java/workbook/sequential/Sequential.java --n 1e9
 *   ./workbook lesson 01 --n 1e9 --repeat 5
 *   ./workbook lesson 01 --n 1000003 --seed 20261126 --lo -3 --hi 17 --json --verify
 *
 * Things to try:
 *   - Watch `top` (press 1) during `--n 1e10`: one core busy, the others idle.
 *   - Double n and check that the median time doubles: O(n).
 *   - Run twice with the same --seed: the same sum. Change the seed: a different sum.
 *   - Replace the walk by a jump for every number (add workload.valueAt(index), which includes
 *     lo, and drop lo * n): the same sum, a multiply and an addition more per number;
 *     ./workbook jmh LoopBenchmark shows what they cost.
 */
