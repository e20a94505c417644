package workbook.limits.lab;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.I2L;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import workbook.harness.Workload;

/*
 * The memory lab's vector loops (lesson 07's lanes, copied: lessons never import one another). Only
 * the rows that use the lanes load this class, so listing the labs needs no Vector API.
 *
 *   - made: lesson 07's kernel, one accumulator: LANES positions at once, each mixed and scaled in
 *     its lane, the offsets added lane by lane; lo once for the range at the end.
 *   - stored: LANES ints loaded from the array at once, widened to longs (a sum of ints would
 *     overflow an int), added lane by lane. There is no arithmetic left to share out over lanes: the
 *     loop is a load and an add per number, and how fast the loads come is up to the memory.
 */
final class Lanes {
    static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    static final int LANES = LONGS.length();
    /* As many int lanes as long lanes, in a vector half as wide. */
    static final VectorSpecies<Integer> INTS =
            IntVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(Math.max(64, LONGS.vectorBitSize() / 2)));

    private Lanes() {}

    /** The numbers at [from, to) of the array, LANES at a time; the tail one by one. */
    static long stored(int[] numbers, int from, int to) {
        LongVector sums = LongVector.zero(LONGS);
        int index = from;
        if (INTS.length() == LANES) {
            for (; index <= to - LANES; index += LANES) {
                sums = sums.add(IntVector.fromArray(INTS, numbers, index).convertShape(I2L, LONGS, 0));
            }
        }
        long sum = sums.reduceLanes(ADD);
        for (; index < to; index++) {
            sum += numbers[index];
        }
        return sum;
    }

    /** The workload's numbers at [from, to), made LANES at a time (lesson 07's LaneKernel.sum). */
    static long made(Workload workload, long from, long to) {
        LongVector positions = LongVector.zero(LONGS).addIndex(1).add(from);
        LongVector state = positions.add(1).mul(Workload.GAMMA).add(workload.seed());
        LongVector step = LongVector.broadcast(LONGS, LANES * Workload.GAMMA);
        LongVector span = LongVector.broadcast(LONGS, workload.span());
        LongVector sums = LongVector.zero(LONGS);
        long index = from;
        for (; index <= to - LANES; index += LANES) {
            LongVector mixed = state.lanewise(XOR, state.lanewise(LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
            mixed = mixed.lanewise(XOR, mixed.lanewise(LSHR, 27)).mul(0x94D049BB133111EBL);
            mixed = mixed.lanewise(XOR, mixed.lanewise(LSHR, 31));
            sums = sums.add(mixed.lanewise(LSHR, 32).mul(span).lanewise(LSHR, 32));
            state = state.add(step);
        }
        long tail = 0;
        for (long at = index; at < to; at++) {
            tail += workload.valueAt(at);
        }
        return sums.reduceLanes(ADD) + (long) workload.lo() * (index - from) + tail;
    }
}
