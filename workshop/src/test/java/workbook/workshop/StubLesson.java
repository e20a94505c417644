package workbook.workshop;

import java.io.PrintWriter;
import java.util.List;
import workbook.harness.ExitCode;
import workbook.harness.Lesson;

/** A descriptor that only names its module, for tests that need a lesson folder and nothing it runs. */
record StubLesson(String module) implements Lesson {
    @Override
    public String title() {
        return "a stub";
    }

    @Override
    public List<Strategy> strategies() {
        return List.of();
    }

    @Override
    public int commandLine(PrintWriter out, PrintWriter err, String... args) {
        return ExitCode.BAD_INPUT;
    }
}
