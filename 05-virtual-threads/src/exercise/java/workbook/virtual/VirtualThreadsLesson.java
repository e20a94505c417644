package workbook.virtual;

import java.util.List;
import workbook.harness.Lesson;

/** Registers lesson 05 with the workbook (see META-INF/services). */
public final class VirtualThreadsLesson implements Lesson {
    @Override
    public String id() {
        return "05";
    }

    @Override
    public String module() {
        return "05-virtual-threads";
    }

    @Override
    public String title() {
        return "virtual threads: one per chunk, no faster for computing, far faster for waiting";
    }

    /** For `./workbook run`, one virtual thread per worker: the same chunks as the pools of lessons 02 and 03. */
    @Override
    public List<Strategy> strategies() {
        return List.of(new Strategy("virtual-threads", true, VirtualThreads::new));
    }

    @Override
    public int commandLine(String... args) {
        return VirtualThreads.commandLine(args);
    }
}
