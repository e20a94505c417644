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
        List<Forks.Contender> contenders = contenders();
        return Forks.measure(contenders, workload, plan, new Forks.Listener() {
            @Override
            public void forkStarted(int fork, int forks) {
                progress("JVMs " + fork + " of " + forks + ": one per row, " + rows(contenders));
            }

            @Override
            public void roundFinished(int fork, int round, int rounds) {
                progress("JVMs " + fork + ", round " + round + " of " + rounds + " done");
            }
        });
    }

    /**
     * What one call of each of the lab's {@link Lab#rows()} costs on {@code workload}, each in JVMs of
     * its own, in interleaved batches of back-to-back calls ({@link CallCost#measureForked}):
     * {@code plan}'s warm-up is in rounds, its repeat in batches. Every call must give the oracle's
     * sum. The results come back in the order of the rows.
     */
    public List<CallCost.ForkedCost> callCost(Workload workload, Forks.Plan plan) {
        List<Forks.Contender> contenders = contenders();
        return CallCost.measureForked(contenders, workload, Oracle.sum(workload), plan, new Forks.Listener() {
            @Override
            public void forkStarted(int fork, int forks) {
                progress("JVMs " + fork + " of " + forks + ": one per row, " + rows(contenders)
                        + "; calibrating and warming up");
            }

            @Override
            public void roundFinished(int fork, int round, int rounds) {
                if (round == rounds) {
                    progress("JVMs " + fork + ": " + rounds + " interleaved batches of each row done");
                }
            }
        });
    }

    private static String rows(List<Forks.Contender> contenders) {
        return contenders.size() + (contenders.size() == 1 ? " row" : " rows");
    }

    /* One contender per row, built in its JVM from the lab's class, the row's index and the lab's arguments. */
    private List<Forks.Contender> contenders() {
        List<Lab.Row> rows = lab.rows();
        String lesson = lab.lesson();
        List<Forks.Contender> contenders = new ArrayList<>();
        for (int row = 0; row < rows.size(); row++) {
            contenders.add(new Forks.Contender(
                    lesson,
                    rows.get(row).name(),
                    rows.get(row).workers(),
                    Fork.Recipe.labRow(lab, row, labArgs),
                    rows.get(row).sumVaries()));
        }
        return contenders;
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
