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
    private final Lab lab;
    private final List<String> labArgs;
    private final List<LabTable> tables = new ArrayList<>();

    LabReport(String labName, PrintWriter progress, Lab lab, List<String> labArgs) {
        this.labName = labName;
        this.progress = progress;
        this.lab = lab;
        this.labArgs = List.copyOf(labArgs);
    }

    /**
     * Times the lab's {@link Lab#rows()} on {@code workload}, each in JVMs of its own, in
     * interleaved rounds ({@link Forks}); the results come back in the order of the rows.
     */
    public List<Forks.Result> time(Workload workload, Forks.Plan plan) {
        List<Lab.Row> rows = lab.rows();
        List<Forks.Contender> contenders = new ArrayList<>();
        for (int row = 0; row < rows.size(); row++) {
            contenders.add(new Forks.Contender(
                    lab.lesson(),
                    rows.get(row).name(),
                    rows.get(row).workers(),
                    Fork.Recipe.labRow(lab, row, labArgs)));
        }
        return Forks.measure(contenders, workload, plan, new Forks.Listener() {
            @Override
            public void forkStarted(int fork, int forks) {
                progress("JVMs " + fork + " of " + forks + ": one per row, " + rows.size() + " rows");
            }

            @Override
            public void roundFinished(int fork, int round, int rounds) {
                progress("JVMs " + fork + ", round " + round + " of " + rounds + " done");
            }
        });
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
