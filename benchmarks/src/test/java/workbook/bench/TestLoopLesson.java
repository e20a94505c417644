package workbook.bench;

import java.io.PrintWriter;
import java.util.List;
import workbook.harness.Lesson;

/**
 * Stands in for lesson 01 in this module's tests, where no real lesson is on the class path (the
 * benchmark module depends on none). A real loop over {@code valueAt}, not a stub: the sweep
 * checks its sums against the oracle.
 */
public final class TestLoopLesson implements Lesson {
    @Override
    public String module() {
        return "01-test-loop";
    }

    @Override
    public boolean baseline() {
        return true;
    }

    @Override
    public String title() {
        return "test fixture: one thread, one loop";
    }

    @Override
    public List<Strategy> strategies() {
        return List.of(new Strategy("loop", false, workers -> workload -> {
            long total = 0;
            for (long index = 0; index < workload.n(); index++) {
                total += workload.valueAt(index);
            }
            return total;
        }));
    }

    @Override
    public int commandLine(PrintWriter out, PrintWriter err, String... args) {
        return 2;
    }
}
