package workbook.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A lab's result as a Markdown table, the way every measured table in the docs looks:
 *
 * <ul>
 *   <li>a caption: the title, the workload, the workers, how it was measured, and the machine
 *       (cores, CPU, JDK), so a number is never read without its context;
 *   <li>the table ({@link Table}: first column left-aligned, the others right-aligned);
 *   <li>notes, if any: what the numbers say, computed from them;
 *   <li>a footer on the sums: every sum the lab recorded with {@link #sum} is compared with the
 *       oracle of its workload (the JDK's {@code SplittableRandom} on one thread) and, through it,
 *       with every other sum of that workload.
 * </ul>
 */
public final class LabTable {
    private final String title;
    private String workloadText = "";
    private String workersText = "";
    private String runsText = "";
    private Table grid = Table.of();
    private final List<String> notes = new ArrayList<>();
    private final List<CheckedSum> sums = new ArrayList<>();
    /* Unchecked sums by what is said of them ("5,002,717 (another sequence)"), with their labels. */
    private final Map<String, List<String>> uncheckedSums = new LinkedHashMap<>();

    private record CheckedSum(String label, Workload workload, long sum) {}

    private LabTable(String title) {
        this.title = title;
    }

    public static LabTable titled(String title) {
        return new LabTable(title);
    }

    /** The caption names this workload: "n = 1,000,000 numbers in [0, 10], seed 42". */
    public LabTable workload(Workload workload) {
        workloadText = "n = " + Report.grouped(workload.n()) + " numbers in [" + workload.lo() + ", " + workload.hi()
                + "], seed " + workload.seed();
        return this;
    }

    /** For a table over several workloads: what they are, in words ("n from 1 to 100,000, seed 42"). */
    public LabTable workloads(String description) {
        workloadText = description;
        return this;
    }

    public LabTable workers(int workers) {
        workersText = workers + (workers == 1 ? " worker" : " workers");
        return this;
    }

    /** The usual wording: "median of 5 runs after 2 warm-up". */
    public LabTable runs(int repeat, int warmup) {
        return measured("median of " + repeat + (repeat == 1 ? " run" : " runs") + " after " + warmup + " warm-up");
    }

    /** How the numbers were measured, in words, when it is not {@link #runs}. */
    public LabTable measured(String description) {
        runsText = description;
        return this;
    }

    public LabTable columns(String... headers) {
        grid = Table.of(headers);
        return this;
    }

    /** One row; its cells are shown with {@code String.valueOf}. */
    public LabTable row(Object... cells) {
        grid.row(cells);
        return this;
    }

    /** A paragraph printed after the table. */
    public LabTable note(String paragraph) {
        notes.add(paragraph);
        return this;
    }

    /** The one note for the rows whose JVMs disagree, if any ({@link Forks#disagreements}). */
    public LabTable disagreements(List<? extends Forks.Spread> spreads, List<String> rows) {
        Forks.disagreements(spreads, rows).ifPresent(notes::add);
        return this;
    }

    /** A sum the lab computed for {@code workload}; the footer checks it against the oracle. */
    public LabTable sum(String label, Workload workload, long sum) {
        sums.add(new CheckedSum(label, workload, sum));
        return this;
    }

    /** A sum that is not the workload's by design (a different generator); shown, not checked. */
    public LabTable uncheckedSum(String label, long sum, String why) {
        uncheckedSums
                .computeIfAbsent(Report.grouped(sum) + " (" + why + ")", text -> new ArrayList<>())
                .add(label);
        return this;
    }

    /** The recorded sums that differ from their oracle, as "label: sum, the oracle says expected". */
    public List<String> wrongSums() {
        List<String> wrong = new ArrayList<>();
        for (CheckedSum checked : sums) {
            long expected = oracle(checked.workload());
            if (checked.sum() != expected) {
                wrong.add(checked.label() + " gave " + Report.grouped(checked.sum()) + ", the oracle says "
                        + Report.grouped(expected));
            }
        }
        return wrong;
    }

    public String title() {
        return title;
    }

    /** The whole table as Markdown: caption, table, notes and the footer on the sums. */
    public String markdown(Machine machine) {
        StringBuilder out = new StringBuilder();
        List<String> context = new ArrayList<>();
        for (String part : List.of(workloadText, workersText, runsText)) {
            if (!part.isEmpty()) {
                context.add(part);
            }
        }
        out.append("**").append(title).append(".** ");
        if (!context.isEmpty()) {
            out.append(String.join("; ", context)).append(". ");
        }
        out.append("Machine: ").append(machine.description()).append(".\n\n");
        out.append(grid.markdown());
        for (String note : notes) {
            out.append('\n').append(note).append('\n');
        }
        String footer = footer();
        if (!footer.isEmpty()) {
            out.append('\n').append(footer).append('\n');
        }
        return out.toString();
    }

    private String footer() {
        List<String> parts = new ArrayList<>();
        if (!sums.isEmpty()) {
            List<String> wrong = wrongSums();
            long workloads = sums.stream().map(CheckedSum::workload).distinct().count();
            if (!wrong.isEmpty()) {
                parts.add("Sums: WRONG: " + String.join("; ", wrong) + ".");
            } else if (workloads == 1) {
                parts.add(String.format(
                        Locale.ROOT,
                        "Sums: all %d agree with each other and with the oracle (%s).",
                        sums.size(),
                        Report.grouped(sums.getFirst().sum())));
            } else {
                parts.add(String.format(
                        Locale.ROOT,
                        "Sums: all %d agree with the oracle of their workload (%d workloads), so with each other.",
                        sums.size(),
                        workloads));
            }
        }
        uncheckedSums.forEach(
                (text, labels) -> parts.add("Not checked: " + String.join(" and ", labels) + ": " + text + "."));
        return String.join(" ", parts);
    }

    private static long oracle(Workload workload) {
        return Oracle.sumOnce(workload);
    }
}
