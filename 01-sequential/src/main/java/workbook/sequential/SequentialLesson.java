package workbook.sequential;

import java.io.PrintWriter;
import java.util.List;
import workbook.harness.Lesson;
import workbook.harness.LessonCli;

/** Lesson 01's descriptor: what the workbook lists and runs, and the lesson's command line. */
public final class SequentialLesson implements Lesson {
    @Override
    public String id() {
        return "01";
    }

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
