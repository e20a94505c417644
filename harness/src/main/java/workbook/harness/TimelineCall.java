package workbook.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import workbook.harness.Timeline.Piece;

/**
 * One timed call of a recording, as the charts draw it: the call (its number, the thread that
 * made it, its duration), how many calls the recording holds, and the pieces of this call.
 *
 * <p>The charts show one call, not all of them: the runs of a measurement differ mostly by noise,
 * and the run of median duration is the honest example ({@link #median}).
 */
public record TimelineCall(Timeline.Call call, int callCount, List<Piece> pieces) {

    /** The kind of a piece that carries no mark: plain work. */
    public static final String PLAIN = "piece";

    public TimelineCall {
        pieces = pieces.stream()
                .sorted(Comparator.comparingLong(Piece::startNanos).thenComparingLong(Piece::from))
                .toList();
    }

    /**
     * The call of median duration (the lower of the two middle ones for an even count): a real
     * run, not an average of runs, and neither the lucky fastest nor a slowest one that met a
     * garbage collection or a busy neighbour.
     */
    public static TimelineCall median(Timeline timeline) {
        List<Timeline.Call> calls = timeline.calls();
        if (calls.isEmpty()) {
            throw new IllegalStateException("the timeline holds no call: nothing was recorded");
        }
        Timeline.Call median = medianOf(calls);
        return new TimelineCall(median, calls.size(), timeline.pieces(median.number()));
    }

    static Timeline.Call medianOf(List<Timeline.Call> calls) {
        List<Timeline.Call> byDuration = calls.stream()
                .sorted(Comparator.comparingLong(Timeline.Call::durationNanos))
                .toList();
        return byDuration.get((byDuration.size() - 1) / 2);
    }

    /** The call numbered {@code number}. */
    public static TimelineCall of(Timeline timeline, int number) {
        List<Timeline.Call> calls = timeline.calls();
        Timeline.Call wanted = calls.stream()
                .filter(c -> c.number() == number)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the timeline holds no call " + number));
        return new TimelineCall(wanted, calls.size(), timeline.pieces(number));
    }

    public int number() {
        return call.number();
    }

    public String caller() {
        return call.thread();
    }

    public long durationNanos() {
        return call.durationNanos();
    }

    /**
     * The threads that summed a piece, one per chart row: the caller first (when it summed a piece
     * itself, as lesson 01's one loop does), then in the order the threads began their first piece.
     * That order reads as a story: who started first, who joined late.
     */
    public List<String> rows() {
        Set<String> rows = new LinkedHashSet<>();
        if (pieces.stream().anyMatch(piece -> piece.thread().equals(caller()))) {
            rows.add(caller());
        }
        pieces.forEach(piece -> rows.add(piece.thread()));
        return List.copyOf(rows);
    }

    /** The pieces of each row, by start time. */
    public Map<String, List<Piece>> piecesByRow() {
        Map<String, List<Piece>> byRow = new LinkedHashMap<>();
        rows().forEach(row -> byRow.put(row, new ArrayList<>()));
        pieces.forEach(piece -> byRow.get(piece.thread()).add(piece));
        return byRow;
    }

    /** Where a chart's time axis begins: the call's start, or an earlier piece's start. */
    public long fromNanos() {
        return Math.min(0, pieces.stream().mapToLong(Piece::startNanos).min().orElse(0));
    }

    /**
     * Where a chart's time axis ends: the call's end, or a later piece's end (a piece timed on
     * another machine's clock can fall outside the call; the chart then shows it rather than cut it).
     */
    public long toNanos() {
        long lastEnd = pieces.stream().mapToLong(Piece::endNanos).max().orElse(0);
        return Math.max(Math.max(durationNanos(), lastEnd), fromNanos() + 1);
    }

    /**
     * What sort of piece this is, for its color: the {@code kind} a lesson set, or else the name of
     * the first field set to {@code true} (a {@code rerun}), or else {@link #PLAIN}.
     */
    public static String kind(Piece piece) {
        if (piece.extra().get("kind") instanceof String kind && !kind.isBlank()) {
            return kind;
        }
        return new TreeMap<>(piece.extra())
                .entrySet().stream()
                        .filter(field -> Boolean.TRUE.equals(field.getValue()))
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElse(PLAIN);
    }

    /** Every kind that occurs, the plain one first, then by name. */
    public List<String> kinds() {
        Set<String> kinds = new LinkedHashSet<>();
        List<String> marked =
                pieces.stream().map(TimelineCall::kind).distinct().sorted().toList();
        if (marked.contains(PLAIN)) {
            kinds.add(PLAIN);
        }
        kinds.addAll(marked);
        return List.copyOf(kinds);
    }

    /** "call #2 of 5, the one of median duration (12.3 ms)". */
    public String description() {
        String which = callCount == 1
                ? "call #" + number() + ", the only one"
                : "call #" + number() + " of " + callCount + ", the one of median duration";
        return which + " (" + Report.duration(durationNanos()) + ")";
    }
}
