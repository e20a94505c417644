package workbook.limits;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * One total that every worker adds into, number by number: the four ways lesson 08's
 * {@code --share} names beside {@code local} (each worker its own sum, no shared total at all).
 * Every one of them is exact; they differ in what an addition costs when two cores make them at
 * once.
 */
public interface Total {

    /** Adds {@code value} for worker {@code worker} (0 to workers - 1). */
    void add(int worker, long value);

    /** The total; read once every worker has finished. */
    long get();

    /** The ways a sum can be kept, as {@code --share} names them. */
    enum Share {
        LOCAL,
        ADDER,
        ATOMIC,
        LOCK,
        SLOTS;

        /** The name on the command line: "local". */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The share a command line names; anything else is bad input that lists the names. */
        public static Share of(String word) {
            for (Share share : values()) {
                if (share.word().equals(word)) {
                    return share;
                }
            }
            throw new IllegalArgumentException("--share must be one of " + words() + ", was '" + word + "'");
        }

        public static String words() {
            return Arrays.stream(values()).map(Share::word).collect(Collectors.joining(", "));
        }
    }

    /** A fresh total of the kind {@code share} names, for {@code workers} workers; LOCAL has none. */
    static Total of(Share share, int workers) {
        return switch (share) {
            case LOCAL -> throw new IllegalArgumentException("local sums share no total");
            case ADDER -> new Adder();
            case ATOMIC -> new Atomic();
            case LOCK -> new Locked();
            case SLOTS -> new Slots(workers, 1);
        };
    }

    /*
     * LongAdder: a base value and, once two threads collide on it, an array of cells, each in a
     * cache line of its own. A thread whose compare-and-set on the base fails moves to a cell of its
     * own, so after the first collisions each worker adds into its own line and nothing is shared
     * while they run; sum() adds the base and the cells at the end. It is lesson 02's partial sums,
     * done for us by the JDK.
     */
    final class Adder implements Total {
        private final LongAdder total = new LongAdder();

        @Override
        public void add(int worker, long value) {
            total.add(value);
        }

        @Override
        public long get() {
            return total.sum();
        }
    }

    /*
     * AtomicLong: one long that every worker adds into with one indivisible read-add-write (on x86
     * a LOCK XADD instruction). Always right; but the cache line that holds it can be written by one
     * core at a time, so with two workers the line moves from core to core on almost every number.
     */
    final class Atomic implements Total {
        private final AtomicLong total = new AtomicLong();

        @Override
        public void add(int worker, long value) {
            total.addAndGet(value);
        }

        @Override
        public long get() {
            return total.get();
        }
    }

    /*
     * A lock around a plain long: one worker at a time may add. Right too, and the slowest here: a
     * worker that finds the lock taken spins, then parks, and is woken later by the one that had it.
     */
    final class Locked implements Total {
        private final Object lock = new Object();
        private long total;

        @Override
        public void add(int worker, long value) {
            synchronized (lock) {
                total += value;
            }
        }

        @Override
        public long get() {
            synchronized (lock) {
                return total;
            }
        }
    }

    /*
     * One slot per worker in one long[]: no two workers write the same slot, so no addition is
     * ever lost and no lock or atomic instruction is needed. Each number is still written to memory
     * (getAcquire and setRelease: a plain read and write on x86 that the JIT may not keep in a
     * register across the loop, as it would a plain field or array element, adding up many numbers
     * before one store). With stride 1 the slots sit side by side, 8 bytes apart, so all of them
     * are in one 64-byte cache line, and the line moves between the cores just as it does for one
     * shared long: false sharing. With a stride of 8 longs each slot has a line to itself; the
     * first slot is one stride in, as element 0 shares its line with the array's header (its length).
     */
    final class Slots implements Total {
        private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
        private final long[] slots;
        private final int stride;

        /** {@code workers} slots, {@code stride} longs apart (1: side by side). */
        public Slots(int workers, int stride) {
            this.slots = new long[stride == 1 ? workers : (workers + 1) * stride];
            this.stride = stride;
        }

        private int index(int worker) {
            return stride == 1 ? worker : (worker + 1) * stride;
        }

        @Override
        public void add(int worker, long value) {
            int slot = index(worker);
            SLOT.setRelease(slots, slot, (long) SLOT.getAcquire(slots, slot) + value);
        }

        /* The workers have ended (the pool's close() saw them end), so plain reads see every slot. */
        @Override
        public long get() {
            long total = 0;
            for (long slot : slots) {
                total += slot;
            }
            return total;
        }
    }
}
