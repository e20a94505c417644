package workbook.limits.lab;

import java.util.ArrayList;
import java.util.List;
import workbook.harness.Forks;
import workbook.harness.LabTable;

/*
 * One note under a lab 08 table for all of its rows whose JVMs were more than 10 % apart, where
 * the harness's own note takes a paragraph per row: on a machine shared with other programs
 * most rows are, and the "JVMs apart" column already gives each figure.
 */
final class Disagreements {
    private Disagreements() {}

    /** The note for the rows at {@code rows} (indexes into {@code measured}), named by {@code names}. */
    static void note(LabTable table, List<Forks.Result> measured, List<Integer> rows, List<String> names) {
        List<String> apart = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (measured.get(rows.get(i)).forksDisagree()) {
                apart.add(names.get(i));
            }
        }
        if (!apart.isEmpty()) {
            table.note("Note: the JVMs of " + String.join(", ", apart) + " were more than 10 % apart (the column"
                    + " \"JVMs apart\"); each median folds its JVMs together.");
        }
    }

    /** The same for every row of {@code measured}, named in order by {@code names}. */
    static void note(LabTable table, List<Forks.Result> measured, List<String> names) {
        note(
                table,
                measured,
                java.util.stream.IntStream.range(0, names.size()).boxed().toList(),
                names);
    }
}
