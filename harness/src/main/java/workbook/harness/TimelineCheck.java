package workbook.harness;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import workbook.harness.Timeline.Piece;

/**
 * Checks on a recording that lesson tests and labs share. The timeline doubles as a proof of the
 * split: if the pieces of one call cover {@code [0, n)} exactly once, every number was summed and
 * none twice, whatever the strategy did to hand the work out.
 */
public final class TimelineCheck {
    private TimelineCheck() {}

    /**
     * Empty when the pieces (all of one call) tile {@code [0, n)}: no gap, no overlap, nothing
     * outside. Otherwise one sentence on the first fault, for an assertion message. Empty pieces
     * ({@code from == to}, a chunk of a split with more chunks than numbers) cover nothing and are
     * allowed anywhere inside the range.
     *
     * <p>A lesson that records work it then throws away (a cluster chunk whose member left before
     * answering) leaves those pieces out before it asks.
     */
    public static Optional<String> tiles(List<Piece> pieces, long n) {
        Set<Integer> calls = new LinkedHashSet<>();
        pieces.forEach(piece -> calls.add(piece.call()));
        if (calls.size() > 1) {
            return Optional.of("the pieces belong to calls " + calls + "; check one call at a time");
        }
        List<Piece> byFrom = pieces.stream()
                .sorted(Comparator.comparingLong(Piece::from).thenComparingLong(Piece::to))
                .toList();
        long coveredTo = 0;
        Piece previous = null;
        for (Piece piece : byFrom) {
            if (piece.from() < 0 || piece.to() > n || piece.from() > piece.to()) {
                return Optional.of(name(piece) + " is not a range inside [0, " + n + ")");
            }
            if (piece.size() == 0) {
                continue;
            }
            if (piece.from() > coveredTo) {
                return Optional.of("gap: [" + coveredTo + ", " + piece.from() + ") is in no piece"
                        + (previous == null ? "" : " (between " + name(previous) + " and " + name(piece) + ")"));
            }
            if (piece.from() < coveredTo) {
                return Optional.of("overlap: [" + piece.from() + ", " + Math.min(coveredTo, piece.to())
                        + ") was summed twice (by " + name(previous) + " and " + name(piece) + ")");
            }
            coveredTo = piece.to();
            previous = piece;
        }
        if (coveredTo < n) {
            return Optional.of("gap: [" + coveredTo + ", " + n + ") is in no piece"
                    + (previous == null ? "" : " (after " + name(previous) + ")"));
        }
        return Optional.empty();
    }

    /**
     * Empty when every call of the recording tiles {@code [0, n)}, otherwise the first fault,
     * naming its call. A recording without a call fails too: it proves nothing.
     */
    public static Optional<String> everyCallTiles(Timeline timeline, long n) {
        List<Timeline.Call> calls = timeline.calls();
        if (calls.isEmpty()) {
            return Optional.of("the recording holds no call");
        }
        for (Timeline.Call call : calls) {
            Optional<String> fault = tiles(timeline.pieces(call.number()), n);
            if (fault.isPresent()) {
                return Optional.of("call " + call.number() + ": " + fault.get());
            }
        }
        return Optional.empty();
    }

    /**
     * The threads that summed a piece, in the order they began their first one: the rows a chart
     * of these pieces has. A test compares it with the threads the strategy should have used
     * ({@code --workers 2}: two names).
     */
    public static Set<String> threads(List<Piece> pieces) {
        Set<String> threads = new LinkedHashSet<>();
        pieces.stream()
                .sorted(Comparator.comparingLong(Piece::startNanos))
                .forEach(piece -> threads.add(piece.thread()));
        return threads;
    }

    private static String name(Piece piece) {
        return "[" + piece.from() + ", " + piece.to() + ") on " + piece.thread();
    }
}
