package workbook.harness;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import workbook.harness.Timeline.Piece;

/**
 * Writes a recording where {@code --timeline TARGET} says: {@code FILE.jsonl} gets every piece of
 * every call as one JSON object per line, {@code FILE.svg} a chart of the call of median duration,
 * and {@code -} a text chart of the same call on the terminal.
 */
public final class TimelineWriter {
    private TimelineWriter() {}

    /**
     * What a chart's title names (the lesson and strategy, the workload's size, the workers and
     * the machine's cores) and what its legend says each kind of marked piece means: the lesson's
     * {@link Lesson#pieceKinds()}.
     */
    public record Title(String lesson, String strategy, long n, int workers, int cores, Map<String, String> kinds) {
        public Title {
            kinds = Map.copyOf(kinds);
        }

        /** A title for a lesson whose pieces carry no kind. */
        public Title(String lesson, String strategy, long n, int workers, int cores) {
            this(lesson, strategy, n, workers, cores, Map.of());
        }

        /**
         * The title of a measurement, with the strategy's own count of the threads that ran when
         * its settings say it, and the lesson's kinds of piece.
         */
        public static Title of(
                Measurement measurement, Machine machine, Map<String, Object> settings, Map<String, String> kinds) {
            int workers = settings.get("workers") instanceof Number ran ? ran.intValue() : measurement.workers();
            return new Title(
                    measurement.lesson(),
                    measurement.strategy(),
                    measurement.workload().n(),
                    workers,
                    machine.cores(),
                    kinds);
        }

        /** "02-threads-queue · threads-and-queue · n = 10,000,000 · 2 workers · 2 cores". */
        public String heading(String separator) {
            return String.join(
                    separator,
                    lesson,
                    strategy,
                    "n = " + Report.grouped(n),
                    workers + (workers == 1 ? " worker" : " workers"),
                    cores + (cores == 1 ? " core" : " cores"));
        }

        /** What a kind of piece means: the lesson's words, or the plain piece's. */
        public String meaning(String kind) {
            if (kind.equals(TimelineCall.PLAIN)) {
                return "one piece [from, to) summed by one thread";
            }
            return kinds.getOrDefault(kind, "a piece marked " + kind);
        }
    }

    /** The fields every line of a .jsonl file starts with; a lesson's extra fields follow. */
    private static final Set<String> PIECE_FIELDS = Set.of("call", "thread", "from", "to", "start_ns", "end_ns");

    /**
     * Refuses a target that is neither {@code -}, a {@code .jsonl} file nor a {@code .svg} file,
     * or whose folder does not exist, with one line naming it. Call it before the measurement, so
     * that a typo costs nothing.
     */
    public static void checkTarget(String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        if (!target.equals("-") && !lower.endsWith(".jsonl") && !lower.endsWith(".svg")) {
            throw new IllegalArgumentException("--timeline '" + target
                    + "': give FILE.jsonl (every piece as JSON lines), FILE.svg (a chart) or - (a chart here)");
        }
        if (!target.equals("-")) {
            Path folder = Path.of(target).toAbsolutePath().getParent();
            if (folder != null && !Files.isDirectory(folder)) {
                throw new IllegalArgumentException(
                        "--timeline '" + target + "': there is no folder " + folder + " to write it in");
            }
        }
    }

    /**
     * Writes the recording to {@code target} ({@link #checkTarget} says which targets work). The
     * text chart goes to {@code terminal}; for a file, one line there says what was written.
     */
    public static void write(Timeline timeline, String target, Title title, PrintWriter terminal) throws IOException {
        checkTarget(target);
        if (target.equals("-")) {
            terminal.print(TimelineText.render(TimelineCall.median(timeline), title));
        } else if (target.toLowerCase(Locale.ROOT).endsWith(".svg")) {
            TimelineCall call = TimelineCall.median(timeline);
            Files.writeString(Path.of(target), TimelineSvg.render(call, title), StandardCharsets.UTF_8);
            terminal.println("timeline: drew " + call.description() + " in " + target);
        } else {
            List<Piece> pieces = timeline.pieces();
            try (BufferedWriter out = Files.newBufferedWriter(Path.of(target), StandardCharsets.UTF_8)) {
                for (Piece piece : pieces) {
                    out.write(jsonLine(piece));
                    out.newLine();
                }
            }
            terminal.println("timeline: wrote " + pieces.size() + " pieces of "
                    + timeline.calls().size() + " calls to " + target);
        }
        terminal.flush();
    }

    /**
     * One piece as one JSON object: the six fields every piece has, then the lesson's own fields by
     * name ({@code carrier}, {@code member}, {@code rerun}); a lesson's field never hides one of the six.
     */
    public static String jsonLine(Piece piece) {
        Json json = new Json()
                .put("call", piece.call())
                .put("thread", piece.thread())
                .put("from", piece.from())
                .put("to", piece.to())
                .put("start_ns", piece.startNanos())
                .put("end_ns", piece.endNanos());
        new TreeMap<>(piece.extra()).forEach((key, value) -> {
            if (!PIECE_FIELDS.contains(key)) {
                json.put(key, value);
            }
        });
        return json.toString();
    }
}
