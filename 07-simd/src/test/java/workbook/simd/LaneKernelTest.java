package workbook.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import workbook.harness.Workload;

/**
 * Every kernel against the harness's scalar loop ({@code Workload.sumRange(from, to)}, the
 * definition the oracle checks) on ranges chosen to hit the edges of the vector loop: every tail
 * length, ranges shorter than one vector, starts that are not a multiple of the lane count, the
 * full int range, negative ranges and extreme seeds.
 */
class LaneKernelTest {

    /** The kernels by their --accumulators value. */
    static final List<Kernel> KERNELS = List.of(
            new Kernel(1, LaneKernel::sum),
            new Kernel(2, UnrolledKernels::twoAccumulators),
            new Kernel(4, UnrolledKernels::fourAccumulators));

    record Kernel(int accumulators, Workload.RangeKernel loop) {
        /** Numbers per trip of the loop; the tail holds up to stride - 1 of them. */
        int stride() {
            return accumulators * LaneKernel.LANES;
        }

        @Override
        public String toString() {
            return accumulators + (accumulators == 1 ? " accumulator" : " accumulators");
        }
    }

    private static final long SEED = 20261126L;

    /*
     * Lengths 0 to stride + LANES cover every tail (0 to stride - 1) with no full trip and with
     * one, and every range shorter than one vector. The starts move the vectors off any alignment.
     */
    @TestFactory
    Stream<DynamicNode> everyTailLengthGivesTheScalarSum() {
        Workload workload = new Workload(1L << 40, SEED, -50, 50);
        long[] starts = {0, 1, LaneKernel.LANES - 1, 1_000_003, (1L << 40) - 200};
        List<DynamicNode> tests = new ArrayList<>();
        for (Kernel kernel : KERNELS) {
            int longest = kernel.stride() + LaneKernel.LANES;
            for (long from : starts) {
                tests.add(dynamicTest(kernel + ", from " + from + ", lengths 0 to " + longest, () -> {
                    for (long length = 0; length <= longest; length++) {
                        assertKernelMatchesScalar(kernel, workload, from, from + length);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicNode> workloadsAtTheEdgesOfTheRangeGiveTheScalarSum() {
        List<Workload> workloads = new ArrayList<>(List.of(
                new Workload(100_003, SEED, Integer.MIN_VALUE, Integer.MAX_VALUE),
                new Workload(100_003, SEED, Integer.MIN_VALUE, Integer.MIN_VALUE),
                new Workload(100_003, SEED, Integer.MAX_VALUE, Integer.MAX_VALUE),
                new Workload(100_003, SEED, Integer.MIN_VALUE, -1),
                new Workload(100_003, SEED, -100, -1),
                new Workload(100_003, SEED, 7, 7),
                new Workload(100_003, SEED, 0, 1)));
        for (long seed : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Workload.GAMMA}) {
            workloads.add(Workload.of(10_007, seed));
        }
        List<DynamicNode> tests = new ArrayList<>();
        for (Kernel kernel : KERNELS) {
            for (Workload workload : workloads) {
                tests.add(dynamicTest(kernel + ", " + workload, () -> {
                    assertKernelMatchesScalar(kernel, workload, 0, workload.n());
                    assertKernelMatchesScalar(kernel, workload, 3, workload.n() - 5);
                }));
            }
        }
        return tests.stream();
    }

    /** Many ranges with random ends: whatever [from, to) a chunk or a slice hands the kernel. */
    @Test
    void randomRangesGiveTheScalarSum() {
        Workload workload = new Workload(1L << 50, SEED, -1000, 1000);
        Random random = new Random(SEED);
        for (int trial = 0; trial < 300; trial++) {
            long from = random.nextLong(workload.n() - 10_000);
            long to = from + random.nextInt(10_000);
            for (Kernel kernel : KERNELS) {
                assertKernelMatchesScalar(kernel, workload, from, to);
            }
        }
    }

    /* Adjacent ranges add up to the whole: no number is lost or counted twice at a boundary. */
    @Test
    void adjacentRangesAddUpToTheWholeRange() {
        Workload workload = Workload.of(50_000, SEED);
        for (Kernel kernel : KERNELS) {
            long whole = kernel.loop().sum(workload, 0, workload.n());
            for (long cut = 0; cut <= 3 * kernel.stride(); cut++) {
                long split = kernel.loop().sum(workload, 0, 1000 + cut)
                        + kernel.loop().sum(workload, 1000 + cut, workload.n());
                assertEquals(whole, split, kernel + ", cut at " + (1000 + cut));
            }
        }
    }

    @Test
    void lanesStartAtConsecutivePositions() {
        Workload workload = Workload.of(1000, SEED);
        long[] states = LaneKernel.statesFrom(workload, 17).toArray();
        for (int lane = 0; lane < states.length; lane++) {
            assertEquals(workload.stateAt(17 + lane), states[lane], "lane " + lane);
        }
    }

    static void assertKernelMatchesScalar(Kernel kernel, Workload workload, long from, long to) {
        assertEquals(
                workload.sumRange(from, to),
                kernel.loop().sum(workload, from, to),
                () -> kernel + " on [" + from + ", " + to + ") of " + workload + " with " + LaneKernel.LANES
                        + " lanes");
    }
}
