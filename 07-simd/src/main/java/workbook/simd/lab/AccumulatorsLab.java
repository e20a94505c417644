package workbook.simd.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import workbook.harness.Machine;
import workbook.harness.Measurement;
import workbook.harness.Oracle;
import workbook.harness.Report;
import workbook.harness.SumStrategy;
import workbook.harness.Timer;
import workbook.harness.WholeNumber;
import workbook.harness.Workload;
import workbook.simd.SimdSum;

/**
 * The accumulators lab: lesson 07's strategy with 1, 2 and 4 accumulators, on the lanes of one
 * core and on every core, beside the scalar loop every other lesson runs (the harness's
 * {@code Workload.sumRange}, on the calling thread). All are timed side by side in interleaved
 * rounds, so a slow minute on a shared machine slows them alike.
 *
 * <p>What to look for: the speedup of one worker's lanes over the scalar loop (the width of the
 * vectors, less what the mixing costs in lanes); whether 2 accumulators beat 1 (here the steps do
 * not wait on the multiplies, so little); and 4, where the JIT stops inlining (LaneKernel's and
 * UnrolledKernels' comments say why).
 */
public final class AccumulatorsLab {
    private AccumulatorsLab() {}

    private static final String SCALAR = "scalar loop (Workload.sumRange)";

    /** One line of the table: a kernel, its knobs (0 accumulators: the scalar loop), and its timed runs. */
    public record Row(String kernel, int workers, int accumulators, Measurement measurement) {}

    /** The scalar loop and every (workers, accumulators) pair, measured side by side. */
    public static List<Row> rows(Workload workload, int cores, int warmup, int repeat) throws InterruptedException {
        List<Row> shapes = new ArrayList<>();
        shapes.add(new Row(SCALAR, 1, 0, null));
        for (int workers : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
            for (int accumulators : new int[] {1, 2, 4}) {
                shapes.add(new Row("simd", workers, accumulators, null));
            }
        }
        List<Timer.Contender> contenders = new ArrayList<>();
        for (Row shape : shapes) {
            SumStrategy strategy = shape.kernel().equals(SCALAR)
                    ? w -> w.sumRange(0, w.n())
                    : new SimdSum(shape.workers(), shape.accumulators());
            String name = shape.kernel() + ", " + shape.accumulators() + " accumulators";
            contenders.add(new Timer.Contender("07-simd", name, strategy, shape.workers()));
        }
        try {
            List<Measurement> measured = Timer.measureInterleaved(contenders, workload, warmup, repeat, round -> {});
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < shapes.size(); i++) {
                Row shape = shapes.get(i);
                rows.add(new Row(shape.kernel(), shape.workers(), shape.accumulators(), measured.get(i)));
            }
            return rows;
        } finally {
            contenders.forEach(contender -> contender.strategy().close());
        }
    }

    /** The rows as a Markdown table (until the harness's lab table takes over), with the oracle check. */
    public static String markdown(List<Row> rows) {
        Measurement scalar = rows.getFirst().measurement();
        StringBuilder table = new StringBuilder();
        table.append(String.format(
                Locale.ROOT,
                "Accumulators: n = %s, %s; median of %d interleaved rounds after %d warm-up.%n%n",
                Report.grouped(scalar.workload().n()),
                Machine.current().summary(),
                scalar.runs(),
                scalar.warmup()));
        table.append("| kernel | workers | accumulators | median | ns per number | speedup over the scalar loop |\n");
        table.append("|---|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            Measurement m = row.measurement();
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %s | %.3f | %.2fx |%n",
                    row.kernel(),
                    row.workers(),
                    row.accumulators() == 0 ? "-" : Integer.toString(row.accumulators()),
                    Report.duration(m.medianNanos()),
                    m.nsPerNumber(),
                    m.speedupOver(scalar)));
        }
        long oracle = Oracle.sum(scalar.workload());
        boolean agree = rows.stream().allMatch(row -> row.measurement().sum() == oracle);
        table.append(String.format(
                Locale.ROOT,
                "%nAll %d sums %s the oracle's %s. Speedups are on %d cores.%n",
                rows.size(),
                agree ? "match" : "do NOT all match",
                Report.grouped(oracle),
                Machine.availableCores()));
        return table.toString();
    }

    /** {@code AccumulatorsLab [n]}: n defaults to 1e8; 2 warm-up runs and 5 rounds. */
    public static void main(String[] args) throws InterruptedException {
        long n = args.length > 0 ? WholeNumber.parse(args[0]) : 100_000_000L;
        System.out.print(markdown(rows(Workload.of(n, 42), Machine.availableCores(), 2, 5)));
    }
}
