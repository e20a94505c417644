package workbook.harness;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a running lab hands its results to: the tables (printed on standard output when the lab
 * ends) and progress lines (on standard error at once, so a long lab is never silent and its
 * output stays a clean Markdown page).
 */
public final class LabReport {
    private final String labName;
    private final PrintWriter progress;
    private final List<LabTable> tables = new ArrayList<>();

    LabReport(String labName, PrintWriter progress) {
        this.labName = labName;
        this.progress = progress;
    }

    /** Adds a table; tables are printed in the order they were added. */
    public LabTable add(LabTable table) {
        tables.add(table);
        return table;
    }

    /** One line of progress on standard error: "  threshold 1,000: 1.13 s". */
    public void progress(String line) {
        progress.println("  " + labName + ": " + line);
        progress.flush();
    }

    List<LabTable> tables() {
        return List.copyOf(tables);
    }
}
