package workbook.bench;

import java.io.PrintWriter;
import java.util.List;
import workbook.harness.Lesson;

/** A lesson whose sum is one too many: the sweep must name it, in its own JVM as anywhere. */
public final class OffByOneLesson implements Lesson {
    @Override
    public String module() {
        return "03-off-by-one";
    }

    @Override
    public String title() {
        return "test fixture: one too many";
    }

    @Override
    public List<Strategy> strategies() {
        return List.of(new Strategy("off-by-one", false, workers -> workload -> workload.sumAll() + 1));
    }

    @Override
    public int commandLine(PrintWriter out, PrintWriter err, String... args) {
        return 2;
    }
}
