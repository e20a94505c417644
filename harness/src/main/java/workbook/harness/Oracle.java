package workbook.harness;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An independent check of {@link Workload}: the same numbers, drawn from the JDK's own
 * {@link SplittableRandom} (SplitMix64, whose k-th {@code nextLong()} is the workbook's raw value
 * at position k-1) and scaled with a different formula, {@code floor(top32 * span / 2^32)} computed
 * by {@link Math#unsignedMultiplyHigh}. If the generator, the scaling or the wrap-around of the full
 * int range were wrong, the two would disagree.
 */
public final class Oracle {
    private Oracle() {}

    /* Sums already computed in this JVM: a table checks many sums of one workload. */
    private static final Map<Workload, Long> REMEMBERED = new ConcurrentHashMap<>();

    /** {@link #sum}, computed once per workload in this JVM and remembered. */
    public static long sumOnce(Workload w) {
        return REMEMBERED.computeIfAbsent(w, Oracle::sum);
    }

    /** The exact sum of {@code w}'s numbers, computed on one thread with overflow checks. */
    public static long sum(Workload w) {
        SplittableRandom random = new SplittableRandom(w.seed());
        long span = (long) w.hi() - w.lo() + 1;
        long total = 0;
        for (long i = 0; i < w.n(); i++) {
            total = Math.addExact(total, scale(random.nextLong(), w.lo(), span));
        }
        return total;
    }

    /** The number at one position, from the JDK generator (O(index): for tests at small indexes). */
    public static long valueAt(Workload w, long index) {
        SplittableRandom random = new SplittableRandom(w.seed());
        for (long skipped = 0; skipped < index; skipped++) {
            random.nextLong();
        }
        return scale(random.nextLong(), w.lo(), w.hi() - (long) w.lo() + 1);
    }

    private static long scale(long raw, int lo, long span) {
        long top32AsHighWord = raw & 0xFFFF_FFFF_0000_0000L;
        return lo + Math.unsignedMultiplyHigh(top32AsHighWord, span);
    }
}
