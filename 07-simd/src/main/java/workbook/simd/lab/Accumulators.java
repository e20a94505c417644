package workbook.simd.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbook.harness.CommonOptions;
import workbook.harness.ForkOptions;
import workbook.harness.Forks;
import workbook.harness.Lab;
import workbook.harness.LabReport;
import workbook.harness.LabTable;
import workbook.harness.Measurement;
import workbook.harness.Report;
import workbook.harness.Workload;
import workbook.simd.SimdSum;

/*
 * Lab 07 accumulators: lesson 07's strategy with 1, 2 and 4 accumulators, on the lanes of one core
 * and on --workers cores, beside the scalar loop every other lesson runs (the harness's
 * Workload.sumRange, on the calling thread). Each runs in a JVM of its own: what the JIT inlines
 * and unrolls for one kernel depends on which kernels it has already compiled (see 4 accumulators
 * below), so a kernel is timed in a JVM that ran nothing else. All are timed side by side in
 * interleaved rounds across those JVMs, so a slow minute on a shared machine slows them alike. The
 * whole is repeated in --forks fresh sets of JVMs, 3 by default: the rows are quick, so a third set
 * costs little, and with three a JVM that stands apart from the other two is plain to see in the
 * "JVMs apart" column.
 *
 * What to look for: the speedup of one worker's lanes over the scalar loop (the width of the
 * vectors, less what the mixing costs in lanes); whether 2 accumulators beat 1 (here the steps do
 * not wait on the multiplies, so little); and 4, where the JIT stops inlining (LaneKernel's and
 * UnrolledKernels' comments say why).
 */
@Command(
        name = "accumulators",
        header = "the vector kernel with 1, 2 and 4 accumulators, on one core and on --workers, beside the scalar loop",
        description = "Times lesson 07's strategy with 1, 2 and 4 accumulators on 1 worker and on --workers workers,"
                + " and the scalar loop (Workload.sumRange) on one thread, each in JVMs of its own, side by side in"
                + " interleaved rounds.")
public final class Accumulators implements Lab {
    static final String SCALAR = "scalar loop (Workload.sumRange)";

    @Mixin
    CommonOptions options = new CommonOptions(CommonOptions.Defaults.LAB);

    @Mixin
    ForkOptions forks = new ForkOptions(3);

    /** One line of the table: a kernel and its knobs (0 accumulators: the scalar loop). */
    record Shape(String kernel, int workers, int accumulators) {}

    /** The scalar loop, then every (workers, accumulators) pair: 1 worker, and --workers if more. */
    static List<Shape> shapes(int workers) {
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Shape(SCALAR, 1, 0));
        for (int workerCount : workers > 1 ? new int[] {1, workers} : new int[] {1}) {
            for (int accumulators : new int[] {1, 2, 4}) {
                shapes.add(new Shape("simd", workerCount, accumulators));
            }
        }
        return shapes;
    }

    @Override
    public List<Lab.Row> rows() {
        List<Lab.Row> rows = new ArrayList<>();
        for (Shape shape : shapes(options.workers())) {
            String name = shape.kernel() + ", " + shape.workers() + (shape.workers() == 1 ? " worker, " : " workers, ")
                    + shape.accumulators() + " accumulators";
            rows.add(new Lab.Row(
                    name,
                    shape.workers(),
                    shape.kernel().equals(SCALAR)
                            ? () -> w -> w.sumRange(0, w.n())
                            : () -> new SimdSum(shape.workers(), shape.accumulators())));
        }
        return rows;
    }

    @Override
    public void run(LabReport report) {
        Workload workload = options.validate();
        report.add(table(workload, report.time(workload, forks.plan(options))));
    }

    /** The table of {@code measured}, one result per row of {@link #rows()}. */
    LabTable table(Workload workload, List<Forks.Result> measured) {
        List<Shape> shapes = shapes(options.workers());
        Measurement scalar = measured.getFirst().all();
        LabTable table = LabTable.titled("Vector lanes and accumulators")
                .workload(workload)
                .measured(forks.plan(options).inWords("row"))
                .columns(
                        "kernel",
                        "workers",
                        "accumulators",
                        "median",
                        "JVMs apart",
                        "ns per number",
                        "speedup over the scalar loop");
        for (int row = 0; row < shapes.size(); row++) {
            Shape shape = shapes.get(row);
            Measurement m = measured.get(row).all();
            table.row(
                    shape.kernel(),
                    shape.workers(),
                    shape.accumulators() == 0 ? "-" : shape.accumulators(),
                    Report.duration(m.medianNanos()),
                    measured.get(row).apart(),
                    String.format(Locale.ROOT, "%.3f", m.nsPerNumber()),
                    String.format(Locale.ROOT, "%.2fx", m.speedupOver(scalar)));
            table.sum(shape.kernel() + " " + shape.workers() + "/" + shape.accumulators(), workload, m.sum());
        }
        table.disagreements(
                measured,
                shapes.stream()
                        .map(shape -> shape.kernel() + ", " + shape.workers() + " workers"
                                + (shape.accumulators() == 0 ? "" : ", " + shape.accumulators() + " accumulators"))
                        .toList());
        return table;
    }
}
