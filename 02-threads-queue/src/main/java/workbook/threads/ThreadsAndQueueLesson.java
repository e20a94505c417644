package workbook.threads;

import java.util.List;
import workbook.harness.Lesson;

/** Registers lesson 02 with the workbook (see META-INF/services). */
public final class ThreadsAndQueueLesson implements Lesson {
    @Override
    public String id() {
        return "02";
    }

    @Override
    public String module() {
        return "02-threads-queue";
    }

    @Override
    public String title() {
        return "platform threads by hand, partial sums on a BlockingQueue, join";
    }

    @Override
    public List<Strategy> strategies() {
        return List.of(new Strategy("threads-and-queue", true, ThreadsAndQueue::new));
    }

    @Override
    public int commandLine(String... args) {
        return ThreadsAndQueue.commandLine(args);
    }
}
