package workbook.simd;

import static jdk.incubator.vector.VectorOperators.ADD;
import static workbook.simd.LaneKernel.LANES;
import static workbook.simd.LaneKernel.SPECIES;
import static workbook.simd.LaneKernel.offsets;
import static workbook.simd.LaneKernel.statesFrom;

import jdk.incubator.vector.LongVector;
import workbook.harness.Workload;

/*
 * LaneKernel's loop with two and with four independent accumulators (--accumulators 2 and 4).
 *
 * The textbook reason to unroll: a loop whose every step waits for the step before it runs at
 * the speed of that wait. A dot product's "sum = sum + a[i] * b[i]" in floating point waits about
 * four cycles per step for the fused multiply-add; with four sums that never meet until the end,
 * four steps are under way at once. Here each of the two streams below covers every other
 * vector of the range, with its own state (stepping 2 * LANES * GAMMA) and its own sums.
 *
 * In this loop the steps do not wait on the multiplies, though. What one step hands the next is
 * the state (one vector add) and the sums (one vector add); the mixing hangs off to the side, and
 * the processor's out-of-order engine already runs the multiplies of several steps at once. So
 * two accumulators should gain little here. Four lose badly in the accumulators lab, which
 * measures all three (docs/07-simd.md); the likely cause is that at four copies of offsets() the
 * JIT's budget for inlining one method runs out (C2's NodeCountInliningCutoff), one copy stays a
 * real call, and its vectors become heap objects again. -XX:+UnlockDiagnosticVMOptions
 * -XX:+PrintInlining shows whether that happens on your machine.
 */
final class UnrolledKernels {
    private UnrolledKernels() {}

    static long twoAccumulators(Workload workload, long from, long to) {
        LongVector even = statesFrom(workload, from);
        LongVector odd = statesFrom(workload, from + LANES);
        LongVector step = LongVector.broadcast(SPECIES, 2 * LANES * Workload.GAMMA);
        LongVector span = LongVector.broadcast(SPECIES, workload.span());
        LongVector evenSums = LongVector.zero(SPECIES);
        LongVector oddSums = LongVector.zero(SPECIES);
        long index = from;
        for (; index <= to - 2 * LANES; index += 2 * LANES) {
            evenSums = evenSums.add(offsets(even, span));
            oddSums = oddSums.add(offsets(odd, span));
            even = even.add(step);
            odd = odd.add(step);
        }
        return LaneKernel.finish(
                workload, from, index, to, evenSums.add(oddSums).reduceLanes(ADD));
    }

    /* Four streams: vector j of the range goes to stream j % 4. The tail may hold 4 * LANES - 1 numbers. */
    static long fourAccumulators(Workload workload, long from, long to) {
        LongVector state0 = statesFrom(workload, from);
        LongVector state1 = statesFrom(workload, from + LANES);
        LongVector state2 = statesFrom(workload, from + 2 * LANES);
        LongVector state3 = statesFrom(workload, from + 3 * LANES);
        LongVector step = LongVector.broadcast(SPECIES, 4 * LANES * Workload.GAMMA);
        LongVector span = LongVector.broadcast(SPECIES, workload.span());
        LongVector sums0 = LongVector.zero(SPECIES);
        LongVector sums1 = sums0;
        LongVector sums2 = sums0;
        LongVector sums3 = sums0;
        long index = from;
        for (; index <= to - 4 * LANES; index += 4 * LANES) {
            sums0 = sums0.add(offsets(state0, span));
            sums1 = sums1.add(offsets(state1, span));
            sums2 = sums2.add(offsets(state2, span));
            sums3 = sums3.add(offsets(state3, span));
            state0 = state0.add(step);
            state1 = state1.add(step);
            state2 = state2.add(step);
            state3 = state3.add(step);
        }
        long laneSums = sums0.add(sums1).add(sums2.add(sums3)).reduceLanes(ADD);
        return LaneKernel.finish(workload, from, index, to, laneSums);
    }
}
