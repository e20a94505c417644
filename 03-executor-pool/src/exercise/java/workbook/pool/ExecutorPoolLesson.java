package workbook.pool;

import java.util.List;
import workbook.harness.Lesson;

/** Registers lesson 03 with the workbook (see META-INF/services). */
public final class ExecutorPoolLesson implements Lesson {
    @Override
    public String id() {
        return "03";
    }

    @Override
    public String module() {
        return "03-executor-pool";
    }

    @Override
    public String title() {
        return "a pool of workers (invokeAll), and the parallel-stream one-liner";
    }

    /*
     * The parallel stream counts as using workers (it does run on several threads), but it cannot
     * be told how many: it always uses the common pool plus the calling thread.
     */
    @Override
    public List<Strategy> strategies() {
        return List.of(
                new Strategy(ExecutorPool.POOL, true, workers -> new ExecutorPool(workers)),
                new Strategy(ExecutorPool.PARALLEL_STREAM, true, workers -> new ExecutorPool.ParallelStream()));
    }

    @Override
    public int commandLine(String... args) {
        return ExecutorPool.commandLine(args);
    }
}
