package workbook.pool.lab;

import java.util.List;
import workbook.harness.CommandLineRun;
import workbook.harness.Lab;
import workbook.harness.LabCli;

/** Runs a lab as ./workbook lab 03 NAME does, and reads its table. */
final class LabRuns {
    private LabRuns() {}

    static CommandLineRun run(Lab lab, String... args) {
        return CommandLineRun.of((out, err, arguments) -> LabCli.run(lab, out, err, arguments), args);
    }

    /** The table's rows without its header and separator, each split into its cells. */
    static List<List<String>> rows(String markdown) {
        return markdown.lines()
                .filter(line -> line.startsWith("| "))
                .skip(1)
                .map(line -> List.of(line.substring(2, line.length() - 2).split(" \\| ")))
                .toList();
    }
}
