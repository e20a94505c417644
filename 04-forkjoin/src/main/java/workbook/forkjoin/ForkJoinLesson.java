package workbook.forkjoin;

import java.util.List;
import workbook.harness.Lesson;

/** Registers lesson 04 with the workbook (see META-INF/services). */
public final class ForkJoinLesson implements Lesson {
    @Override
    public String id() {
        return "04";
    }

    @Override
    public String module() {
        return "04-forkjoin";
    }

    @Override
    public String title() {
        return "fork/join: split in halves, steal work, reduce in tiers";
    }

    @Override
    public List<Strategy> strategies() {
        return List.of(new Strategy("fork-join", true, workers -> new ForkJoinSum(workers)));
    }

    @Override
    public int commandLine(String... args) {
        return ForkJoinSum.commandLine(args);
    }
}
