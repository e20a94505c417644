package workbook.pool.lab;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import workbook.harness.Lesson;
import workbook.harness.SumStrategy;
import workbook.harness.Workload;

/**
 * Stands in for lesson 02 in the fixed-cost lab's test, registered only inside
 * {@code Services.with}: lesson 03's module does not depend on lesson 02, and its lab finds lesson
 * 02 the way {@code ./workbook run} does, through its descriptor. It records what it was asked for.
 */
public final class StandInLesson02 implements Lesson {
    /** "built for N workers", "closed": what happened to the strategies it handed out. */
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
        return "02";
    }

    @Override
    public String module() {
        return "02-stand-in";
    }

    @Override
    public String title() {
        return "a stand-in for lesson 02";
    }

    @Override
    public List<Strategy> strategies() {
        return List.of(new Strategy("threads-and-queue", true, workers -> {
            EVENTS.add("built for " + workers + " workers");
            return new SumStrategy() {
                @Override
                public long sum(Workload workload) {
                    return workload.sumAll();
                }

                @Override
                public void close() {
                    EVENTS.add("closed");
                }
            };
        }));
    }

    @Override
    public int commandLine(PrintWriter out, PrintWriter err, String... args) {
        return 0;
    }
}
