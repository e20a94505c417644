package workbook.sequential;

import java.util.List;
import workbook.harness.Lesson;

/** Registers lesson 01 with the workbook (see META-INF/services). */
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
    public int commandLine(String... args) {
        return Sequential.commandLine(args);
    }
}
