package workbook.cluster.lab;

import java.util.List;
import workbook.harness.CommandLineRun;
import workbook.harness.Lab;
import workbook.harness.LabCli;

/** Runs a lab as ./workbook lab 06 NAME does, and reads its tables. */
final class LabRuns {
    private LabRuns() {}

    static CommandLineRun run(Lab lab, String... args) {
        return CommandLineRun.of((out, err, arguments) -> LabCli.run(lab, out, err, arguments), args);
    }

    /* The rows of every table, without the headers and separators, each split into its cells. */
    static List<List<String>> rows(String markdown) {
        return markdown.lines()
                .filter(line -> line.startsWith("| ") && !line.startsWith("| what |") && !line.startsWith("| hosts M"))
                .filter(line -> !line.startsWith("| call |"))
                .map(line -> List.of(line.substring(2, line.length() - 2).split(" \\| ")))
                .toList();
    }
}
