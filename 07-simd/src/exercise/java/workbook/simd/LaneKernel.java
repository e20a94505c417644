package workbook.simd;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;
import workbook.harness.Workload;

/*
 * The vector kernel: the numbers at [from, to) summed a whole vector of them at a time.
 *
 * A vector register holds several numbers side by side, its lanes, and one vector instruction
 * works on all lanes at once: one 512-bit multiply is eight 64-bit multiplies. A species names
 * the lane type and the width, so LongVector.SPECIES_PREFERRED is "longs, as many as the CPU's
 * widest vector register holds": 8 lanes with AVX-512, 4 with AVX2, 2 with SSE or Arm NEON.
 *
 * The species must be a static final constant. The JIT turns a vector operation into a vector
 * instruction only when it knows the species while it compiles. Pass the species around as an
 * ordinary argument and it no longer does: the operations it cannot pin down run as small Java
 * loops over arrays on the heap, still exact, and many times slower.
 */
final class LaneKernel {
    static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();

    /*
     * One accumulator: lane k of `state` starts at the number at from + k, and lane k of `sums`
     * collects the offsets (value - lo) of the numbers at from + k, from + LANES + k, ... Step j
     * therefore holds the positions from + j * LANES + k, and every lane's state moves on by
     * LANES * GAMMA per step: SplitMix64's "add GAMMA per number" with LANES numbers per stride.
     *
     * Why write this by hand? The JIT's auto-vectoriser (C2's SuperWord) looks for loops over
     * arrays, where a[i], a[i+1], ... can be packed into one vector load and one vector operation.
     * The scalar loop in Workload has no array at all, and every step needs the state the step
     * before it made (state += GAMMA). The compiler does not see that the state at i is also
     * seed + (i + 1) * GAMMA, a formula in i that lets eight lanes start at eight positions. We do.
     */
    static long sum(Workload workload, long from, long to) {
        // TODO Lesson 07: sum whole vectors of numbers from `from` on, then let finish() add the tail and lo

        // Whole vectors only: the loop stops while fewer than LANES numbers are left.

        // One horizontal add per range, not per step: adding across lanes is the slow direction.
        throw new UnsupportedOperationException("Lesson 07: sum whole vectors of numbers from `from` on, then let finish() add the tail and lo. Your code goes at the TODO, LaneKernel.java:41. Hint: docs/07-simd.md#hints");
    }

    /*
     * Lane k: the state of the number at from + k, seed + (from + k + 1) * GAMMA, which is what
     * Workload.stateAt(from + k) computes one number at a time. addIndex(1) on a zero vector
     * gives the lane numbers 0, 1, 2, ...; the rest is that formula, lane-wise.
     */
    static LongVector statesFrom(Workload workload, long from) {
        // TODO Lesson 07: lane k holds the state of the number at from + k
        throw new UnsupportedOperationException("Lesson 07: lane k holds the state of the number at from + k. Your code goes at the TODO, LaneKernel.java:55. Hint: docs/07-simd.md#hints");
    }

    /*
     * The scalar loop's ((mix64(state) >>> 32) * span) >>> 32, lane by lane: SplitMix64's mixing
     * (xor with a shifted copy, multiply by an odd constant, twice), then the scaling.
     *
     * The scaling keeps 32-bit numbers in 64-bit lanes: the top 32 bits of the mixed value are
     * below 2^32 and span is at most 2^32, so their product is below 2^64 and fits a lane as an
     * unsigned number. The lane multiply keeps the low 64 bits, which here are all of them, and a
     * logical shift (LSHR, zeros from the left; ASHR would copy the sign bit) leaves the offset in
     * [0, span). Adding lo is left to finish(), once for the whole range.
     */
    static LongVector offsets(LongVector state, LongVector span) {
        // TODO Lesson 07: mix64 and the scaling, lane-wise: ((mix64(state) >>> 32) * span) >>> 32
        throw new UnsupportedOperationException("Lesson 07: mix64 and the scaling, lane-wise: ((mix64(state) >>> 32) * span) >>> 32. Your code goes at the TODO, LaneKernel.java:70. Hint: docs/07-simd.md#hints");
    }

    /*
     * The end of every kernel. [from, vectorEnd) was summed in lanes as offsets above lo, so lo
     * is added once for each of those numbers. The tail [vectorEnd, to), fewer numbers than one
     * trip of the loop takes, is summed with the definition itself, number by number, so it is
     * exact by construction.
     *
     * The offsets of a long range may add up past 2^63 on the way (in the full int range, up to
     * 2^32 numbers of up to 2^32 each) before lo times the count, negative there, brings the total
     * back. That is harmless: long addition is exact modulo 2^64 in whatever order it happens,
     * and the true total fits in a long, so the wrapped parts add up to exactly it.
     */
    static long finish(Workload workload, long from, long vectorEnd, long to, long laneSums) {
        long tail = 0;
        for (long index = vectorEnd; index < to; index++) {
            tail += workload.valueAt(index);
        }
        return laneSums + (long) workload.lo() * (vectorEnd - from) + tail;
    }
}
