package workbook.harness;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one problem every lesson solves: {@code n} pseudo-random integers, each uniform in
 * {@code [lo, hi]}, and their sum.
 *
 * <p>The i-th number is a pure function of {@code (seed, i)}: SplitMix64 evaluated at position
 * {@code i + 1}, scaled to the range. No number depends on another, so any split of the index
 * range, over any number of threads or machines, sums exactly the same numbers, and every
 * strategy must return exactly the same {@code long}.
 *
 * <p>Construction refuses workloads that could not be summed exactly: a negative {@code n},
 * {@code lo > hi}, or a sum that could overflow a {@code long}.
 */
public final class Workload implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The golden-ratio increment of SplitMix64: position i is reached by adding it i times. */
    public static final long GAMMA = 0x9E3779B97F4A7C15L;

    /** Tutorial defaults: {@code random.randint(0, 10)}. */
    public static final int DEFAULT_LO = 0;

    public static final int DEFAULT_HI = 10;

    private static final long NO_FAULT = -1;

    private final long n;
    private final long seed;
    private final int lo;
    private final int hi;
    /** Width of the range, {@code hi - lo + 1}: up to 2^32, so it needs a long. */
    private final long span;
    /** Index whose number "fails" (for fault-injection tests), or {@link #NO_FAULT}. */
    private final long faultAt;
    /** Pieces being summed right now (for tests that check nothing outlives a call), or null. */
    private final transient AtomicInteger piecesInFlight;

    public Workload(long n, long seed, int lo, int hi) {
        this(n, seed, lo, hi, NO_FAULT, null);
    }

    private Workload(long n, long seed, int lo, int hi, long faultAt, AtomicInteger piecesInFlight) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        if (lo > hi) {
            throw new IllegalArgumentException("lo must not be greater than hi, was lo=" + lo + " hi=" + hi);
        }
        long largestMagnitude = Math.max(Math.abs((long) lo), Math.abs((long) hi));
        if (largestMagnitude != 0 && n > Long.MAX_VALUE / largestMagnitude) {
            throw new IllegalArgumentException(
                    "n=" + n + " numbers in [" + lo + ", " + hi
                            + "] could overflow a long sum; lower n or narrow the range (n*max(|lo|,|hi|) must stay below 2^63)");
        }
        this.n = n;
        this.seed = seed;
        this.lo = lo;
        this.hi = hi;
        this.span = (long) hi - lo + 1;
        this.faultAt = faultAt;
        this.piecesInFlight = piecesInFlight;
    }

    /** The tutorial's workload: n numbers from 0 to 10 inclusive. */
    public static Workload of(long n, long seed) {
        return new Workload(n, seed, DEFAULT_LO, DEFAULT_HI);
    }

    /**
     * The same workload, except that computing the number at {@code index} throws
     * {@link InjectedFault}. The contract tests use it to check that a strategy whose worker fails
     * reports the failure instead of hanging or returning a partial sum.
     */
    public Workload failingAt(long index) {
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException("fault index must be in [0, " + n + "), was " + index);
        }
        return new Workload(n, seed, lo, hi, index, piecesInFlight);
    }

    /**
     * The same workload, counting in {@code inFlight} the pieces being summed right now: each
     * {@link #sumRange} call adds one when it starts and takes it away when it ends, however it
     * ends. A test reads zero after {@code sum()} returned or threw, or some piece outlived the call
     * (a pool never closed, a task never cancelled); unlike a list of threads, this sees virtual
     * threads and cluster members in this JVM too.
     */
    public Workload countingPiecesIn(AtomicInteger inFlight) {
        return new Workload(n, seed, lo, hi, faultAt, inFlight);
    }

    /** SplitMix64's output function (Stafford's "Mix13"): a bijection that scrambles all 64 bits. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The generator's state for the number at {@code index}: SplitMix64 has added GAMMA to the seed
     * {@code index + 1} times. Jumping to any position costs one multiply; walking on from it costs
     * one addition per number ({@code state += GAMMA}).
     */
    public long stateAt(long index) {
        return seed + (index + 1) * GAMMA;
    }

    /** The raw 64-bit value at {@code index}: the (index+1)-th {@code nextLong()} of {@code new SplittableRandom(seed)}. */
    public long rawAt(long index) {
        return mix64(stateAt(index));
    }

    /**
     * A raw value scaled to {@code [lo, hi]}: its top 32 bits times the range's width, shifted down
     * by 32 (Lemire's method without rejection: exact enough for a workbook, and branch-free). The
     * addition is done in int arithmetic on purpose: for the full int range it wraps to exactly the
     * right value.
     */
    public int scale(long raw) {
        return lo + (int) offset(raw);
    }

    /**
     * How far above {@code lo} a raw value lands: a value in {@code [0, span)}, never negative, even
     * for the full int range. A loop can add offsets and add {@code lo} once at the end, as {@link
     * #sumRange(long, long)} does.
     */
    public long offset(long raw) {
        return ((raw >>> 32) * span) >>> 32;
    }

    /** The number at {@code index}, in {@code [lo, hi]}. */
    public int valueAt(long index) {
        if (index == faultAt) {
            throw new InjectedFault(index);
        }
        return scale(rawAt(index));
    }

    /**
     * A loop that sums the numbers at {@code [from, to)} of a workload. {@link #sumRange(long, long,
     * RangeKernel)} checks the range and the injected fault and records the piece on the timeline,
     * then runs the kernel; a lesson with a loop of its own (lesson 07's vector lanes) passes it in.
     */
    @FunctionalInterface
    public interface RangeKernel {
        long sum(Workload workload, long from, long to);
    }

    /**
     * The sum of the numbers at indexes {@code [from, to)}: the tight loop that every parallel
     * lesson runs on its own chunk.
     */
    public long sumRange(long from, long to) {
        return sumRange(from, to, Workload::scalarKernel);
    }

    /** The same checks and recording as {@link #sumRange(long, long)}, around another loop. */
    public long sumRange(long from, long to, RangeKernel kernel) {
        if (piecesInFlight != null) {
            return counted(from, to, kernel);
        }
        checkRange(from, to);
        if (!Timeline.isRecording()) {
            return kernel.sum(this, from, to);
        }
        long start = System.nanoTime();
        long sum = kernel.sum(this, from, to);
        Timeline.record(from, to, start, System.nanoTime());
        return sum;
    }

    private long counted(long from, long to, RangeKernel kernel) {
        piecesInFlight.incrementAndGet();
        try {
            return new Workload(n, seed, lo, hi, faultAt, null).sumRange(from, to, kernel);
        } finally {
            piecesInFlight.decrementAndGet();
        }
    }

    private static long scalarKernel(Workload workload, long from, long to) {
        return workload.scalarSum(from, to);
    }

    private void checkRange(long from, long to) {
        if (from < 0 || to > n || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") is not inside [0, " + n + ")");
        }
        if (faultAt >= from && faultAt < to) {
            throw new InjectedFault(faultAt);
        }
    }

    /*
     * The scalar kernel. The state is carried (one addition per number) instead of recomputed from
     * the index (a multiply per number), and the loop runs on the state alone, to the state one past
     * the range, stateAt(to): GAMMA is odd, so the walk reaches it after exactly to - from steps. An
     * index beside the state would be a second variable to carry, and C2 then compiles the loop into
     * code about a fifth slower, whatever sizes it saw first (docs/decisions.md, "One loop, one
     * variable"). lo is added once for the whole range: each step adds
     * only the offset above lo, a value in [0, span) that needs no sign fix-up even for the full int
     * range. The offsets of a long range can pass 2^63 (2^32 numbers of almost 2^32 each), but long
     * addition wraps modulo 2^64 and the true total fits in a long, so the final sum is exact.
     */
    private long scalarSum(long from, long to) {
        long offsets = 0;
        long end = stateAt(to);
        for (long state = stateAt(from); state != end; state += GAMMA) {
            offsets += offset(mix64(state));
        }
        return offsets + lo * (to - from);
    }

    /** The sum of all n numbers, on the calling thread. */
    public long sumAll() {
        return sumRange(0, n);
    }

    public long n() {
        return n;
    }

    public long seed() {
        return seed;
    }

    public int lo() {
        return lo;
    }

    public int hi() {
        return hi;
    }

    /** The width of the range, {@code hi - lo + 1}: from 1 to 2^32. */
    public long span() {
        return span;
    }

    /** The index whose number throws, or -1 when this workload has no injected fault. */
    public long faultAt() {
        return faultAt;
    }

    /** The expected value of the sum, {@code n * (lo + hi) / 2}: a sanity check for readers, not an oracle. */
    public double expectedMean() {
        return n * ((double) lo + hi) / 2.0;
    }

    @Override
    public String toString() {
        return "Workload[n=" + n + ", seed=" + seed + ", lo=" + lo + ", hi=" + hi
                + (faultAt == NO_FAULT ? "" : ", faultAt=" + faultAt) + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Workload that
                && n == that.n
                && seed == that.seed
                && lo == that.lo
                && hi == that.hi
                && faultAt == that.faultAt;
    }

    @Override
    public int hashCode() {
        return Objects.hash(n, seed, lo, hi, faultAt);
    }

    /** Thrown by a workload made with {@link #failingAt(long)} when the failing index is computed. */
    public static final class InjectedFault extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        private final long index;

        public InjectedFault(long index) {
            super("injected fault at index " + index);
            this.index = index;
        }

        public long index() {
            return index;
        }
    }
}
