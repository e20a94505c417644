package workbook.cluster.members;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import workbook.harness.Timeline;

/*
 * The timeline of a cluster call: every partial sum that came back, drawn where it ran.
 *
 * A member times its chunk with its own System.nanoTime(), whose origin is its JVM's: the numbers
 * of two JVMs cannot be compared as they are, and the JVMs may be on different hosts. So each
 * JVM's clock is set against the caller's from the one thing certain about every chunk: it
 * started after the caller sent it and ended before the caller had its answer. Each chunk bounds
 * the offset between the two clocks, sent - start <= offset <= received - end; the chunks of one
 * JVM together narrow it to the tightest of those bounds, and the middle of what is left is used.
 * The error is at most half that interval's width (recorded as clock_error_ns): a round trip's
 * slack, tens of microseconds on loopback for the executor, up to a whole job's planning for Jet,
 * whose chunks are bounded only by the job's submission and end. Pieces from this very JVM
 * (embedded members) are on the caller's clock already: exact.
 *
 * Each piece carries its member and whether it was run again ("rerun") because its member left.
 * A chunk that came back more than once (a Jet job restarted after a member left: everything runs
 * again, and parts of the first run may have been written already) is drawn each time: the last
 * run as the rerun, the earlier ones marked lost, so that a check of the tiling can leave them out.
 */
public final class Pieces {
    private Pieces() {}

    /* One partial sum as it arrived: sent after sentNanos, answered by receivedNanos (the caller's clock). */
    public record Arrival(PartialSum piece, long sentNanos, long receivedNanos, boolean rerun) {}

    private record Clock(long offsetNanos, Long errorNanos) {}

    private record Placed(Arrival arrival, long startNanos, long endNanos, Long clockErrorNanos) {}

    /* Records the pieces on the timeline being recorded in this JVM; nothing when none is. */
    public static void record(List<Arrival> arrivals) {
        if (!Timeline.isRecording() || arrivals.isEmpty()) {
            return;
        }
        Map<String, Clock> clocks = new LinkedHashMap<>();
        arrivals.stream()
                .collect(Collectors.groupingBy(arrival -> arrival.piece().jvm()))
                .forEach((jvm, ofJvm) -> clocks.put(jvm, clockOf(jvm, ofJvm)));
        List<Placed> placed = new ArrayList<>();
        for (Arrival arrival : arrivals) {
            Clock clock = clocks.get(arrival.piece().jvm());
            placed.add(new Placed(
                    arrival,
                    arrival.piece().startNanos() + clock.offsetNanos(),
                    arrival.piece().endNanos() + clock.offsetNanos(),
                    clock.errorNanos()));
        }
        placed.stream()
                .collect(Collectors.groupingBy(piece -> piece.arrival().piece().chunk()))
                .values()
                .forEach(Pieces::recordChunk);
    }

    /* The runs of one chunk: the last one counts; any earlier one was lost. */
    private static void recordChunk(List<Placed> runs) {
        List<Placed> byStart = runs.stream()
                .sorted(Comparator.comparingLong(Placed::startNanos))
                .toList();
        for (int i = 0; i < byStart.size(); i++) {
            Placed run = byStart.get(i);
            boolean last = i == byStart.size() - 1;
            PartialSum piece = run.arrival().piece();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("member", piece.member());
            extra.put("rerun", last && (run.arrival().rerun() || byStart.size() > 1));
            if (!last) {
                extra.put("lost", true);
            }
            if (run.clockErrorNanos() != null) {
                extra.put("clock_error_ns", run.clockErrorNanos());
            }
            Timeline.record(piece.thread(), piece.from(), piece.to(), run.startNanos(), run.endNanos(), extra);
        }
    }

    /* The offset from a JVM's clock to this one's, and how far off it may be (null: exact). */
    private static Clock clockOf(String jvm, List<Arrival> arrivals) {
        if (jvm.equals(ChunkRuns.THIS_JVM)) {
            return new Clock(0, null);
        }
        long lowest = Long.MIN_VALUE;
        long highest = Long.MAX_VALUE;
        for (Arrival arrival : arrivals) {
            lowest = Math.max(lowest, arrival.sentNanos() - arrival.piece().startNanos());
            highest =
                    Math.min(highest, arrival.receivedNanos() - arrival.piece().endNanos());
        }
        // With clocks that tick alike, lowest <= highest; should they not, the middle is still the best guess.
        return new Clock(lowest + (highest - lowest) / 2, Math.abs(highest - lowest) / 2);
    }
}
