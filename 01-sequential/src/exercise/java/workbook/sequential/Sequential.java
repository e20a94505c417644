///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.apache.commons:commons-math3:3.6.1
//SOURCES ../../../../../../harness/src/main/java/workbook/harness/*.java
package workbook.sequential;

import workbook.harness.LessonCli;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/*
 * Lesson 01: the direct loop.
 *
 * The workbook asks one question in six ways: make n random integers, each from 0 to 10,
 * and add them up. This first answer uses no concurrency at all. It is the yardstick: every
 * later lesson must return exactly the sum this one returns, and is timed against it.
 */
public final class Sequential implements SumStrategy {

    /*
     * The numbers are a function of their position, not of a generator's history.
     *
     * A classic program would create one Random and call nextInt() n times: number i would
     * then depend on the i numbers drawn before it, so nobody could compute number i without
     * computing all of its predecessors first. The workbook instead defines number i as
     * mix64(seed + (i + 1) * GAMMA), scaled to [lo, hi] (workload.valueAt(i)). Any thread, in
     * any order, can compute any number on its own. That is what lets lessons 02 to 06 split
     * the work however they like and still owe the reader the very same sum, to the last
     * digit. (The JDK's SplittableRandom produces the same raw sequence, so the tests use it
     * as an independent oracle.)
     */

    /*
     * The whole job is one loop.
     *
     * Each index is visited once and costs the same few multiplies and shifts, so the time
     * grows in proportion to n: O(n), with a fixed price per number (about 2.3 ns on the
     * workbook's reference machine). There is no memory traffic to speak of: the numbers are
     * never stored, only added, so the loop is limited by arithmetic, not by RAM.
     *
     * The sum is a long. Ten numbers of at most 10 fit in an int, a billion do not; the
     * workload refuses any (n, lo, hi) whose sum could overflow a long, so this loop never
     * has to check.
     */
    @Override
    public long sum(Workload workload) {
        // TODO Lesson 01: add up workload.valueAt(index) for every index from 0 to n - 1 and return the total
        throw new UnsupportedOperationException("Lesson 01: add up workload.valueAt(index) for every index from 0 to n - 1 and return the total. Hint: docs/01-sequential.md#hints");
    }

    /*
     * Why only one core works.
     *
     * A Java thread runs on one core at a time, and this program has one thread doing the
     * work: the main thread. On a machine with 4 cores a CPU meter shows about 25% while the
     * loop runs (on Linux, `top` shows the java process near 100%, that is one core's worth;
     * press 1 to see that the other cores are idle). The other cores could be adding numbers
     * too, and nothing here asks them to. Lesson 02 does.
     *
     * The command line (shared by every lesson) times the loop honestly: warm-up runs first,
     * so that the JIT compiler has turned the loop into machine code, then several measured
     * runs, reported as a median with the fastest and slowest.
     */
    public static void main(String[] args) {
        System.exit(commandLine(args));
    }

    static int commandLine(String... args) {
        return LessonCli.lesson("01-sequential", "sequential")
                .description(
                        "Lesson 01: sum n random integers with one plain loop on one thread.",
                        "Every other lesson must return exactly this sum; their speedups are measured against it.")
                .singleThreaded()
                .strategy(options -> new Sequential())
                .run(args);
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
 */
