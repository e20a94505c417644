package workbook.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A record of which thread summed which piece of the index range, and when: the pieces of work a
 * strategy hands out (a chunk, a slice, a fork/join leaf, a cluster chunk), never single numbers.
 *
 * <p>Recording happens around calls the lessons already make: {@link Workload#sumRange} adds one
 * piece when a recording is on, and costs one read of a volatile field when none is. The timed
 * calls are numbered ({@link #beginCall}); each piece carries the call it belongs to, its thread,
 * its range {@code [from, to)} and its start and end in nanoseconds since that call began.
 */
public final class Timeline {
    private static volatile Timeline active;

    /* Set on a thread whose pieces someone else records (a cluster chunk reported with its member). */
    private static final ThreadLocal<Boolean> UNRECORDED = ThreadLocal.withInitial(() -> false);

    private final ConcurrentLinkedQueue<Piece> pieces = new ConcurrentLinkedQueue<>();
    private volatile int call = -1;
    private volatile boolean recordedThisCall;
    private volatile long callStartNanos;
    private volatile long callEndNanos;
    private final List<Call> calls = new ArrayList<>();

    /** One piece of work: {@code extra} holds what a lesson adds (the member, a re-run, the carrier). */
    public record Piece(
            int call, String thread, long from, long to, long startNanos, long endNanos, Map<String, Object> extra) {
        public Piece {
            extra = Map.copyOf(extra);
        }

        public long size() {
            return to - from;
        }
    }

    /** One timed call: its number, the thread that made it and how long it took, in ns. */
    public record Call(int number, String thread, long durationNanos) {}

    private Timeline() {}

    /** Starts recording; only one recording can be on at a time. Stop it with {@link #stop()}. */
    public static synchronized Timeline start() {
        if (active != null) {
            throw new IllegalStateException("a timeline is already being recorded");
        }
        Timeline timeline = new Timeline();
        active = timeline;
        return timeline;
    }

    /**
     * True while a recording is on and this thread's pieces are recorded: the only cost a sum pays
     * when nobody records is the read of one volatile field.
     */
    public static boolean isRecording() {
        return active != null && !UNRECORDED.get();
    }

    /**
     * Runs {@code work} on this thread without recording the pieces it sums, for a lesson that
     * records the piece itself with more to say about it (lesson 06: the member that ran it, and
     * whether it was a re-run), which would otherwise be drawn twice.
     */
    public static long unrecorded(java.util.function.LongSupplier work) {
        if (UNRECORDED.get()) {
            return work.getAsLong();
        }
        UNRECORDED.set(true);
        try {
            return work.getAsLong();
        } finally {
            UNRECORDED.set(false);
        }
    }

    /**
     * Adds one piece to the recording that is on (and nothing when none is): the current thread
     * summed {@code [from, to)} from {@code startNanos} to {@code endNanos} ({@link System#nanoTime}).
     */
    public static void record(long from, long to, long startNanos, long endNanos) {
        record(from, to, startNanos, endNanos, Map.of());
    }

    /** The same, with fields a lesson adds to the piece; a virtual thread's piece names its carrier. */
    public static void record(long from, long to, long startNanos, long endNanos, Map<String, Object> extra) {
        Map<String, Object> fields = extra;
        String carrier = carrierOf(Thread.currentThread());
        if (carrier != null && !extra.containsKey("carrier")) {
            fields = new LinkedHashMap<>(extra);
            fields.put("carrier", carrier);
        }
        record(threadName(Thread.currentThread()), from, to, startNanos, endNanos, fields);
    }

    /** A piece that ran on a thread named here (a cluster member's, reported back with the result). */
    public static void record(
            String thread, long from, long to, long startNanos, long endNanos, Map<String, Object> extra) {
        Timeline timeline = active;
        if (timeline == null || timeline.call < 0) {
            return;
        }
        timeline.pieces.add(new Piece(
                timeline.call,
                thread,
                from,
                to,
                startNanos - timeline.callStartNanos,
                endNanos - timeline.callStartNanos,
                extra));
        timeline.recordedThisCall = true;
    }

    /** Marks the start of timed call {@code number}; pieces recorded from now on belong to it. */
    public void beginCall(int number) {
        recordedThisCall = false;
        callStartNanos = System.nanoTime();
        call = number;
    }

    /**
     * Marks the end of the current call. A call that recorded no piece (lesson 01's one loop on the
     * calling thread) gets one: the whole range, on the thread that made the call.
     */
    public void endCall(long n) {
        callEndNanos = System.nanoTime();
        int number = call;
        String caller = threadName(Thread.currentThread());
        if (number >= 0 && !recordedThisCall) {
            pieces.add(new Piece(number, caller, 0, n, 0, callEndNanos - callStartNanos, Map.of()));
        }
        synchronized (calls) {
            calls.add(new Call(number, caller, callEndNanos - callStartNanos));
        }
        call = -1;
    }

    /** Ends the recording; the pieces stay readable. */
    public void stop() {
        synchronized (Timeline.class) {
            if (active == this) {
                active = null;
            }
        }
    }

    /** Every piece recorded, by call, then start time. */
    public List<Piece> pieces() {
        return pieces.stream()
                .sorted(Comparator.comparingInt(Piece::call)
                        .thenComparingLong(Piece::startNanos)
                        .thenComparingLong(Piece::from))
                .toList();
    }

    /** The pieces of one call, by start time. */
    public List<Piece> pieces(int callNumber) {
        return pieces().stream().filter(piece -> piece.call() == callNumber).toList();
    }

    /** The timed calls, in order. */
    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** A thread's name, or "#id" (a virtual thread's id) when it has none. */
    public static String threadName(Thread thread) {
        String name = thread.getName();
        if (name == null || name.isEmpty()) {
            return (thread.isVirtual() ? "virtual#" : "#") + thread.threadId();
        }
        return name;
    }

    /*
     * A virtual thread's toString names the carrier it is mounted on, for example
     * "VirtualThread[#31]/runnable@ForkJoinPool-1-worker-2"; that is the only place the JDK tells.
     */
    private static String carrierOf(Thread thread) {
        if (!thread.isVirtual()) {
            return null;
        }
        String text = thread.toString();
        int at = text.lastIndexOf('@');
        return at < 0 ? null : text.substring(at + 1);
    }
}
