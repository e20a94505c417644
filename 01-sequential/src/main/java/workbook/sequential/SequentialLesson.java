package workbook.sequential;

import java.io.PrintWriter;
import java.util.List;
import workbook.harness.Lesson;
import workbook.harness.LessonCli;

/** Lesson 01's descriptor: what the workbook lists and runs, and the lesson's command line. */
public final class SequentialLesson implements Lesson {
    @Override
    public String module() {
        return "01-sequential";
    }

    @Override
    public String title() {
        return "the direct loop: one thread, the yardstick";
    }

    @Override
    public List<Strategy> strategies() {
        return List.of(new Strategy("sequential", false, workers -> new Sequential()));
    }

    /* The yardstick: every speedup in the workbook is measured against this lesson. */
    @Override
    public boolean baseline() {
        return true;
    }

    /*
     * The one slip in this loop that reaches DONE and that a clock sees. A boxed total (Long
     * instead of long) is not named: the JIT removes the boxing, and it costs nothing.
     */
    @Override
    public Advice advice() {
        return Advice.whenSlow("a stream that boxes every number (a Stream<Long>, or a List of them, between the"
                + " numbers and the sum): an object per number");
    }

    /* The page's claim: the direct loop costs no more per number than the harness's own loop. */
    @Override
    public List<Target> targets() {
        return List.of(new Target.PerNumberWithin(1.1));
    }

    @Override
    public int commandLine(PrintWriter out, PrintWriter err, String... args) {
        return LessonCli.of(this, "sequential")
                .description(
                        "Lesson 01: sum n random integers with one plain loop on one thread.",
                        "Every other lesson must return exactly this sum; their speedups are measured against it.")
                .singleThreaded()
                .strategy(options -> new Sequential())
                .run(out, err, args);
    }
}
