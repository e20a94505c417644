package workbook.harness;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A contiguous slice {@code [from, to)} of a workload's indexes, numbered {@code index} among its
 * siblings.
 *
 * <p>{@link #split(long, int)} is the fix for the tutorial's dropped remainder: instead of
 * {@code count} slices of {@code n / count} (which loses {@code n % count} numbers), the first
 * {@code n % count} slices get one extra number, so the slices cover every index exactly once and
 * differ in size by at most one.
 */
public record Chunk(int index, long from, long to) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * How many numbers a worker adds between two looks at its interrupt flag ("should I stop?").
     * A million numbers take about a millisecond, so a stop request is honoured within a
     * millisecond or two, and the look (one read of a flag per million additions) costs nothing
     * measurable. Every lesson whose workers can be asked to stop sums its chunk in slices of this size.
     */
    public static final long SLICE_SIZE = 1 << 20;

    public Chunk {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("chunk " + index + " has a bad range [" + from + ", " + to + ")");
        }
    }

    /** {@code count} chunks covering {@code [0, n)} in order; some are empty when count > n. */
    public static List<Chunk> split(long n, int count) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        if (count < 1) {
            throw new IllegalArgumentException("chunk count must be at least 1, was " + count);
        }
        long baseSize = n / count;
        long withExtraOne = n % count;
        List<Chunk> chunks = new ArrayList<>(count);
        long from = 0;
        for (int i = 0; i < count; i++) {
            long size = baseSize + (i < withExtraOne ? 1 : 0);
            chunks.add(new Chunk(i, from, from + size));
            from += size;
        }
        return List.copyOf(chunks);
    }

    public long size() {
        return to - from;
    }

    /** This chunk's part of the sum. */
    public long sum(Workload workload) {
        return workload.sumRange(from, to);
    }

    @Override
    public String toString() {
        return "chunk " + index + " [" + from + ", " + to + ")";
    }
}
