package workbook.limits;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;
import workbook.harness.Lesson;
import workbook.harness.LessonCli;
import workbook.limits.Total.Share;

/** Lesson 08's descriptor: what the workbook lists and runs, and the lesson's command line. */
public final class LimitsLesson implements Lesson {

    @Override
    public String module() {
        return "08-limits";
    }

    @Override
    public String title() {
        return "what stops the speedup: a shared total, false sharing, memory, uneven work, the serial part";
    }

    /*
     * What ./workbook run and bench time: each worker its own sum, and the one shared total that
     * keeps up with it (LongAdder). The other shares take from seconds to a minute at the n those
     * commands use, and teach nothing more there than the shared-total lab shows at a smaller n;
     * they are one --share away.
     */
    @Override
    public List<Strategy> strategies() {
        return List.of(
                new Strategy(Share.LOCAL.word(), true, workers -> new SharedTotal(workers, Share.LOCAL)),
                new Strategy(Share.ADDER.word(), true, workers -> new SharedTotal(workers, Share.ADDER)));
    }

    /* What the workshop says after a DONE, when the learner's code is slower than the solution's. */
    @Override
    public Advice advice() {
        return Advice.whenSlow("a shared total written for every number (or a sum the workers keep side by side in"
                + " one cache line) instead of each worker's own local sum");
    }

    /** The lesson's own option, beside the shared --n, --workers, --seed and the rest. */
    static final class Choices {
        @Option(
                names = "--share",
                paramLabel = "WAY",
                description = "where the workers add their numbers: local (each its own sum, the default), adder"
                        + " (one LongAdder), atomic (one AtomicLong), lock (one long behind a lock) or slots (one"
                        + " slot each, side by side in one long[])")
        String share = Share.LOCAL.word();
    }

    @Override
    public int commandLine(PrintWriter out, PrintWriter err, String... args) {
        Choices chosen = new Choices();
        return LessonCli.of(this, () -> chosen.share)
                .description(
                        "Lesson 08: sum n random integers on a fixed pool, one chunk per worker, each worker adding",
                        "into its own sum (--share local) or into one total they all share (adder, atomic, lock,"
                                + " slots).",
                        "Its labs: ./workbook lab 08 shared-total, false-sharing, memory, uneven-work and serial-part.")
                .options(chosen)
                .strategy(options -> new SharedTotal(options.workers(), Share.of(chosen.share)))
                .run(out, err, args);
    }
}
