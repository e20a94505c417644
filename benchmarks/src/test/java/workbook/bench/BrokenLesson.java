package workbook.bench;

import java.io.PrintWriter;
import java.util.List;
import workbook.harness.Lesson;

/** A lesson whose first strategy always throws, and whose second works: one failure must not stop the sweep. */
public final class BrokenLesson implements Lesson {
    @Override
    public String module() {
        return "04-broken";
    }

    @Override
    public String title() {
        return "test fixture: a strategy that throws";
    }

    @Override
    public List<Strategy> strategies() {
        return List.of(
                new Strategy("broken", false, workers -> workload -> {
                    throw new IllegalStateException("worker lost");
                }),
                new Strategy("thread-per-chunk", true, TestThreadsLesson.ThreadPerChunk::new));
    }

    @Override
    public int commandLine(PrintWriter out, PrintWriter err, String... args) {
        return 2;
    }
}
